"""What a query is once cleaned: NFC letters and digits, single spaces, bounded; and its accent-free form."""

import unicodedata

from core.text import fold_vietnamese

QUERY_MAX_LENGTH = 100
# A query of more words than this is a pasted paragraph, not a search: the rest is dropped.
QUERY_MAX_WORDS = 12


def clean_query(raw: str) -> str:
    """The query as the citizen meant it: NFC, letters and digits only, single spaces, bounded length.

    Punctuation (and NUL, emoji, symbols) is dropped so that nothing typed can break the full-text query syntax of
    either database; a very long word list is cut to its first words.
    """
    text = unicodedata.normalize("NFC", raw or "")
    text = "".join(char if char.isalnum() else " " for char in text)
    words = text.split()[:QUERY_MAX_WORDS]
    return " ".join(words)[:QUERY_MAX_LENGTH].strip()


def folded_query(raw: str) -> str:
    """clean_query() without accents, case or đ: "Đăng  ký!" -> "dang ky"."""
    return fold_vietnamese(clean_query(raw))
