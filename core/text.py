"""Vietnamese text: one accent fold (what a citizen types without diacritics matches the text with them), slugs."""

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii
from django.utils.text import slugify

# đ/Đ have no Unicode decomposition, so stripping combining marks leaves them untouched.
_STROKED_D = str.maketrans({"đ": "d", "Đ": "D"})
_WHITESPACE = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """Fold one character: drop its combining marks, map đ to d, casefold. May return "" or several chars.

    Cached: a Vietnamese text uses a few hundred distinct characters.
    """
    decomposed = unicodedata.normalize("NFD", char.translate(_STROKED_D))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    # Casefolding can produce new combining marks (e.g. 'İ' -> 'i̇'); drop those too so the result is stable.
    return "".join(c for c in unicodedata.normalize("NFD", stripped) if not unicodedata.combining(c))


def fold_vietnamese(text: str) -> str:
    """'  Đắk  Lắk ' -> 'dak lak': NFC, no combining marks, đ/Đ -> d, casefolded, whitespace collapsed."""
    folded = "".join(fold_char(char) for char in unicodedata.normalize("NFC", text))
    return _WHITESPACE.sub(" ", folded).strip()


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold `text` (NFC) character by character, without collapsing whitespace.

    Returns the folded string and, for each of its characters, the index in `text` of the character it came
    from, so that a match found in the folded text can be highlighted in the original.
    """
    folded: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        piece = fold_char(char)
        folded.append(piece)
        offsets.extend([index] * len(piece))
    return "".join(folded), offsets


def fold_label(text: str) -> str:
    """A label folded for matching what people type: "Biên_tập viên" -> "bien tap vien" (underscores are spaces)."""
    return fold_vietnamese(text.replace("_", " "))


def ascii_slug(text: str) -> str:
    """ "Đăng ký thường trú" -> "dang-ky-thuong-tru": ASCII for addresses and file names (anyascii, which Wagtail
    brings, for scripts other than Latin); "" when nothing is left."""
    return slugify(anyascii(fold_vietnamese(text)).replace(" ", "-"))
