"""The loudspeaker script: a greeting, the message, the short address and the numeric code spoken (read
twice), the help desk with its hours and hotline, a closing; the whole read twice. Wards whose default
language has a translation of the template get a second part in that language."""

import math
import re
from urllib.parse import urlsplit

from django.conf import settings

from media_kit.rendering.context import Material
from tracking.codes import spell_digits

SYLLABLES_PER_MINUTE = 130  # a calm loudspeaker reading; Vietnamese words are one syllable each
UNIT_TYPES = ("Xã ", "Phường ", "Đặc khu ", "Thị trấn ")
# The names of the ward languages in a Vietnamese sentence (settings.LANGUAGES has their own names).
LANGUAGE_IN_SENTENCE = {"en": "tiếng Anh", "km": "tiếng Khmer", "rad": "tiếng Ê Đê", "hnj": "tiếng H'Mông"}
_CLOCK = re.compile(r"\b(\d{1,2})[:hg](\d{2})\b")
_DASH = re.compile(r"\s*[–—-]\s*")


def spoken_host(url: str) -> str:
    """ "loa.daklak.gov.vn" → "loa chấm daklak chấm gov chấm vn" (words to say, not letters to spell)."""
    return " chấm ".join(urlsplit(url).hostname.split("."))


def spoken_phone(number: str) -> str:
    """ "0262 3852 100" → "không hai sáu hai, ba tám năm hai, một không không": digit by digit, grouped as written."""
    groups = [re.sub(r"\D", "", group) for group in number.split()]
    return ", ".join(spell_digits(group) for group in groups if group)


def spoken_hours(hours: str) -> str:
    """ "Thứ Hai – Thứ Sáu, 7:30–17:00" → "Thứ Hai đến Thứ Sáu, 7 giờ 30 đến 17 giờ"."""

    def clock(match: re.Match) -> str:
        hour, minute = int(match[1]), match[2]
        return f"{hour} giờ" if minute == "00" else f"{hour} giờ {minute}"

    return _DASH.sub(" đến ", _CLOCK.sub(clock, hours))


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
        return "Nếu cần giúp đỡ, bà con đến Bộ phận Một cửa Ủy ban nhân dân hoặc Công an xã, phường."
    # The point that says when it is open and whom to call, if any does.
    point = next((point for point in points if point.opening_hours and point.hotline), points[0])
    sentence = f"Nếu cần giúp đỡ, bà con đến {point.name}, {point.address}"
    if point.opening_hours:
        sentence += f", giờ làm việc: {spoken_hours(point.opening_hours)}"
    sentence += "."
    if point.hotline:
        sentence += f" Hoặc gọi đường dây nóng: {spoken_phone(point.hotline)}."
    return sentence


def code_sentence(material: Material, spoken_code: str) -> str:
    return (
        f"Để xem hướng dẫn trên điện thoại, bà con vào địa chỉ {spoken_host(material.url)}, gạch chéo, q, "
        f"gạch chéo, rồi gõ mã số {spoken_code}. Xin nhắc lại mã số: {spoken_code}."
    )


def vietnamese_reading(material: Material, spoken_code: str) -> str:
    template = material.template
    ward = in_sentence(material.unit_name)
    message = template.script_intro.strip() or f"{template.headline}. {template.body}"
    steps = " ".join(f"Bước {number}: {step}." for number, step in enumerate(template.steps, start=1))
    # One line per part: the announcer finds their place again at a glance.
    parts = [
        f"Kính thưa bà con {material.unit_name}. Đài truyền thanh {ward} xin thông báo:",
        message,
        steps,
        code_sentence(material, spoken_code),
        help_desk_sentence(material),
        f"Đài truyền thanh {ward} vừa thông báo: {template.headline}. Xin cảm ơn bà con đã chú ý lắng nghe.",
    ]
    return "\n".join(part for part in parts if part.strip())


def translated_reading(material: Material, spoken_code: str) -> str:
    """The translator's words (headline, body, steps); the address, the code and the help desk stay in
    Vietnamese, as printed and as typed (no translation of them exists to read)."""
    translation = material.translation
    steps = " ".join(f"{number}. {step}." for number, step in enumerate(translation.steps, start=1))
    message = " ".join(part for part in (f"{translation.headline}.", translation.body, steps) if part.strip())
    return f"{message}\n[Đọc bằng tiếng Việt:] {code_sentence(material, spoken_code)} {help_desk_sentence(material)}"


def render_script(material: Material) -> str:
    placement = material.placement
    code = placement.numeric_code or placement.short_code
    spoken_code = spell_digits(code) if code.isdigit() else " ".join(code)
    reading = vietnamese_reading(material, spoken_code)
    seconds = reading_seconds(reading) * 2
    language = placement.unit.default_language
    if material.translation:
        other = language_in_sentence(material.translation.language)
        languages = f"tiếng Việt và {other} (đọc phần {other} sau phần tiếng Việt)"
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
        translated = translated_reading(material, spoken_code)
        script += f"\n{language_in_sentence(material.translation.language).upper()}\n{translated}\n"
    return script


def render_script_bytes(material: Material) -> bytes:
    return render_script(material).encode("utf-8")
