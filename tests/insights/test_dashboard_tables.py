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


def test_the_rankings_read_no_list_of_placements_of_their_own(october, django_assert_num_queries):
    """The placements in scope come from the cost spans the channel table read; the rankings' one query is the
    rows they show (a country's 9,000 placements were read a second time for them)."""
    f = InsightFilter(**OCTOBER, units=(october.province,))
    channel_table(f=f)
    with django_assert_num_queries(1):
        top, _bottom = placement_tables(f=f, size=2)
    assert [row["code"] for row in top.rows] == [october.poster_a.short_code, october.loudspeaker_a.short_code]


def test_a_placement_created_after_the_period_is_not_among_its_worst(october):
    from tests.factories.tracking import placement, poster_channel

    later = placement(unit=october.ward_b, campaign=october.campaign, channel=poster_channel(), spot="Chợ Ea Kao")
    assert later.pk != october.poster_b.pk
    later.created_at = dt.datetime(2026, 11, 1, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))  # local day 1/11
    later.save(update_fields=["created_at"])
    _top, bottom = placement_tables(f=InsightFilter(**OCTOBER, units=(october.province,)), size=5)
    assert later.short_code not in [row["code"] for row in bottom.rows]
    # Created on 31 October local time (17:30 UTC on the 31st is 00:30 on 1 November in Vietnam: not that).
    later.created_at = dt.datetime(2026, 10, 31, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    later.save(update_fields=["created_at"])
    _top, bottom = placement_tables(f=InsightFilter(**OCTOBER, units=(october.province,)), size=5)
    assert later.short_code in [row["code"] for row in bottom.rows]


def test_the_summary_of_a_month_within_the_period_reuses_the_scopes_units(october, monkeypatch):
    """A country-wide page (long scopes): the summary's month reads the wards' names with the page's units, once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from insights.dashboard_tables import build_dashboard
    from insights.summary import dashboard_summary

    monkeypatch.setattr("insights.selectors.LONG_LIST", 0)
    f = InsightFilter(start=dt.date(2026, 9, 20), end=dt.date(2026, 11, 5))
    dashboard = build_dashboard(f=f)
    with CaptureQueriesContext(connection) as queries:
        summary, _note = dashboard_summary(f=f, dashboard=dashboard)
    unit_lists = [q["sql"] for q in queries.captured_queries if 'FROM "places_administrativeunit"' in q["sql"]]
    assert unit_lists == []
    assert summary.month == dt.date(2026, 10, 1)
    assert [(row["code"], row["scans"]) for row in summary.wards.rows] == [("24133", 230), ("24169", 3)]
