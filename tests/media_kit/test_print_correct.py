"""Every format, rendered with a long real domain and the longest demo ward name, read as a print shop would:
poppler's pdftotext boxes inside the safe area, the band's colour in the bleed corners, zbar decoding."""

import io
import re
import shutil
import subprocess

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from media_kit.models import PrintFormat
from media_kit.preflight import check_rendering, check_structure, decode_with_zbar
from media_kit.rendering.context import material_for
from media_kit.rendering.pdf import layout_of, render_pdf, safe_margin
from media_kit.rendering.qr import qr_modules
from places.models import AdministrativeUnit, UnitLevel
from tests.factories.places import ServicePointFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("zbarimg"), reason="poppler-utils, zbar"),
]

MM = 72 / 25.4
DOMAIN = "https://loa.daklak.gov.vn"
VISUAL = [
    "pa-no-240x120",
    "pa-no-300x150",
    "ap-phich-a2",
    "ap-phich-a3",
    "bang-ron-500x80",
    "to-roi-a5",
    "standee-60x160",
    "nhan-dan-10x10",
    "slide-1920x1080",
    "bai-dang-1080x1080",
]


@pytest.fixture
def longest_ward(official_units):
    wards = AdministrativeUnit.objects.filter(level=UnitLevel.WARD, code__in=official_units.values("code"))
    unit = max(wards, key=lambda ward: len(ward.name))
    ServicePointFactory(
        unit=unit,
        name=f"Bộ phận Một cửa {unit.name}",
        address="Số 1 đường Lê Duẩn",
        opening_hours="Thứ Hai – Thứ Sáu, 7:30–17:00",
        hotline="0262 3852 100",
    )
    return unit


def rendered(slug, placement_for, unit, settings, **options):
    settings.LOA_PUBLIC_BASE_URL = DOMAIN
    print_format = PrintFormat.objects.get(slug=slug)
    item = placement_for(print_format, unit=unit)
    material = material_for(print_format=print_format, template=item.campaign.print_template, placement=item)
    return print_format, material, render_pdf(material, **options)


def structure_of(pdf: bytes, print_format, material):
    """Preflight's structural checks of one rendered file (boxes, fonts, safe area, QR size and quiet zone)."""
    return check_structure(
        pdf,
        print_format=print_format,
        qr_modules=qr_modules(material.url),
        address=material.short_address,
        ward_name=material.unit_name,
    )


def word_boxes(pdf: bytes) -> list[tuple[int, str, tuple[float, float, float, float]]]:
    """(page, word, (xMin, yMin, xMax, yMax)) from poppler, y downwards from the MediaBox's top."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()
    words = []
    for number, page in enumerate(html.split("<page ")[1:]):
        for match in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page
        ):
            words.append((number, match[5], tuple(float(match[i]) for i in range(1, 5))))
    return words


@pytest.mark.parametrize("slug", VISUAL)
def test_every_format_is_print_correct_with_a_long_domain_and_the_longest_ward(
    slug, placement_for, longest_ward, settings
):
    print_format, material, pdf = rendered(slug, placement_for, longest_ward, settings)
    assert material.short_address.startswith("loa.daklak.gov.vn/q/")
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    media, trim = page.mediabox, page.trimbox
    # Trim box in poppler's coordinates (origin at the MediaBox's top-left corner, y downwards).
    left, top = float(trim.left) - float(media.left), float(media.top) - float(trim.top)
    right, bottom = left + float(trim.width), top + float(trim.height)
    safe = safe_margin(print_format) * (1 if print_format.output.page_unit == "pt" else MM)
    words = word_boxes(pdf)
    printed = " ".join(word for _page, word, _box in words)
    assert material.short_address.split("/")[0] in printed and material.short_address.split("/")[-1] in printed
    for _page, word, (x0, y0, x1, y1) in words:
        assert x0 >= left + safe - 1 and x1 <= right - safe + 1, (word, x0, x1, left + safe, right - safe)
        assert y0 >= top + safe - 1 and y1 <= bottom - safe + 1, (word, y0, y1, top + safe, bottom - safe)

    document = pdfium.PdfDocument(pdf)
    if print_format.output.printed:
        # The band's colour in the bleed corners it touches (half-way into the bleed, clear of the crop marks).
        bleed = float(print_format.bleed_mm) * MM
        scale = 300 / 72 if max(float(media.width), float(media.height)) < 1500 else 20 / 72
        image = document[0].render(scale=scale).to_pil().convert("RGB")
        corners = {"top-left": (left - bleed / 2, top - bleed / 2), "top-right": (right + bleed / 2, top - bleed / 2)}
        if layout_of(print_format) == "banner":  # the slogan's panel is on the left, full height
            corners = {"top-left": corners["top-left"], "bottom-left": (left - bleed / 2, bottom + bleed / 2)}
        for name, (x, y) in corners.items():
            red, green, blue = image.getpixel((round(x * scale), round(y * scale)))
            assert abs(red - 0xA3) < 12 and green < 40 and blue < 45, (name, (red, green, blue))
    # zbar at 100 dpi (screens at their own pixels), and at the reading resolution for far-read formats.
    # Pa-nô and banners (read from 4–5 m) at the resolution a 2 m sheet has at 100 dpi.
    distance = float(print_format.reading_distance_m)
    dpi = 72 if print_format.output.page_unit == "pt" else 100 * min(1.0, 2 / distance)
    assert decode_with_zbar(document[0].render(scale=dpi / 72).to_pil()) == material.url
    structure = structure_of(pdf, print_format, material)
    assert structure.ok, structure.problems
    rendering = check_rendering(pdf, print_format=print_format, url=material.url)
    assert rendering.ok, rendering.problems


@pytest.mark.parametrize("slug", VISUAL)
def test_a_short_domain_is_not_drawn_out_of_the_safe_area(slug, placement_for, longest_ward, settings, monkeypatch):
    # A short address is drawn at the format's full size (a long one is narrowed to the code's width): it must still
    # leave room for what is under it.
    monkeypatch.setattr(f"{__name__}.DOMAIN", "https://loa.vn")
    print_format, material, pdf = rendered(slug, placement_for, longest_ward, settings)
    assert material.short_address.startswith("loa.vn/q/")
    structure = structure_of(pdf, print_format, material)
    assert structure.ok, structure.problems


@pytest.mark.parametrize("slug", ["ap-phich-a3", "bai-dang-1080x1080"])
def test_a_layout_that_pushes_text_out_of_the_safe_area_fails_preflight(slug, placement_for, longest_ward, settings):
    print_format, material, pdf = rendered(slug, placement_for, longest_ward, settings, safe_override=-2)
    report = check_structure(
        pdf, print_format=print_format, qr_modules=qr_modules(material.url), address=material.short_address
    )
    assert not report.ok
    assert any("vùng an toàn" in problem for problem in report.problems)


def test_a_band_that_stops_at_the_trim_fails_the_bleed_check(placement_for, longest_ward, settings):
    print_format, material, pdf = rendered("ap-phich-a3", placement_for, longest_ward, settings)
    assert check_rendering(pdf, print_format=print_format, url=material.url).ok
    # The same page cut to its trim and re-padded with white: what the old layouts delivered.
    from pypdf import PdfWriter, Transformation
    from pypdf.generic import RectangleObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    blank = writer.add_blank_page(
        width=float(writer.pages[0].mediabox.width), height=float(writer.pages[0].mediabox.height)
    )
    original = writer.pages[0]
    original.cropbox = RectangleObject(original.trimbox)
    original.mediabox = RectangleObject(original.trimbox)
    blank.merge_transformed_page(original, Transformation())
    for box in ("mediabox", "trimbox", "bleedbox"):
        setattr(blank, box, getattr(writer.pages[0], box) if box != "mediabox" else blank.mediabox)
    buffer = io.BytesIO()
    out = PdfWriter()
    out.add_page(blank)
    out.write(buffer)
    report = check_rendering(buffer.getvalue(), print_format=print_format, url=material.url)
    assert any("Tràn lề" in problem for problem in report.problems), report.problems


def test_layouts_are_planned_for_the_reference_addresss_code():
    from media_kit.rendering.pdf import ADDRESS_SIZED_FOR, REFERENCE_MODULES

    assert qr_modules(f"https://{ADDRESS_SIZED_FOR}") == REFERENCE_MODULES
