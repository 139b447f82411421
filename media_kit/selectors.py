"""Reads for the pack page: what a generated pack holds, recomputed from its placements (never created here)."""

from dataclasses import dataclass

from core.numbers import vn_money, vn_number
from media_kit.models import Pack, PrintTemplate
from media_kit.packs import PackError, channel_for
from media_kit.permissions import units_of_pack_codes
from media_kit.rendering.context import material_for
from media_kit.rendering.share import SOCIAL_CHANNEL_KIND, render_share_text
from tracking.models import Placement
from tracking.services import units_for_channel

SHARE_TEXTS_ON_PAGE = 12


@dataclass(frozen=True)
class SharePost:
    unit_name: str
    format_name: str
    channel_name: str
    url: str
    text: str


def share_posts(*, pack: Pack, limit: int = SHARE_TEXTS_ON_PAGE) -> tuple[list[SharePost], int]:
    """The ready share texts of a pack's social posts (the first `limit` of them) and how many there are."""
    template = PrintTemplate.objects.filter(campaign=pack.campaign).first()
    if template is None:
        return [], 0
    units = units_of_pack_codes(pack.unit_codes)
    # Only the posts whose image is in the pack: a ward whose file failed has no post to share.
    failed = {(failure["unit_code"], failure["format"]) for failure in pack.failures or []}
    posts, total = [], 0
    for print_format in pack.formats.prefetch_related("channels"):
        if not print_format.output.share_text:
            continue
        try:
            channel = channel_for(print_format, pack.channel_choices)
        except PackError:
            continue
        wards = units_for_channel(units=units, channel=channel)
        placements = Placement.objects.filter(
            campaign=pack.campaign, channel=channel, spot="", unit__in=wards
        ).select_related("unit", "channel", "campaign")
        if channel.kind != SOCIAL_CHANNEL_KIND:  # a slide on a screen has no share text
            continue
        for placement in placements.order_by("unit__path"):
            if (placement.unit.code, print_format.slug) in failed:
                continue
            total += 1
            if len(posts) < limit:  # the text (and its help-desk queries) only for the posts shown
                material = material_for(print_format=print_format, template=template, placement=placement)
                text = render_share_text(material)
                posts.append(SharePost(placement.unit.name, print_format.name, channel.name, material.url, text))
    return posts, total


@dataclass(frozen=True)
class FormatEstimate:
    format_name: str
    channel_name: str
    printed: bool
    files: int
    codes: int
    copies: int
    cost_vnd: int
    codes_without_quantity: int
    format_slug: str = ""
    # The ward whose page the form shows as the format's sample picture (the pack's first file), if any.
    sample_unit_code: str = ""
    sample_unit_name: str = ""
    visual: bool = False

    @property
    def copies_text(self) -> str:
        return vn_number(self.copies)

    @property
    def cost_text(self) -> str:
        return vn_money(self.cost_vnd)


def pack_estimate(*, campaign, formats, units, channel_choices: dict[str, str]) -> list[FormatEstimate]:
    """Before anything is rendered: per format, the files, the codes, the copies and their cost from the
    quantities and unit prices recorded on the placements (a placement not made yet counts 0). No writes."""
    estimates = []
    for print_format in formats:
        channel = channel_for(print_format, channel_choices)
        wards = units_for_channel(units=units, channel=channel)
        spots = print_format.output.spots or ("",)
        placements = Placement.objects.filter(
            campaign=campaign, channel=channel, unit__in=wards, spot__in=spots
        ).values_list("quantity", "unit_cost_vnd")
        known = list(placements)
        codes = len(wards) * len(spots)
        estimates.append(
            FormatEstimate(
                format_name=print_format.name,
                channel_name=channel.name,
                printed=print_format.is_printed,
                files=len(wards),
                codes=codes,
                copies=sum(quantity for quantity, _cost in known),
                cost_vnd=sum(quantity * cost for quantity, cost in known),
                codes_without_quantity=codes - sum(1 for quantity, _cost in known if quantity),
                format_slug=print_format.slug,
                sample_unit_code=wards[0].code if wards else "",
                sample_unit_name=wards[0].name if wards else "",
                visual=print_format.output.visual,
            )
        )
    return estimates
