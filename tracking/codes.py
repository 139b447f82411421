"""Short codes printed under QR codes, and numeric codes read out over loudspeakers.

Short code: 6 characters from an alphabet without look-alikes (no 0/O, 1/I/L),
always at least one letter, so that it can never equal a numeric code; case-insensitive.
Numeric code: 6 digits without a leading zero ("truy cập loa.example.vn/q/482913").
"""

import re
import secrets

from django.utils.translation import pgettext_lazy

SHORT_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
SHORT_CODE_LETTERS = "".join(c for c in SHORT_CODE_ALPHABET if c.isalpha())
SHORT_CODE_LENGTH = 6
NUMERIC_CODE_LENGTH = 6

SHORT_CODE_PATTERN = re.compile(rf"^[{SHORT_CODE_ALPHABET}]{{{SHORT_CODE_LENGTH}}}$")
NUMERIC_CODE_PATTERN = re.compile(rf"^[1-9][0-9]{{{NUMERIC_CODE_LENGTH - 1}}}$")


def new_short_code() -> str:
    """A random short code with at least one letter."""
    while True:
        code = "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(SHORT_CODE_LENGTH))
        if any(c in SHORT_CODE_LETTERS for c in code):
            return code


def new_numeric_code() -> str:
    return str(secrets.randbelow(9 * 10 ** (NUMERIC_CODE_LENGTH - 1)) + 10 ** (NUMERIC_CODE_LENGTH - 1))


def normalise_code(raw: str) -> str | None:
    """The canonical form of a code typed or scanned (any case, stray slash or spaces), or None if it is no code."""
    if not raw or len(raw) > 32:
        return None
    code = raw.strip().strip("/").strip().upper()
    if SHORT_CODE_PATTERN.fullmatch(code) and any(c in SHORT_CODE_LETTERS for c in code):
        return code
    if NUMERIC_CODE_PATTERN.fullmatch(code):
        return code
    return None


def is_numeric_code(code: str) -> bool:
    return bool(NUMERIC_CODE_PATTERN.fullmatch(code))


# The digits as a loudspeaker announcer says them, in the active language (Vietnamese unless a script's part
# in a ward's language is being read).
DIGIT_WORDS = [
    pgettext_lazy("chữ số đọc trên loa", "không"),
    pgettext_lazy("chữ số đọc trên loa", "một"),
    pgettext_lazy("chữ số đọc trên loa", "hai"),
    pgettext_lazy("chữ số đọc trên loa", "ba"),
    pgettext_lazy("chữ số đọc trên loa", "bốn"),
    pgettext_lazy("chữ số đọc trên loa", "năm"),
    pgettext_lazy("chữ số đọc trên loa", "sáu"),
    pgettext_lazy("chữ số đọc trên loa", "bảy"),
    pgettext_lazy("chữ số đọc trên loa", "tám"),
    pgettext_lazy("chữ số đọc trên loa", "chín"),
]


def spell_digits(code: str) -> str:
    """A numeric code in words, for the loudspeaker script: "482913" → "bốn tám hai chín một ba"."""
    return " ".join(str(DIGIT_WORDS[int(digit)]) for digit in code)
