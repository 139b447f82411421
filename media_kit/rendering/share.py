"""Ready share text for a social post: what an official pastes beside the image on Zalo or Facebook.

The link is written out in full: a phone cannot scan the code on its own screen, so the post's reader
taps the link instead (it is the post's tracked address, so the tap counts for this ward and channel).
"""

from django.utils import translation
from django.utils.translation import gettext as _

from media_kit.rendering.context import Material
from media_kit.rendering.words import catalogue_speaks, in_vietnamese

# Who shares on which network; a channel not listed gets the plain text (a link, no hashtags).
HASHTAGS = {"facebook": "#VNeID #DeAn06 #ChuyenDoiSo"}
SOCIAL_CHANNEL_KIND = "digital"


def has_share_text(material: Material) -> bool:
    """A social post placed on an online channel (Zalo, Facebook…) comes with its text; a screen slide does not."""
    return material.print_format.output.share_text and material.placement.channel.kind == SOCIAL_CHANNEL_KIND


def link_line(material: Material) -> str:
    return _("Xem hướng dẫn từng bước trên điện thoại: %(url)s") % {"url": material.url}


def help_desk_line(material: Material) -> str:
    points = material.help_desk.service_points if material.help_desk else []
    if not points:
        return ""
    point = next((point for point in points if point.opening_hours and point.hotline), points[0])
    desk = _("Cần giúp đỡ: %(place)s, %(address)s") % {"place": point.name, "address": point.address}
    if point.opening_hours:
        desk += f" ({point.opening_hours})"
    if point.hotline:
        desk += ". " + _("Đường dây nóng: %(phone)s") % {"phone": point.hotline}
    return desk + "."


def render_share_text(material: Material) -> str:
    """Vietnamese first; where the ward's language has a translation of the template, its words follow, and
    the fixed lines (the link, the help desk) follow in that language too when our catalogue has them."""
    template, channel = material.template, material.placement.channel
    translation_ = material.translation
    bilingual = bool(translation_) and catalogue_speaks(translation_.language)
    lines = [template.headline.upper(), template.body.strip()]
    if translation_:
        translated = " ".join(part for part in (translation_.headline, translation_.body) if part)
        lines.append(translated)
    if template.steps:
        lines.append("\n".join(f"{number}. {step}" for number, step in enumerate(template.steps, start=1)))
    with in_vietnamese():
        link, desk = link_line(material), help_desk_line(material)
    if bilingual:
        with translation.override(translation_.language):
            link += "\n" + link_line(material)
            desk = f"{desk}\n{help_desk_line(material)}" if desk else ""
    lines += [link, desk]
    signature = template.footer.strip() or material.unit_name
    lines.append(signature)
    if tags := HASHTAGS.get(channel.slug):
        lines.append(tags)
    return "\n\n".join(line for line in lines if line) + "\n"
