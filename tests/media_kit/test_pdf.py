"""Print-ready PDFs, checked as a print shop would: boxes, fonts, text, and a real QR decoder."""

import io

import pypdfium2 as pdfium
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from pypdf import PdfReader
from wagtail.images import get_image_model

from media_kit.models import OutputKind, PrintFormat, PrintTemplateLogo
from media_kit.rendering.context import MaterialError, material_for
from media_kit.rendering.pdf import COMPACT_BELOW_MM, MissingGlyphError, render_pdf
from media_kit.rendering.qr import qr_svg
from tests.media_kit.conftest import BODY, HEADLINE, STEPS
from tests.media_kit.decoding import decode_qr

pytestmark = pytest.mark.django_db

MM = 72 / 25.4  # PDF points per millimetre


def pdf_formats() -> list[str]:
    return list(PrintFormat.objects.filter(kind=OutputKind.PDF).values_list("slug", flat=True))


def decode(page, long_side_px: int) -> str:
    width, height = page.get_size()
    return decode_qr(page.render(scale=long_side_px / max(width, height)).to_pil())


@pytest.mark.parametrize(
    "slug",
    [
        "pa-no-240x120",
        "pa-no-300x150",
        "ap-phich-a2",
        "ap-phich-a3",
        "bang-ron-500x80",
        "to-roi-a5",
        "standee-60x160",
        "nhan-dan-10x10",
    ],
)
def test_each_printed_format_is_print_ready_for_its_ward(slug, placement_for):
    print_format = PrintFormat.objects.get(slug=slug)
    placement = placement_for(print_format)
    material = material_for(print_format=print_format, template=placement.campaign.print_template, placement=placement)
    pdf = render_pdf(material)

    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == print_format.sides
    width, height, bleed = float(print_format.width_mm), float(print_format.height_mm), float(print_format.bleed_mm)
    for page in reader.pages:
        media, trim, bleed_box = page.mediabox, page.trimbox, page.bleedbox
        # The BleedBox carries the format's bleed; the MediaBox adds a slug for the crop marks.
        assert abs(float(bleed_box.width) / MM - (width + 2 * bleed)) < 0.5
        assert abs(float(bleed_box.height) / MM - (height + 2 * bleed)) < 0.5
        assert float(media.width) > float(bleed_box.width) and float(media.height) > float(bleed_box.height)
        assert abs(float(trim.width) / MM - width) < 0.5 and abs(float(trim.height) / MM - height) < 0.5
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), "font not embedded"

    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Phường Buôn Ma Thuột" in text and f"/q/{placement.short_code}" in text
    if min(width, height) >= COMPACT_BELOW_MM:  # a desk sticker carries only the code and the ward
        for expected in (HEADLINE, "Bộ phận Một cửa phường Buôn Ma Thuột", "0262 3852 100"):
            assert expected in text, expected
        if max(width, height) / min(width, height) <= 3:  # a banner carries the slogan, not the body or steps
            assert STEPS[0] in text and BODY[:40] in text

    document = pdfium.PdfDocument(pdf)
    assert decode(document[0], 2500) == material.url
    # The degraded render: about 600 px on the long side. A banner (6:1) or a standee is read from
    # afar on its short side, so it gets the pixel density a 2:1 sheet has at 600 px.
    aspect = max(width, height) / min(width, height)
    assert decode(document[0], round(600 * max(1.0, aspect / 2))) == material.url


def test_a_layout_that_would_print_the_code_too_small_is_refused(placement_for):
    sticker = PrintFormat.objects.get(slug="nhan-dan-10x10")
    sticker.reading_distance_m = 3  # a 300 mm code on a 100 mm sticker
    placement = placement_for(sticker)
    material = material_for(print_format=sticker, template=placement.campaign.print_template, placement=placement)
    with pytest.raises(MaterialError, match="phải rộng 300 mm"):  # in Vietnamese, as staff read it
        render_pdf(material)


def test_letters_no_font_has_are_an_error_not_a_box(placement_for, print_template):
    print_template.headline = "Hướng dẫn \U000e01ef\U0010fffd"  # no font on any machine draws these
    placement = placement_for(PrintFormat.objects.get(slug="ap-phich-a3"))
    material = material_for(
        print_format=PrintFormat.objects.get(slug="ap-phich-a3"), template=print_template, placement=placement
    )
    with pytest.raises(MissingGlyphError):
        render_pdf(material)


def test_ede_letters_fall_back_to_noto_sans(placement_for, print_template):
    print_template.body = "Êa drei ĕ ĭ ŏ ŭ – tiếng Ê Đê"
    placement = placement_for(PrintFormat.objects.get(slug="ap-phich-a3"))
    material = material_for(
        print_format=PrintFormat.objects.get(slug="ap-phich-a3"), template=print_template, placement=placement
    )
    text = PdfReader(io.BytesIO(render_pdf(material))).pages[0].extract_text()
    assert "ĕ ĭ ŏ ŭ" in text


def test_the_code_is_pure_black_with_a_four_module_quiet_zone():
    svg = qr_svg("https://loa.example.vn/q/AB3XK7")
    assert 'fill="#000"' in svg and "#000000" not in svg
    view_box = [float(n) for n in svg.split('viewBox="')[1].split('"')[0].split()]
    first_module = svg.split('d="M')[1].split(",")[0]
    assert float(first_module) == 4  # the path starts four modules in: the quiet zone
    assert view_box[2] == view_box[3]


def test_the_templates_image_and_logos_are_printed(placement_for, print_template, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    def image(name: str, colour: str):
        buffer = io.BytesIO()
        PILImage.new("RGB", (300, 200), colour).save(buffer, "PNG")
        return get_image_model().objects.create(title=name, file=SimpleUploadedFile(name, buffer.getvalue()))

    print_template.image = image("nguoi-dan.png", "#2a7")
    print_template.save()
    PrintTemplateLogo.objects.create(template=print_template, image=image("cong-an.png", "#c00"), name="Công an tỉnh")
    placement = placement_for(PrintFormat.objects.get(slug="ap-phich-a3"))
    pdf = render_pdf(
        material_for(
            print_format=PrintFormat.objects.get(slug="ap-phich-a3"), template=print_template, placement=placement
        )
    )
    images = PdfReader(io.BytesIO(pdf)).pages[0].images
    assert len(images) == 2
    assert "Công an tỉnh" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
