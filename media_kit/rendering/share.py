"""Ready share text for a social post: what an official pastes beside the image on Zalo or Facebook.

The link is written out in full: a phone cannot scan the code on its own screen, so the post's reader
taps the link instead (it is the post's tracked address, so the tap counts for this ward and channel).
"""

from media_kit.rendering.context import Material

# Who shares on which network; a channel not listed gets the plain text (a link, no hashtags).
HASHTAGS = {"facebook": "#VNeID #DeAn06 #ChuyenDoiSo"}
SOCIAL_CHANNEL_KIND = "digital"


def has_share_text(material: Material) -> bool:
    """A social post placed on an online channel (Zalo, Facebook…) comes with its text; a screen slide does not."""
    return material.print_format.output.share_text and material.placement.channel.kind == SOCIAL_CHANNEL_KIND


def render_share_text(material: Material) -> str:
    template, channel = material.template, material.placement.channel
    lines = [template.headline.upper(), template.body.strip()]
    if material.translation:
        translated = " ".join(part for part in (material.translation.headline, material.translation.body) if part)
        lines.append(translated)
    if template.steps:
        lines.append("\n".join(f"{number}. {step}" for number, step in enumerate(template.steps, start=1)))
    lines.append(f"Xem hướng dẫn từng bước trên điện thoại: {material.url}")
    points = material.help_desk.service_points if material.help_desk else []
    if points:
        point = next((point for point in points if point.opening_hours and point.hotline), points[0])
        desk = f"Cần giúp đỡ: {point.name}, {point.address}"
        if point.opening_hours:
            desk += f" ({point.opening_hours})"
        if point.hotline:
            desk += f". Đường dây nóng: {point.hotline}"
        lines.append(desk + ".")
    signature = template.footer.strip() or material.unit_name
    lines.append(signature)
    if tags := HASHTAGS.get(channel.slug):
        lines.append(tags)
    return "\n\n".join(line for line in lines if line) + "\n"
