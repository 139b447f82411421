"""Vietnamese text without its diacritics, for matching names people type and for ASCII addresses."""

import unicodedata


def fold_vietnamese(value: str) -> str:
    """Lower case without diacritics ("Lãnh đạo" -> "lanh dao"), white space folded: for matching labels.

    đ/Đ have no Unicode decomposition: they are mapped to d/D before the marks are stripped.
    """
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.replace("_", " ").casefold().split())
