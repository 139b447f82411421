"""Print-ready PDFs with WeasyPrint: exact trim size, bleed, crop marks, embedded fonts, a vector QR code."""

import base64
import io
import logging
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter
from pypdf.generic import RectangleObject

from core.fonts import FONT_FACES, FONT_STACK
from media_kit.rendering.context import Material, MaterialError
from media_kit.rendering.fit import PT_PER_MM, DoesNotFit, fit_address, text_width_em
from media_kit.rendering.qr import QUIET_ZONE_MODULES, qr_modules, qr_svg

# The largest share of the short side the code may take; a format whose reading distance asks
# for more cannot hold the rest of the message and is refused.
MAX_QR_SHARE = 0.7
DEFAULT_QR_SHARE = 0.35
COMPACT_BELOW_MM = 120
SCREEN_QR_SHARE = 0.25
# Safe area: every letter and the code at least this far inside the trim.
SAFE_MIN_MM = 5
SAFE_SHARE = 0.045
MARK_SLUG_MM = 5
# Letters at least MIN_PT_PER_METRE pt per metre of reading distance (about 4 minutes of arc for the
# x-height), never under 6 pt on paper; screens at least 20 px.
MIN_PT_PER_METRE = 7
MIN_PRINT_PT = 6
MIN_SCREEN_PX = 20


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
            _("%(format)s: mã đọc được từ %(distance)s m phải rộng %(needed)s mm, hơn chỗ bố cục này có (%(room)s mm).")
            % {
                "format": fmt.name,
                "distance": fmt.reading_distance_m,
                "needed": f"{needed:.0f}",
                "room": f"{MAX_QR_SHARE * short_side:.0f}",
            }
        )
    share = 0.5 if short_side < COMPACT_BELOW_MM else DEFAULT_QR_SHARE
    return max(needed, share * short_side)


def image_data_uri(image, spec: str = "max-1600x1600") -> str:
    """An image of the template as a data URI: read through the storage, so that S3 works as the disk does."""
    rendition = image.get_rendition(spec)
    with rendition.file.open("rb") as handle:
        content = handle.read()
    mime = "image/png" if rendition.file.name.lower().endswith(".png") else "image/jpeg"
    return f"data:{mime};base64,{base64.b64encode(content).decode()}"


DEMO_ILLUSTRATION = Path(__file__).parent / "art" / "dinh-danh.svg"


def default_illustration_svg() -> str:
    """The illustration made for the demo (our own file), printed when a template has no image of its own. Inlined
    as markup, not as a data:image/svg URL, which the pages' active-content checks refuse everywhere."""
    return mark_safe(DEMO_ILLUSTRATION.read_text(encoding="utf-8"))  # noqa: S308 (a file of ours, not input)


def safe_margin(print_format) -> float:
    """How far inside the trim every letter and the code stay, in the page's unit.

    At least 3 mm (the cutter's tolerance), more on larger formats, where frames and eyelets eat the edge.
    """
    if print_format.output.page_unit == "pt":
        return round(0.05 * min(print_format.width_px, print_format.height_px), 1)
    return round(max(SAFE_MIN_MM, SAFE_SHARE * float(min(print_format.width_mm, print_format.height_mm))), 1)


def min_text_pt(print_format) -> float:
    """The smallest letters the format may carry for its reading distance (screens: in pixels)."""
    if print_format.output.page_unit == "pt":
        return MIN_SCREEN_PX
    return max(MIN_PRINT_PT, MIN_PT_PER_METRE * float(print_format.reading_distance_m))


def layout_of(print_format) -> str:
    width, height = (
        (print_format.width_px, print_format.height_px)
        if print_format.output.page_unit == "pt"
        else (float(print_format.width_mm), float(print_format.height_mm))
    )
    short, aspect = min(width, height), max(width, height) / min(width, height)
    if print_format.output.page_unit == "mm" and short < COMPACT_BELOW_MM:
        return "compact"
    if aspect > 3:
        return "banner"
    if aspect < 1.2:
        return "square"
    return "landscape" if width > height else "portrait"


def tint(colour: str, share: float) -> str:
    """The colour mixed with white (share of white 0…1): a light panel in the campaign's colour."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * share):02X}" for c in (red, green, blue))


# Layouts leave room for the address at the size a 26-character one gets in the code's width (a province's domain
# and a code: "loa.daklak.gov.vn/q/ABC123"). A shorter address is not drawn larger than that: at its full wanted
# size "loa.vn/q/…" pushed the foot out of the safe area of the A2 poster and the square post.
ADDRESS_SIZED_FOR = "loa.daklak.gov.vn/q/ABC123"
REFERENCE_MODULES = 33  # the modules of https://loa.daklak.gov.vn/q/ABC123's code (version 4); tested


def drawn_qr_size(qr: float, *, modules: int, needed: float) -> float:
    """The code with its 4-module quiet zone, the same for every address up to the size layouts are made for.

    The reading-distance rule sizes the code (`qr`); a shorter address has fewer modules, so the quiet zone's share
    grows, and the drawing with it (by 19 pt on the A2 poster), pushing the foot out of the safe area. Drawn at the
    reference address's size instead, a short address gets larger modules, never a smaller code than `needed`.
    """
    reference = max(modules, REFERENCE_MODULES)
    drawn = qr * (reference + 2 * QUIET_ZONE_MODULES) / reference
    if drawn * modules / (modules + 2 * QUIET_ZONE_MODULES) < needed:
        drawn = qr * (modules + 2 * QUIET_ZONE_MODULES) / modules
    return drawn


def page_html(
    material: Material, *, side: int = 1, safe_override: float | None = None, fit: float = 1.0, picture: bool = True
) -> str:
    """The page's HTML; `fit` (≤ 1) scales the letters and the picture down when the words do not fit the layout,
    and a layout that still has no room leaves out the picture (`picture=False`), never a word."""
    fmt = material.print_format
    width, height, unit = page_size(material)
    screen = unit == "pt"
    layout = layout_of(fmt)
    # Sizes scale with the short side as if it were millimetres of an A3 sheet (297); a 1080 px
    # screen is read from farther away, so its text is drawn larger for its size.
    short_side = float(min(width, height)) * (0.55 if screen else 1)
    aspect = float(max(width, height) / min(width, height))
    base_pt = round(max(9.0, short_side / 297 * 16 * max(1.0, min(aspect, 4.0) / 1.5)) * fit, 2)
    safe = safe_margin(fmt) if safe_override is None else safe_override
    bleed = 0.0 if screen else float(fmt.bleed_mm)
    qr = qr_size_mm(material)
    # A layout laid out smaller draws the code smaller too, never under the reading distance's size (on a screen,
    # never under four fifths of its share).
    qr = round(max(float(fmt.min_qr_mm) if not screen else 0.8 * qr, qr * fit) if fit < 1 else qr, 1)
    modules = qr_modules(material.url)
    drawn_qr = drawn_qr_size(qr, modules=modules, needed=float(fmt.min_qr_mm))
    planned_qr = drawn_qr_size(qr, modules=REFERENCE_MODULES, needed=0)
    code_width = round(qr * 1.3, 1)
    to_pt = 1.0 if screen else PT_PER_MM
    if layout == "compact":
        code_width = round(float(min(width, height)) - 2 * safe, 1)
    try:
        address = fit_address(
            material.short_address,
            width_pt=code_width * to_pt,
            wanted_pt=max(
                min_text_pt(fmt),
                min(
                    base_pt * (1.5 if layout == "compact" else 1.3),
                    code_width * to_pt / text_width_em(ADDRESS_SIZED_FOR) * 0.97,
                ),
            ),
            min_pt=min_text_pt(fmt),
        )
    except DoesNotFit as error:
        raise MaterialError(f"{fmt.name}: {error}") from error
    return render_to_string(
        "media_kit/print/material.html",
        {
            "m": material,
            "fmt": fmt,
            "template": material.template,
            "tr": material.translation,
            "side": side,
            "back": fmt.sides > 1 and side == fmt.sides,
            "layout": layout,
            "width_mm": width,
            "height_mm": height,
            "unit": unit,
            "screen": screen,
            # The page runs past the artwork's bleed by a slug that holds the crop marks, which WeasyPrint
            # draws in the outer half of its bleed, under the artwork: so nothing hides them.
            "bleed_mm": round(bleed + max(bleed, MARK_SLUG_MM), 2),
            "safe": safe,
            # Panels that touch the trim run this far out: through the safe margin and the bleed.
            "outset": round(safe + bleed, 2),
            "gap": round(float(min(width, height)) * 0.03, 1),
            # The strip of steps spans the safe area; the table's outer spacing runs a gap into the margin each side.
            "steps_width": round(float(width) - 2 * safe + 2 * round(float(min(width, height)) * 0.03, 1), 1),
            # The reading-distance rule sizes the code's modules; the drawing adds the 4-module quiet zone.
            "qr_mm": round(drawn_qr, 1),
            "tall": layout == "portrait" and aspect > 2,
            "foot_bottom": round(safe + bleed + float(min(width, height)) * 0.02, 2),
            "code_width": code_width,
            "qr_svg": qr_svg(material.url),
            "address": address,
            "base_pt": base_pt,
            # The foot (call to action, help desk) keeps the designed size: it sits beside the code, whose height sets
            # the foot's, and its small letters are at the format's minimum already.
            "foot_pt": round(base_pt / fit, 2),
            "min_pt": min_text_pt(fmt),
            "hero_width": round(float(min(width, height)) * (0.5 if layout == "portrait" else 0.3), 1),
            # A code drawn larger than layouts are made for takes its extra height from the picture.
            "hero_height": round((float(max(width, height)) * 0.2 - (drawn_qr - planned_qr)) * fit, 1),
            # A slide is seen for seconds: the message and the code, the steps are for paper.
            "show_steps": layout == "portrait" or (layout == "landscape" and not screen),
            "font_faces": FONT_FACES,
            "font_stack": FONT_STACK,
            "tint": tint(material.template.primary_colour, 0.9),
            "band_second": tint(material.template.primary_colour, 0.8),
            "image_uri": image_data_uri(material.template.image) if picture and material.template.image_id else "",
            "illustration_svg": default_illustration_svg() if picture and not material.template.image_id else "",
            "logo_uris": [image_data_uri(logo.image, "max-400x400") for logo in material.template.logos.all()],
        },
    )


# Fitting: a page whose words overflow the safe area, run out of their panel or into each other is laid out again,
# smaller or without the picture (FIT_ATTEMPTS); what still does not fit is refused, never clipped.


SLACK_PX = 0.5


def _classes(box) -> set[str]:
    element = getattr(box, "element", None)
    return set((element.get("class") or "").split()) if element is not None and hasattr(element, "get") else set()


def _panel_problem(safe, top: float, bottom: float) -> str:
    """The panels (band, middle, steps, foot) stack inside the safe area; a panel pushed past its foot has its content
    dropped by the page, and a flex column squeezed below its content lets the words run out of their panel."""
    from weasyprint.formatting_structure.boxes import TextBox

    for panel in safe.children:
        if not hasattr(panel, "position_y"):
            continue
        # Its content, not its padding: a band or foot runs out through the margin and the bleed by design.
        if panel.content_box_y() < top - SLACK_PX or panel.content_box_y() + panel.height > bottom + SLACK_PX:
            return _("khối %(panel)s tràn ra ngoài vùng an toàn") % {"panel": " ".join(sorted(_classes(panel)))}
        upper = panel.border_box_y()
        lower = upper + panel.border_height()
        for box in panel.descendants(placeholders=True):
            if isinstance(box, TextBox) and box.text.strip():
                # A glyph box is taller than its line by the font's ascent and descent: a fifth of it is allowed.
                give = SLACK_PX + 0.2 * box.border_height()
                if box.border_box_y() < upper - give or box.border_box_y() + box.border_height() > lower + give:
                    return _("“%(text)s” tràn ra ngoài khối của nó") % {"text": box.text[:30]}
    return ""


def _overlap_problem(boxes: list[tuple[str, float, float, float, float]]) -> str:
    ordered = sorted(boxes, key=lambda item: item[2])
    for index, (text, x, y, w, h) in enumerate(ordered):
        for other, ox, oy, ow, oh in ordered[index + 1 :]:
            if oy >= y + h:
                break
            overlap_w = min(x + w, ox + ow) - max(x, ox)
            overlap_h = min(y + h, oy + oh) - max(y, oy)
            if overlap_w > 1 and overlap_h > 0.25 * min(h, oh):
                return _("“%(text)s” đè lên “%(other)s”") % {"text": text[:30], "other": other[:30]}
    return ""


def layout_problem(document) -> str:
    """Why a laid-out page is not print-correct: a panel or a letter or the code outside the safe area, words out of
    their panel, two lines that overlap. Empty when the page is fine. Measured on WeasyPrint's boxes (CSS px)."""
    from weasyprint.formatting_structure.boxes import ReplacedBox, TextBox

    page = document.pages[0]._page_box
    safe = next((box for box in page.descendants(placeholders=True) if "safe" in _classes(box)), None)
    if safe is None:
        return ""
    left, top = safe.border_box_x(), safe.border_box_y()
    right, bottom = left + safe.border_width(), top + safe.border_height()
    problem = _panel_problem(safe, top, bottom)
    if problem:
        return problem
    boxes, has_code = [], False
    for box in page.descendants(placeholders=True):
        if isinstance(box, TextBox) and box.text.strip():
            boxes.append((box.text, box.border_box_x(), box.border_box_y(), box.border_width(), box.border_height()))
        elif isinstance(box, ReplacedBox) or "qr" in _classes(box):
            has_code = has_code or "qr" in _classes(box)
            boxes.append(("[QR]", box.border_box_x(), box.border_box_y(), box.border_width(), box.border_height()))
    if not has_code:
        return _("mã QR không có trên trang")
    for text, x, y, w, h in boxes:
        if x < left - SLACK_PX or y < top - SLACK_PX or x + w > right + SLACK_PX or y + h > bottom + SLACK_PX:
            return _("“%(text)s” nằm ngoài vùng an toàn") % {"text": text[:30]}
    return _overlap_problem(boxes)


def smallest_letters_pt(document) -> float:
    """The smallest letters on the page, in pt (WeasyPrint's CSS px × 0.75)."""
    from weasyprint.formatting_structure.boxes import TextBox

    sizes = [
        box.style["font_size"] * 0.75
        for box in document.pages[0]._page_box.descendants(placeholders=True)
        if isinstance(box, TextBox) and box.text.strip()
    ]
    return min(sizes, default=0.0)


# The attempts, in a designer's order: the layout as drawn, its letters a little smaller, then without the picture
# (at full size first); never letters under the format's minimum for its reading distance.
FIT_ATTEMPTS = ((1.0, True), (0.9, True), (0.81, True), (1.0, False), (0.9, False), (0.81, False), (0.73, False))
# The size the last ward of a format, template and language needed: the next ward starts there (the wards' copies of
# one pack look alike, and a pack of 100 wards does not search again for each).
_LAST_FIT: dict[tuple, tuple[float, bool]] = {}


def _fit_key(material: Material, side: int) -> tuple:
    """The format, the side and the words (the Vietnamese and the translation's): an edited text starts afresh."""
    template, translation = material.template, material.translation
    words = (template.headline, template.body, *template.steps, template.call_to_action, template.footer)
    if translation:
        words += (translation.language, translation.headline, translation.body, *translation.steps)
        words += (translation.call_to_action,)
    return (material.print_format.pk, side, words)


def fitted_document(material: Material, *, side: int, safe_override: float | None = None):
    """The side laid out at the first of FIT_ATTEMPTS at which every word fits the safe area, inside its panel and
    clear of the others, at the format's minimum size or more; MaterialError if none does (never clipped)."""
    # WeasyPrint is imported where a page is laid out, not at the top: the media kit's modules load with the
    # admin's hooks at every process's start-up (each manage.py command, each server worker), and WeasyPrint
    # takes seconds to import.
    from weasyprint import HTML

    minimum = min_text_pt(material.print_format)
    key = _fit_key(material, side)
    attempts = list(FIT_ATTEMPTS)
    if key in _LAST_FIT and safe_override is None:
        attempts = attempts[attempts.index(_LAST_FIT[key]) :]
    problem, too_small_with = "", set()
    for fit, picture in attempts:
        if picture in too_small_with:
            continue  # smaller still would be under the minimum
        html = page_html(material, side=side, safe_override=safe_override, fit=fit, picture=picture)
        document = HTML(string=html).render()
        if safe_override is not None:  # a test's deliberately broken layout: rendered as asked, for preflight
            return document
        problem = _("nội dung không vừa một trang") if len(document.pages) != 1 else layout_problem(document)
        # The layout as designed is preflight's to judge; a smaller one may not take letters under the minimum.
        if not problem and fit < 1 and smallest_letters_pt(document) < minimum - 0.05:
            problem = _("chữ nhỏ hơn %(size)s pt") % {"size": f"{minimum:g}"}
            too_small_with.add(picture)
        if not problem:
            _LAST_FIT[key] = (fit, picture)
            return document
    raise MaterialError(
        _("%(format)s: %(problem)s; hãy rút gọn nội dung.") % {"format": material.print_format.name, "problem": problem}
    )


def render_pdf(material: Material, *, safe_override: float | None = None) -> bytes:
    """One ward's copy of one printed format; a two-sided format gets two pages.

    Each side is fitted: letters and picture shrink until every word lies in the safe area without overlapping.
    `safe_override` moves the safe margin (tests use it to build a layout that preflight must refuse).
    """
    with no_missing_glyphs():  # glyphs are drawn (and missing ones reported) when the PDF is written
        documents = [
            fitted_document(material, side=side, safe_override=safe_override)
            for side in range(1, material.print_format.sides + 1)
        ]
        first = documents[0]
        pdf = first.copy([page for document in documents for page in document.pages]).write_pdf()
    return with_bleed_box(pdf, bleed_mm=float(material.print_format.bleed_mm))


def with_bleed_box(pdf: bytes, *, bleed_mm: float) -> bytes:
    """The BleedBox at the format's bleed (WeasyPrint puts it at most 10 pt out, whatever the bleed)."""
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    out = bleed_mm * PT_PER_MM
    for page in writer.pages:
        left, bottom, right, top = (float(value) for value in page.trimbox)
        page.bleedbox = RectangleObject([left - out, bottom - out, right + out, top + out])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def render_png(material: Material, *, pdf: bytes | None = None) -> bytes:
    """A screen slide or social post at its exact pixel size (one PDF point per pixel, rasterised 1:1)."""
    import pypdfium2

    pdf = pdf or render_pdf(material)
    page = pypdfium2.PdfDocument(pdf)[0]
    image = page.render(scale=1).to_pil().convert("RGB")
    expected = (material.print_format.width_px, material.print_format.height_px)
    if image.size != expected:  # a rounding surprise must not reach a TV studio
        image = image.resize(expected)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
