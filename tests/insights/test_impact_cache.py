"""The channel-impact estimate is cached per scope, metric and months, and forgotten when figures are
imported, placements change or the rollups are rebuilt."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache

from insights.figures_import import import_figures
from insights.impact import cached_channel_effects
from insights.models import AdoptionFigure
from insights.rollups import rebuild_rollups
from places.models import DivisionType
from tests.factories.campaigns import CampaignPageFactory
from tests.factories.places import ProvinceFactory, WardFactory
from tests.factories.tracking import loudspeaker_channel, placement, poster_channel
from tests.insights.test_impact import MONTHS, metrics, plant, staggered  # noqa: F401 (metrics is a fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def impact_cache(settings):
    settings.LOA_IMPACT_CACHE_SECONDS = 3600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def poster_province(metrics):  # noqa: F811
    province = ProvinceFactory()
    wards = [WardFactory(parent=province, division_type=DivisionType.WARD) for _ in range(14)]
    campaign = CampaignPageFactory()
    treated_from = staggered(wards=wards[:7], channel=poster_channel(), campaign=campaign)
    plant(metrics=metrics, wards=wards, treated_from=treated_from, effect=30)
    return province, wards, campaign


def estimate(province) -> float:
    [effect] = [e for e in cached_channel_effects(units=[province]).effects if e.channel == poster_channel().slug]
    return effect.estimate


def test_the_second_view_is_served_from_the_cache(poster_province, django_assert_max_num_queries):
    province, wards, _campaign = poster_province
    first = estimate(province)
    # A change the cache does not hear of (a direct write) is not seen until the version moves.
    AdoptionFigure.objects.filter(unit=wards[0], month=MONTHS[-1]).update(value=Decimal("99999"))
    with django_assert_max_num_queries(1):  # the poster channel's lookup in the test, nothing else
        assert estimate(province) == first


def test_importing_figures_forgets_the_estimates(poster_province, django_capture_on_commit_callbacks):
    province, wards, _campaign = poster_province
    first = estimate(province)
    month = MONTHS[-1].strftime("%Y-%m")
    with django_capture_on_commit_callbacks(execute=True):
        report = import_figures(
            file=f"xã/phường,tháng,chỉ tiêu,giá trị\n{wards[0].name},{month},vneid-muc-2,99999\n".encode(),
            filename="so-lieu.csv",
            province=province,
            today=dt.date(2026, 11, 23),
        )
    assert not report.errors, report.errors
    assert estimate(province) != first


def test_a_new_placement_forgets_the_estimates(poster_province, django_capture_on_commit_callbacks):
    province, wards, campaign = poster_province
    assert {e.channel for e in cached_channel_effects(units=[province]).effects} == {poster_channel().slug}
    with django_capture_on_commit_callbacks(execute=True):
        placement(unit=wards[9], channel=loudspeaker_channel(), campaign=campaign, installed_on=MONTHS[3])
    slugs = {e.channel for e in cached_channel_effects(units=[province]).effects}
    assert slugs == {poster_channel().slug, loudspeaker_channel().slug}


def test_rebuilding_the_rollups_forgets_the_estimates(poster_province):
    province, wards, _campaign = poster_province
    first = estimate(province)
    AdoptionFigure.objects.filter(unit=wards[0], month=MONTHS[-1]).update(value=Decimal("99999"))
    rebuild_rollups()
    assert estimate(province) != first


def test_each_scope_has_its_own_entry(poster_province):
    province, wards, _campaign = poster_province
    whole = cached_channel_effects(units=[province])
    one_ward = cached_channel_effects(units=[wards[0]])
    assert whole.wards == 14
    assert one_ward.wards == 1
