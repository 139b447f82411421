"""Print-ready PDFs with WeasyPrint: exact trim size, bleed, crop marks, embedded fonts, a vector QR code."""

import logging
from contextlib import contextmanager
from decimal import Decimal

from django.template.loader import render_to_string
from weasyprint import HTML

from media_kit.rendering.context import Material, MaterialError
from media_kit.rendering.fonts import FONT_FACES, FONT_STACK
from media_kit.rendering.qr import qr_svg

# The largest share of the short side the code may take; a format whose reading distance asks
# for more cannot hold the rest of the message and is refused.
MAX_QR_SHARE = 0.7
DEFAULT_QR_SHARE = 0.35
COMPACT_BELOW_MM = 120


class MissingGlyphError(MaterialError):
    pass


class _GlyphWatcher(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.missing: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if ".notdef glyph" in message:
            self.missing.append(message)


@contextmanager
def no_missing_glyphs():
    """WeasyPrint only warns when a letter has no glyph; on print that is an error."""
    watcher = _GlyphWatcher()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(watcher)
    try:
        yield
    finally:
        logger.removeHandler(watcher)
    if watcher.missing:
        raise MissingGlyphError("; ".join(watcher.missing))


def qr_size_mm(material: Material) -> float:
    """At least reading distance ÷ 10; refuse a format too small to print that and the message."""
    fmt = material.print_format
    short_side = float(min(fmt.width_mm, fmt.height_mm))
    needed = fmt.min_qr_mm
    if needed > MAX_QR_SHARE * short_side:
        raise MaterialError(
            f"{fmt.name}: a code readable from {fmt.reading_distance_m} m must be {needed:.0f} mm wide, "
            f"more than this layout can give it ({MAX_QR_SHARE * short_side:.0f} mm)."
        )
    share = 0.55 if short_side < COMPACT_BELOW_MM else DEFAULT_QR_SHARE
    return max(needed, share * short_side)


def page_html(material: Material, *, side: int = 1) -> str:
    fmt = material.print_format
    width, height = Decimal(fmt.width_mm), Decimal(fmt.height_mm)
    short_side = float(min(width, height))
    return render_to_string(
        "media_kit/print/material.html",
        {
            "m": material,
            "fmt": fmt,
            "template": material.template,
            "side": side,
            "width_mm": width,
            "height_mm": height,
            "bleed_mm": fmt.bleed_mm,
            "qr_mm": round(qr_size_mm(material), 1),
            "qr_svg": qr_svg(material.url),
            "base_pt": round(max(9.0, short_side / 297 * 16), 1),
            "padding_mm": round(short_side * 0.04, 1),
            "landscape": fmt.is_landscape,
            # Desk stickers and the like: the code, the address and the ward, nothing else.
            "compact": short_side < COMPACT_BELOW_MM,
            "font_faces": FONT_FACES,
            "font_stack": FONT_STACK,
        },
    )


def render_pdf(material: Material) -> bytes:
    """One ward's copy of one printed format; a two-sided format gets two pages."""
    with no_missing_glyphs():  # glyphs are drawn (and missing ones reported) when the PDF is written
        documents = [
            HTML(string=page_html(material, side=side)).render() for side in range(1, material.print_format.sides + 1)
        ]
        for document in documents:
            if len(document.pages) != 1:
                raise MaterialError(f"{material.print_format.name}: the text does not fit on the page; shorten it.")
        first = documents[0]
        return first.copy([page for document in documents for page in document.pages]).write_pdf()
