"""The dashboard's tables for a month whose figures are known (see tests/factories/insights_dashboard.py)."""

import datetime as dt

import pytest

from insights.selectors import InsightFilter, channel_table, placement_tables, target_table, ward_table, week_table
from tests.factories.insights_dashboard import october_fixture

OCTOBER = {"start": dt.date(2026, 10, 1), "end": dt.date(2026, 10, 31)}


@pytest.fixture
def october(official_units):
    return october_fixture()


def by(table, key, value):
    return next(row for row in table.rows if row[key] == value)


def test_channels_count_scans_conversions_and_cost_of_the_period_only(october):
    table = channel_table(f=InsightFilter(**OCTOBER, units=(october.province,)))
    poster = by(table, "channel", "Áp-phích")
    assert (poster["placements"], poster["quantity"], poster["cost"]) == (2, 30, 450_000)
    assert (poster["scans"], poster["device_days"], poster["conversions"]) == (203, 173, 21)
    assert poster["conversion_rate"] == pytest.approx(21 / 203 * 100)
    assert poster["cost_per_scan"] == pytest.approx(450_000 / 203)
    loudspeaker = by(table, "channel", "Loa truyền thanh cơ sở")
    assert (loudspeaker["scans"], loudspeaker["conversions"], loudspeaker["cost"]) == (30, 6, 200_000)
    assert loudspeaker["conversion_rate"] == pytest.approx(20.0)
    assert loudspeaker["cost_per_conversion"] == pytest.approx(200_000 / 6)
    assert [row["channel"] for row in table.rows] == ["Áp-phích", "Loa truyền thanh cơ sở"]  # most scans first


def test_a_ward_scope_sees_only_that_ward(october):
    table = channel_table(f=InsightFilter(**OCTOBER, units=(october.ward_b,)))
    assert [(row["channel"], row["scans"], row["cost"]) for row in table.rows] == [("Áp-phích", 3, 150_000)]
    assert table.ward_level  # one ward: even channel totals are ward-level cells


def test_a_campaign_filter_leaves_out_other_campaigns(october):
    from tests.factories.campaigns import CampaignPageFactory

    other = CampaignPageFactory(title="Chiến dịch khác")
    table = channel_table(f=InsightFilter(**OCTOBER, units=(october.province,), campaign=other))
    assert table.rows == []


def test_wards_are_ranked_per_1000_residents_with_their_totals(october):
    table = ward_table(f=InsightFilter(**OCTOBER, units=(october.province,)))
    rows = [(row["rank"], row["code"], row["scans"], row["residents"], row["scans_per_1000"]) for row in table.rows]
    assert rows == [(1, "24133", 230, 20000, pytest.approx(11.5)), (2, "24169", 3, 4000, pytest.approx(0.75))]
    assert by(table, "code", "24133")["conversions_per_1000"] == pytest.approx(1.3)


def test_weeks_start_on_monday_and_empty_weeks_are_listed(october):
    table = week_table(f=InsightFilter(**OCTOBER, units=(october.province,)))
    weeks = {row["week"]: (row["scans"], row["conversions"]) for row in table.rows}
    assert weeks == {
        "28/09/2026": (0, 0),  # 1–4 October; the 999 scans of 30 September are outside the period
        "05/10/2026": (123, 13),
        "12/10/2026": (30, 6),
        "19/10/2026": (80, 8),
        "26/10/2026": (0, 0),
    }


def test_an_empty_period_has_no_weeks(october):
    table = week_table(f=InsightFilter(start=dt.date(2026, 6, 1), end=dt.date(2026, 6, 30), units=(october.province,)))
    assert table.rows == []


def test_top_and_bottom_placements(october):
    top, bottom = placement_tables(f=InsightFilter(**OCTOBER, units=(october.province,)), size=2)
    assert [row["code"] for row in top.rows] == [october.poster_a.short_code, october.loudspeaker_a.short_code]
    assert [row["code"] for row in bottom.rows] == [october.poster_b.short_code]
    assert bottom.rows[0]["scans"] == 3 and bottom.rows[0]["cost_per_scan"] == pytest.approx(50_000)


def test_wards_against_the_campaign_target(october):
    table = target_table(f=InsightFilter(**OCTOBER, units=(october.province,), campaign=october.campaign))
    rows = {row["code"]: (row["achieved_percent"], row["reached"], row["status"]) for row in table.rows}
    assert rows == {"24133": (pytest.approx(85.0), True, "Đạt"), "24169": (pytest.approx(50.0), False, "Chưa đạt")}


def test_a_target_uses_the_latest_figure_up_to_the_month(october):
    from tests.factories.insights_dashboard import figure

    figure(unit=october.ward_b, month=dt.date(2026, 9, 1), slug="vneid-muc-2", value=1000)
    figure(unit=october.ward_b, month=dt.date(2026, 11, 1), slug="vneid-muc-2", value=3600)
    october_only = target_table(f=InsightFilter(**OCTOBER, units=(october.ward_b,)))
    assert [row["achieved_percent"] for row in october_only.rows] == [pytest.approx(50.0)]
    november = target_table(
        f=InsightFilter(start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30), units=(october.ward_b,))
    )
    assert [row["achieved_percent"] for row in november.rows] == [pytest.approx(90.0)]


def test_long_scopes_give_the_same_tables_without_long_in_lists(october, monkeypatch):
    f = InsightFilter(**OCTOBER, units=(october.province,))
    short = (ward_table(f=f).rows, target_table(f=f).rows)
    monkeypatch.setattr("insights.selectors.LONG_LIST", 0)  # every scope counts as a long one
    assert (ward_table(f=f).rows, target_table(f=f).rows) == short
    assert len(short[0]) == 2 and len(short[1]) == 2
