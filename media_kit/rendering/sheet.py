"""The A4 sticker sheet: small codes for a ward's desks, doors, motorbike parking and notice board, on one
sheet with cut lines. One row per spot, each spot its own placement and code, so that the desk and the
parking lot can be told apart; every sticker keeps its letters and code a cutter's tolerance inside its lines.
"""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from core.fonts import FONT_FACES, FONT_STACK
from media_kit.rendering.context import Material, MaterialError
from media_kit.rendering.fit import PT_PER_MM, DoesNotFit, fit_address
from media_kit.rendering.pdf import MARK_SLUG_MM, min_text_pt, no_missing_glyphs, safe_margin, with_bleed_box
from media_kit.rendering.qr import QUIET_ZONE_MODULES, qr_modules, qr_svg

COLUMNS = 3
HEADER_MM = 13
# Inside each sticker: letters and code this far from the cut line (a cutter's tolerance, and a frame).
STICKER_PADDING_MM = 3
BAND_MM = 9
TEXT_MM = 9.5


def sticker_layout(material: Material) -> dict:
    """The grid in millimetres: the sheet's safe area, less the header, cut into COLUMNS × spots cells."""
    fmt = material.print_format
    width, height = float(fmt.width_mm), float(fmt.height_mm)
    safe = safe_margin(fmt)
    rows = len(material.sticker_codes)
    if not rows:
        raise MaterialError(_("%(format)s: chưa có vị trí nào để in nhãn dán.") % {"format": fmt.name})
    cell_w = round((width - 2 * safe) / COLUMNS, 2)
    cell_h = round((height - 2 * safe - HEADER_MM) / rows, 2)
    room = min(cell_w, cell_h - BAND_MM - TEXT_MM) - 2 * STICKER_PADDING_MM
    modules = max(qr_modules(url) for url in material.urls)
    drawn = fmt.min_qr_mm * 1.02 * (modules + 2 * QUIET_ZONE_MODULES) / modules
    if drawn > room:
        raise MaterialError(
            _("%(format)s: mã đọc được từ %(distance)s m không vừa một nhãn dán.")
            % {"format": fmt.name, "distance": fmt.reading_distance_m}
        )
    return {
        "width": width,
        "height": height,
        "safe": safe,
        "cell_w": cell_w,
        "cell_h": cell_h,
        "grid_top": round(safe + HEADER_MM, 2),
        "qr_mm": round(drawn, 2),
        "padding": STICKER_PADDING_MM,
        "band": BAND_MM,
        "columns": COLUMNS,
    }


def sheet_html(material: Material) -> str:
    fmt = material.print_format
    grid = sticker_layout(material)
    inner_pt = (grid["cell_w"] - 2 * grid["padding"] - 2) * PT_PER_MM
    rows = []
    for spot, url in material.sticker_codes:
        try:
            address = fit_address(url.split("://", 1)[-1], width_pt=inner_pt, wanted_pt=8.5, min_pt=min_text_pt(fmt))
        except DoesNotFit as error:
            raise MaterialError(f"{fmt.name}: {error}") from error
        rows.append({"spot": spot, "url": url, "qr_svg": qr_svg(url), "address": address})
    bleed = float(fmt.bleed_mm)
    cut_x = [round(grid["safe"] + grid["cell_w"] * i, 2) for i in range(COLUMNS + 1)]
    cut_y = [round(grid["grid_top"] + grid["cell_h"] * i, 2) for i in range(len(rows) + 1)]
    stickers = [
        {
            **row,
            # Twelve copies of a drawing on one page: each keeps its own id (PDF anchors are unique).
            "qr_svg": row["qr_svg"].replace('id="qr-path"', f'id="qr-path-{number}-{column}"'),
            "top": cut_y[number],
            "left": cut_x[column],
        }
        for number, row in enumerate(rows)
        for column in range(COLUMNS)
    ]
    return render_to_string(
        "media_kit/print/sticker_sheet.html",
        {
            "m": material,
            "fmt": fmt,
            "template": material.template,
            "tr": material.translation,
            "stickers": stickers,
            "g": grid,
            "cut_x": cut_x,
            "cut_y": cut_y,
            "grid_width": round(cut_x[-1] - cut_x[0], 2),
            "grid_height": round(cut_y[-1] - cut_y[0], 2),
            "head_height": HEADER_MM - 3,
            "bleed_mm": round(bleed + max(bleed, MARK_SLUG_MM), 2),
            "min_pt": min_text_pt(fmt),
            "font_faces": FONT_FACES,
            "font_stack": FONT_STACK,
        },
    )


def render_sticker_sheet(material: Material) -> bytes:
    """One A4 page per ward, trim size with bleed box and crop marks, every code vector."""
    from weasyprint import HTML  # not at the top: see media_kit/rendering/pdf.py

    with no_missing_glyphs():
        document = HTML(string=sheet_html(material)).render()
        if len(document.pages) != 1:
            message = _("%(format)s: các nhãn dán không vừa một tờ.")
            raise MaterialError(message % {"format": material.print_format.name})
        pdf = document.write_pdf()
    return with_bleed_box(pdf, bleed_mm=float(material.print_format.bleed_mm))
