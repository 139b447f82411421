"""Numbers written the Vietnamese way (1.234.567 and 12,5 %), the same in the admin, the PDF and the charts.

Django's localisation depends on the active language, which a background task or a chart's SVG does not
always have; these functions do not.
"""

from decimal import ROUND_HALF_UP, Decimal

DASH = "—"


def _grouped(digits: str) -> str:
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return ".".join(groups)


def vn_number(value: int | float | Decimal | None, *, decimals: int = 0) -> str:
    """1234567 → "1.234.567"; 12.345 with decimals=1 → "12,3"; None → "—"."""
    if value is None:
        return DASH
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _dot, fraction = f"{abs(rounded):f}".partition(".")
    text = _grouped(whole)
    if decimals:
        text += "," + fraction.ljust(decimals, "0")[:decimals]
    return sign + text


def vn_percent(value: float | Decimal | None, *, decimals: int = 1) -> str:
    """12.345 → "12,3 %"."""
    return DASH if value is None else f"{vn_number(value, decimals=decimals)} %"


def vn_money(value: int | float | Decimal | None) -> str:
    """1500000 → "1.500.000 đ"."""
    return DASH if value is None else f"{vn_number(value)} đ"


def svg_number(value: float) -> str:
    """A coordinate for an SVG attribute: a dot as decimal separator whatever the language."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def vn_mebibytes(byte_count: int) -> str:
    """50 * 2**20 → "50"; 2**19 → "0,5": a size limit in MB for a sentence."""
    mebibytes = byte_count / 2**20
    return vn_number(mebibytes, decimals=0 if mebibytes == int(mebibytes) else 1)
