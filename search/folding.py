"""Accent folding for Vietnamese: what a citizen types without diacritics must match the text with them."""

import re
import unicodedata

# đ/Đ have no Unicode decomposition, so stripping combining marks leaves them untouched.
_STROKED_D = str.maketrans({"đ": "d", "Đ": "D"})
_WHITESPACE = re.compile(r"\s+")


def fold_char(char: str) -> str:
    """Fold one NFC character: drop its combining marks, map đ to d, casefold. May return "" or several chars."""
    decomposed = unicodedata.normalize("NFD", char.translate(_STROKED_D))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold()


def fold_vietnamese(text: str) -> str:
    """'  Đắk  Lắk ' -> 'dak lak': NFC, no combining marks, đ/Đ -> d, casefolded, whitespace collapsed."""
    nfc = unicodedata.normalize("NFC", text)
    folded = "".join(fold_char(char) for char in nfc)
    # Casefolding can produce new combining marks (e.g. 'İ' -> 'i̇'); fold once more so the result is stable.
    folded = "".join(c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c))
    return _WHITESPACE.sub(" ", folded).strip()


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold `text` character by character, without collapsing whitespace.

    Returns the folded string and, for each of its characters, the index in `text` of the character it came
    from, so that a match found in the folded text can be highlighted in the original.
    """
    folded: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        piece = fold_char(unicodedata.normalize("NFC", char))
        piece = "".join(c for c in unicodedata.normalize("NFD", piece) if not unicodedata.combining(c))
        folded.append(piece)
        offsets.extend([index] * len(piece))
    return "".join(folded), offsets
