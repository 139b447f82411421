"""QR codes as vector SVG: error correction Q, a 4-module quiet zone, pure black."""

import qrcode
import qrcode.image.svg
from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_Q

QUIET_ZONE_MODULES = 4


def qr_svg(data: str, *, overlapped: bool = False) -> str:
    """An SVG whose size the page sets; H correction if anything is printed over the code."""
    code = qrcode.QRCode(
        error_correction=ERROR_CORRECT_H if overlapped else ERROR_CORRECT_Q,
        border=QUIET_ZONE_MODULES,
        image_factory=qrcode.image.svg.SvgPathImage,
    )
    code.add_data(data)
    code.make(fit=True)
    svg = code.make_image().to_string(encoding="unicode")
    # The page sizes the code; the fill is pure black, never a brand colour.
    return svg.replace('fill="#000000"', 'fill="#000"').replace("<svg ", '<svg class="qr" ', 1)


def qr_modules(data: str, *, overlapped: bool = False) -> int:
    """How many modules wide the code for `data` is (without its quiet zone)."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_H if overlapped else ERROR_CORRECT_Q, border=0)
    code.add_data(data)
    code.make(fit=True)
    return code.modules_count
