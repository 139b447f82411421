import datetime as dt
import time
from decimal import Decimal

import numpy as np
import pytest

from campaigns.models import Metric
from insights.impact import build_panel, estimate_channel_effects, estimate_twfe, t_quantile
from insights.models import AdoptionFigure, DailyPlacementRollup
from places.models import DivisionType
from tests.factories.campaigns import CampaignPageFactory
from tests.factories.places import ProvinceFactory, VillageFactory, WardFactory
from tests.factories.tracking import ChannelFactory, loudspeaker_channel, placement, poster_channel
from tracking.models import ChannelKind, PlacementStatus


def synthetic_panel(seed: int, *, effect: float, wards: int = 30, months: int = 12):
    """Ward and month effects, staggered adoption in half the wards, serially correlated noise."""
    rng = np.random.default_rng(seed)
    ward_effect = rng.normal(0, 3, wards)
    month_effect = rng.normal(0, 2, months)
    adopts_at = np.full(wards, months + 1)
    adopters = rng.choice(wards, wards // 2, replace=False)
    adopts_at[adopters] = rng.integers(2, months - 1, len(adopters))
    outcome, treated, unit, period = [], [], [], []
    for w in range(wards):
        noise = 0.0
        for m in range(months):
            noise = 0.5 * noise + rng.normal(0, 1)
            on = m >= adopts_at[w]
            outcome.append(ward_effect[w] + month_effect[m] + effect * on + noise)
            treated.append(on)
            unit.append(w)
            period.append(m)
    return {"outcome": outcome, "treated": treated, "unit": unit, "period": period}


def test_the_interval_covers_a_planted_effect_in_at_least_90_of_100_runs():
    started = time.perf_counter()
    covered = sum(
        result.ci_low <= 1.5 <= result.ci_high
        for result in (estimate_twfe(**synthetic_panel(seed, effect=1.5)) for seed in range(100))
    )
    elapsed = time.perf_counter() - started
    assert covered >= 90, covered
    assert elapsed < 10, elapsed


def test_no_effect_is_rarely_called_significant():
    significant = sum(
        not (result.ci_low <= 0 <= result.ci_high)
        for result in (estimate_twfe(**synthetic_panel(1000 + seed, effect=0.0)) for seed in range(100))
    )
    assert significant <= 12, significant


def test_a_large_effect_is_found_significant():
    result = estimate_twfe(**synthetic_panel(7, effect=4.0))
    assert result.enough_data and result.ci_low > 0
    assert result.units == 30 and result.periods == 12 and result.observations == 360


def test_the_point_estimate_equals_least_squares_with_dummies_on_an_unbalanced_panel():
    data = synthetic_panel(3, effect=2.0, wards=8, months=6)
    keep = np.random.default_rng(3).random(len(data["outcome"])) > 0.15
    data = {key: np.asarray(values)[keep] for key, values in data.items()}
    result = estimate_twfe(**data)
    units, periods = np.unique(data["unit"]), np.unique(data["period"])
    design = np.column_stack(
        [data["treated"].astype(float)]
        + [(data["unit"] == u).astype(float) for u in units]
        + [(data["period"] == p).astype(float) for p in periods[1:]]
    )
    coefficients, *_ = np.linalg.lstsq(design, data["outcome"], rcond=None)
    assert result.estimate == pytest.approx(coefficients[0], abs=1e-8)


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ("three wards", "ít nhất 4 xã/phường"),
        ("two months", "ít nhất 3 tháng"),
        ("never", "Không có xã/phường và tháng nào có kênh này"),
        ("always", "mọi xã/phường trong mọi tháng"),
        ("all at once", "bật và tắt cùng lúc"),
        ("fixed per ward", "bật và tắt cùng lúc"),
    ],
)
def test_not_enough_data_gives_a_reason_and_no_number(case, reason):
    data = synthetic_panel(5, effect=1.0, wards=10, months=6)
    unit, period = np.asarray(data["unit"]), np.asarray(data["period"])
    treated = np.asarray(data["treated"])
    keep = np.ones(len(unit), dtype=bool)
    if case == "three wards":
        keep = unit < 3
    elif case == "two months":
        keep = period < 2
    elif case == "never":
        treated = np.zeros_like(treated)
    elif case == "always":
        treated = np.ones_like(treated)
    elif case == "all at once":
        treated = period >= 3
    elif case == "fixed per ward":
        treated = unit < 5
    result = estimate_twfe(
        outcome=np.asarray(data["outcome"])[keep], treated=treated[keep], unit=unit[keep], period=period[keep]
    )
    assert not result.enough_data
    assert result.estimate is None and result.ci_low is None
    assert reason in result.reason


def test_t_quantiles_match_the_tables():
    assert t_quantile(0.975, 1) == pytest.approx(12.706, abs=1e-3)
    assert t_quantile(0.975, 9) == pytest.approx(2.262, abs=1e-3)
    assert t_quantile(0.975, 29) == pytest.approx(2.045, abs=1e-3)


# --- from the database ---------------------------------------------------------------------------


MONTHS = [dt.date(2026, month, 1) for month in range(3, 10)]  # March to September


@pytest.fixture
def metrics(db):
    return {
        slug: Metric.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in [("vneid-muc-2", "Kích hoạt VNeID mức 2"), ("dan-so", "Dân số")]
    }


def plant(*, metrics, wards, treated_from, effect, residents=None, seed=11):
    """Running totals per ward; wards in `treated_from` grow by `effect` more per month from that month."""
    rng = np.random.default_rng(seed)
    for index, ward in enumerate(wards):
        total = 1000.0 + 100 * index
        for month in MONTHS:
            start = treated_from.get(ward.pk)
            growth = 50 + 10 * index + rng.normal(0, 2) + (effect if start and month >= start else 0)
            total += growth
            AdoptionFigure.objects.create(
                unit=ward, month=month, metric=metrics["vneid-muc-2"], value=Decimal(f"{total:.2f}")
            )
        if residents:
            AdoptionFigure.objects.create(
                unit=ward, month=MONTHS[0], metric=metrics["dan-so"], value=Decimal(residents[index])
            )


@pytest.mark.django_db
def test_a_planted_poster_effect_is_found_from_figures_and_placements(metrics):
    province = ProvinceFactory()
    wards = [WardFactory(parent=province, division_type=DivisionType.WARD) for _ in range(8)]
    campaign = CampaignPageFactory()
    poster = poster_channel()
    treated_from = {}
    for index, ward in enumerate(wards[:4]):
        start = MONTHS[2 + index]
        # One poster on the ward itself, one in a village under it.
        unit = ward if index % 2 else VillageFactory(parent=ward)
        placement(unit=unit, channel=poster, campaign=campaign, installed_on=start + dt.timedelta(days=9))
        treated_from[ward.pk] = start
    plant(metrics=metrics, wards=wards, treated_from=treated_from, effect=30)

    [effect] = estimate_channel_effects(units=[province])
    assert effect.channel == poster
    assert effect.enough_data, effect.reason
    assert effect.ci_low <= 30 <= effect.ci_high
    assert effect.ci_low > 0 and effect.significant
    assert (effect.wards, effect.months) == (8, 6)
    assert effect.treated_observations == sum(len([m for m in MONTHS[1:] if m >= s]) for s in treated_from.values())
    assert not effect.per_thousand
    assert "số tuyệt đối" in effect.outcome
    assert "cao hơn" in effect.explanation and "không chứng minh" in effect.explanation


@pytest.mark.django_db
def test_growth_is_per_thousand_residents_when_every_ward_has_residents(metrics):
    province = ProvinceFactory()
    wards = [WardFactory(parent=province) for _ in range(5)]
    plant(metrics=metrics, wards=wards, treated_from={}, effect=0, residents=[2000, 4000, 5000, 10000, 20000])
    panel = build_panel(units=[province], metric_slug="vneid-muc-2")
    assert panel.per_thousand
    first = AdoptionFigure.objects.get(unit=wards[1], month=MONTHS[0], metric=metrics["vneid-muc-2"]).value
    second = AdoptionFigure.objects.get(unit=wards[1], month=MONTHS[1], metric=metrics["vneid-muc-2"]).value
    assert panel.growth[(wards[1].pk, MONTHS[1])] == pytest.approx(float(second - first) * 1000 / 4000)
    assert MONTHS[0] not in panel.months  # no previous month: no growth


@pytest.mark.django_db
def test_scans_make_a_channel_active_and_retired_placements_do_not(metrics):
    province = ProvinceFactory()
    wards = [WardFactory(parent=province) for _ in range(4)]
    campaign = CampaignPageFactory()
    loudspeaker = loudspeaker_channel()
    scanned = placement(unit=wards[0], channel=loudspeaker, campaign=campaign, active_from=dt.date(2030, 1, 1))
    DailyPlacementRollup.objects.create(placement=scanned, day=dt.date(2026, 5, 14), scans=3)
    retired = placement(unit=wards[1], channel=poster_channel(), campaign=campaign, installed_on=dt.date(2026, 1, 1))
    retired.status = PlacementStatus.RETIRED
    retired.save()
    ended = placement(
        unit=wards[2],
        channel=poster_channel(),
        campaign=campaign,
        installed_on=dt.date(2026, 4, 3),
        active_until=dt.date(2026, 5, 31),
    )
    tv = ChannelFactory(slug="truyen-hinh-tinh", name="Truyền hình tỉnh", kind=ChannelKind.SCREEN, province_wide=True)
    placement(unit=province, channel=tv, campaign=campaign, installed_on=dt.date(2026, 8, 20))
    plant(metrics=metrics, wards=wards, treated_from={}, effect=0)

    panel = build_panel(units=[province], metric_slug="vneid-muc-2")
    assert panel.active[loudspeaker.pk] == {(wards[0].pk, dt.date(2026, 5, 1))}
    assert panel.active[ended.channel_id] == {(wards[2].pk, dt.date(2026, 4, 1)), (wards[2].pk, dt.date(2026, 5, 1))}
    assert panel.active[tv.pk] == {(ward.pk, month) for ward in wards for month in MONTHS[5:]}


@pytest.mark.django_db
def test_too_few_wards_says_so_in_the_explanation(metrics):
    province = ProvinceFactory()
    wards = [WardFactory(parent=province) for _ in range(3)]
    placement(unit=wards[0], installed_on=dt.date(2026, 6, 1))
    plant(metrics=metrics, wards=wards, treated_from={}, effect=0)
    [effect] = estimate_channel_effects(units=[province])
    assert not effect.enough_data and effect.estimate is None
    assert effect.explanation.startswith("Chưa đủ số liệu để ước lượng tác động của kênh")
    assert "ít nhất 4 xã/phường" in effect.explanation


@pytest.mark.django_db
def test_a_country_wide_panel_over_every_province_runs(metrics, official_units):
    """3,321 wards: the queries filter by the given units' paths, not by one condition per ward."""
    from places.models import AdministrativeUnit, UnitLevel

    wards = list(AdministrativeUnit.objects.filter(parent__code="66").order_by("code")[:6])
    placement(unit=wards[0], installed_on=dt.date(2026, 6, 1))
    plant(metrics=metrics, wards=wards, treated_from={}, effect=0)
    provinces = list(AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE))
    [effect] = estimate_channel_effects(units=provinces)
    assert effect.wards == 6 and effect.enough_data
