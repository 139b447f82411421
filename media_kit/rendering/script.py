"""The loudspeaker script: a greeting, the message, the short address and the numeric code spoken (read
twice), the help desk with its hours and hotline, a closing; the whole read twice. Wards whose default
language has a translation of the template get a second part in that language."""

import math
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from media_kit.rendering.context import Material
from media_kit.rendering.words import catalogue_speaks, in_vietnamese
from tracking.codes import spell_digits

SYLLABLES_PER_MINUTE = 130  # a calm loudspeaker reading; Vietnamese words are one syllable each
UNIT_TYPES = ("Xã ", "Phường ", "Đặc khu ", "Thị trấn ")
# The names of the ward languages in a Vietnamese sentence (settings.LANGUAGES has their own names).
LANGUAGE_IN_SENTENCE = {"en": "tiếng Anh", "km": "tiếng Khmer", "rad": "tiếng Ê Đê", "hnj": "tiếng H'Mông"}
_CLOCK = re.compile(r"\b(\d{1,2})[:hg](\d{2})\b")
_DASH = re.compile(r"\s*[–—-]\s*")


def spoken_host(url: str) -> str:
    """ "loa.daklak.gov.vn" → "loa chấm daklak chấm gov chấm vn" (words to say, not letters to spell)."""
    dot = pgettext("dấu chấm trong địa chỉ đọc trên loa", "chấm")
    return f" {dot} ".join(urlsplit(url).hostname.split("."))


def spoken_phone(number: str) -> str:
    """ "0262 3852 100" → "không hai sáu hai, ba tám năm hai, một không không": digit by digit, grouped as written."""
    groups = [re.sub(r"\D", "", group) for group in number.split()]
    return ", ".join(spell_digits(group) for group in groups if group)


def spoken_hours(hours: str) -> str:
    """ "Thứ Hai – Thứ Sáu, 7:30–17:00" → "Thứ Hai đến Thứ Sáu, 7 giờ 30 đến 17 giờ"."""

    def clock(match: re.Match) -> str:
        hour, minute = int(match[1]), match[2]
        if minute == "00":
            return _("%(hour)s giờ") % {"hour": hour}
        return _("%(hour)s giờ %(minute)s") % {"hour": hour, "minute": minute}

    until = pgettext("từ giờ này đến giờ kia", "đến")
    return _DASH.sub(f" {until} ", _CLOCK.sub(clock, hours))


def in_sentence(unit_name: str) -> str:
    """ "Phường Buôn Ma Thuột" → "phường Buôn Ma Thuột" inside a sentence."""
    if unit_name.startswith(UNIT_TYPES):
        return unit_name[0].lower() + unit_name[1:]
    return unit_name


def language_in_sentence(code: str) -> str:
    return LANGUAGE_IN_SENTENCE.get(code) or f"tiếng {dict(settings.LANGUAGES).get(code, code)}"


def reading_seconds(text: str) -> int:
    return math.ceil(len(text.split()) / SYLLABLES_PER_MINUTE * 60)


def help_desk_sentence(material: Material) -> str:
    points = material.help_desk.service_points if material.help_desk else []
    if not points:
        return _("Nếu cần giúp đỡ, bà con đến Bộ phận Một cửa Ủy ban nhân dân hoặc Công an xã, phường.")
    # The point that says when it is open and whom to call, if any does.
    point = next((point for point in points if point.opening_hours and point.hotline), points[0])
    sentence = _("Nếu cần giúp đỡ, bà con đến %(place)s, %(address)s") % {"place": point.name, "address": point.address}
    if point.opening_hours:
        sentence += _(", giờ làm việc: %(hours)s") % {"hours": spoken_hours(point.opening_hours)}
    sentence += "."
    if point.hotline:
        sentence += " " + _("Hoặc gọi đường dây nóng: %(phone)s.") % {"phone": spoken_phone(point.hotline)}
    return sentence


def code_sentence(material: Material, code: str) -> str:
    spoken_code = spell_digits(code) if code.isdigit() else " ".join(code)
    return _(
        "Để xem hướng dẫn trên điện thoại, bà con vào địa chỉ %(host)s, gạch chéo, q, gạch chéo, rồi gõ mã số "
        "%(code)s. Xin nhắc lại mã số: %(code)s."
    ) % {"host": spoken_host(material.url), "code": spoken_code}


def reading(material: Material, code: str, *, headline: str, message: str, steps: list[str]) -> str:
    """One reading in the active language: greeting, message, steps, the code, the help desk, closing."""
    ward = in_sentence(material.unit_name)
    numbered = " ".join(
        _("Bước %(number)s: %(step)s.") % {"number": number, "step": step} for number, step in enumerate(steps, 1)
    )
    # One line per part: the announcer finds their place again at a glance.
    parts = [
        _("Kính thưa bà con %(ward)s. Đài truyền thanh %(ward_in_sentence)s xin thông báo:")
        % {"ward": material.unit_name, "ward_in_sentence": ward},
        message,
        numbered,
        code_sentence(material, code),
        help_desk_sentence(material),
        _("Đài truyền thanh %(ward_in_sentence)s vừa thông báo: %(headline)s.")
        % {"ward_in_sentence": ward, "headline": headline}
        + " "
        + _("Xin cảm ơn bà con đã chú ý lắng nghe."),
    ]
    return "\n".join(part for part in parts if part.strip())


def vietnamese_reading(material: Material, code: str) -> str:
    template = material.template
    with in_vietnamese():
        message = template.script_intro.strip() or f"{template.headline}. {template.body}"
        return reading(material, code, headline=template.headline, message=message, steps=template.steps)


def translated_reading(material: Material, code: str) -> str:
    """The translator's words (headline, body, steps) within our catalogue's fixed sentences in that language
    (greeting, the code, the help desk, closing). A language our catalogue does not have yet: those sentences
    are read in Vietnamese, and the script says so. The address, the help desk's name and the ward's name are
    said as printed."""
    translation_ = material.translation
    if catalogue_speaks(translation_.language):
        with translation.override(translation_.language):
            message = " ".join(part for part in (f"{translation_.headline}.", translation_.body) if part.strip())
            return reading(material, code, headline=translation_.headline, message=message, steps=translation_.steps)
    steps = " ".join(f"{number}. {step}." for number, step in enumerate(translation_.steps, start=1))
    message = " ".join(part for part in (f"{translation_.headline}.", translation_.body, steps) if part.strip())
    with in_vietnamese():
        return f"{message}\n[Đọc bằng tiếng Việt:] {code_sentence(material, code)} {help_desk_sentence(material)}"


def render_script(material: Material) -> str:
    placement = material.placement
    code = placement.numeric_code or placement.short_code
    reading = vietnamese_reading(material, code)
    seconds = reading_seconds(reading) * 2
    language = placement.unit.default_language
    if material.translation:
        other = language_in_sentence(material.translation.language)
        languages = f"tiếng Việt và {other} (đọc phần {other} sau phần tiếng Việt)"
        if not catalogue_speaks(material.translation.language):
            languages += f"; lời chào, mã số và nơi hỗ trợ chưa được dịch sang {other} nên phần đó đọc bằng tiếng Việt"
    elif language and language != settings.LANGUAGE_CODE:
        languages = (
            f"tiếng Việt. Xã, phường dùng {language_in_sentence(language)} nhưng mẫu ấn phẩm chưa có bản dịch "
            f"sang {language_in_sentence(language)}, nên kịch bản chỉ có tiếng Việt"
        )
    else:
        languages = "tiếng Việt"
    script = (
        f"KỊCH BẢN ĐỌC TRÊN LOA – {material.unit_name.upper()}\n"
        f"Chiến dịch: {placement.campaign.title}\n"
        f"Địa chỉ ghi trên giấy: {material.short_address.rsplit('/', 1)[0]}/{code}\n"
        f"Mã số: {code}\n"
        f"Ngôn ngữ: {languages}.\n"
        f"Thời lượng ước tính: khoảng {seconds} giây (đọc hai lần)\n\n"
        f"LẦN 1\n{reading}\n\nLẦN 2\n{reading}\n"
    )
    if material.translation:
        translated = translated_reading(material, code)
        script += f"\n{language_in_sentence(material.translation.language).upper()}\n{translated}\n"
    return script


def render_script_bytes(material: Material) -> bytes:
    return render_script(material).encode("utf-8")
