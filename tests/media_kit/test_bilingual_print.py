"""Bilingual materials: Vietnamese first, then the ward's language, with fonts that have every letter."""

import io

import pytest
from pypdf import PdfReader

from media_kit.models import PrintFormat, PrintTemplateTranslation
from media_kit.rendering.context import material_for
from media_kit.rendering.pdf import render_pdf
from tests.media_kit.conftest import HEADLINE, STEPS

pytestmark = pytest.mark.django_db

# Test samples standing for a translator's work (not a translation to print): Ê Đê's breve
# letters, and Khmer script, which only Noto Sans Khmer draws.
EDE_SAMPLE = {
    "headline": "[mẫu thử Ê Đê] ĕ ĭ ŏ ŭ Ĕ Ĭ Ŏ Ŭ",
    "body": "[mẫu thử Ê Đê] Êđê ĕ ĭ ŏ ŭ",
    "step_1": "[mẫu thử] bước ĕ",
    "call_to_action": "[mẫu thử] ŏ ŭ",
}
KHMER_SAMPLE = {"headline": "ស្កេនកូដ QR", "body": "ភាសាខ្មែរ", "step_1": "កម្មវិធី VNeID", "call_to_action": "ស្កេន"}


def pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


def embedded_fonts(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def render(placement_for, print_template, slug: str = "ap-phich-a3") -> bytes:
    print_format = PrintFormat.objects.get(slug=slug)
    placement = placement_for(print_format)
    placement.unit.refresh_from_db()
    return render_pdf(material_for(print_format=print_format, template=print_template, placement=placement))


def test_a_rad_ward_gets_vietnamese_and_ede_with_no_missing_glyph(placement_for, print_template, ward):
    PrintTemplateTranslation.objects.create(template=print_template, language="rad", **EDE_SAMPLE)
    ward.default_language = "rad"
    ward.save()
    text = pdf_text(render(placement_for, print_template))
    assert HEADLINE in text and STEPS[0] in text
    for sample in EDE_SAMPLE.values():
        assert sample in text
    assert text.index(HEADLINE) < text.index(EDE_SAMPLE["headline"]), "Vietnamese comes first"


def test_a_khmer_ward_gets_khmer_drawn_with_noto_sans_khmer(placement_for, print_template, ward):
    PrintTemplateTranslation.objects.create(template=print_template, language="km", **KHMER_SAMPLE)
    ward.default_language = "km"
    ward.save()
    pdf = render(placement_for, print_template)  # a missing glyph would raise MissingGlyphError
    assert any("Noto-Sans-Khmer" in name for name in embedded_fonts(pdf)), embedded_fonts(pdf)
    text = pdf_text(pdf)
    assert HEADLINE in text
    assert any("\u1780" <= char <= "\u17ff" for char in text), "Khmer letters are in the PDF's text"


def test_a_vietnamese_ward_or_a_missing_translation_prints_vietnamese_only(placement_for, print_template, ward):
    PrintTemplateTranslation.objects.create(template=print_template, language="rad", **EDE_SAMPLE)
    assert EDE_SAMPLE["headline"] not in pdf_text(render(placement_for, print_template))  # ward in vi
    ward.default_language = "hnj"  # no H'Mông translation of this template
    ward.save()
    text = pdf_text(render(placement_for, print_template))
    assert HEADLINE in text and EDE_SAMPLE["headline"] not in text


@pytest.mark.parametrize("slug", ["to-roi-a5", "bang-ron-500x80", "nhan-dan-10x10"])
def test_the_second_language_still_fits_small_and_long_formats(placement_for, print_template, ward, slug):
    PrintTemplateTranslation.objects.create(template=print_template, language="rad", **EDE_SAMPLE)
    ward.default_language = "rad"
    ward.save()
    assert render(placement_for, print_template, slug)  # MaterialError if it overflowed the page
