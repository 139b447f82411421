"""One cost model (insights.costs): a placement's cost falls on the days it was used, and the dashboard, its
exports and the monthly report give the same cost, cost per scan and cost per conversion for a unit and month.

Planted on top of the October fixture (whose placements are up 1–31 October only):

| ward | channel | cost | in use | October's share | October scans |
|---|---|---|---|---|---|
| Buôn Ma Thuột | pa-nô | 2 × 1.200.000 đ | hung 1/9, until 29/11 (90 days) | 61 of 90 days… | 100 (5 conv.) |
| Ea Kao | loa | 1 × 300.000 đ | airings: 2 in Sep., 3 in Oct., 1 in Nov. | 3 of 6 airings | 20 (2 conv.) |

pa-nô: ⌊2.400.000 × 61/90⌋ − ⌊2.400.000 × 30/90⌋ = 1.626.666 − 800.000 = 826.666 đ.
loa: ⌊300.000 × 5/6⌋ − ⌊300.000 × 2/6⌋ = 250.000 − 100.000 = 150.000 đ.
The province in October: 650.000 + 826.666 + 150.000 = 1.626.666 đ for 353 scans and 34 conversions via a code.
"""

import csv
import dataclasses
import datetime as dt
import io
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from core.numbers import vn_money
from insights.costs import CostSpan, monthly_costs, total_cost, unattributed_cost
from insights.models import BroadcastAiring
from insights.report_rendering import render_report_xlsx, report_html
from insights.reports import build_monthly_report
from insights.selectors import InsightFilter, channel_table
from places.models import Role
from tests.factories.insights_dashboard import OCTOBER, october_fixture, rollup, staff_member
from tests.factories.tracking import ChannelFactory, loudspeaker_channel, placement
from tests.insights.dashboard_html import read_tables
from tracking.models import ChannelKind

OCTOBER_COST = 1_626_666
OCTOBER_SCANS = 353
OCTOBER_CONVERSIONS = 34
TOTAL_COST = 650_000 + 2_400_000 + 300_000


def _aired(*, unit, channel, day: dt.date) -> None:
    BroadcastAiring.objects.create(
        unit=unit, channel=channel, aired_at=timezone.make_aware(dt.datetime(day.year, day.month, day.day, 17))
    )


@pytest.fixture
def planted(official_units):
    october = october_fixture()
    pano = ChannelFactory(slug="pa-no", name="Pa-nô", kind=ChannelKind.PRINT)
    panel = placement(
        unit=october.ward_a,
        channel=pano,
        campaign=october.campaign,
        quantity=2,
        unit_cost_vnd=1_200_000,
        installed_on=dt.date(2026, 9, 1),
        active_until=dt.date(2026, 11, 29),
    )
    rollup(placement=panel, day=dt.date(2026, 10, 9), scans=100, conversions=5)
    rollup(placement=panel, day=dt.date(2026, 11, 2), scans=40, conversions=1)
    loudspeaker = placement(
        unit=october.ward_b, channel=loudspeaker_channel(), campaign=october.campaign, quantity=1, unit_cost_vnd=300_000
    )
    rollup(placement=loudspeaker, day=dt.date(2026, 10, 16), scans=20, conversions=2)
    for day in (9, 23):
        _aired(unit=october.ward_b, channel=loudspeaker.channel, day=dt.date(2026, 9, day))
    for day in (7, 14, 21):
        _aired(unit=october.ward_b, channel=loudspeaker.channel, day=dt.date(2026, 10, day))
    _aired(unit=october.ward_b, channel=loudspeaker.channel, day=dt.date(2026, 11, 4))
    # Another ward's loudspeaker airings are not this placement's.
    _aired(unit=october.ward_a, channel=loudspeaker.channel, day=dt.date(2026, 10, 8))
    return october


def month_filter(october, month: dt.date) -> InsightFilter:
    end = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return InsightFilter(start=month, end=end, units=(october.province,))


def test_a_month_bears_its_share_of_each_placement(planted):
    rows = {row["channel"]: row for row in channel_table(f=month_filter(planted, OCTOBER)).rows}
    assert rows["Pa-nô"]["cost"] == 826_666
    assert rows["Loa truyền thanh cơ sở"]["cost"] == 200_000 + 150_000
    assert rows["Áp-phích"]["cost"] == 450_000
    assert rows["Pa-nô"]["cost_per_scan"] == pytest.approx(8_266.66)


def test_the_months_add_up_to_the_campaigns_cost(planted):
    scope = InsightFilter(start=dt.date.min, end=dt.date.max, campaign=planted.campaign).placement_q()
    assert total_cost(placement_q=scope) == TOTAL_COST
    # A poster neither printed nor hung has cost nothing yet: its planned cost falls in no month.
    placement(unit=planted.ward_b, campaign=planted.campaign, quantity=50, unit_cost_vnd=15_000, spot="Chợ")
    assert total_cost(placement_q=scope) == TOTAL_COST + 750_000
    assert unattributed_cost(placement_q=scope) == 750_000
    months = monthly_costs(placement_q=scope)
    assert list(months) == [dt.date(2026, 9, 1), OCTOBER, dt.date(2026, 11, 1)]
    assert months[OCTOBER] == OCTOBER_COST
    assert sum(months.values()) == TOTAL_COST
    # The same through the dashboard's own tables, one month at a time.
    by_month = [
        sum(row["cost"] for row in channel_table(f=month_filter(planted, month)).rows)
        for month in (dt.date(2026, 8, 1), dt.date(2026, 9, 1), OCTOBER, dt.date(2026, 11, 1), dt.date(2026, 12, 1))
    ]
    assert by_month == [0, 800_000 + 100_000, OCTOBER_COST, 773_334 + 50_000, 0]


def test_dashboard_export_and_report_give_the_same_costs_for_the_same_unit_and_month(client, planted):
    client.force_login(staff_member(username="vanhoa", unit=planted.province, role=Role.CULTURE_OFFICE))
    period = {"unit": "66", "start": "2026-10-01", "end": "2026-10-31"}

    page = client.get("/admin/insights/", period).content.decode()
    html_rows = read_tables(page)[0]["theo-kenh"]
    dashboard = {row["Kênh"]: row for row in html_rows}

    response = client.get(reverse("insights_export", args=["theo-kenh", "csv"]), period)
    exported = {row["Kênh"]: row for row in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))}

    report = build_monthly_report(unit=planted.province, month=OCTOBER)
    # The report's XLSX keeps the scans per channel on its channel sheet, under the table's title.
    sheet = list(load_workbook(io.BytesIO(render_report_xlsx(report)))["Kênh"].iter_rows(values_only=True))
    title_at = next(i for i, row in enumerate(sheet) if row and row[0] == "Lượt quét theo kênh")
    header = sheet[title_at + 1]
    in_report = {}
    for row in sheet[title_at + 2 :]:  # the block ends at the first empty row
        if not any(row):
            break
        in_report[row[0]] = dict(zip(header, row, strict=False))

    assert set(dashboard) == set(exported) == set(in_report) == {"Áp-phích", "Loa truyền thanh cơ sở", "Pa-nô"}
    for channel in dashboard:
        cost = in_report[channel]["Chi phí"]
        per_scan = in_report[channel]["Chi phí mỗi lượt quét"]
        assert int(exported[channel]["Chi phí (đồng)"]) == cost
        assert dashboard[channel]["Chi phí"] == vn_money(cost)
        assert float(exported[channel]["Chi phí mỗi lượt quét (đồng)"]) == pytest.approx(per_scan, abs=0.01)
        assert dashboard[channel]["Chi phí mỗi lượt quét"] == vn_money(per_scan)
    assert in_report["Pa-nô"]["Chi phí"] == 826_666

    # The report's month cost per scan divides the month's cost (not the campaign's) by the month's scans.
    summary = dict(report.summary)
    assert summary["Chi phí"] == vn_money(OCTOBER_COST)
    assert summary["Chi phí mỗi lượt quét"] == vn_money(OCTOBER_COST / OCTOBER_SCANS) == "4.608 đ"
    assert summary["Chi phí mỗi chuyển đổi qua mã"] == vn_money(OCTOBER_COST / OCTOBER_CONVERSIONS)
    assert sum(row["cost"] for row in report.deployment.rows) == OCTOBER_COST
    # The rule is said where the figures are.
    rule = "Chi phí được tính vào thời gian sử dụng"
    assert rule in page and rule in report_html(report)
    # And the whole campaign's cost is not what a month is charged.
    assert summary["Chi phí mỗi lượt quét"] != vn_money(TOTAL_COST / OCTOBER_SCANS)


@given(
    cost=st.integers(min_value=0, max_value=10**10),
    length=st.integers(min_value=1, max_value=800),
    cuts=st.lists(st.integers(min_value=0, max_value=900), max_size=8),
)
def test_any_partition_of_the_days_adds_up_to_the_cost(cost, length, cuts):
    first = dt.date(2026, 1, 1)
    span = CostSpan(
        placement_id=1,
        channel_id=1,
        unit_path="66/",
        cost=cost,
        first_day=first,
        last_day=first + dt.timedelta(days=length - 1),
    )
    edges = sorted({first - dt.timedelta(days=30), *(first + dt.timedelta(days=cut) for cut in cuts)})
    edges.append(first + dt.timedelta(days=1000))
    parts = [span.cost_between(start, end - dt.timedelta(days=1)) for start, end in itertools.pairwise(edges)]
    assert sum(parts) == cost
    assert all(part >= 0 for part in parts)


@given(
    cost=st.integers(min_value=0, max_value=10**9),
    offsets=st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=30),
)
def test_airings_share_the_cost_and_each_falls_on_its_day(cost, offsets):
    first = dt.date(2026, 1, 1)
    days = tuple(sorted(first + dt.timedelta(days=offset) for offset in offsets))
    span = CostSpan(
        placement_id=1,
        channel_id=1,
        unit_path="66/",
        cost=cost,
        first_day=first,
        last_day=days[-1],
        airing_days=days,
    )
    monthly = []
    for month in span.months:
        end = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        monthly.append(span.cost_between(month, end))
    assert sum(monthly) == cost
    # A day without an airing bears nothing.
    quiet = [first + dt.timedelta(days=d) for d in range(401) if first + dt.timedelta(days=d) not in days]
    assert all(span.cost_between(day, day) == 0 for day in quiet[:50])


def test_another_period_made_from_a_filter_does_not_reuse_its_costs():
    october = InsightFilter(start=OCTOBER, end=dt.date(2026, 10, 31))
    october.memo[("cost_spans", None)] = ["October's costs"]
    november = dataclasses.replace(october, start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30))
    assert november.memo == {}
