"""Preflight: what a print shop checks before it accepts a file, run on every file of a pack.

Per file, from the PDF's structure (pypdf for the boxes, fonts and colour operators; pdfium's text
layer for where each letter lands and its size): the boxes, every font embedded, every letter inside
the safe area and at least the format's minimum size, nothing printed on the QR's quiet zone, the
colour space stated. Once per format and template version (the layout is the same for every ward):
the page rasterised to check that the bleed is covered wherever artwork touches the trim, and the
code decoded by zbar at the format's reading resolution and measured against its reading distance.
"""

import io
import re
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c
from django.utils.translation import gettext as _
from pypdf import PdfReader

from media_kit.rendering.fit import PT_PER_MM
from media_kit.rendering.pdf import min_text_pt, safe_margin

TOLERANCE_PT = 0.5 * PT_PER_MM
COLOUR_OPERATORS = {"rg": "RGB", "RG": "RGB", "k": "CMYK", "K": "CMYK", "g": "Gray", "G": "Gray"}


@dataclass
class Check:
    name: str
    ok: bool
    detail: str = ""


@dataclass
class Preflight:
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)

    @property
    def problems(self) -> list[str]:
        return [f"{check.name}: {check.detail}" for check in self.checks if not check.ok]

    def add(self, name: str, ok: bool, detail: str = "") -> None:
        self.checks.append(Check(name=name, ok=ok, detail=detail))

    def as_dict(self) -> dict:
        return {"ok": self.ok, "checks": [check.__dict__ for check in self.checks]}


def _box(box) -> tuple[float, float, float, float]:
    return tuple(float(value) for value in (box.left, box.bottom, box.right, box.top))


def _check_presence(result: Preflight, pdf: bytes, *, address: str, ward_name: str) -> None:
    """The address and the ward's name are on the page: a layout that lost them passes nothing else."""
    printed = "".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())
    for label, expected in ((_("Địa chỉ ngắn"), address), (_("Tên xã, phường"), ward_name)):
        if expected and "".join(expected.split()) not in printed:
            result.add(label, False, _("“%(text)s” không có trên trang (bị mất hoặc bị cắt).") % {"text": expected})


def check_structure(
    pdf: bytes, *, print_format, qr_modules: int | None = None, address: str = "", ward_name: str = ""
) -> Preflight:
    """The per-file checks; cheap enough for every ward's file."""
    result = Preflight()
    _check_presence(result, pdf, address=address, ward_name=ward_name)
    reader = PdfReader(io.BytesIO(pdf))
    screen = print_format.output.page_unit == "pt"
    to_pt = 1.0 if screen else PT_PER_MM
    width = print_format.width_px if screen else float(print_format.width_mm)
    height = print_format.height_px if screen else float(print_format.height_mm)
    bleed = 0.0 if screen else float(print_format.bleed_mm)
    safe = safe_margin(print_format) * to_pt
    minimum = min_text_pt(print_format)
    bad_pages: list[int] = []
    fonts_missing, spaces, outside, too_small, on_quiet_zone = set(), set(), [], [], []
    for number, page in enumerate(reader.pages, start=1):
        trim, bleed_box = _box(page.trimbox), _box(page.bleedbox)
        size_ok = (
            abs(trim[2] - trim[0] - width * to_pt) < TOLERANCE_PT
            and abs(trim[3] - trim[1] - height * to_pt) < TOLERANCE_PT
        )
        bleed_ok = all(
            abs(abs(edge - cut) - bleed * PT_PER_MM) < TOLERANCE_PT for edge, cut in zip(bleed_box, trim, strict=True)
        )
        media = _box(page.mediabox)
        media_ok = (
            media[0] <= bleed_box[0]
            and media[1] <= bleed_box[1]
            and media[2] >= bleed_box[2]
            and media[3] >= bleed_box[3]
        )
        if not (size_ok and bleed_ok and media_ok):
            bad_pages.append(number)
            result.add(
                _("Khổ và tràn lề"),
                False,
                _("Trang %(page)s: TrimBox/BleedBox không đúng khổ %(name)s.")
                % {"page": number, "name": print_format.name},
            )
        for font in (page.get("/Resources") or {}).get("/Font", {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            if not any(key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                fonts_missing.add(str(font.get("/BaseFont")))
        content = page.get_contents()
        data = content.get_data() if content is not None else b""
        for operator in re.findall(rb"(?<![A-Za-z])(rg|RG|k|K|g|G)(?![A-Za-z])", data):
            spaces.add(COLOUR_OPERATORS[operator.decode()])
        for image in page.images:
            spaces.add(str(image.image.mode))
        letters, qr_box = _letters_and_code(pdf, number - 1, trim)
        inner = (
            trim[0] + safe - TOLERANCE_PT,
            trim[1] + safe - TOLERANCE_PT,
            trim[2] - safe + TOLERANCE_PT,
            trim[3] - safe + TOLERANCE_PT,
        )
        quiet = None
        if qr_box and qr_modules:
            module = (qr_box[2] - qr_box[0]) / qr_modules
            quiet = (qr_box[0] - 4 * module, qr_box[1] - 4 * module, qr_box[2] + 4 * module, qr_box[3] + 4 * module)
            if qr_box[2] - qr_box[0] < (print_format.min_qr_mm * PT_PER_MM if not screen else 0) - TOLERANCE_PT:
                result.add(
                    _("Cỡ mã QR"),
                    False,
                    _("Mã QR rộng %(size).0f mm, cần ít nhất %(need).0f mm cho khoảng cách đọc %(distance)s m.")
                    % {
                        "size": (qr_box[2] - qr_box[0]) / PT_PER_MM,
                        "need": print_format.min_qr_mm,
                        "distance": print_format.reading_distance_m,
                    },
                )
        for char, box, size in letters:
            if box[0] < inner[0] or box[1] < inner[1] or box[2] > inner[2] or box[3] > inner[3]:
                outside.append(char)
            if size and size < minimum - 0.05:
                too_small.append((char, size))
            if quiet and box[0] < quiet[2] and box[2] > quiet[0] and box[1] < quiet[3] and box[3] > quiet[1]:
                on_quiet_zone.append(char)
    if not bad_pages:
        result.add(
            _("Khổ và tràn lề"), True, _("%(w)s × %(h)s, tràn lề %(b)s mm") % {"w": width, "h": height, "b": bleed}
        )
    result.add(
        _("Phông chữ nhúng"), not fonts_missing, ", ".join(sorted(fonts_missing)) or _("Mọi phông đều được nhúng.")
    )
    result.add(
        _("Chữ trong vùng an toàn"),
        not outside,
        _("%(n)s ký tự ngoài vùng an toàn (cách mép xén %(m).1f mm): “%(s)s”")
        % {"n": len(outside), "m": safe / PT_PER_MM if not screen else safe, "s": "".join(outside[:40])}
        if outside
        else _("Cách mép xén ít nhất %(m).1f %(u)s.") % {"m": safe / to_pt, "u": "px" if screen else "mm"},
    )
    result.add(
        _("Cỡ chữ tối thiểu"),
        not too_small,
        _("Chữ nhỏ nhất %(s).1f, cần ít nhất %(m).1f cho khoảng cách đọc.")
        % {"s": min(size for _c, size in too_small), "m": minimum}
        if too_small
        else _("Ít nhất %(m).1f %(u)s.") % {"m": minimum, "u": "px" if screen else "pt"},
    )
    result.add(
        _("Vùng trống quanh mã QR"),
        not on_quiet_zone,
        _("Có chữ in đè lên vùng trống quanh mã QR.") if on_quiet_zone else _("Không có gì in đè."),
    )
    overlapping = [
        pair for number in range(len(reader.pages)) for pair in _overlaps(_letters_and_code(pdf, number, None)[0])
    ]
    result.add(
        _("Chữ chồng lên nhau"),
        not overlapping,
        _("Chữ in chồng lên chữ khác: %(pairs)s") % {"pairs": ", ".join(f"“{a}”/“{b}”" for a, b in overlapping[:5])}
        if overlapping
        else _("Không có chữ chồng lên nhau."),
    )
    result.add(_("Hệ màu"), True, ", ".join(sorted(spaces)) or "RGB")
    return result


def _stacks(char: str) -> bool:
    """A letter drawn over or under its neighbours by design: a combining mark, a control the text layer reports, or
    Khmer, whose subscript consonants and vowel signs are stacked on the base consonant in one cluster."""
    return unicodedata.category(char)[0] in "MC" or "\u1780" <= char <= "\u17ff"


def _overlaps(letters: list) -> list[tuple[str, str]]:
    """Pairs of letters whose boxes overlap by more than a third of the smaller one (a layout that collided).

    Letters of a script that stacks them (Khmer) overlap each other by design, not with other text."""
    found = []
    ordered = sorted(letters, key=lambda item: item[1][0])
    for index, (char, box, _size) in enumerate(ordered):
        for other, other_box, _other_size in ordered[index + 1 :]:
            if other_box[0] >= box[2]:
                break
            width = min(box[2], other_box[2]) - max(box[0], other_box[0])
            height = min(box[3], other_box[3]) - max(box[1], other_box[1])
            if width <= 0 or height <= 0:
                continue
            smaller = min(
                (box[2] - box[0]) * (box[3] - box[1]), (other_box[2] - other_box[0]) * (other_box[3] - other_box[1])
            )
            if smaller > 0 and width * height > smaller / 3 and not (_stacks(char) and _stacks(other)):
                found.append((char, other))
    return found


def _letters_and_code(pdf: bytes, index: int, trim) -> tuple[list, tuple | None]:
    """Every visible letter with its box and size, and the code's box (the path with the most segments)."""
    document = pypdfium2.PdfDocument(pdf)
    page = document[index]
    textpage = page.get_textpage()
    letters = []
    for position in range(textpage.count_chars()):
        char = textpage.get_text_range(position, 1)
        if not char.strip():
            continue
        box = textpage.get_charbox(position)
        letters.append((char, box, pdfium_c.FPDFText_GetFontSize(textpage.raw, position)))
    qr_box, most = None, 200
    for obj in page.get_objects(max_depth=6):
        if obj.type != pdfium_c.FPDF_PAGEOBJ_PATH or obj.level != 0:
            continue
        segments = pdfium_c.FPDFPath_CountSegments(obj.raw)
        if segments > most:
            most, qr_box = segments, obj.get_bounds()
    return letters, qr_box


def check_rendering(pdf: bytes, *, print_format, url: str = "", urls: list[str] | None = None) -> Preflight:
    """Once per format and template version: the bleed is covered, and the code decodes at reading resolution.

    A sheet of several codes passes `urls`: every one of them must decode, and nothing else."""
    expected = sorted(set(urls or [url]))
    result = Preflight()
    document = pypdfium2.PdfDocument(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    screen = print_format.output.page_unit == "pt"
    distance = float(print_format.reading_distance_m)
    # 100 dpi up to 2 m, less for farther reading (a 5 m banner is read at 40 dpi-equivalent).
    dpi = 72 if screen else 100 * min(1.0, 2 / max(distance, 0.1))
    scale = dpi / 72
    for number, page in enumerate(document):
        image = page.render(scale=scale).to_pil().convert("RGB")
        if not screen:
            uncovered = _uncovered_edges(image, reader.pages[number], scale)
            result.add(
                _("Tràn lề"),
                not uncovered,
                _("Nền dừng ở mép xén (cắt sẽ hở viền trắng): %(e)s") % {"e": ", ".join(uncovered)}
                if uncovered
                else _("Nền chạm mép xén đều tràn ra lề."),
            )
        if number == 0:
            value = decode_with_zbar(image)
            decoded = sorted(set(value.splitlines()))
            if len(expected) > 1 and decoded != expected:
                # zbar sometimes skips one of many codes on a sheet: a second look at twice the resolution.
                sharper = page.render(scale=scale * 2).to_pil().convert("RGB")
                decoded = sorted(set(decoded) | set(decode_with_zbar(sharper).splitlines()))
            result.add(
                _("Quét mã QR"),
                decoded == expected,
                _("Đọc được ở %(dpi).0f dpi.") % {"dpi": dpi}
                if decoded == expected
                else _("Không đọc được mã ở %(dpi).0f dpi (đọc được: “%(v)s”).") % {"dpi": dpi, "v": value},
            )
    return result


def _uncovered_edges(image, page, scale: float) -> list[str]:
    """Edges where the artwork just inside the trim is coloured but the bleed beside it is blank."""
    media = _box(page.mediabox)
    trim, bleed = _box(page.trimbox), _box(page.bleedbox)
    height_px = image.height

    def pixel(x: float, y: float):
        return image.getpixel(
            (
                min(image.width - 1, max(0, round((x - media[0]) * scale))),
                min(height_px - 1, max(0, round((media[3] - y) * scale))),
            )
        )

    def differs(a, b) -> bool:
        return sum(abs(i - j) for i, j in zip(a, b, strict=True)) > 60

    inside = 1.5 * PT_PER_MM
    problems = []
    steps = [i / 20 for i in range(0, 21)]
    for name, points in {
        _("trên"): [
            (
                (trim[0] + (trim[2] - trim[0]) * t, trim[3] - inside),
                (trim[0] + (trim[2] - trim[0]) * t, (trim[3] + bleed[3]) / 2),
            )
            for t in steps
        ],
        _("dưới"): [
            (
                (trim[0] + (trim[2] - trim[0]) * t, trim[1] + inside),
                (trim[0] + (trim[2] - trim[0]) * t, (trim[1] + bleed[1]) / 2),
            )
            for t in steps
        ],
        _("trái"): [
            (
                (trim[0] + inside, trim[1] + (trim[3] - trim[1]) * t),
                ((trim[0] + bleed[0]) / 2, trim[1] + (trim[3] - trim[1]) * t),
            )
            for t in steps
        ],
        _("phải"): [
            (
                (trim[2] - inside, trim[1] + (trim[3] - trim[1]) * t),
                ((trim[2] + bleed[2]) / 2, trim[1] + (trim[3] - trim[1]) * t),
            )
            for t in steps
        ],
    }.items():
        if any(differs(pixel(*a), pixel(*b)) for a, b in points):
            problems.append(name)
    return problems


def decode_with_zbar(image) -> str:
    if not shutil.which("zbarimg"):
        return ""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "code.png"
        image.convert("L").save(path)
        # A fixed command (Debian's zbar-tools, found on PATH above) on our own temporary file.
        command = ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(path)]
        found = subprocess.run(  # noqa: S603
            command,
            capture_output=True,
            text=True,
            check=False,
        )
    return found.stdout.strip()
