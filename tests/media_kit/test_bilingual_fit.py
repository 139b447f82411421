"""Every format's bilingual variant (Vietnamese + the ward's language) fits: rendered with the longest demo ward
name, a long real domain and a second language longer than the Vietnamese, it passes preflight, every letter lies
in the safe area (poppler's boxes) and zbar decodes the code. Each format is rendered once per language per module.
"""

import io
import shutil

import pypdfium2 as pdfium
import pytest
from django.test import TestCase, override_settings
from pypdf import PdfReader

from media_kit.demo import DEMO_TEMPLATE
from media_kit.models import PrintFormat, PrintTemplate, PrintTemplateTranslation
from media_kit.preflight import check_structure, decode_with_zbar
from media_kit.rendering.context import material_for
from media_kit.rendering.pdf import layout_of, render_pdf, safe_margin
from media_kit.rendering.qr import qr_modules
from places.models import AdministrativeUnit, UnitLevel
from tests.factories.campaigns import CampaignPageFactory
from tests.factories.places import ServicePointFactory
from tests.factories.tracking import placement
from tests.media_kit.test_print_correct import DOMAIN, MM, VISUAL, word_boxes
from tracking.models import Channel, ChannelKind

# The demo template's words in each ward language. English is a real translation; the Khmer lines are the test's
# own wording (not reviewed by a translator), Ê Đê and H'Mông are samples of the length a translation has, written
# with each language's letters: what matters here is that longer text in other scripts still fits.
TRANSLATIONS = {
    "en": {
        "headline": "Activate your level 2 electronic identity",
        "body": (
            "One level 2 VNeID account replaces many papers when you apply for public services. "
            "Register for free at the commune or ward police."
        ),
        "step_1": "Install the VNeID app",
        "step_2": "Go to the commune or ward police with your ID card",
        "step_3": "Enter the activation code sent to your phone",
        "step_4": "Complete procedures online on your phone",
        "call_to_action": "Scan the code for the guide",
    },
    "km": {
        "headline": "ធ្វើឱ្យអត្តសញ្ញាណអេឡិចត្រូនិកកម្រិត ២ សកម្ម",
        "body": ("គណនី VNeID កម្រិត ២ ជំនួសឯកសារជាច្រើននៅពេលធ្វើនីតិវិធី។ ចុះឈ្មោះដោយឥតគិតថ្លៃនៅប៉ុស្តិ៍នគរបាលឃុំ ឬសង្កាត់។"),
        "step_1": "ដំឡើងកម្មវិធី VNeID",
        "step_2": "ទៅប៉ុស្តិ៍នគរបាលឃុំ ឬសង្កាត់ ដោយយកអត្តសញ្ញាណប័ណ្ណ",
        "step_3": "បញ្ចូលលេខកូដដែលផ្ញើមកទូរស័ព្ទ",
        "step_4": "ធ្វើនីតិវិធីតាមអ៊ីនធឺណិតលើទូរស័ព្ទ",
        "call_to_action": "ស្កេនកូដដើម្បីមើលការណែនាំ",
    },
    "rad": {
        "headline": "[mẫu thử Ê Đê] Mdưm ĕ ĭ ŏ ŭ klei kơ VNeID mức 2",
        "body": (
            "[mẫu thử Ê Đê] Sa boh VNeID mức 2 ĕ ĭ ŏ ŭ Ĕ Ĭ Ŏ Ŭ hrăm mbĭt hŏng lu hră kơ klei bruă. "
            "Čih anăn ƀiădah ăt kơ Công an xã, phường êbeh ŏ ŭ."
        ),
        "step_1": "[mẫu thử] Mdưm VNeID ĕ ĭ",
        "step_2": "[mẫu thử] Nao kơ Công an xã, phường mă ba thẻ ŏ ŭ",
        "step_3": "[mẫu thử] Mă mã kơ điện thoại ĕ ĭ ŏ ŭ",
        "step_4": "[mẫu thử] Ngă klei bruă hlăm điện thoại ĕ ĭ",
        "call_to_action": "[mẫu thử] Quét mã ĕ ĭ ŏ ŭ",
    },
    "hnj": {
        "headline": "[mẫu thử H'Mông] Qhib npe VNeID theem 2 rau koj tus kheej",
        "body": (
            "[mẫu thử H'Mông] Ib tug npe VNeID theem 2 hloov tau ntau daim ntawv thaum ua haujlwm nrog lub xeev. "
            "Sau npe dawb ntawm Công an xã, phường."
        ),
        "step_1": "[mẫu thử] Nruab VNeID rau hauv xov tooj",
        "step_2": "[mẫu thử] Mus rau Công an xã, phường nqa daim npav",
        "step_3": "[mẫu thử] Ntaus tus lej xa tuaj rau xov tooj",
        "step_4": "[mẫu thử] Ua haujlwm hauv xov tooj",
        "call_to_action": "[mẫu thử] Scan tus code saib",
    },
}

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("zbarimg"), reason="poppler-utils, zbar"),
]

VARIANTS = [(slug, language) for slug in VISUAL for language in TRANSLATIONS]


@pytest.fixture(scope="module")
def bilingual(django_db_setup, django_db_blocker):
    """A getter of (slug, language) → (format, material, pdf): the demo template with every translation, the demo
    ward with the longest name, the long domain; each variant rendered once for the module, all rolled back after."""
    rendered = {}
    with django_db_blocker.unblock(), override_settings(LOA_PUBLIC_BASE_URL=DOMAIN):
        atomics = TestCase._enter_atomics()
        try:
            wards = AdministrativeUnit.objects.filter(level=UnitLevel.WARD, is_official=True)
            unit = max(wards, key=lambda ward: len(ward.name))
            ServicePointFactory(
                unit=unit,
                name=f"Bộ phận Một cửa {unit.name}",
                address="Số 1 đường Lê Duẩn",
                opening_hours="Thứ Hai – Thứ Sáu, 7:30–17:00",
                hotline="0262 3852 100",
            )
            template = PrintTemplate.objects.create(campaign=CampaignPageFactory(), **DEMO_TEMPLATE)
            for language, words in TRANSLATIONS.items():
                PrintTemplateTranslation.objects.create(template=template, language=language, **words)
            fallback = Channel.objects.create(name="Áp phích", slug="ap-phich-thu", kind=ChannelKind.PRINT)

            def get(slug: str, language: str):
                if (slug, language) not in rendered:
                    with django_db_blocker.unblock():
                        unit.default_language = language
                        unit.save(update_fields=["default_language"])
                        print_format = PrintFormat.objects.get(slug=slug)
                        item = placement(
                            unit=unit, channel=print_format.channels.first() or fallback, campaign=template.campaign
                        )
                        material = material_for(print_format=print_format, template=template, placement=item)
                        assert material.translation is not None and material.translation.language == language
                        rendered[slug, language] = (print_format, material, render_pdf(material))
                return rendered[slug, language]

            yield get
        finally:
            TestCase._rollback_atomics(atomics)


@pytest.mark.parametrize(("slug", "language"), VARIANTS)
def test_every_bilingual_variant_passes_preflight_with_every_word_in_the_safe_area(bilingual, slug, language):
    print_format, material, pdf = bilingual(slug, language)
    structure = check_structure(
        pdf,
        print_format=print_format,
        qr_modules=qr_modules(material.url),
        address=material.short_address,
        ward_name=material.unit_name,
    )
    assert structure.ok, structure.problems

    # poppler's word boxes, independent of preflight's own reading: every word inside the safe area.
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    media, trim = page.mediabox, page.trimbox
    left, top = float(trim.left) - float(media.left), float(media.top) - float(trim.top)
    right, bottom = left + float(trim.width), top + float(trim.height)
    safe = safe_margin(print_format) * (1 if print_format.output.page_unit == "pt" else MM)
    words = word_boxes(pdf)
    for _page, word, (x0, y0, x1, y1) in words:
        assert x0 >= left + safe - 1 and x1 <= right - safe + 1, (word, x0, x1, left + safe, right - safe)
        assert y0 >= top + safe - 1 and y1 <= bottom - safe + 1, (word, y0, y1, top + safe, bottom - safe)

    # Both languages are printed: the Vietnamese headline and the translation's (a sticker: the call to action).
    printed = " ".join(word for _page, word, _box in words)
    field = "call_to_action" if layout_of(print_format) == "compact" else "headline"
    assert DEMO_TEMPLATE[field].split()[0] in printed
    if language == "km":
        assert any("\u1780" <= char <= "\u17ff" for char in printed)
    else:
        assert TRANSLATIONS[language][field].split()[-1] in printed


@pytest.mark.parametrize(("slug", "language"), VARIANTS)
def test_every_bilingual_variant_s_code_decodes_with_zbar_at_reading_resolution(bilingual, slug, language):
    print_format, material, pdf = bilingual(slug, language)
    distance = float(print_format.reading_distance_m)
    dpi = 72 if print_format.output.page_unit == "pt" else 100 * min(1.0, 2 / distance)
    assert decode_with_zbar(pdfium.PdfDocument(pdf)[0].render(scale=dpi / 72).to_pil()) == material.url
