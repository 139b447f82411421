"""Shared copies cannot be undone by subtraction (insights.suppression): the rounding, the whole periods,
and the attacks that recovered small cells on main, run against the exports and the report's shared copy."""

import csv
import datetime as dt
import io
import statistics

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from insights.report_rendering import render_report_xlsx
from insights.reports import build_monthly_report
from insights.suppression import controlled_round, is_small, nearest_multiple, piece_start, shared_period
from insights.tables import Column, Kind, Table
from places.models import Role
from places.services import grant_membership
from tests.factories.insights_dashboard import OCTOBER, october_fixture, rollup, staff_member

# --- The rule and the rounding ---------------------------------------------------------------------------


@pytest.mark.parametrize(("count", "small"), [(0, True), (1, True), (4, True), (5, False), (120, False), (None, False)])
def test_fewer_than_five_events_is_a_small_cell(count, small):
    assert is_small(count) is small


def test_controlled_rounding_is_a_multiple_of_five_next_to_the_count_fixed_by_its_key_and_unbiased():
    for count in range(0, 40):
        rounded = controlled_round(count, "scans", 7, "2026-10-05")
        assert rounded % 5 == 0 and abs(rounded - count) < 5
        assert rounded == controlled_round(count, "scans", 7, "2026-10-05")  # the same cell, the same way
    assert controlled_round(10, "scans", 1, "x") == 10  # a multiple of 5 is left as it is
    draws = [controlled_round(3, "scans", placement, "2026-10-05") for placement in range(4000)]
    assert set(draws) == {0, 5}
    assert statistics.mean(draws) == pytest.approx(3, abs=0.25)  # up three times in five


def test_counts_outside_the_base_cells_go_to_the_nearest_multiple():
    assert [nearest_multiple(n) for n in (0, 2, 3, 7, 8, 12)] == [0, 0, 5, 5, 10, 10]


def test_pieces_are_weeks_cut_at_the_turn_of_a_month():
    assert piece_start(dt.date(2026, 10, 1)) == dt.date(2026, 10, 1)  # a Thursday: the month starts a piece
    assert piece_start(dt.date(2026, 9, 30)) == dt.date(2026, 9, 28)
    assert piece_start(dt.date(2026, 10, 7)) == dt.date(2026, 10, 5)


def test_shared_periods_are_whole_months_or_weeks_ended_before_today():
    today = dt.date(2026, 11, 18)
    months = shared_period(start=dt.date(2026, 9, 1), end=dt.date(2026, 10, 31), today=today)
    assert (months.start, months.end, months.months, months.snapped) == (
        dt.date(2026, 9, 1),
        dt.date(2026, 10, 31),
        True,
        False,
    )
    weeks = shared_period(start=dt.date(2026, 10, 7), end=dt.date(2026, 10, 20), today=today)
    assert (weeks.start, weeks.end, weeks.months, weeks.snapped) == (
        dt.date(2026, 10, 5),
        dt.date(2026, 10, 25),
        False,
        True,
    )
    # Up to today: the month is not over, so whole weeks up to last Sunday.
    running = shared_period(start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30), today=today)
    assert (running.start, running.end, running.months) == (dt.date(2026, 10, 26), dt.date(2026, 11, 15), False)
    assert shared_period(start=today, end=today, today=today) is None
    # Two end dates a day apart in the same week give the same period.
    a = shared_period(start=dt.date(2026, 10, 1), end=dt.date(2026, 10, 21), today=today)
    b = shared_period(start=dt.date(2026, 10, 1), end=dt.date(2026, 10, 22), today=today)
    assert (a.start, a.end) == (b.start, b.end)


def ward_table(*, protected: bool = False) -> Table:
    return Table(
        slug="theo-xa",
        title="Xã/phường",
        columns=[
            Column("ward", "Xã/phường"),
            Column("residents", "Dân số", Kind.NUMBER),
            Column("scans", "Lượt quét", Kind.COUNT),
            Column("scans_per_1000", "Lượt quét / 1.000 dân", Kind.RATE, based_on=("scans",)),
        ],
        rows=[
            {"ward": "Phường Buôn Ma Thuột", "residents": 20000, "scans": 230, "scans_per_1000": 11.5},
            {"ward": "Phường Ea Kao", "residents": 4000, "scans": 3, "scans_per_1000": 0.75},
        ],
        ward_level=True,
        protected=protected,
    )


def test_a_table_built_from_rounded_cells_is_shared_as_it_is():
    assert ward_table(protected=True).values(suppress=True)[1] == ["Phường Ea Kao", 4000, 3, 0.75]


def test_any_other_tables_counts_are_rounded_and_what_is_computed_from_them_is_hidden_when_shared():
    table = ward_table()
    assert table.values(suppress=True) == [
        ["Phường Buôn Ma Thuột", 20000, 230, "—"],
        ["Phường Ea Kao", 4000, 5, "—"],  # residents are not events; the rate would give the count back
    ]
    assert table.values(suppress=False)[1] == ["Phường Ea Kao", 4000, 3, 0.75]


# --- The attacks -------------------------------------------------------------------------------------------

SHARED = {"chia-se": "1"}


@pytest.fixture
def october(official_units):
    """October's fixture (Ea Kao: 3 scans on the 7th, 1 conversion), and more days for the date attacks:
    Ea Kao scans once on the 31st (4 scans and 2 conversions in the month: small cells); Buôn Ma Thuột
    scans on many days, the 31st included."""
    fixture = october_fixture()
    rollup(placement=fixture.poster_b, day=dt.date(2026, 10, 31), scans=1, conversions=1)
    for day in (2, 9, 16, 23, 26, 30, 31):
        rollup(placement=fixture.loudspeaker_a, day=dt.date(2026, 10, day), scans=day + 3, conversions=day % 4)
    return fixture


def csv_table(response) -> list[dict]:
    assert response.status_code == 200, response.content
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    # The notes of a shared copy come last, one cell each.
    return [row for row in rows if any(value for value in list(row.values())[1:])]


def export(client, slug, **params) -> list[dict]:
    return csv_table(client.get(reverse("insights_export", args=[slug, "csv"]), {**SHARED, **params}))


def count(value: str) -> int:
    number = int(value)
    assert number % 5 == 0, f"{value} is not rounded"
    return number


def test_subtracting_the_visible_wards_from_the_channel_totals_of_the_same_export(client, october):
    """Attack 1: channel totals − every other ward = the small ward, on main. Ea Kao: 4 scans, 2 conversions."""
    client.force_login(staff_member(username="vanhoa", unit=october.province, role=Role.CULTURE_OFFICE))
    period = {"unit": "66", "start": "2026-10-01", "end": "2026-10-31"}
    channels = export(client, "theo-kenh", **period)
    wards = {row["Mã"]: row for row in export(client, "theo-xa", **period)}
    weeks = export(client, "theo-tuan", **period)
    for measure, truth in (("Lượt quét", 4), ("Chuyển đổi qua mã", 2)):
        total = sum(count(row[measure]) for row in channels)
        assert total == sum(count(row[measure]) for row in weeks)  # the tables add up to the same total
        recovered = total - count(wards["24133"][measure])
        assert recovered == count(wards["24169"][measure])  # consistent: nothing new is learned
        assert recovered % 5 == 0 and recovered != truth


def test_two_shared_exports_whose_end_dates_differ_by_a_day(client, october):
    """Attack 2: the same ward in two periods a day apart, on main = that day's scans (Ea Kao, the 31st: 1)."""
    client.force_login(staff_member(username="vanhoa", unit=october.province, role=Role.CULTURE_OFFICE))
    for first_end, second_end, truth in (("2026-10-30", "2026-10-31", 1), ("2026-10-24", "2026-10-25", 0)):
        first = {row["Mã"]: row for row in export(client, "theo-xa", unit="66", start="2026-10-01", end=first_end)}
        second = {row["Mã"]: row for row in export(client, "theo-xa", unit="66", start="2026-10-01", end=second_end)}
        difference = count(first["24169"]["Lượt quét"]) - count(second["24169"]["Lượt quét"])
        assert difference % 5 == 0 and (difference != truth or truth == 0)
    # Within a week, the two files are the same file.
    a = export(client, "theo-xa", unit="66", start="2026-10-01", end="2026-10-20")
    b = export(client, "theo-xa", unit="66", start="2026-10-01", end="2026-10-22")
    assert a == b


def test_a_province_minus_a_user_scope_of_every_other_ward(client, october):
    """Attack 3: the province's shared file minus the file of someone whose wards are all but Ea Kao."""
    from places.models import AdministrativeUnit

    client.force_login(staff_member(username="vanhoa", unit=october.province, role=Role.CULTURE_OFFICE))
    province = export(client, "theo-kenh", unit="66", start="2026-10-01", end="2026-10-31")
    other = staff_member(username="xem.nhieu.xa", unit=october.ward_a, role=Role.VIEWER)
    third = AdministrativeUnit.objects.filter(path__startswith="66/", level="ward").exclude(code__in=["24133", "24169"])
    grant_membership(user=other, unit=third.first(), role=Role.VIEWER)  # two roots: "Mọi đơn vị của tôi"
    client.force_login(other)
    mine = export(client, "theo-kenh", start="2026-10-01", end="2026-10-31")
    for measure, truth in (("Lượt quét", 4), ("Chuyển đổi qua mã", 2)):
        difference = sum(count(row[measure]) for row in province) - sum(count(row[measure]) for row in mine)
        assert difference % 5 == 0 and difference != truth
    # The same base cells are rounded the same way in both files.
    assert {row["Kênh"]: row["Lượt quét"] for row in mine}["Loa truyền thanh cơ sở"] == {
        row["Kênh"]: row["Lượt quét"] for row in province
    }["Loa truyền thanh cơ sở"]


COUNT_LABELS = (
    "Lượt quét",
    "Chuyển đổi qua mã",
    "Lượt thiết bị-ngày",
    "Quét lặp lại (không tính)",
    "Nghi bất thường (không tính)",
    "Người dân tự báo trên trang hướng dẫn",
    "Cán bộ hỗ trợ ghi nhận tại điểm dịch vụ",
    "Lượt hỗ trợ không qua mã",
    "Lượt để riêng",
    "Lượt quét trong giờ sau khi phát",
)


def blocks(sheet) -> list[tuple[tuple, list[tuple]]]:
    """Each table on a sheet: its header row and its rows (a title row and an empty row separate them)."""
    found, current = [], None
    for row in sheet.iter_rows(values_only=True):
        if not any(cell is not None for cell in row):
            current = None
        elif current is None and sum(cell is not None for cell in row) > 1:
            current = (row, [])
            found.append(current)
        elif current is not None:
            current[1].append(row)
    return found


def test_the_shared_workbook_of_every_table_has_only_rounded_counts(client, october):
    client.force_login(staff_member(username="vanhoa", unit=october.province, role=Role.CULTURE_OFFICE))
    response = client.get(
        reverse("insights_export", args=["tat-ca", "xlsx"]),
        {**SHARED, "unit": "66", "start": "2026-10-01", "end": "2026-10-31"},
    )
    workbook = load_workbook(io.BytesIO(response.content))
    checked = 0
    for sheet in workbook.worksheets:
        for header, rows in blocks(sheet):
            for label in COUNT_LABELS:
                if label in header:
                    column = header.index(label)
                    for row in rows:
                        if isinstance(row[column], int):
                            assert row[column] % 5 == 0, (sheet.title, label, row)
                            checked += 1
        assert any("làm tròn có kiểm soát" in str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)
    assert checked >= 10


def test_the_reports_shared_copy_resists_the_same_subtraction_and_the_internal_copy_is_exact(october):
    shared = build_monthly_report(unit=october.province, month=OCTOBER, shared=True)
    workbook = load_workbook(io.BytesIO(render_report_xlsx(shared)))
    header, rows = blocks(workbook["Kênh"])[0]  # channel activity: one row per channel
    channel_total = sum(row[header.index("Lượt quét")] for row in rows)
    summary = dict(row for row in workbook["Tổng quan"].iter_rows(values_only=True))
    assert int(summary["Lượt quét"].replace(".", "")) == channel_total
    wards = {row.get("code"): row for row in shared.dashboard.wards.rows}
    recovered = channel_total - wards["24133"]["scans"]
    assert recovered == wards["24169"]["scans"] and recovered % 5 == 0 and recovered != 4
    assert summary["Bản"] == "Bản chia sẻ"

    internal = build_monthly_report(unit=october.province, month=OCTOBER)
    assert {row["code"]: row["scans"] for row in internal.dashboard.wards.rows}["24169"] == 4
    assert internal.copy_label == "Nội bộ"
