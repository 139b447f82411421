"""Each channel's effect on monthly adoption growth, from the database through `insights.estimators`.

The outcome is a ward's growth in one month of an official metric (default: VNeID level-2
activations): the month's figure minus the previous month's, the imported figures being running
totals (số lũy kế) as the police report them. When every ward in the panel has a residents figure
("dan-so"), the growth is per 1,000 residents; otherwise it is the raw growth, and the result says which.

Exposure comes from placements, never from scans (scans and conversions are outcomes):
- printed and in-person channels are up in a ward from the day their placement was installed ("đã treo",
  `installed_on`); a placement with no installation date counts from its printed date, and such dates are
  counted as estimates ("ước tính") and reported;
- sound and screen channels (loudspeakers, local TV, LED boards) are up in the months they were aired there
  (`BroadcastAiring`);
- digital channels from their post date (`active_from`, else the printed or creation date, as an estimate);
- every placement ends at `active_until`; a retired placement without an end date is left out (we do not
  know when it ended).
A placement on a village counts for its ward, a province-wide one for every ward of the province.

`build_panel` reads the database into the ward × month panel that `insights.estimators` takes (the same
panel the `estimate_effects` command reads from CSV); `estimate_channel_effects` joins them and
`cached_channel_effects` keeps the result per scope.
"""

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language

from core.dates import month_end, month_start, previous_month
from insights.estimators import ChannelEffect, PanelError
from insights.estimators import estimate_channel_effects as estimate_from_panel
from insights.estimators.panel import quick_check
from insights.estimators.verdicts import NOT_ENOUGH_DATA
from insights.impact_cache import impact_cache_seconds, impact_cache_version
from insights.models import AdoptionFigure, BroadcastAiring
from insights.scope_figures import IMPACT_METRIC, RESIDENTS_METRIC, FigureRow
from places.models import AdministrativeUnit, UnitLevel
from tracking.models import Channel, ChannelKind, Placement, PlacementStatus

AIRED_KINDS = (ChannelKind.SOUND, ChannelKind.SCREEN)


@dataclass
class ExposurePanel:
    """The ward × month panel (one row per ward and month with growth) and what it rests on."""

    frame: pd.DataFrame
    channels: dict[str, Channel]
    per_thousand: bool
    wards: int
    months: list[dt.date]
    estimated_dates: int = 0  # placements whose exposure starts on a printed or creation date
    undated_retired: int = 0  # retired placements left out for want of an end date


@dataclass
class ImpactResult:
    """The estimator's effects for a scope, with the panel's facts the dashboard states beside them."""

    effects: list[ChannelEffect] = field(default_factory=list)
    channel_names: dict[str, str] = field(default_factory=dict)
    per_thousand: bool = False
    wards: int = 0
    months: int = 0
    estimated_dates: int = 0
    undated_retired: int = 0
    problem: str = ""  # the whole panel cannot be estimated (too few wards or months, …)

    def name(self, slug_or_bundle: str) -> str:
        return " + ".join(self.channel_names.get(slug, slug) for slug in slug_or_bundle.split("+"))


def _under(units: Sequence[AdministrativeUnit], prefix: str = "") -> Q:
    """At or under any of the units (one condition per given unit, never one per ward)."""
    covered = Q(pk__in=[])
    for unit in units:
        covered |= Q(**{f"{prefix}path__startswith": unit.path})
    return covered


def _growth(
    *,
    ward_ids: Iterable[int],
    ward_rows,
    metric_slug: str,
    months: Sequence[dt.date] | None,
    figures: Sequence[FigureRow] | None = None,
) -> tuple[dict[tuple[int, dt.date], float], bool]:
    """Monthly growth per (ward, month), per 1,000 residents when every observed ward has residents.

    `figures`, when given, are the scope's figures of the metric and the residents, already read (the dashboard's
    shared read, insights.scope_figures): only the wards' are used and nothing is queried. Else two queries."""
    ward_ids = list(ward_ids)
    if figures is not None:
        wards = set(ward_ids)
        values: dict[tuple[int, dt.date], Decimal] = {
            (row.unit_id, row.month): row.value for row in figures if row.slug == metric_slug and row.unit_id in wards
        }
        resident_rows = [
            (row.unit_id, row.month, row.value)
            for row in figures
            if row.slug == RESIDENTS_METRIC and row.unit_id in wards
        ]
    else:
        found = AdoptionFigure.objects.filter(unit__in=ward_rows, metric__slug=metric_slug)
        values = {(unit_id, month): value for unit_id, month, value in found.values_list("unit_id", "month", "value")}
        resident_rows = AdoptionFigure.objects.filter(unit__in=ward_rows, metric__slug=RESIDENTS_METRIC).values_list(
            "unit_id", "month", "value"
        )
    wanted = sorted({month_start(m) for m in months}) if months else sorted({m for _w, m in values})
    pairs = [(month, previous_month(month)) for month in wanted]  # worked out once, not per ward
    growth: dict[tuple[int, dt.date], float] = {}
    for ward_id in ward_ids:
        for month, before_month in pairs:
            current, before = values.get((ward_id, month)), values.get((ward_id, before_month))
            if current is not None and before is not None:
                growth[(ward_id, month)] = float(current - before)

    residents: dict[int, list[tuple[dt.date, Decimal]]] = defaultdict(list)
    for unit_id, month, value in resident_rows:
        if value > 0:
            residents[unit_id].append((month, value))
    observed = {ward_id for ward_id, _month in growth}
    per_thousand = bool(observed) and all(residents.get(ward_id) for ward_id in observed)
    if not per_thousand:
        return growth, False
    scaled = {}
    for known in residents.values():
        known.sort()  # once per ward, not once per month
    for (ward_id, month), value in growth.items():
        known = residents[ward_id]
        # The latest residents figure up to the month, else the earliest one there is.
        population = next((v for m, v in reversed(known) if m <= month), known[0][1])
        scaled[(ward_id, month)] = value * 1000.0 / float(population)
    return scaled, True


def _wards_covered(unit: AdministrativeUnit, *, wards_by_code: dict[str, int], by_province: dict[str, list[int]]):
    if unit.level == UnitLevel.PROVINCE:
        return by_province.get(unit.code, [])
    codes = unit.path.rstrip("/").split("/")
    ward_id = wards_by_code.get(codes[1]) if len(codes) >= 2 else None
    return [ward_id] if ward_id else []


def placement_start(placement: Placement, *, zone: dt.tzinfo | None = None) -> tuple[dt.date | None, bool]:
    """The day a placement went up and whether that day is an estimate; (None, False) if it never did.

    A printing or creation time counts on its local day (`zone`, the site's time zone by default), as the cost
    model counts it (insights.costs): printed at 05:30 on 1 October in Vietnam is 30 September in UTC."""
    if placement.channel.kind == ChannelKind.DIGITAL and placement.active_from:
        return placement.active_from, False
    if placement.installed_on:
        return placement.installed_on, False
    if placement.printed_at is not None:
        return placement.printed_at.astimezone(zone or timezone.get_current_timezone()).date(), True
    if placement.channel.kind == ChannelKind.DIGITAL:
        return placement.created_at.astimezone(zone or timezone.get_current_timezone()).date(), True
    return None, False


class _UnitRef:
    __slots__ = ("code", "level", "path")

    def __init__(self, level: str, code: str, path: str):
        self.level, self.code, self.path = level, code, path


class _PlacementRow:
    """The fields of a placement that `_exposure` and `placement_start` read, from one row of a values_list."""

    __slots__ = (
        "active_from",
        "active_until",
        "channel",
        "channel_id",
        "created_at",
        "id",
        "installed_on",
        "printed_at",
        "status",
        "unit",
    )

    def __init__(self, *row):
        (
            self.id,
            self.channel_id,
            self.status,
            self.active_from,
            self.active_until,
            self.installed_on,
            self.printed_at,
            self.created_at,
        ) = row[:8]
        self.unit = _UnitRef(*row[8:])
        self.channel = None


def _exposure(
    *, units: Sequence[AdministrativeUnit], ward_ids: dict[str, int], months: list[dt.date]
) -> tuple[dict[int, set[tuple[int, dt.date]]], dict[int, Channel], int, int]:
    """Channel id → the (ward id, month) pairs it was up in; the channels; estimated and undated counts."""
    by_province: dict[str, list[int]] = defaultdict(list)
    # The wards' paths by the same scope that listed them, not by a list of thousands of ids (slow to send).
    wanted = set(ward_ids.values())
    paths = {
        pk: path
        for pk, path in AdministrativeUnit.objects.filter(_under(units), level=UnitLevel.WARD).values_list("pk", "path")
        if pk in wanted
    }
    for ward_id, path in paths.items():
        by_province[path.split("/")[0]].append(ward_id)
    exposed: dict[int, set[tuple[int, dt.date]]] = defaultdict(set)
    scope = _under(units, "unit__") | Q(unit__code__in=list(by_province))
    # Rows of the fields read below, each channel read once: a country's 9,000 placements with their units and
    # channels as model instances took seconds (27,000 objects), these rows take milliseconds.
    fields = ("id", "channel_id", "status", "active_from", "active_until", "installed_on", "printed_at", "created_at")
    unit_fields = ("unit__level", "unit__code", "unit__path")
    rows = Placement.objects.filter(scope).values_list(*fields, *unit_fields)
    placements = [_PlacementRow(*row) for row in rows]
    # Every channel placed in scope is listed, even without months to compare (then with the reason).
    channels: dict[int, Channel] = Channel.objects.in_bulk({placement.channel_id for placement in placements})
    for placement in placements:
        placement.channel = channels[placement.channel_id]  # the one instance per channel, no query
    if not months:
        return exposed, channels, 0, 0
    first, last = months[0], month_end(months[-1])
    month_ends = [(month, month_end(month)) for month in months]  # computed once, not per placement
    estimated = undated = 0
    zone = timezone.get_current_timezone()  # read once, not per placement
    for placement in placements:
        if placement.channel.kind in AIRED_KINDS:
            continue  # exposure from airings, below
        if placement.status == PlacementStatus.RETIRED and placement.active_until is None:
            undated += 1
            continue
        start, is_estimate = placement_start(placement, zone=zone)
        if start is None or start > last:
            continue
        estimated += is_estimate
        end = placement.active_until
        targets = _wards_covered(placement.unit, wards_by_code=ward_ids, by_province=by_province)
        covered = [month for month, last_day in month_ends if start <= last_day and (end is None or end >= month)]
        if covered and targets:
            exposed[placement.channel_id].update((ward_id, month) for ward_id in targets for month in covered)
    airings = BroadcastAiring.objects.filter(
        scope, aired_at__date__gte=first, aired_at__date__lte=last, channel__kind__in=AIRED_KINDS
    ).select_related("unit", "channel")
    for airing in airings:
        channels[airing.channel_id] = airing.channel
        month = month_start(timezone.localtime(airing.aired_at).date())
        targets = _wards_covered(airing.unit, wards_by_code=ward_ids, by_province=by_province)
        exposed[airing.channel_id].update((ward_id, month) for ward_id in targets)
    return exposed, channels, estimated, undated


def build_panel(
    *,
    units: Iterable[AdministrativeUnit],
    metric_slug: str,
    months: Sequence[dt.date] | None = None,
    figures: Sequence[FigureRow] | None = None,
) -> ExposurePanel:
    """The ward × month panel of growth and 0/1 exposure per channel slug, for the wards under `units`
    (`figures`: their figures of the metric and the residents when already read, see `_growth`)."""
    units = list(units)
    ward_rows = AdministrativeUnit.objects.filter(_under(units), level=UnitLevel.WARD)
    ward_ids = dict(ward_rows.values_list("code", "pk"))
    growth, per_thousand = _growth(
        ward_ids=ward_ids.values(), ward_rows=ward_rows, metric_slug=metric_slug, months=months, figures=figures
    )
    panel_months = sorted({month for _ward, month in growth})
    exposed, channels, estimated, undated = _exposure(units=units, ward_ids=ward_ids, months=panel_months)
    codes = {pk: code for code, pk in ward_ids.items()}
    rows = []
    ordered = sorted(channels.values(), key=lambda channel: (channel.sort_order, channel.slug))
    for (ward_id, month), value in sorted(growth.items()):
        row = {"unit": codes[ward_id], "month": f"{month:%Y-%m}", "outcome": value}
        for channel in ordered:
            row[channel.slug] = int((ward_id, month) in exposed.get(channel.pk, ()))
        rows.append(row)
    frame = pd.DataFrame(rows, columns=["unit", "month", "outcome", *(channel.slug for channel in ordered)])
    return ExposurePanel(
        frame=frame,
        channels={channel.slug: channel for channel in ordered},
        per_thousand=per_thousand,
        wards=frame["unit"].nunique() if len(frame) else 0,
        months=panel_months,
        estimated_dates=estimated,
        undated_retired=undated,
    )


def estimate_channel_effects(
    *,
    units: Iterable[AdministrativeUnit],
    metric_slug: str = IMPACT_METRIC,
    months: Sequence[dt.date] | None = None,
    figures: Sequence[FigureRow] | None = None,
) -> ImpactResult:
    """Every channel placed under `units`: its effect on the metric's monthly growth and what may be said.

    A channel (or bundle of co-deployed channels) the design cannot identify gets a verdict without a
    figure and the reason; a panel that cannot be estimated at all (too few wards or months) gives
    `problem` and no effects.
    """
    panel = build_panel(units=units, metric_slug=metric_slug, months=months, figures=figures)
    result = ImpactResult(
        channel_names={slug: channel.name for slug, channel in panel.channels.items()},
        per_thousand=panel.per_thousand,
        wards=panel.wards,
        months=len(panel.months),
        estimated_dates=panel.estimated_dates,
        undated_retired=panel.undated_retired,
    )
    if not panel.channels:
        return result
    try:
        quick_check(panel.frame)
        result.effects = estimate_from_panel(panel.frame, channels=list(panel.channels), outcome_kind="growth")
    except PanelError as error:
        # The panel as a whole cannot be estimated (one month of figures, too few wards): every channel is
        # listed with that reason and no figure.
        result.problem = error.vietnamese
        result.effects = [
            ChannelEffect(
                channel=slug,
                members=[slug],
                method=None,
                estimate=None,
                ci_low=None,
                ci_high=None,
                verdict=NOT_ENOUGH_DATA,
                reason=error.vietnamese,
                reason_code="panel",
            )
            for slug in panel.channels
        ]
    return result


# --- cached for the dashboard ------------------------------------------------------------------


def cached_channel_effects(
    *,
    units: Iterable[AdministrativeUnit],
    metric_slug: str = IMPACT_METRIC,
    months: Sequence[dt.date] | None = None,
    figures: Callable[[], Sequence[FigureRow]] | None = None,
) -> ImpactResult:
    """`estimate_channel_effects`, kept in the cache per scope (the units' ids), metric and months. `figures`
    gives the scope's figures of the metric and residents when they are needed (not on a cache hit)."""
    units = list(units)
    seconds = impact_cache_seconds()

    def estimate() -> ImpactResult:
        return estimate_channel_effects(
            units=units, metric_slug=metric_slug, months=months, figures=figures() if figures else None
        )

    if seconds <= 0:
        return estimate()
    scope = hashlib.sha256(",".join(str(pk) for pk in sorted(unit.pk for unit in units)).encode()).hexdigest()[:24]
    span = ",".join(month.isoformat() for month in sorted(months)) if months else "all"
    key = f"insights:impact:{impact_cache_version()}:{get_language()}:{metric_slug}:{span}:{scope}"
    result = cache.get(key)
    if result is None:
        result = estimate()
        cache.set(key, result, seconds)
    return result
