"""Demo placements: the demo campaign on every channel in the two demo wards (province-wide ones on the province)."""

from places.models import AdministrativeUnit
from tracking.models import Channel
from tracking.services import BulkResult, create_placements


def load_placements(*, campaign, ward_codes: list[str]) -> BulkResult:
    wards = list(AdministrativeUnit.objects.filter(code__in=ward_codes))
    return create_placements(campaign=campaign, units=wards, channels=list(Channel.objects.all()))
