"""Fitting a line of print text into a width, measured with the print font's own advance widths."""

from dataclasses import dataclass
from functools import cache

from django.utils.translation import gettext as _
from fontTools.ttLib import TTFont

from core.fonts import BE_VIETNAM_PRO

PT_PER_MM = 72 / 25.4
# Advance widths of the printed address are measured in the bold face (the address is printed bold).
ADDRESS_FONT = BE_VIETNAM_PRO / "BeVietnamPro-Bold.ttf"


@cache
def _metrics(path: str) -> tuple[dict[int, str], dict[str, tuple[int, int]], int]:
    font = TTFont(path, lazy=True)
    return font.getBestCmap(), dict(font["hmtx"].metrics), font["head"].unitsPerEm


def text_width_em(text: str, *, font_path=ADDRESS_FONT) -> float:
    """The width of `text` in ems (kerning ignored: it only ever narrows a line)."""
    cmap, metrics, units = _metrics(str(font_path))
    fallback = metrics.get(cmap.get(ord("M"), ""), (units, 0))[0]
    return sum(metrics.get(cmap.get(ord(char), ""), (fallback, 0))[0] for char in text) / units


@dataclass(frozen=True)
class FittedLines:
    lines: list[str]
    size_pt: float


class DoesNotFit(ValueError):
    pass


def fit_address(address: str, *, width_pt: float, wanted_pt: float, min_pt: float) -> FittedLines:
    """The wanted size if it fits; else smaller, down to min_pt; else broken after the host, at "/".

    Never a size under min_pt (the format's reading distance) and never clipped: DoesNotFit instead.
    """
    candidates = [[address]]
    host, slash, path = address.partition("/")
    if slash:
        candidates.append([host, f"/{path}"])
    for lines in candidates:
        widest = max(text_width_em(line) for line in lines)
        size = min(wanted_pt, width_pt / widest * 0.97)  # 3 % for hinting and rounding
        if size >= min_pt:
            return FittedLines(lines=lines, size_pt=round(size, 2))
    raise DoesNotFit(
        _("Địa chỉ “%(address)s” không vừa %(width)s mm với cỡ chữ từ %(size)s pt trở lên.")
        % {"address": address, "width": f"{width_pt / PT_PER_MM:.0f}", "size": f"{min_pt:.0f}"}
    )
