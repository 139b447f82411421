"""The loudspeaker script as the ward's announcer reads it, from a real pack: greeting and closing, the
help desk's hours and hotline in words, the code twice, and the ward's language where a translation exists."""

import io
import zipfile

import pytest
from django.utils import translation

from media_kit.models import PrintFormat, PrintTemplateTranslation
from media_kit.packs import build_pack
from places.models import AdministrativeUnit

pytestmark = pytest.mark.django_db

CHOICE = {"kich-ban-loa": "loa-truyen-thanh"}


def script_for(print_template, unit: AdministrativeUnit) -> str:
    result = build_pack(
        campaign=print_template.campaign,
        formats=[PrintFormat.objects.get(slug="kich-ban-loa")],
        units=[unit],
        channel_choices=CHOICE,
    )
    assert not result.failures, result.failures
    archive = zipfile.ZipFile(io.BytesIO(result.content))
    (name,) = [name for name in archive.namelist() if name.endswith("/kich-ban-loa.txt")]
    return archive.read(name).decode("utf-8")


def reading(script: str, heading: str) -> str:
    return script.split(f"\n{heading}\n", 1)[1].split("\n\n", 1)[0].strip()


def test_the_script_greets_gives_the_help_desk_hours_and_hotline_and_closes(print_template, ward):
    script = script_for(print_template, ward)
    first = reading(script, "LẦN 1")
    assert first == reading(script, "LẦN 2")
    greeting = "Kính thưa bà con Phường Buôn Ma Thuột. Đài truyền thanh phường Buôn Ma Thuột xin thông báo:"
    assert first.startswith(greeting)
    assert first.endswith("Xin cảm ơn bà con đã chú ý lắng nghe.")
    # The service point of places/, hours and hotline as a reader says them.
    assert "bà con đến Bộ phận Một cửa phường Buôn Ma Thuột, Số 1 đường Lê Duẩn" in first
    assert "giờ làm việc: Thứ Hai đến Thứ Sáu, 7 giờ 30 đến 17 giờ." in first
    assert "gọi đường dây nóng: không hai sáu hai, ba tám năm hai, một không không." in first
    # The numeric code in Vietnamese words, twice in each reading.
    code = script.split("Mã số: ")[1].split("\n")[0]
    assert code.isdigit() and len(code) == 6
    words = " ".join(["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"][int(d)] for d in code)
    assert first.count(words) == 2 and f"Xin nhắc lại mã số: {words}." in first
    assert "Ngôn ngữ: tiếng Việt.\n" in script


def test_a_ward_with_a_translated_language_gets_a_part_in_it(print_template, ward):
    ward.default_language = "rad"
    ward.save()
    PrintTemplateTranslation.objects.create(
        template=print_template,
        language="rad",
        headline="[mẫu thử Ê Đê] ĕ ĭ",
        body="[mẫu thử] ŏ ŭ",
        step_1="[mẫu thử] ĕ",
    )
    script = script_for(print_template, ward)
    assert "Ngôn ngữ: tiếng Việt và tiếng Ê Đê" in script
    translated = script.split("\nTIẾNG Ê ĐÊ\n", 1)[1]
    assert translated.startswith("[mẫu thử Ê Đê] ĕ ĭ. [mẫu thử] ŏ ŭ 1. [mẫu thử] ĕ.")
    assert "Xin nhắc lại mã số:" in translated and "bà con đến Bộ phận Một cửa" in translated
    # Our catalogue has no Ê Đê yet: the fixed sentences are read in Vietnamese, and the header says so.
    assert "[Đọc bằng tiếng Việt:]" in translated
    assert "lời chào, mã số và nơi hỗ trợ chưa được dịch sang tiếng Ê Đê nên phần đó đọc bằng tiếng Việt" in script
    # The Vietnamese readings come first.
    assert script.index("LẦN 2") < script.index("TIẾNG Ê ĐÊ")


def test_a_ward_whose_language_has_no_translation_is_told_the_script_is_vietnamese_only(print_template, ward):
    ward.default_language = "km"
    ward.save()
    script = script_for(print_template, ward)
    assert "nhưng mẫu ấn phẩm chưa có bản dịch sang tiếng Khmer, nên kịch bản chỉ có tiếng Việt." in script
    assert "TIẾNG KHMER" not in script


def test_a_ward_whose_language_our_catalogue_has_hears_the_fixed_sentences_in_it(print_template, ward):
    """English is the ward's language here because it is the language our catalogue translates (locale/en);
    the Vietnamese readings stay as they were, whatever language the admin that asked for the pack speaks."""
    ward.default_language = "en"
    ward.save()
    PrintTemplateTranslation.objects.create(
        template=print_template,
        language="en",
        headline="Activate your level 2 electronic identity",
        body="Bring your chip ID card to the ward police.",
        step_1="Install the VNeID app",
    )
    with translation.override("en"):  # an official whose admin is in English
        script = script_for(print_template, ward)
    first = reading(script, "LẦN 1")
    assert first.startswith("Kính thưa bà con Phường Buôn Ma Thuột.") and "Xin nhắc lại mã số:" in first
    code = script.split("Mã số: ")[1].split("\n")[0]
    english = script.split("\nTIẾNG ANH\n", 1)[1]
    digits = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    words = " ".join(digits[int(digit)] for digit in code)
    assert english.startswith(
        "Dear residents of Phường Buôn Ma Thuột. This is an announcement from the loudspeaker station of "
        "phường Buôn Ma Thuột:\nActivate your level 2 electronic identity. Bring your chip ID card to the ward "
        "police.\nStep 1: Install the VNeID app.\n"
    )
    assert f"then type the code {words}. Once again, the code is: {words}." in english
    assert "If you need help, please go to Bộ phận Một cửa phường Buôn Ma Thuột, Số 1 đường Lê Duẩn, open " in english
    assert "Or call the hotline: zero two six two, three eight five two, one zero zero." in english
    assert english.rstrip().endswith("Thank you for listening.")
    assert "[Đọc bằng tiếng Việt:]" not in english and "bà con" not in english
    assert "Ngôn ngữ: tiếng Việt và tiếng Anh (đọc phần tiếng Anh sau phần tiếng Việt).\n" in script
