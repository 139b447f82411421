"""Demo placements: the demo campaign on every channel in the two demo wards (province-wide ones on the
province), and one code of the citizen app's channel per guide, for the content API.

Printed and broadcast codes lead to the campaign's main guide, where the citizen can act; demo databases
made when every code led to the campaign page are moved on. Idempotent.
"""

from campaigns.models import GuidePage
from places.models import AdministrativeUnit
from tracking.api import APP_CHANNEL
from tracking.models import Channel, ChannelKind, Placement
from tracking.services import BulkResult, create_placement, create_placements

# Channels whose codes are printed or broadcast: a citizen meets them away from any screen of ours.
PRINTED_OR_BROADCAST = (ChannelKind.PRINT, ChannelKind.SOUND, ChannelKind.SCREEN)


def load_placements(*, campaign, ward_codes: list[str]) -> BulkResult:
    wards = list(AdministrativeUnit.objects.filter(code__in=ward_codes))
    result = create_placements(campaign=campaign, units=wards, channels=list(Channel.objects.all()))
    app = Channel.objects.filter(slug=APP_CHANNEL).first()
    if app is not None and wards:
        province = AdministrativeUnit.objects.get(code=wards[0].ancestor_codes[0])
        for guide in GuidePage.objects.child_of(campaign).live():
            create_placement(campaign=campaign, unit=province, channel=app, spot=guide.title, target_page=guide)
    point_printed_and_broadcast_codes_at_the_guide(campaign=campaign)
    return result


def point_printed_and_broadcast_codes_at_the_guide(*, campaign) -> int:
    """Printed and broadcast codes that still lead to the campaign page lead to its main guide instead."""
    landing = campaign.specific.landing_page()
    if landing.pk == campaign.pk:
        return 0
    moved = 0
    for placement in Placement.objects.filter(
        campaign=campaign, target_page_id=campaign.pk, channel__kind__in=PRINTED_OR_BROADCAST
    ):
        placement.target_page = landing
        placement.save(update_fields=["target_page"])  # through save(): the code's cached target is forgotten
        moved += 1
    return moved
