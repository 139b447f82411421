"""Channel effects from the database: exposure from placements and airings (never scans), through the
heterogeneity-robust estimators, with verdicts, reasons and the facts the figures rest on."""

import datetime as dt
from decimal import Decimal

import numpy as np
import pytest
from django.db.models import Q
from django.utils import timezone

from campaigns.models import Metric
from insights.costs import cost_spans
from insights.impact import build_panel, estimate_channel_effects, placement_start
from insights.models import AdoptionFigure, BroadcastAiring, DailyPlacementRollup
from places.models import DivisionType
from tests.factories.campaigns import CampaignPageFactory
from tests.factories.places import ProvinceFactory, VillageFactory, WardFactory
from tests.factories.tracking import ChannelFactory, loudspeaker_channel, placement, poster_channel
from tracking.models import ChannelKind, Placement, PlacementStatus

pytestmark = pytest.mark.django_db

MONTHS = [dt.date(2025, month, 1) for month in range(1, 13)]  # a year of running totals


@pytest.fixture
def metrics(db):
    return {
        slug: Metric.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in [("vneid-muc-2", "Kích hoạt VNeID mức 2"), ("dan-so", "Dân số")]
    }


def plant(*, metrics, wards, treated_from, effect, residents=None, seed=11, noise=2.0):
    """Running totals per ward; wards in `treated_from` grow by `effect` more per month from that month."""
    rng = np.random.default_rng(seed)
    for index, ward in enumerate(wards):
        total = 1000.0 + 100 * index
        for month in MONTHS:
            start = treated_from.get(ward.pk)
            growth = 50 + 3 * index + rng.normal(0, noise) + (effect if start and month >= start else 0)
            total += growth
            AdoptionFigure.objects.create(
                unit=ward, month=month, metric=metrics["vneid-muc-2"], value=Decimal(f"{total:.2f}")
            )
        if residents:
            AdoptionFigure.objects.create(
                unit=ward, month=MONTHS[0], metric=metrics["dan-so"], value=Decimal(residents[index])
            )


def staggered(*, wards, channel, campaign, first=3):
    """Install the channel in the given wards in different months; returns ward id → first month."""
    treated_from = {}
    for index, ward in enumerate(wards):
        start = MONTHS[first + index % 5]
        unit = ward if index % 2 else VillageFactory(parent=ward)  # a village's placement counts for its ward
        placement(unit=unit, channel=channel, campaign=campaign, installed_on=start + dt.timedelta(days=9))
        treated_from[ward.pk] = start
    return treated_from


def test_a_planted_poster_effect_is_found_and_called_associated(metrics):
    province = ProvinceFactory()
    wards = [WardFactory(parent=province, division_type=DivisionType.WARD) for _ in range(14)]
    poster = poster_channel()
    treated_from = staggered(wards=wards[:7], channel=poster, campaign=CampaignPageFactory())
    plant(metrics=metrics, wards=wards, treated_from=treated_from, effect=30)

    result = estimate_channel_effects(units=[province])
    [effect] = result.effects
    assert effect.channel == poster.slug and result.name(effect.channel) == poster.name
    assert effect.verdict == "positive", effect.reason
    assert effect.ci_low <= 30 <= effect.ci_high
    assert effect.method.startswith("callaway_santanna")
    assert effect.evidence == "gắn với"
    assert (effect.switched_on_units, effect.comparison_units) == (7, 7)
    assert (result.wards, result.months) == (14, 11)
    assert not result.per_thousand and result.estimated_dates == 0


def test_a_channel_with_no_effect_gets_no_positive_verdict(metrics):
    province = ProvinceFactory()
    wards = [WardFactory(parent=province) for _ in range(14)]
    treated_from = staggered(wards=wards[:7], channel=poster_channel(), campaign=CampaignPageFactory())
    plant(metrics=metrics, wards=wards, treated_from=treated_from, effect=0)
    [effect] = estimate_channel_effects(units=[province]).effects
    assert effect.verdict == "none", (effect.verdict, effect.ci_low, effect.ci_high)


def test_scans_never_make_a_channel_exposed(metrics):
    """The old estimator counted a ward-month as exposed when its codes were scanned: outcomes are not exposure."""
    province = ProvinceFactory()
    wards = [WardFactory(parent=province) for _ in range(12)]
    campaign = CampaignPageFactory()
    for ward in wards[:6]:
        scanned = placement(unit=ward, channel=poster_channel(), campaign=campaign)  # never hung, never printed
        DailyPlacementRollup.objects.create(placement=scanned, day=dt.date(2025, 5, 14), scans=40)
    plant(metrics=metrics, wards=wards, treated_from={}, effect=0)
    panel = build_panel(units=[province], metric_slug="vneid-muc-2")
    assert panel.frame["ap-phich"].sum() == 0
    [effect] = estimate_channel_effects(units=[province]).effects
    assert effect.verdict == "not_enough_data" and effect.estimate is None


def test_exposure_comes_from_installation_airings_and_end_dates(metrics):
    province = ProvinceFactory()
    wards = [WardFactory(parent=province) for _ in range(4)]
    campaign = CampaignPageFactory()
    loudspeaker = loudspeaker_channel()
    placement(unit=wards[0], channel=loudspeaker, campaign=campaign)
    BroadcastAiring.objects.create(
        channel=loudspeaker, unit=wards[0], aired_at=timezone.make_aware(dt.datetime(2025, 5, 12, 17, 0))
    )
    retired = placement(unit=wards[1], channel=poster_channel(), campaign=campaign, installed_on=dt.date(2025, 1, 1))
    retired.status = PlacementStatus.RETIRED
    retired.save()
    placement(
        unit=wards[2],
        channel=poster_channel(),
        campaign=campaign,
        installed_on=dt.date(2025, 4, 3),
        active_until=dt.date(2025, 5, 31),
    )
    printed = placement(unit=wards[3], channel=ChannelFactory(slug="to-roi", kind=ChannelKind.PRINT), campaign=campaign)
    printed.printed_at = timezone.make_aware(dt.datetime(2025, 9, 2, 10, 0))
    printed.save()
    tv = ChannelFactory(slug="truyen-hinh-tinh", name="Truyền hình tỉnh", kind=ChannelKind.SCREEN, province_wide=True)
    placement(unit=province, channel=tv, campaign=campaign)
    BroadcastAiring.objects.create(channel=tv, unit=province, aired_at=timezone.make_aware(dt.datetime(2025, 8, 2, 19)))
    plant(metrics=metrics, wards=wards, treated_from={}, effect=0)

    panel = build_panel(units=[province], metric_slug="vneid-muc-2")
    frame = panel.frame.set_index(["unit", "month"])

    def exposed(slug):
        return {key for key, value in frame[slug].items() if value}

    assert exposed("loa-truyen-thanh") == {(wards[0].code, "2025-05")}
    assert exposed("ap-phich") == {(wards[2].code, "2025-04"), (wards[2].code, "2025-05")}
    assert exposed("to-roi") == {(wards[3].code, f"2025-{m:02d}") for m in range(9, 13)}
    assert exposed("truyen-hinh-tinh") == {(ward.code, "2025-08") for ward in wards}
    assert panel.estimated_dates == 1 and panel.undated_retired == 1


def test_a_placement_printed_before_dawn_starts_on_its_local_day_as_its_cost_does(db):
    """05:30 on 1 October in Vietnam is 22:30 on 30 September in UTC: the exposure starts in October, the month
    the cost model puts its first day in, not in September."""
    ward = WardFactory(parent=ProvinceFactory())
    leaflet = ChannelFactory(slug="to-roi", kind=ChannelKind.PRINT)
    printed = placement(unit=ward, channel=leaflet, quantity=100, unit_cost_vnd=500)
    printed.printed_at = dt.datetime(2026, 9, 30, 22, 30, tzinfo=dt.UTC)
    printed.save()
    digital = placement(unit=ward, channel=ChannelFactory(slug="zalo-oa", kind=ChannelKind.DIGITAL))
    Placement.objects.filter(pk=digital.pk).update(created_at=dt.datetime(2026, 10, 31, 18, 0, tzinfo=dt.UTC))
    digital.refresh_from_db()

    assert placement_start(printed) == (dt.date(2026, 10, 1), True)
    assert placement_start(digital) == (dt.date(2026, 11, 1), True)
    [span] = cost_spans(placement_q=Q(pk=printed.pk), today=dt.date(2026, 12, 1))
    assert span.first_day == dt.date(2026, 10, 1)


def test_growth_is_per_thousand_residents_when_every_ward_has_residents(metrics):
    province = ProvinceFactory()
    wards = [WardFactory(parent=province) for _ in range(5)]
    plant(metrics=metrics, wards=wards, treated_from={}, effect=0, residents=[2000, 4000, 5000, 10000, 20000])
    panel = build_panel(units=[province], metric_slug="vneid-muc-2")
    assert panel.per_thousand
    first = AdoptionFigure.objects.get(unit=wards[1], month=MONTHS[0], metric=metrics["vneid-muc-2"]).value
    second = AdoptionFigure.objects.get(unit=wards[1], month=MONTHS[1], metric=metrics["vneid-muc-2"]).value
    row = panel.frame[(panel.frame["unit"] == wards[1].code) & (panel.frame["month"] == "2025-02")]
    assert row["outcome"].item() == pytest.approx(float(second - first) * 1000 / 4000)
    assert "2025-01" not in set(panel.frame["month"])  # no previous month: no growth


def test_co_deployed_channels_are_reported_only_as_a_bundle(metrics):
    province = ProvinceFactory()
    wards = [WardFactory(parent=province) for _ in range(14)]
    campaign = CampaignPageFactory()
    banner = ChannelFactory(slug="bang-ron", name="Băng-rôn", kind=ChannelKind.PRINT)
    treated_from = staggered(wards=wards[:7], channel=poster_channel(), campaign=campaign)
    for ward in wards[:7]:
        placement(unit=ward, channel=banner, campaign=campaign, installed_on=treated_from[ward.pk])
    plant(metrics=metrics, wards=wards, treated_from=treated_from, effect=30)
    result = estimate_channel_effects(units=[province])
    verdicts = {effect.channel: effect.verdict for effect in result.effects}
    assert verdicts["ap-phich"] == verdicts["bang-ron"] == "cannot_separate"
    [bundle] = [effect for effect in result.effects if effect.is_bundle]
    assert set(bundle.members) == {"ap-phich", "bang-ron"} and bundle.ci_low <= 30 <= bundle.ci_high
    assert " + " in result.name(bundle.channel)


def test_too_few_wards_gives_no_figure_and_says_why(metrics):
    province = ProvinceFactory()
    wards = [WardFactory(parent=province) for _ in range(3)]
    placement(unit=wards[0], installed_on=dt.date(2025, 6, 1))
    plant(metrics=metrics, wards=wards, treated_from={}, effect=0)
    result = estimate_channel_effects(units=[province])
    assert all(effect.estimate is None for effect in result.effects)
    reasons = result.problem + " ".join(effect.reason for effect in result.effects)
    assert reasons.strip()


def test_a_country_wide_panel_over_every_province_runs(metrics, official_units):
    """3,321 wards: the queries filter by the given units' paths, not by one condition per ward."""
    from places.models import AdministrativeUnit, UnitLevel

    wards = list(AdministrativeUnit.objects.filter(parent__code="66").order_by("code")[:12])
    treated_from = staggered(wards=wards[:6], channel=poster_channel(), campaign=CampaignPageFactory())
    plant(metrics=metrics, wards=wards, treated_from=treated_from, effect=30)
    provinces = list(AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE))
    result = estimate_channel_effects(units=provinces)
    assert result.wards == 12 and result.effects[0].estimate is not None
