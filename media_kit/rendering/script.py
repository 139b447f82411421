"""The loudspeaker script: the message, then the short address and the numeric code spoken, read twice."""

import math
from urllib.parse import urlsplit

from media_kit.rendering.context import Material
from tracking.codes import spell_digits

SYLLABLES_PER_MINUTE = 130  # a calm loudspeaker reading; Vietnamese words are one syllable each


def spoken_host(url: str) -> str:
    """ "loa.daklak.gov.vn" → "loa chấm daklak chấm gov chấm vn" (words to say, not letters to spell)."""
    return " chấm ".join(urlsplit(url).hostname.split("."))


def reading_seconds(text: str) -> int:
    return math.ceil(len(text.split()) / SYLLABLES_PER_MINUTE * 60)


def render_script(material: Material) -> str:
    template, placement = material.template, material.placement
    code = placement.numeric_code or placement.short_code
    spoken_code = spell_digits(code) if code.isdigit() else " ".join(code)
    message = template.script_intro.strip() or f"{template.headline}. {template.body}"
    steps = " ".join(f"Bước {number}: {step}." for number, step in enumerate(template.steps, start=1))
    point = material.help_desk.service_points[0] if material.help_desk and material.help_desk.service_points else None
    help_line = (
        f"Nếu cần giúp đỡ, bà con đến {point.name}, {point.address}."
        if point
        else "Nếu cần giúp đỡ, bà con đến Bộ phận Một cửa Ủy ban nhân dân hoặc Công an xã, phường."
    )
    reading = (
        f"Kính thưa bà con {material.unit_name}. {message} {steps} "
        f"Để xem hướng dẫn trên điện thoại, bà con vào địa chỉ {spoken_host(material.url)}, gạch chéo, q, "
        f"gạch chéo, rồi gõ mã số {spoken_code}. Xin nhắc lại mã số: {spoken_code}. {help_line}"
    )
    seconds = reading_seconds(reading) * 2
    return (
        f"KỊCH BẢN ĐỌC TRÊN LOA – {material.unit_name.upper()}\n"
        f"Chiến dịch: {placement.campaign.title}\n"
        f"Địa chỉ ghi trên giấy: {material.short_address.rsplit('/', 1)[0]}/{code}\n"
        f"Mã số: {code}\n"
        f"Thời lượng ước tính: khoảng {seconds} giây (đọc hai lần)\n\n"
        f"LẦN 1\n{reading}\n\nLẦN 2\n{reading}\n"
    )


def render_script_bytes(material: Material) -> bytes:
    return render_script(material).encode("utf-8")
