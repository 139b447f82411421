"""Demo placements: the demo campaign on every channel in the two demo wards (province-wide ones on the
province), and one code of the citizen app's channel per guide, for the content API."""

from campaigns.models import GuidePage
from places.models import AdministrativeUnit
from tracking.api import APP_CHANNEL
from tracking.models import Channel
from tracking.services import BulkResult, create_placement, create_placements


def load_placements(*, campaign, ward_codes: list[str]) -> BulkResult:
    wards = list(AdministrativeUnit.objects.filter(code__in=ward_codes))
    result = create_placements(campaign=campaign, units=wards, channels=list(Channel.objects.all()))
    app = Channel.objects.filter(slug=APP_CHANNEL).first()
    if app is not None and wards:
        province = AdministrativeUnit.objects.get(code=wards[0].ancestor_codes[0])
        for guide in GuidePage.objects.child_of(campaign).live():
            create_placement(campaign=campaign, unit=province, channel=app, spot=guide.title, target_page=guide)
    return result
