"""The official figures of a filter's scope, read once and shared by every table that rests on them.

Five parts of one dashboard read the same figures: the ward table (residents), the target table (each target's
metric and residents), the figure warnings and the channel-impact estimate (every month of the impact metric and
residents), and the summary's progress (this month and the month before). Each read them itself, by a query of
its own: seven queries for one dashboard and its summary, mostly of the same rows (tests/insights/test_scope_figures.py
counts them). Now the impact metric's and the
residents' figures under the filter's units, every month, are read once per scope into the filter's memo (kept
across periods: the summary's month shares them, insights.costs.share_spans), and each part takes what its own
rule wants from them. A part asking for another metric (a target on a metric of its own) reads it as before.
"""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from insights.costs import FIGURES_KEY
from insights.models import AdoptionFigure

if TYPE_CHECKING:
    from insights.selectors import InsightFilter

# The two metrics every dashboard reads: the residents (the per-1,000 basis) and the impact estimate's outcome.
RESIDENTS_METRIC = "dan-so"
IMPACT_METRIC = "vneid-muc-2"
SHARED_METRICS = frozenset({RESIDENTS_METRIC, IMPACT_METRIC})


class FigureRow(NamedTuple):
    """One official figure with its unit's code and name and its metric's name (a plain row, not a model)."""

    unit_id: int
    unit_code: str
    unit_name: str
    slug: str
    metric_name: str
    month: dt.date
    value: Decimal


FIGURE_FIELDS = ("unit_id", "unit__code", "unit__name", "metric__slug", "metric__name", "month", "value")


def read_figures(*, scope_q, metric_slugs: Iterable[str]) -> list[FigureRow]:
    """Every figure of these metrics for the units `scope_q` selects (a Q on the figure), every month. One query."""
    figures = AdoptionFigure.objects.filter(scope_q, metric__slug__in=sorted(set(metric_slugs)))
    return [FigureRow(*row) for row in figures.values_list(*FIGURE_FIELDS)]


def shares(metric_slugs: Iterable[str]) -> bool:
    """Are these metrics among those read once per scope?"""
    return set(metric_slugs) <= SHARED_METRICS


def figures_between(
    f: "InsightFilter", *, metric_slugs: Iterable[str], earliest: dt.date, unit_ids: Iterable[int] | None = None
) -> Iterable[tuple[int, str, dt.date, Decimal]]:
    """(unit id, metric slug, month, value) of every figure of these metrics under the filter's units (only these
    units' when `unit_ids` is given), from `earliest` to the filter's month: taken from the shared read for the
    shared metrics, else read by one query."""
    as_of, wanted = f.as_of_month, set(metric_slugs)
    if shares(wanted):
        ids = None if unit_ids is None else set(unit_ids)
        return [
            (row.unit_id, row.slug, row.month, row.value)
            for row in scope_figures(f)
            if row.slug in wanted and earliest <= row.month <= as_of and (ids is None or row.unit_id in ids)
        ]
    figures = AdoptionFigure.objects.filter(
        metric__slug__in=sorted(wanted), month__lte=as_of, month__gte=earliest
    ).filter(f.unit_q("unit__path"))
    if unit_ids is not None:
        figures = figures.filter(unit_id__in=unit_ids)
    return figures.values_list("unit_id", "metric__slug", "month", "value")


def scope_figures(f: "InsightFilter") -> list[FigureRow]:
    """The residents' and the impact metric's figures under the filter's units, every month: read once per scope
    (the filter's memo, passed on to a filter of the same scope for another period)."""
    key = (FIGURES_KEY, None)
    if key not in f.memo:
        f.memo[key] = read_figures(scope_q=f.unit_q("unit__path"), metric_slugs=SHARED_METRICS)
    return f.memo[key]
