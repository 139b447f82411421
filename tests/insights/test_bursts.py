"""Suspected floods are flagged by the rollup job, set aside from the headline, and shown to staff; ordinary
busy hours are not (insights.bursts)."""

import csv
import datetime as dt
import io
import re
import uuid

import numpy as np
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from insights.bursts import (
    BURST_FLOOR,
    PROVINCE_WIDE_FLOOR,
    burst_threshold,
    flagged_hours,
    history_days,
    robust_ceiling,
)
from insights.models import DailyPlacementRollup, HourlyPlacementScans
from insights.rollups import rebuild_rollups, update_rollups
from places.models import Role
from tests.factories.insights_dashboard import staff_member
from tests.factories.places import WardFactory
from tests.factories.tracking import loudspeaker_channel, placement, poster_channel
from tests.insights.dashboard_html import read_tables
from tracking.models import Placement, ScanEvent

TZ = dt.timezone(dt.timedelta(hours=7))
# When citizens scan: early morning, late morning, evening (shares of a day's scans by local hour).
DIURNAL = {6: 3, 7: 8, 8: 7, 9: 6, 10: 7, 11: 9, 12: 6, 13: 4, 14: 5, 15: 5, 16: 6, 17: 7, 18: 8, 19: 10, 20: 6, 21: 3}


def realistic_days(seed: int, *, days: int, base: float, airing_share: float = 0.0) -> list[dict[int, int]]:
    """A placement's scans per local hour, day by day: a first week while the code is hung and announced
    (its scans build up from a seventh of the usual), weekends quieter, a growing campaign, day-to-day swings
    (weather, a market day), and on airing days (three a week) an extra surge in the hour after 19:00 worth
    `airing_share` of an ordinary day."""
    rng = np.random.default_rng(seed)
    weights = np.array(list(DIURNAL.values()), dtype=float)
    weights /= weights.sum()
    series = []
    for day in range(days):
        weekend = 0.7 if day % 7 in (5, 6) else 1.0
        growth = min(1.0, (day + 1) / 7) * (1 + 0.01 * day)
        swing = rng.lognormal(0, 0.3)
        total = rng.poisson(base * weekend * growth * swing)
        hours = dict(zip(DIURNAL, rng.multinomial(total, weights).tolist(), strict=True))
        if airing_share and day % 7 in (0, 2, 4):
            hours[19] += int(rng.poisson(base * growth * airing_share))
        series.append(hours)
    return series


def flags_over(series: list[dict[int, int]], *, floor: int = BURST_FLOOR) -> list[tuple[int, int]]:
    """Judges every day of a series as the rollup job does, with the days before it as history."""
    flagged = []
    for index, hours in enumerate(series):
        history = [sum(day.values()) for day in series[max(0, index - 28) : index]]
        flagged += [(index, hour) for hour in flagged_hours(hours, history, floor=floor)]
    return flagged


# --- the rule -----------------------------------------------------------------------------------------------


def test_a_short_history_is_judged_by_its_busiest_day_and_none_by_the_floor():
    assert robust_ceiling([]) is None
    assert burst_threshold([]) == BURST_FLOOR
    assert robust_ceiling([10, 300, 40]) == 600  # twice the busiest day of the first week
    assert burst_threshold([10, 20, 40]) == BURST_FLOOR
    # A steady 300 a day: the ceiling is the median (MAD 0), still above the floor.
    assert burst_threshold([300] * 7) == 300


def test_the_threshold_is_the_median_day_plus_six_robust_deviations():
    history = [100, 110, 90, 110, 90, 100, 120, 80, 100]  # median 100, MAD 10
    assert robust_ceiling(history) == pytest.approx(100 + 6 * 1.4826 * 10)
    assert burst_threshold(history) == BURST_FLOOR  # 188.9 is under the floor


def test_an_hour_is_flagged_only_above_both_the_floor_and_the_ceiling():
    hour = dt.datetime(2026, 10, 5, 9, tzinfo=TZ)
    assert flagged_hours({hour: BURST_FLOOR}, []) == set()
    assert flagged_hours({hour: BURST_FLOOR + 1}, []) == {hour}  # a code's first day: only the floor applies
    busy = [900, 1000, 1100, 950, 1050, 1000, 980]
    assert flagged_hours({hour: 900}, busy) == set()  # a TV code's airing hour, within its own busy days
    assert flagged_hours({hour: 5000}, busy) == {hour}


def test_history_starts_when_the_placement_appeared_and_spans_four_weeks_at_most():
    day = dt.date(2026, 10, 30)
    assert history_days(day=day, first_seen=dt.date(2026, 10, 27)) == [
        dt.date(2026, 10, 27),
        dt.date(2026, 10, 28),
        dt.date(2026, 10, 29),
    ]
    long = history_days(day=day, first_seen=dt.date(2026, 1, 1))
    assert (len(long), long[0], long[-1]) == (28, dt.date(2026, 10, 2), dt.date(2026, 10, 29))


@pytest.mark.parametrize(
    ("label", "base", "airing_share", "floor"),
    [
        ("áp-phích ở nhà văn hoá", 5, 0.0, BURST_FLOOR),
        ("loa truyền thanh xã, 3 lần phát một tuần", 20, 2.0, BURST_FLOOR),
        ("pa-nô ở chợ trung tâm", 150, 0.0, BURST_FLOOR),
        ("bảng LED ở phường đông dân, 3 lần phát một tuần", 400, 0.5, BURST_FLOOR),
        ("truyền hình tỉnh, 3 lần phát sóng một tuần", 1500, 0.6, PROVINCE_WIDE_FLOOR),
    ],
)
def test_no_false_alarm_on_realistic_seeded_series(label, base, airing_share, floor):
    """120 days × 10 seeds of ordinary campaign life, airing surges included, judged from the first day on."""
    for seed in range(10):
        series = realistic_days(seed, days=120, base=base, airing_share=airing_share)
        flagged = flags_over(series, floor=floor)
        assert flagged == [], (label, seed, flagged[:5])


def test_a_new_ward_code_far_above_its_first_days_is_set_aside():
    """The documented cost of judging a code on a thin history: a genuine surge in its first days is set
    aside (and shown) too, unless the code is province-wide."""
    hour = dt.datetime(2026, 10, 5, 19, tzinfo=TZ)
    assert flagged_hours({hour: 250}, []) == {hour}
    assert flagged_hours({hour: 250}, [40, 35, 50]) == {hour}
    assert flagged_hours({hour: 250}, [40, 135, 50]) == set()
    assert flagged_hours({hour: 250}, [40, 35, 50], floor=PROVINCE_WIDE_FLOOR) == set()


# --- through the rollup job and the dashboard ---------------------------------------------------------------


def _local(day: dt.date, hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute, second), tzinfo=TZ)


def _store_series(code: Placement, first_day: dt.date, series: list[dict[int, int]], prefix: str) -> int:
    events = []
    for offset, hours in enumerate(series):
        day = first_day + dt.timedelta(days=offset)
        for hour, count in hours.items():
            events += [
                ScanEvent(
                    event_id=uuid.uuid4(),
                    occurred_at=_local(day, hour, (n * 7) % 60),
                    placement=code,
                    device_class="mobile",
                    visitor_hash=f"{prefix}{offset:03d}{hour:02d}{n:05d}".ljust(32, "0")[:32],
                )
                for n in range(count)
            ]
    ScanEvent.objects.bulk_create(events, batch_size=2000)
    return len(events)


@pytest.mark.django_db
def test_steady_placements_pass_the_rollup_job_unflagged():
    first_day = dt.date(2026, 9, 1)
    poster = placement(unit=WardFactory(), channel=poster_channel())
    busy = placement(unit=WardFactory(), channel=poster_channel())
    Placement.objects.filter(pk__in=[poster.pk, busy.pk]).update(created_at=_local(first_day, 0))
    stored = _store_series(poster, first_day, realistic_days(1, days=21, base=30, airing_share=1.5), "a")
    # A busy code whose evening hour passes the floor once it has a history of its own.
    stored += _store_series(busy, first_day, realistic_days(2, days=21, base=400, airing_share=0.5), "b")
    rebuild_rollups()
    assert not DailyPlacementRollup.objects.filter(suspect_scans__gt=0).exists()
    assert not HourlyPlacementScans.objects.filter(suspect_scans__gt=0).exists()
    assert sum(DailyPlacementRollup.objects.values_list("scans", flat=True)) == stored
    assert HourlyPlacementScans.objects.filter(placement=busy, scans__gt=BURST_FLOOR).exists()


@pytest.fixture
def flooded_ward(official_units):
    """Phường Ea Kao: a poster with two weeks of ordinary scans, rolled up, and a viewer of the ward."""
    ward = official_units.get(code="24169")
    code = placement(unit=ward, channel=poster_channel())
    other = placement(unit=ward, channel=loudspeaker_channel())
    first_day = dt.date(2026, 10, 1)
    Placement.objects.filter(pk__in=[code.pk, other.pk]).update(created_at=_local(first_day, 0))
    _store_series(code, first_day, realistic_days(7, days=15, base=25), "c")  # 1–15 October
    _store_series(other, first_day, realistic_days(8, days=15, base=10), "d")
    update_rollups(now=_local(dt.date(2026, 10, 15), 23))
    return ward, code


def dashboard(client, ward) -> tuple[dict, str]:
    response = client.get(
        reverse("insights_dashboard"), {"unit": ward.code, "start": "2026-10-01", "end": "2026-10-31"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    tables, _empty = read_tables(html)
    return tables, html


def headline(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-total="(\w+)">([^<]*)<', html))


@pytest.mark.django_db
def test_twenty_thousand_scans_in_a_minute_are_set_aside_and_shown(client, flooded_ward):
    ward, code = flooded_ward
    client.force_login(staff_member(username="xem.eakao", unit=ward, role=Role.VIEWER))
    before_tables, before_html = dashboard(client, ward)
    before = headline(before_html)
    assert int(before["scans"].replace(".", "")) > 300
    assert "data-set-aside" not in before_html and not before_tables.get("nghi-bat-thuong")

    # The probe: one code's URL replayed 20,000 times within one minute, a new user agent (hash) each time.
    flood_minute = _local(dt.date(2026, 10, 15), 21, 7)
    ScanEvent.objects.bulk_create(
        [
            ScanEvent(
                event_id=uuid.uuid4(),
                occurred_at=flood_minute + dt.timedelta(milliseconds=3 * n),
                placement=code,
                device_class="mobile",
                visitor_hash=f"{n:032x}",
            )
            for n in range(20_000)
        ],
        batch_size=5000,
    )
    update_rollups(now=_local(dt.date(2026, 10, 15), 23, 30))

    flooded = HourlyPlacementScans.objects.get(placement=code, hour=_local(dt.date(2026, 10, 15), 21))
    assert flooded.scans == 0 and flooded.suspect_scans >= 20_000  # plus the hour's few ordinary scans
    tables, html = dashboard(client, ward)
    after = headline(html)
    # The headline is what it was: scans, device-days, conversions.
    assert after == before
    assert {row["Kênh"]: row["Lượt quét"] for row in tables["theo-kenh"]} == {
        row["Kênh"]: row["Lượt quét"] for row in before_tables["theo-kenh"]
    }
    # The volume set aside is shown to staff, with the hour and the code.
    set_aside = flooded.suspect_scans
    assert f"Đã để riêng {set_aside:,}".replace(",", ".") + " lượt nghi bất thường" in html
    (row,) = tables["nghi-bat-thuong"]
    assert (row["Giờ"], row["Mã"], row["Kênh"]) == ("15/10/2026 21:00", code.short_code, "Áp-phích")
    assert row["Lượt để riêng"] == f"{set_aside:,}".replace(",", ".")
    poster_row = next(row for row in tables["theo-kenh"] if row["Kênh"] == "Áp-phích")
    assert poster_row["Nghi bất thường (không tính)"] == f"{set_aside:,}".replace(",", ".")

    # The exports say the same: the set-aside table as CSV, the channel table as XLSX.
    params = {"unit": ward.code, "start": "2026-10-01", "end": "2026-10-31"}
    response = client.get(reverse("insights_export", args=["nghi-bat-thuong", "csv"]), params)
    (exported,) = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert (exported["Mã"], exported["Lượt để riêng"]) == (code.short_code, str(set_aside))
    response = client.get(reverse("insights_export", args=["theo-kenh", "xlsx"]), params)
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    poster = next(row for row in body if row[0] == "Áp-phích")
    assert poster[header.index("Nghi bất thường (không tính)")] == set_aside
    before_poster = next(row for row in before_tables["theo-kenh"] if row["Kênh"] == "Áp-phích")
    assert poster[header.index("Lượt quét")] == int(before_poster["Lượt quét"].replace(".", ""))


@pytest.mark.django_db
def test_a_flood_does_not_raise_the_bar_for_the_next_one(flooded_ward):
    """The flagged day's headline (not its flood) is the history the next day is judged against."""
    _ward, code = flooded_ward
    for day in (dt.date(2026, 10, 16), dt.date(2026, 10, 17)):
        ScanEvent.objects.bulk_create(
            [
                ScanEvent(
                    event_id=uuid.uuid4(),
                    occurred_at=_local(day, 3, 0, n % 60),
                    placement=code,
                    device_class="mobile",
                    visitor_hash=f"{day.day}{n:030x}",
                )
                for n in range(5_000)
            ]
        )
    rebuild_rollups()
    flagged = dict(DailyPlacementRollup.objects.filter(placement=code).values_list("day", "suspect_scans"))
    assert flagged[dt.date(2026, 10, 16)] == 5_000 and flagged[dt.date(2026, 10, 17)] == 5_000
    # Device-days leave the flood out too: 5,000 new hashes did not become 5,000 device-days.
    assert DailyPlacementRollup.objects.get(placement=code, day=dt.date(2026, 10, 16)).device_days == 0
    # The flagged hours feed nothing else: broadcast lift reads the hourly headline, 0 in a flagged hour.
    assert HourlyPlacementScans.objects.get(placement=code, hour=_local(dt.date(2026, 10, 16), 3)).scans == 0


@pytest.mark.django_db
def test_every_citizen_scan_is_in_exactly_one_part_of_the_split(flooded_ward):
    """scans (headline) + repeats + suspect_scans is every citizen scan."""
    _ward, code = flooded_ward
    ScanEvent.objects.filter(placement=code, occurred_at__date=dt.date(2026, 10, 3)).update(is_repeat=True)
    rebuild_rollups()
    citizen = ScanEvent.objects.filter(is_bot=False, is_head=False).count()
    split = DailyPlacementRollup.objects.values_list("scans", "repeats", "suspect_scans")
    assert sum(sum(row) for row in split) == citizen
    assert DailyPlacementRollup.objects.get(placement=code, day=dt.date(2026, 10, 3)).scans == 0
