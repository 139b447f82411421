"""Fixture data for the insights dashboard and the monthly report: rollup rows, official figures, staff.

`october_fixture()` builds one known month (October 2026) in two wards of Đắk Lắk whose every figure the
tests can compute by hand:

| ward | channel | printed | cost | scans | device-days | conv. | residents | VNeID lv 2 |
|---|---|---|---|---|---|---|---|---|
| Buôn Ma Thuột 24133 | áp-phích | 20 × 15.000 đ | 300.000 đ | 120 + 80 | 170 | 12 + 8 | 20.000 | 17.000 (85 %) |
| Buôn Ma Thuột 24133 | loa | 1 × 200.000 đ | 200.000 đ | 30 | 30 | 6 | | |
| Ea Kao 24169 | áp-phích | 10 × 15.000 đ | 150.000 đ | 3 | 3 | 1 | 4.000 | 2.000 (50 %) |

The placements were printed on 1 October and are up until 31 October, so their whole cost falls in October.
The campaign's target: VNeID level 2 at 80 % by 31/12/2026.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import Permission

from campaigns.models import CampaignPage, CampaignTarget, Metric
from insights.models import AdoptionFigure, DailyPlacementRollup
from places.models import AdministrativeUnit, Role
from places.services import grant_membership
from tests.factories.campaigns import CampaignPageFactory
from tests.factories.tracking import loudspeaker_channel, placement, poster_channel
from tests.factories.users import UserFactory
from tracking.models import Placement

WARD_A = "24133"  # Phường Buôn Ma Thuột
WARD_B = "24169"  # Phường Ea Kao
PROVINCE = "66"  # Đắk Lắk
OCTOBER = dt.date(2026, 10, 1)

METRIC_NAMES = {
    "dan-so": "Số người dân trong độ tuổi cấp thẻ căn cước",
    "vneid-muc-2": "Tài khoản định danh điện tử mức độ 2 được kích hoạt",
}


def metric(slug: str) -> Metric:
    found, _created = Metric.objects.get_or_create(slug=slug, defaults={"name": METRIC_NAMES.get(slug, slug)})
    return found


def figure(*, unit: AdministrativeUnit, month: dt.date, slug: str, value) -> AdoptionFigure:
    return AdoptionFigure.objects.create(unit=unit, month=month, metric=metric(slug), value=Decimal(value))


def rollup(*, placement: Placement, day: dt.date, scans: int, conversions: int = 0, device_days=None, **counts):
    return DailyPlacementRollup.objects.create(
        placement=placement,
        day=day,
        scans=scans,
        device_days=scans if device_days is None else device_days,
        conversions=conversions,
        **counts,
    )


def staff_member(*, username: str, unit: AdministrativeUnit, role: Role | str):
    """A staff user who may enter the Wagtail admin, with one membership."""
    user = UserFactory(username=username, email=f"{username}@example.invalid")
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    grant_membership(user=user, unit=unit, role=role)
    return user


@dataclass
class OctoberFixture:
    campaign: CampaignPage
    ward_a: AdministrativeUnit
    ward_b: AdministrativeUnit
    province: AdministrativeUnit
    poster_a: Placement
    loudspeaker_a: Placement
    poster_b: Placement


def october_fixture() -> OctoberFixture:
    """The month of the table above (needs the official units)."""
    ward_a = AdministrativeUnit.objects.get(code=WARD_A)
    ward_b = AdministrativeUnit.objects.get(code=WARD_B)
    province = AdministrativeUnit.objects.get(code=PROVINCE)
    campaign = CampaignPageFactory(title="Kích hoạt định danh điện tử mức độ 2")
    CampaignTarget.objects.create(
        campaign=campaign, metric=metric("vneid-muc-2"), target_percent=Decimal(80), deadline=dt.date(2026, 12, 31)
    )
    poster, loudspeaker = poster_channel(), loudspeaker_channel()
    poster_a = placement(unit=ward_a, channel=poster, campaign=campaign, quantity=20, unit_cost_vnd=15000)
    loudspeaker_a = placement(unit=ward_a, channel=loudspeaker, campaign=campaign, quantity=1, unit_cost_vnd=200000)
    poster_b = placement(unit=ward_b, channel=poster, campaign=campaign, quantity=10, unit_cost_vnd=15000)
    # Placements made before the month they are measured in, printed on its first day and up until its last:
    # their whole cost falls in October (insights.costs).
    Placement.objects.filter(pk__in=[poster_a.pk, loudspeaker_a.pk, poster_b.pk]).update(
        created_at=dt.datetime(2026, 9, 20, 8, tzinfo=dt.UTC),
        printed_at=dt.datetime(2026, 10, 1, 1, tzinfo=dt.UTC),
        active_until=dt.date(2026, 10, 31),
    )
    rollup(placement=poster_a, day=dt.date(2026, 10, 5), scans=120, device_days=100, conversions=12)
    rollup(placement=poster_a, day=dt.date(2026, 10, 20), scans=80, device_days=70, conversions=8)
    rollup(placement=loudspeaker_a, day=dt.date(2026, 10, 12), scans=30, conversions=6)
    rollup(placement=poster_b, day=dt.date(2026, 10, 7), scans=3, conversions=1)
    # Outside the month: must not count.
    rollup(placement=poster_a, day=dt.date(2026, 9, 30), scans=999, conversions=99)
    figure(unit=ward_a, month=OCTOBER, slug="dan-so", value=20000)
    figure(unit=ward_a, month=OCTOBER, slug="vneid-muc-2", value=17000)
    figure(unit=ward_b, month=OCTOBER, slug="dan-so", value=4000)
    figure(unit=ward_b, month=OCTOBER, slug="vneid-muc-2", value=2000)
    return OctoberFixture(
        campaign=campaign,
        ward_a=ward_a,
        ward_b=ward_b,
        province=province,
        poster_a=poster_a,
        loudspeaker_a=loudspeaker_a,
        poster_b=poster_b,
    )
