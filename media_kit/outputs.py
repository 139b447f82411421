"""The one registry of output kinds: what a format's file is, how it is made, named and previewed.

Every place that used to branch on `PrintFormat.kind` (page units, QR share, the file extension, the
renderer, the preview, the cover sheet's "printed" items, the inspect page) asks this registry instead.
"""

from collections.abc import Callable
from dataclasses import dataclass

from media_kit.models import OutputKind, PrintFormat


@dataclass(frozen=True)
class Output:
    kind: str
    extension: str
    content_type: str
    # A printed item goes to the print shop: it has a trim size, bleed and a quantity on the cover sheet.
    printed: bool
    # "mm" for paper; "pt" for screens (one PDF point per pixel, rasterised 1:1); "" for text.
    page_unit: str
    # The preview is a picture of the page (else the text itself).
    visual: bool
    renderer: str  # dotted path of `render(material) -> bytes`, imported when first used
    # A visual output's page as a PDF (what preflight reads and the preview rasterises).
    pdf_renderer: str = ""
    # A sheet of several codes: one sticker row per spot, each spot a placement with its own code.
    spots: tuple[str, ...] = ()
    # An image posted online (Zalo, Facebook) comes with ready share text and the link, saved beside it.
    share_text: bool = False

    def render(self, material) -> bytes:
        return _import(self.renderer)(material)

    def render_pdf(self, material) -> bytes:
        return _import(self.pdf_renderer)(material)


def _import(path: str) -> Callable:
    from importlib import import_module

    module, _dot, name = path.rpartition(".")
    return getattr(import_module(module), name)


OUTPUTS: dict[str, Output] = {
    OutputKind.PDF: Output(
        kind=OutputKind.PDF,
        extension="pdf",
        content_type="application/pdf",
        printed=True,
        page_unit="mm",
        visual=True,
        renderer="media_kit.rendering.pdf.render_pdf",
        pdf_renderer="media_kit.rendering.pdf.render_pdf",
    ),
    OutputKind.PNG: Output(
        kind=OutputKind.PNG,
        extension="png",
        content_type="image/png",
        printed=False,
        page_unit="pt",
        visual=True,
        renderer="media_kit.rendering.pdf.render_png",
        pdf_renderer="media_kit.rendering.pdf.render_pdf",
        share_text=True,
    ),
    OutputKind.SCRIPT: Output(
        kind=OutputKind.SCRIPT,
        extension="txt",
        content_type="text/plain; charset=utf-8",
        printed=False,
        page_unit="",
        visual=False,
        renderer="media_kit.rendering.script.render_script_bytes",
    ),
    OutputKind.SHEET: Output(
        kind=OutputKind.SHEET,
        extension="pdf",
        content_type="application/pdf",
        printed=True,
        page_unit="mm",
        visual=True,
        renderer="media_kit.rendering.sheet.render_sticker_sheet",
        pdf_renderer="media_kit.rendering.sheet.render_sticker_sheet",
        # Where a ward sticks small codes; a code per spot tells which spot made people scan.
        spots=("Bàn Một cửa", "Cửa ra vào", "Bãi gửi xe máy", "Bảng tin"),
    ),
}


def output_for(print_format: PrintFormat) -> Output:
    return OUTPUTS[print_format.kind]
