"""Print-ready PDFs with WeasyPrint: exact trim size, bleed, crop marks, embedded fonts, a vector QR code."""

import base64
import io
import logging
from contextlib import contextmanager
from decimal import Decimal

from django.template.loader import render_to_string
from weasyprint import HTML

from core.fonts import FONT_FACES, FONT_STACK
from media_kit.rendering.context import Material, MaterialError
from media_kit.rendering.qr import qr_svg

# The largest share of the short side the code may take; a format whose reading distance asks
# for more cannot hold the rest of the message and is refused.
MAX_QR_SHARE = 0.7
DEFAULT_QR_SHARE = 0.35
COMPACT_BELOW_MM = 120
SCREEN_QR_SHARE = 0.38


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


def page_size(material: Material) -> tuple[Decimal, Decimal, str]:
    """Width, height and CSS unit: millimetres for print; for screens one point per pixel, rasterised 1:1."""
    fmt = material.print_format
    if fmt.output.page_unit == "pt":
        return Decimal(fmt.width_px), Decimal(fmt.height_px), "pt"
    return Decimal(fmt.width_mm), Decimal(fmt.height_mm), "mm"


def qr_size_mm(material: Material) -> float:
    """At least reading distance ÷ 10; refuse a format too small to print that and the message."""
    fmt = material.print_format
    if fmt.output.page_unit == "pt":  # on a screen the code takes a fixed share; "mm" here are page units
        width, height, _unit = page_size(material)
        return SCREEN_QR_SHARE * float(min(width, height))
    short_side = float(min(fmt.width_mm, fmt.height_mm))
    needed = fmt.min_qr_mm
    if needed > MAX_QR_SHARE * short_side:
        raise MaterialError(
            f"{fmt.name}: a code readable from {fmt.reading_distance_m} m must be {needed:.0f} mm wide, "
            f"more than this layout can give it ({MAX_QR_SHARE * short_side:.0f} mm)."
        )
    share = 0.55 if short_side < COMPACT_BELOW_MM else DEFAULT_QR_SHARE
    return max(needed, share * short_side)


def image_data_uri(image, spec: str = "max-1600x1600") -> str:
    """An image of the template as a data URI: read through the storage, so that S3 works as the disk does."""
    rendition = image.get_rendition(spec)
    with rendition.file.open("rb") as handle:
        content = handle.read()
    mime = "image/png" if rendition.file.name.lower().endswith(".png") else "image/jpeg"
    return f"data:{mime};base64,{base64.b64encode(content).decode()}"


def page_html(material: Material, *, side: int = 1) -> str:
    fmt = material.print_format
    width, height, unit = page_size(material)
    screen = unit == "pt"
    # Sizes scale with the short side as if it were millimetres of an A3 sheet (297); a 1080 px
    # screen is read from farther away, so its text is drawn larger for its size.
    short_side = float(min(width, height)) * (0.55 if screen else 1)
    aspect = float(max(width, height) / min(width, height))
    return render_to_string(
        "media_kit/print/material.html",
        {
            "m": material,
            "fmt": fmt,
            "template": material.template,
            "tr": material.translation,
            "side": side,
            "width_mm": width,
            "height_mm": height,
            "unit": unit,
            "screen": screen,
            "bleed_mm": fmt.bleed_mm,
            "qr_mm": round(qr_size_mm(material), 1),
            "qr_svg": qr_svg(material.url),
            # Long formats (pa-nô, băng-rôn, standee) are read from afar: larger type for their short side.
            "base_pt": round(max(9.0, short_side / 297 * 16 * max(1.0, min(aspect, 4.0) / 1.5)), 1),
            "padding_mm": round(short_side * 0.04, 1),
            # Landscape sheets keep the code in a column on the right, a little below the top.
            "side_column": round(qr_size_mm(material) + 2 * short_side * 0.04, 1),
            "hero_max": round(float(min(width, height)) * 0.3, 1),
            "code_top": round(float(min(width, height)) * (0.04 if aspect > 3 else 0.12), 1),
            # A banner carries a slogan, a square social post has no room: the steps are for sheets and slides.
            "show_steps": aspect <= 3 and not (screen and aspect < 1.2),
            "landscape": fmt.is_landscape,
            # Desk stickers and the like: the code, the address and the ward, nothing else.
            "compact": not screen and short_side < COMPACT_BELOW_MM,
            "font_faces": FONT_FACES,
            "font_stack": FONT_STACK,
            "image_uri": image_data_uri(material.template.image) if material.template.image_id else "",
            "logo_uris": [image_data_uri(logo.image, "max-400x400") for logo in material.template.logos.all()],
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


def render_png(material: Material) -> bytes:
    """A screen slide or social post at its exact pixel size (one PDF point per pixel, rasterised 1:1)."""
    import pypdfium2

    pdf = render_pdf(material)
    page = pypdfium2.PdfDocument(pdf)[0]
    image = page.render(scale=1).to_pil().convert("RGB")
    expected = (material.print_format.width_px, material.print_format.height_px)
    if image.size != expected:  # a rounding surprise must not reach a TV studio
        image = image.resize(expected)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
