"""Broadcast lift: the hour after an airing within its own day, against quiet days while the code was live,
with an exact interval and placebo airings whose false-alarm rate is known."""

import datetime as dt

import numpy as np
import pytest
from scipy.stats.contingency import odds_ratio

from insights.broadcast import (
    MIN_QUIET_DAYS,
    DayGrid,
    HourTable,
    Slot,
    Verdict,
    assess_slots,
    broadcast_lift,
    compared_hour,
    lift_p_values,
    rate_ratio_interval,
)
from insights.models import BroadcastAiring, HourlyPlacementScans
from insights.rollups import update_rollups
from tests.factories.campaigns import CampaignPageFactory
from tests.factories.places import VillageFactory, WardFactory
from tests.factories.tracking import ChannelFactory, loudspeaker_channel, placement, poster_channel
from tests.insights.broadcast_sim import new_method, old_method_claims, simulate
from tracking.models import ChannelKind, Placement, ScanEvent

TZ = dt.timezone(dt.timedelta(hours=7))
START = dt.date(2026, 10, 1)
END = dt.date(2026, 10, 28)
TODAY = dt.date(2026, 11, 15)


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 10, day, hour, minute, tzinfo=TZ)


def hourly(code, day: int, hour: int, count: int) -> None:
    HourlyPlacementScans.objects.update_or_create(placement=code, hour=at(day, hour), defaults={"scans": count})


def live_from(day: dt.date, *codes) -> None:
    Placement.objects.filter(pk__in=[code.pk for code in codes]).update(active_from=day)


# --- The statistics on plain arrays (no database) -------------------------------------------------------


@pytest.mark.parametrize(
    "table", [(5, 20, 30, 400), (0, 20, 30, 400), (12, 7, 20, 140), (3, 0, 0, 10), (1, 40, 2, 900)]
)
def test_the_interval_is_the_exact_conditional_one_that_scipy_computes(table):
    a, b, c, e = table
    mine = rate_ratio_interval(HourTable(a=a, b=b, c=c, e=e))
    reference = odds_ratio([[a, b], [c, e]], kind="conditional").confidence_interval(0.95)
    assert mine[0] == pytest.approx(reference.low, rel=1e-4, abs=1e-9)
    assert mine[1] == pytest.approx(reference.high, rel=1e-4) or (np.isinf(mine[1]) and np.isinf(reference.high))


def test_a_lift_is_claimed_exactly_when_the_interval_is_above_one():
    tables = [HourTable(a=a, b=30, c=40, e=600) for a in range(0, 12)]
    p_values = lift_p_values(tables)
    for table, p in zip(tables, p_values, strict=True):
        assert (rate_ratio_interval(table)[0] > 1) == (p < 0.025)


def test_with_no_true_effect_few_airings_are_called_a_lift_where_the_old_method_called_many():
    """Airings on the busiest weekdays of a growing campaign that went live two weeks in: no effect at all."""
    old, new, alarms = [], [], []
    for seed in range(20):
        code = simulate(seed)
        old += old_method_claims(code)
        assessed, placebo = new_method(code, seed=seed)
        new += [result.verdict == Verdict.LIFT for result in assessed]
        alarms.append(placebo.rate)
    assert np.mean(new) <= 0.10
    assert np.mean(old) >= 0.25  # the comparison main used
    assert np.mean(alarms) <= 0.10  # and the placebos say so


def test_a_planted_lift_is_found_with_intervals_that_cover_it():
    covered, found = [], []
    for seed in range(20):
        code = simulate(seed, lift=6.0)
        assessed, placebo = new_method(code, seed=seed)
        assert not placebo.too_high
        for index, result in enumerate(assessed):
            truth = code.true_ratio(index)
            covered.append(result.ratio_low <= truth <= result.ratio_high)
            found.append(result.verdict == Verdict.LIFT)
    assert np.mean(covered) >= 0.90
    assert np.mean(found) >= 0.50
    # A larger lift is found nearly every time.
    assessed, _placebo = new_method(simulate(99, lift=15.0), seed=99)
    assert np.mean([result.verdict == Verdict.LIFT for result in assessed]) >= 0.9


def test_clumped_scans_raise_false_alarms_and_then_no_lift_is_claimed():
    """A hall meeting on one day in five at 17:00 sends a crowd to the code, airing or not."""
    rng = np.random.default_rng(0)
    days = [dt.date(2026, 10, 1) + dt.timedelta(days=n) for n in range(40)]
    counts = np.zeros((40, 24), dtype=np.int64)
    counts[:, 8:21] = rng.poisson(1.0, size=(40, 13))
    crowd = rng.random(40) < 0.2
    counts[crowd, 17] += 25
    aired = [5, 12, 19, 26, 33]
    counts[aired, 17] += 25
    grid = DayGrid(days=days, counts=counts, quiet=np.array([n not in aired for n in range(40)]))
    slots = [Slot(day=n, hour=17, left_out=frozenset({18})) for n in aired]
    assessed, placebo = assess_slots(grid, slots, seed=1)
    assert placebo.too_high and placebo.rate > 0.10
    assert {result.verdict for result in assessed} == {Verdict.UNRELIABLE}


def test_too_few_quiet_days_or_no_scans_is_not_enough_data_with_a_reason():
    days = [dt.date(2026, 10, 1) + dt.timedelta(days=n) for n in range(6)]
    counts = np.ones((6, 24), dtype=np.int64)
    grid = DayGrid(days=days, counts=counts, quiet=np.array([False, False, True, True, True, True]))
    [result], _placebo = assess_slots(grid, [Slot(day=0, hour=17, left_out=frozenset())], seed=0)
    assert result.verdict == Verdict.NOT_ENOUGH_DATA
    assert f"cần ít nhất {MIN_QUIET_DAYS}" in result.reason

    empty = DayGrid(days=days, counts=np.zeros((6, 24), dtype=np.int64), quiet=np.array([False] + [True] * 5))
    [result], placebo = assess_slots(empty, [Slot(day=0, hour=17, left_out=frozenset())], seed=0)
    assert result.verdict == Verdict.NOT_ENOUGH_DATA and "không có lượt quét" in result.reason
    assert placebo.rate is None

    nothing = DayGrid(days=[], counts=np.zeros((0, 24), dtype=np.int64), quiet=np.array([], dtype=bool))
    assert assess_slots(nothing, [], seed=0)[0] == []


# --- From the database ----------------------------------------------------------------------------------


@pytest.fixture
def ward_setup(db):
    ward = WardFactory()
    campaign = CampaignPageFactory()
    loudspeaker = loudspeaker_channel()
    on_ward = placement(unit=ward, channel=loudspeaker, campaign=campaign)
    in_village = placement(unit=VillageFactory(parent=ward), channel=loudspeaker, campaign=campaign)
    poster = placement(unit=ward, channel=poster_channel(), campaign=campaign)
    live_from(START, on_ward, in_village, poster)
    return ward, loudspeaker, on_ward, in_village, poster


def usual_day(code, day: int, *, level: int = 1) -> None:
    """A day's usual scans: 2 at 8:00, 2 at 12:00, 1 at 17:00, 3 at 19:00 (× level on busy days)."""
    for hour, count in ((8, 2), (12, 2), (17, 1), (19, 3)):
        hourly(code, day, hour, count * level)


def test_the_hour_after_an_airing_is_compared_within_its_day_against_quiet_days(ward_setup):
    ward, loudspeaker, on_ward, in_village, poster = ward_setup
    for day in range(1, 29):
        usual_day(on_ward, day, level=3 if day in (5, 12) else 1)  # airing days are three times as busy
    hourly(in_village, 5, 17, 9)  # the village's loudspeaker code, the hour after the airing
    hourly(poster, 5, 17, 50)  # another channel's code: not counted
    first = BroadcastAiring.objects.create(channel=loudspeaker, unit=ward, aired_at=at(5, 17, 5))
    second = BroadcastAiring.objects.create(channel=loudspeaker, unit=ward, aired_at=at(12, 17, 5))

    lifts = broadcast_lift(units=[ward.parent], start=START, end=END, today=TODAY)
    assert [lift.airing for lift in lifts] == [first, second]
    lift = lifts[0]
    assert lift.placements == 2
    assert lift.hour == at(5, 17)
    # 3 usual + 9 from the village; the day's other hours (18:00 left out) had 6 + 6 + 9 = 21 scans, and on
    # the 26 quiet days 17:00 got 1 of every 7 such scans: 3 expected, 9 more.
    assert lift.scans_after == 12
    assert lift.expected == pytest.approx(3.0)
    assert lift.lift == pytest.approx(9.0)
    assert lift.assessment.reference_days == 26 - 8  # quiet weekdays only: the 8 weekend days are apart
    assert lift.verdict == Verdict.LIFT and lift.assessment.ratio_low > 1
    # The busier day alone is no lift: 3 scans at 17:00 out of a three-times-busier day is the usual share.
    assert lifts[1].scans_after == 3 and lifts[1].expected == pytest.approx(3.0)
    assert lifts[1].verdict == Verdict.NONE
    assert lift.placebo.placebos > 0 and lift.placebo.rate == 0


def test_days_before_the_code_went_live_are_never_compared(ward_setup):
    ward, loudspeaker, on_ward, in_village, _poster = ward_setup
    live_from(dt.date(2026, 10, 15), on_ward, in_village)
    for day in range(1, 29):
        usual_day(on_ward, day)
    BroadcastAiring.objects.create(channel=loudspeaker, unit=ward, aired_at=at(20, 17, 5))
    early = BroadcastAiring.objects.create(channel=loudspeaker, unit=ward, aired_at=at(6, 17, 5))
    lifts = {lift.airing: lift for lift in broadcast_lift(units=[ward], start=START, end=END, today=TODAY)}
    # 15–28 October: 14 live days, 1 aired, 4 weekend days → 9 quiet weekdays.
    later = next(lift for airing, lift in lifts.items() if airing != early)
    assert later.assessment.reference_days == 9
    assert lifts[early].verdict == Verdict.NOT_ENOUGH_DATA
    assert lifts[early].assessment.reason == "mã của kênh chưa được dùng vào ngày phát"


def test_airings_without_codes_or_not_over_yet_say_why(ward_setup):
    ward, loudspeaker, on_ward, *_ = ward_setup
    for day in range(1, 29):
        usual_day(on_ward, day)
    led = ChannelFactory(slug="bang-led", name="Bảng LED", kind=ChannelKind.SCREEN)
    BroadcastAiring.objects.create(channel=led, unit=ward, aired_at=at(3, 20))
    BroadcastAiring.objects.create(channel=loudspeaker, unit=ward, aired_at=at(27, 17))
    lifts = broadcast_lift(units=[ward], start=START, end=END, today=dt.date(2026, 10, 27))
    reasons = {lift.airing.channel.slug: lift.assessment.reason for lift in lifts}
    assert reasons == {
        "bang-led": "chưa có mã nào của kênh ở địa bàn này",
        "loa-truyen-thanh": "ngày phát chưa kết thúc",
    }
    assert all(lift.verdict == Verdict.NOT_ENOUGH_DATA and lift.lift is None for lift in lifts)


def test_an_airing_late_in_the_hour_is_compared_with_the_next_hour_and_other_units_are_left_out(ward_setup):
    ward, loudspeaker, on_ward, *_ = ward_setup
    other_ward = WardFactory()
    for day in range(1, 29):
        usual_day(on_ward, day)
    BroadcastAiring.objects.create(channel=loudspeaker, unit=other_ward, aired_at=at(7, 6))
    BroadcastAiring.objects.create(channel=loudspeaker, unit=ward, aired_at=at(30, 6))  # after the range
    mine = BroadcastAiring.objects.create(channel=loudspeaker, unit=ward, aired_at=at(7, 18, 45))
    [lift] = broadcast_lift(units=[ward], start=START, end=END, today=TODAY)
    assert lift.airing == mine and lift.hour == at(7, 19)
    assert lift.scans_after == 3


def test_an_airing_above_the_unit_keeps_its_day_out_of_the_quiet_days(ward_setup):
    ward, loudspeaker, on_ward, *_ = ward_setup
    for day in range(1, 29):
        usual_day(on_ward, day)
    BroadcastAiring.objects.create(channel=loudspeaker, unit=ward.parent, aired_at=at(8, 19))  # province-wide
    BroadcastAiring.objects.create(channel=loudspeaker, unit=ward, aired_at=at(6, 17, 5))
    [lift] = broadcast_lift(units=[ward], start=START, end=END, today=TODAY)
    assert lift.assessment.reference_days == 20 - 2  # 20 weekdays, minus the two aired days


def test_the_compared_hour_is_local():
    assert compared_hour(dt.datetime(2026, 10, 3, 23, 10, tzinfo=dt.UTC)).hour == 6  # 06:10 in Vietnam


def test_raw_scans_reach_the_lift_through_the_rollups(ward_setup):
    ward, loudspeaker, on_ward, *_ = ward_setup
    ScanEvent.objects.bulk_create(
        ScanEvent(occurred_at=at(5, 17, 20) + dt.timedelta(seconds=n), placement=on_ward, device_class="mobile")
        for n in range(4)
    )
    ScanEvent.objects.create(occurred_at=at(5, 17, 30), placement=on_ward, device_class="bot", is_bot=True)
    update_rollups()
    for day in range(6, 29):
        usual_day(on_ward, day)
    BroadcastAiring.objects.create(channel=loudspeaker, unit=ward, aired_at=at(5, 17, 5))
    [lift] = broadcast_lift(units=[ward], start=START, end=END, today=TODAY)
    assert lift.scans_after == 4, lift.assessment.reason


def test_the_number_of_queries_does_not_grow_with_airings(db, django_assert_max_num_queries):
    loudspeaker = loudspeaker_channel()
    campaign = CampaignPageFactory()
    province = WardFactory().parent
    for _ in range(6):
        ward = WardFactory(parent=province)
        code = placement(unit=ward, channel=loudspeaker, campaign=campaign)
        live_from(START, code)
        for day in range(1, 29):
            usual_day(code, day)
        for day in (5, 8):
            BroadcastAiring.objects.create(channel=loudspeaker, unit=ward, aired_at=at(day, 17, 5))
    with django_assert_max_num_queries(4):
        lifts = broadcast_lift(units=[province], start=START, end=END, today=TODAY)
    assert len(lifts) == 12
    assert {lift.scans_after for lift in lifts} == {1}


def test_a_shared_copy_does_not_say_that_a_day_had_no_scans(ward_setup):
    from insights.effects import broadcast_table
    from insights.selectors import InsightFilter

    ward, loudspeaker, on_ward, *_ = ward_setup
    for day in range(1, 29):
        if day != 6:
            usual_day(on_ward, day)
    BroadcastAiring.objects.create(channel=loudspeaker, unit=ward, aired_at=at(6, 17, 5))
    [lift] = broadcast_lift(units=[ward], start=START, end=END, today=TODAY)
    assert lift.assessment.reason == "ngày phát không có lượt quét nào để so sánh"
    assert lift.assessment.reason_tells_counts
    internal = broadcast_table(f=InsightFilter(start=START, end=END, units=(ward,)))
    shared = broadcast_table(f=InsightFilter(start=START, end=END, units=(ward,), shared=True))
    assert internal.rows[0]["result"] == "chưa đủ dữ liệu: ngày phát không có lượt quét nào để so sánh"
    assert shared.rows[0]["result"] == "chưa đủ dữ liệu: quá ít lượt quét để so sánh"
