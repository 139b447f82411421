"""One read of the official figures per dashboard (insights.scope_figures), and the same figures as before.

The ward table, the target table, the figure warnings, the channel-impact estimate and the summary each read the
figures by a query of their own; they now share one read per scope. These tests count the reads and check that
each part still applies its own rule (the look-back window, the month before, the wards of the estimate).
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from insights.dashboard_tables import build_dashboard
from insights.figure_checks import figure_warnings
from insights.impact import _growth
from insights.models import AdoptionFigure
from insights.scope_figures import scope_figures
from insights.selectors import InsightFilter, latest_figures
from insights.summary import dashboard_summary
from places.models import AdministrativeUnit, UnitLevel
from tests.factories.insights_dashboard import figure, october_fixture

pytestmark = pytest.mark.django_db

FIGURES_TABLE = AdoptionFigure._meta.db_table


def figure_reads(queries) -> int:
    return sum(FIGURES_TABLE in query["sql"] for query in queries)


@pytest.fixture
def october(official_units):
    return october_fixture()


def test_a_dashboard_and_its_summary_read_the_official_figures_once(october, settings):
    settings.LOA_IMPACT_CACHE_SECONDS = 3600
    cache.clear()  # the channel-impact estimate is computed, and reads the figures
    # Two months: the summary is not the page's period, and computes its month's targets and wards.
    f = InsightFilter(start=dt.date(2026, 9, 1), end=dt.date(2026, 10, 31), units=(october.province,))
    with CaptureQueriesContext(connection) as queries:
        dashboard = build_dashboard(f=f)
        summary, _note = dashboard_summary(f=f, dashboard=dashboard)
    # Before: the ward table, the target table, the warnings, the estimate (two) and the summary's month (two).
    assert figure_reads(queries.captured_queries) == 1
    # …and what they show rests on those figures.
    assert {row["code"]: row["residents"] for row in dashboard.wards.rows} == {"24133": 20000, "24169": 4000}
    assert [round(progress.achieved_percent, 2) for progress in summary.targets] == [79.17]  # 19,000 of 24,000


def test_the_shared_read_keeps_the_look_back_window_and_the_wards_asked_for(official_units):
    ward_a, ward_b = official_units.get(code="24133"), official_units.get(code="24169")
    figure(unit=ward_a, month=dt.date(2025, 9, 1), slug="dan-so", value=18000)  # 13 months before: too old
    figure(unit=ward_a, month=dt.date(2026, 11, 1), slug="dan-so", value=21000)  # after the month: not yet
    figure(unit=ward_b, month=dt.date(2025, 10, 1), slug="dan-so", value=3900)  # 12 months before: counts
    figure(unit=ward_b, month=dt.date(2026, 3, 1), slug="dan-so", value=4000)
    hanoi_ward = official_units.filter(path__startswith="01/", level=UnitLevel.WARD).first()
    figure(unit=hanoi_ward, month=dt.date(2026, 3, 1), slug="dan-so", value=9)  # another province
    f = InsightFilter(start=dt.date(2026, 10, 1), end=dt.date(2026, 10, 31), units=(official_units.get(code="66"),))

    assert latest_figures(f=f, metric_slugs=["dan-so"]) == {(ward_b.pk, "dan-so"): (dt.date(2026, 3, 1), Decimal(4000))}
    assert latest_figures(f=f, metric_slugs=["dan-so"], unit_ids=[ward_a.pk]) == {}
    # The shared read holds every month of the scope, not only the window; the window is each reader's rule.
    assert sorted(row.month for row in scope_figures(f)) == [
        dt.date(2025, 9, 1),
        dt.date(2025, 10, 1),
        dt.date(2026, 3, 1),
        dt.date(2026, 11, 1),
    ]


@pytest.fixture
def flawed_figures(official_units):
    """Buôn Ma Thuột: a running total that drops in March and no April; Ea Kao: no residents; one province."""
    ward_a, ward_b = official_units.get(code="24133"), official_units.get(code="24169")
    for number, value in ((1, 1000), (2, 1100), (3, 1050), (5, 1300)):
        figure(unit=ward_a, month=dt.date(2026, number, 1), slug="vneid-muc-2", value=value)
    for number, value in ((1, 300), (2, 320), (3, 350)):
        figure(unit=ward_b, month=dt.date(2026, number, 1), slug="vneid-muc-2", value=value)
    figure(unit=ward_a, month=dt.date(2026, 1, 1), slug="dan-so", value=20000)
    figure(unit=ward_a, month=dt.date(2026, 4, 1), slug="dan-so", value=25000)
    return official_units.get(code="66")


def test_the_warnings_and_the_growth_are_the_same_from_the_shared_read(flawed_figures):
    f = InsightFilter(start=dt.date(2026, 5, 1), end=dt.date(2026, 5, 31), units=(flawed_figures,))
    shared = scope_figures(f)
    assert figure_warnings(units=[flawed_figures], figures=shared) == figure_warnings(units=[flawed_figures])
    assert len(figure_warnings(units=[flawed_figures], figures=shared)) == 3

    wards = AdministrativeUnit.objects.filter(path__startswith=flawed_figures.path, level=UnitLevel.WARD)
    ward_ids = list(wards.values_list("pk", flat=True))
    for months in (None, [dt.date(2026, 2, 1), dt.date(2026, 5, 1)]):
        queried = _growth(ward_ids=ward_ids, ward_rows=wards, metric_slug="vneid-muc-2", months=months)
        with CaptureQueriesContext(connection) as queries:
            from_shared = _growth(
                ward_ids=ward_ids, ward_rows=wards, metric_slug="vneid-muc-2", months=months, figures=shared
            )
        assert from_shared == queried
        assert figure_reads(queries.captured_queries) == 0
    # Ea Kao has no residents: the growth is raw, not per 1,000 (the basis rule still holds).
    growth, per_thousand = _growth(ward_ids=ward_ids, ward_rows=wards, metric_slug="vneid-muc-2", months=None)
    assert per_thousand is False
    assert growth[(AdministrativeUnit.objects.get(code="24133").pk, dt.date(2026, 3, 1))] == -50.0
