"""Broadcast lift: are scans of a sound or screen channel's codes higher in the hour after an airing?

For each logged airing (channel, unit, time) we take the citizen scans of that channel's codes in that
unit and under it (a province's airing covers its wards and villages), hour by hour, on the days when
at least one of those codes was live (never a day before a code went up: no scan could happen then).

The comparison is conditional, within the day: the share of the airing day's scans that fell in "the hour
after" is compared with the share of that clock hour on quiet days (live days without an airing of the
channel in that unit, above it or under it), of the same kind (weekday or weekend) when there are enough
of them. Conditioning on the day's own total removes whatever moves whole days, so a busier weekday or a
growing campaign cannot pass for a lift. In numbers, for an airing compared at hour h on day d:

    a = scans at h on d             b = scans in the other hours of d
    c = scans at h on quiet days     e = scans in the other hours of quiet days

With Poisson counts whose rate is day level × hour profile (× θ in the hour after an airing), a given the
four margins follows Fisher's noncentral hypergeometric law with odds θ: the exact conditional interval
for θ is an exact interval for the rate ratio "hour after / what that hour usually gets that day".
The airing's starting hour, the compared hour and the next hour (late scanners) are left out of "the other
hours" on both sides. A lift is claimed only when the 95 % interval lies above 1, and it is worded as
"gắn với" (associated with), never as a cause: other things happen in the same hour.

Placebo airings: at the same clock hours, on quiet days drawn at random (seeded, so a page shows the same
figures on every load), the same test is run where nothing was aired. The share of placebos that would
have been called a lift is the false-alarm rate ("tỷ lệ báo động giả"), shown next to the figures; when it
is above 10 %, no airing of that channel and unit is called a lift. The seeded simulation of
tests/insights/broadcast_sim.py and tests/bench/broadcast_placebo_bench.py measure both methods.

Counts come from the hourly rollups, so "the hour after" is a clock hour: the one the airing starts in,
or the next one when it starts at half past or later (most of its hour falls there).
"""

import datetime as dt
import math
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from scipy.optimize import brentq
from scipy.special import gammaln
from scipy.stats import hypergeom

from insights.models import BroadcastAiring, HourlyPlacementScans
from places.models import AdministrativeUnit
from tracking.models import Channel, Placement

CONFIDENCE = 0.95
# Fewer quiet live days than this and the usual share of an hour is not known well enough.
MIN_QUIET_DAYS = 5
PLACEBOS_PER_AIRING = 20
# Above this share of placebos called a lift, no airing of the group is called one.
MAX_FALSE_ALARM = 0.10
HOURS = 24


class Verdict(StrEnum):
    LIFT = "lift"  # the interval of the rate ratio lies above 1
    NONE = "none"  # the interval contains 1
    LOWER = "lower"  # the interval lies below 1
    UNRELIABLE = "unreliable"  # would be a lift, but placebos raise too many false alarms here
    NOT_ENOUGH_DATA = "not_enough_data"


# --- The statistics, on plain arrays -------------------------------------------------------------------


@dataclass(frozen=True)
class HourTable:
    """The 2×2 table of one airing (or placebo): see the module docstring."""

    a: int
    b: int
    c: int
    e: int

    @property
    def expected(self) -> float | None:
        """Scans the compared hour would get on that day if it had its quiet-day share of the day."""
        return None if self.e == 0 else self.b * self.c / self.e


def _log_weights(table: HourTable) -> tuple[np.ndarray, np.ndarray]:
    """Support of the compared-hour count given the margins, and its log weights at θ = 1."""
    row, col, total = table.a + table.b, table.a + table.c, table.a + table.b + table.c + table.e
    low, high = max(0, row + col - total), min(row, col)
    x = np.arange(low, high + 1)
    # log C(col, x) + log C(total - col, row - x): the central hypergeometric weights.
    logw = (
        gammaln(col + 1)
        - gammaln(x + 1)
        - gammaln(col - x + 1)
        + gammaln(total - col + 1)
        - gammaln(row - x + 1)
        - gammaln(total - col - row + x + 1)
    )
    return x, logw


def _tail(x: np.ndarray, logw: np.ndarray, log_theta: float, *, at_least: int) -> float:
    """P(X ≥ at_least) under Fisher's noncentral hypergeometric law with odds exp(log_theta)."""
    scores = logw + x * log_theta
    scores = np.exp(scores - scores.max())
    return float(scores[x >= at_least].sum() / scores.sum())


def rate_ratio_interval(table: HourTable, *, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """Exact conditional interval for θ (the odds ratio of the 2×2 table): inf when unbounded.

    The same interval as scipy.stats.contingency.odds_ratio(kind="conditional"), which takes ~0.1 s per
    table; this one evaluates the law on its (small) support with numpy and solves with brentq.
    """
    alpha = (1 - confidence) / 2
    x, logw = _log_weights(table)
    low_x, high_x = int(x[0]), int(x[-1])
    if low_x == high_x:
        return 0.0, math.inf
    bound = 50.0  # |log θ| beyond e^50 is 0 or inf for any table here
    if table.a <= low_x:
        lower = 0.0
    else:
        lower = math.exp(brentq(lambda t: _tail(x, logw, t, at_least=table.a) - alpha, -bound, bound, xtol=1e-7))
    if table.a >= high_x:
        upper = math.inf
    else:
        upper = math.exp(
            brentq(lambda t: (1 - _tail(x, logw, t, at_least=table.a + 1)) - alpha, -bound, bound, xtol=1e-7)
        )
    return lower, upper


def lift_p_values(tables: Sequence[HourTable]) -> np.ndarray:
    """One-sided exact p-values of "the hour after got more than its usual share" (Fisher's test).

    p < (1 - CONFIDENCE) / 2 exactly when the lower end of `rate_ratio_interval` is above 1.
    """
    if not tables:
        return np.array([])
    a = np.array([t.a for t in tables])
    b = np.array([t.b for t in tables])
    c = np.array([t.c for t in tables])
    e = np.array([t.e for t in tables])
    return hypergeom.sf(a - 1, a + b + c + e, a + c, a + b)


@dataclass(frozen=True)
class Slot:
    """Where an airing (or a placebo) is compared: a row of the day grid and a clock hour."""

    day: int  # index into the grid's days
    hour: int  # the compared clock hour
    left_out: frozenset[int]  # hours of that day that are neither the compared hour nor "the other hours"


@dataclass
class DayGrid:
    """Hourly scans of one channel's codes in one unit, on the days when a code was live."""

    days: list[dt.date]
    counts: np.ndarray  # len(days) × 24
    quiet: np.ndarray  # bool per day: live, complete, no airing of the channel here, above or under
    _pools: dict = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.weekend = np.array([day.weekday() >= 5 for day in self.days], dtype=bool)

    def _pool(self, weekend: bool | None) -> tuple[np.ndarray, np.ndarray]:
        """Quiet days (all, or of one kind) and their scans summed by clock hour."""
        if weekend not in self._pools:
            mask = self.quiet if weekend is None else self.quiet & (self.weekend == weekend)
            self._pools[weekend] = (mask, self.counts[mask].sum(axis=0))
        return self._pools[weekend]

    def reference(self, *, day: int) -> tuple[int, np.ndarray]:
        """How many quiet days `day` is compared with, and their scans by hour: quiet days of the same kind
        (weekday/weekend) when there are enough, else all quiet days; never `day` itself."""
        for kind in (bool(self.weekend[day]), None):
            mask, by_hour = self._pool(kind)
            count = int(mask.sum())
            if mask[day]:
                count, by_hour = count - 1, by_hour - self.counts[day]
            if count >= MIN_QUIET_DAYS or kind is None:
                return count, by_hour
        raise AssertionError("unreachable")

    def reference_days(self, *, day: int) -> np.ndarray:
        """The indices of the quiet days `reference` sums (for drawing placebos)."""
        for kind in (bool(self.weekend[day]), None):
            mask = self._pool(kind)[0].copy()
            mask[day] = False
            if mask.sum() >= MIN_QUIET_DAYS or kind is None:
                return np.flatnonzero(mask)
        raise AssertionError("unreachable")

    def table(self, slot: Slot, by_hour: np.ndarray) -> HourTable:
        others = np.ones(HOURS, dtype=bool)
        others[slot.hour] = False
        others[list(slot.left_out)] = False
        row = self.counts[slot.day]
        return HourTable(
            a=int(row[slot.hour]),
            b=int(row[others].sum()),
            c=int(by_hour[slot.hour]),
            e=int(by_hour[others].sum()),
        )


@dataclass(frozen=True)
class Assessment:
    """What can be said about one airing."""

    verdict: Verdict
    reason: str = ""
    # The reason says that some day had no scans at all: a shared copy words it more vaguely.
    reason_tells_counts: bool = False
    table: HourTable | None = None
    ratio: float | None = None
    ratio_low: float | None = None
    ratio_high: float | None = None
    reference_days: int = 0

    @property
    def scans_after(self) -> int | None:
        return None if self.table is None else self.table.a

    @property
    def expected(self) -> float | None:
        return None if self.table is None else self.table.expected

    @property
    def extra_scans(self) -> float | None:
        """Scans above what the hour usually gets that day (a point figure; the interval is on the ratio)."""
        expected = self.expected
        return None if expected is None else self.table.a - expected


@dataclass(frozen=True)
class PlaceboCheck:
    """Placebo airings of one channel in one unit: how many, and how many would have been called a lift."""

    placebos: int = 0
    false_alarms: int = 0

    @property
    def rate(self) -> float | None:
        return None if not self.placebos else self.false_alarms / self.placebos

    @property
    def too_high(self) -> bool:
        return self.rate is not None and self.rate > MAX_FALSE_ALARM


def not_enough(reason: str) -> Assessment:
    return Assessment(verdict=Verdict.NOT_ENOUGH_DATA, reason=reason)


def _check(grid: DayGrid, slot: Slot) -> tuple[HourTable | None, int, str]:
    """The table of a slot and how many quiet days it rests on, or the reason there can be none."""
    days, by_hour = grid.reference(day=slot.day)
    if days < MIN_QUIET_DAYS:
        return (
            None,
            days,
            _("chỉ có %(days)s ngày không phát khi mã đã dùng để so sánh (cần ít nhất %(min)s)")
            % {"days": days, "min": MIN_QUIET_DAYS},
        )
    table = grid.table(slot, by_hour)
    if table.a + table.b == 0:
        return None, days, _("ngày phát không có lượt quét nào để so sánh")
    if table.c + table.e == 0:
        return None, days, _("các ngày không phát không có lượt quét nào để so sánh")
    return table, days, ""


def placebo_check(grid: DayGrid, slots: Sequence[Slot], *, seed: int) -> PlaceboCheck:
    """Run the test at `PLACEBOS_PER_AIRING` quiet days per slot (same hour, same hours left out)."""
    rng = np.random.default_rng(seed)
    tables = []
    for slot in slots:
        pool = grid.reference_days(day=slot.day)
        if len(pool) < MIN_QUIET_DAYS + 1:
            continue
        chosen = rng.choice(pool, size=min(PLACEBOS_PER_AIRING, len(pool)), replace=False)
        for day in chosen:
            placebo = Slot(day=int(day), hour=slot.hour, left_out=slot.left_out)
            table, _days, _reason = _check(grid, placebo)
            if table is not None:
                tables.append(table)
    if not tables:
        return PlaceboCheck()
    alarms = int((lift_p_values(tables) < (1 - CONFIDENCE) / 2).sum())
    return PlaceboCheck(placebos=len(tables), false_alarms=alarms)


def assess_slots(grid: DayGrid, slots: Sequence[Slot], *, seed: int) -> tuple[list[Assessment], PlaceboCheck]:
    """Each slot's assessment, and the placebo check of the group (see the module docstring)."""
    placebo = placebo_check(grid, slots, seed=seed)
    out = []
    for slot in slots:
        table, reference_days, reason = _check(grid, slot)
        if table is None:
            tells = reference_days >= MIN_QUIET_DAYS  # the days were there: the scans were not
            out.append(Assessment(verdict=Verdict.NOT_ENOUGH_DATA, reason=reason, reason_tells_counts=tells))
            continue
        low, high = rate_ratio_interval(table)
        expected = table.expected
        ratio = None if not expected else table.a / expected
        if low > 1:
            verdict = Verdict.UNRELIABLE if placebo.too_high else Verdict.LIFT
        elif high < 1:
            verdict = Verdict.LOWER
        else:
            verdict = Verdict.NONE
        out.append(
            Assessment(
                verdict=verdict,
                table=table,
                ratio=ratio,
                ratio_low=low,
                ratio_high=high,
                reference_days=reference_days,
            )
        )
    return out, placebo


def left_out_hours(*, started: int | None, compared: int) -> frozenset[int]:
    """The airing's own starting hour (when on the compared day) and the hour after the compared one."""
    hours = {compared + 1} if compared + 1 < HOURS else set()
    if started is not None and started != compared:
        hours.add(started)
    return frozenset(hours)


# --- From the database ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AiringLift:
    airing: BroadcastAiring
    hour: dt.datetime  # start of the clock hour compared (aware, local time)
    placements: int
    assessment: Assessment
    placebo: PlaceboCheck = field(default_factory=PlaceboCheck)

    @property
    def verdict(self) -> Verdict:
        return self.assessment.verdict

    @property
    def scans_after(self) -> int | None:
        return self.assessment.scans_after

    @property
    def expected(self) -> float | None:
        return self.assessment.expected

    @property
    def lift(self) -> float | None:
        """Extra scans in the hour after, against what that hour usually gets on that day."""
        return self.assessment.extra_scans


def compared_hour(aired_at: dt.datetime) -> dt.datetime:
    """The local clock hour that stands for "the hour after" this airing."""
    local = timezone.localtime(aired_at, timezone.get_default_timezone())
    hour = local.replace(minute=0, second=0, microsecond=0)
    return hour + dt.timedelta(hours=1) if local.minute >= 30 else hour


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=offset) for offset in range((end - start).days + 1)]


def code_live_from(placement: Placement) -> dt.date:
    """The first day a placement's code could be scanned: its start, installation, print or creation date."""
    start = placement.active_from or placement.installed_on
    if start is None and placement.printed_at is not None:
        start = timezone.localdate(placement.printed_at)
    return start or timezone.localdate(placement.created_at)


def _ancestors(path: str) -> list[str]:
    codes = path.rstrip("/").split("/")
    return ["/".join(codes[: depth + 1]) + "/" for depth in range(len(codes))]


def _related(path: str, other: str) -> bool:
    return path.startswith(other) or other.startswith(path)


def _group_seed(channel_id: int, path: str, start: dt.date, end: dt.date) -> int:
    return zlib.crc32(f"{channel_id}|{path}|{start.isoformat()}|{end.isoformat()}".encode())


def broadcast_lift(
    *,
    units: Iterable[AdministrativeUnit],
    start: dt.date,
    end: dt.date,
    channels: Iterable[Channel] | None = None,
    today: dt.date | None = None,
) -> list[AiringLift]:
    """Each airing in units under `units` between `start` and `end` (local dates, inclusive), assessed.

    Ordered by airing time. Four queries whatever the number of airings.
    """
    tz = timezone.get_default_timezone()
    today = today or timezone.localdate()
    units = list(units)
    covered = Q(pk__in=[])
    above: set[str] = set()
    for unit in units:
        covered |= Q(unit__path__startswith=unit.path)
        above.update(_ancestors(unit.path))
    range_start = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    range_end = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    # Airings above the scope count too, but only to keep their days out of the quiet days.
    fetched = BroadcastAiring.objects.filter(
        covered | Q(unit__path__in=above),
        aired_at__gte=range_start - dt.timedelta(hours=1),
        aired_at__lt=range_end + dt.timedelta(days=1),
    ).select_related("channel", "unit")
    if channels is not None:
        fetched = fetched.filter(channel__in=list(channels))
    fetched = sorted(fetched, key=lambda airing: (airing.aired_at, airing.pk))
    in_scope = [
        airing
        for airing in fetched
        if range_start <= airing.aired_at < range_end and any(airing.unit.path.startswith(u.path) for u in units)
    ]
    groups: dict[tuple[int, str], list[BroadcastAiring]] = defaultdict(list)
    for airing in in_scope:
        groups[(airing.channel_id, airing.unit.path)].append(airing)
    if not groups:
        return []

    placements = list(
        Placement.objects.filter(covered, channel_id__in={channel for channel, _path in groups}).select_related("unit")
    )
    feeds: dict[int, list[tuple[int, str]]] = {}
    members: dict[tuple[int, str], list[Placement]] = defaultdict(list)
    for placement in placements:
        keys = [
            (placement.channel_id, a) for a in _ancestors(placement.unit.path) if (placement.channel_id, a) in groups
        ]
        if keys:
            feeds[placement.pk] = keys
            for key in keys:
                members[key].append(placement)

    # Every hour of the range (and the day after: an airing at 23:40 is compared at midnight).
    counts: dict[tuple[int, str], dict[tuple[dt.date, int], int]] = defaultdict(lambda: defaultdict(int))
    rows = HourlyPlacementScans.objects.filter(
        placement_id__in=list(feeds), hour__gte=range_start, hour__lt=range_end + dt.timedelta(days=1)
    ).values_list("placement_id", "hour", "scans")
    for placement_id, hour, scans in rows:
        local = timezone.localtime(hour, tz)
        for key in feeds[placement_id]:
            counts[key][(local.date(), local.hour)] += scans

    results: dict[int, AiringLift] = {}
    for key, group in groups.items():
        channel_id, path = key
        blocking = [a for a in fetched if a.channel_id == channel_id and _related(path, a.unit.path)]
        for airing, lift in zip(
            group,
            _assess_group(
                group=group,
                placements=members[key],
                blocking=blocking,
                counts=counts[key],
                start=start,
                end=end,
                today=today,
                seed=_group_seed(channel_id, path, start, end),
            ),
            strict=True,
        ):
            results[airing.pk] = lift
    return [results[airing.pk] for airing in in_scope]


def _live_days(placements: Sequence[Placement], days: Sequence[dt.date]) -> set[dt.date]:
    live: set[dt.date] = set()
    for placement in placements:
        first = code_live_from(placement)
        # A retired code without an end date still records its scans: it counts as live.
        last = placement.active_until if placement.active_until else None
        live.update(day for day in days if day >= first and (last is None or day <= last))
    return live


def _assess_group(
    *,
    group: list[BroadcastAiring],
    placements: list[Placement],
    blocking: list[BroadcastAiring],
    counts: dict[tuple[dt.date, int], int],
    start: dt.date,
    end: dt.date,
    today: dt.date,
    seed: int,
) -> list[AiringLift]:
    hours = [compared_hour(airing.aired_at) for airing in group]
    if not placements:
        reason = _("chưa có mã nào của kênh ở địa bàn này")
        return [
            AiringLift(airing=airing, hour=hour, placements=0, assessment=not_enough(reason))
            for airing, hour in zip(group, hours, strict=True)
        ]
    candidates = _days(start, end + dt.timedelta(days=1))
    live = _live_days(placements, candidates)
    days = [day for day in candidates if day in live and day < today]
    index = {day: position for position, day in enumerate(days)}
    aired_days = {compared_hour(airing.aired_at).date() for airing in blocking}
    aired_days |= {timezone.localdate(airing.aired_at) for airing in blocking}
    grid = DayGrid(
        days=days,
        counts=np.array([[counts.get((day, hour), 0) for hour in range(HOURS)] for day in days], dtype=np.int64)
        if days
        else np.zeros((0, HOURS), dtype=np.int64),
        quiet=np.array([day <= end and day not in aired_days for day in days], dtype=bool),
    )
    # Hours of an airing day taken by its airings (each one's compared hour and the hour after).
    taken: dict[dt.date, set[int]] = defaultdict(set)
    for airing in blocking:
        hour = compared_hour(airing.aired_at)
        taken[hour.date()] |= {hour.hour} | left_out_hours(
            started=timezone.localtime(airing.aired_at).hour
            if timezone.localdate(airing.aired_at) == hour.date()
            else None,
            compared=hour.hour,
        )
    slots: list[Slot | None] = []
    reasons: list[str] = []
    for airing, hour in zip(group, hours, strict=True):
        day = hour.date()
        if day >= today:
            slots.append(None)
            reasons.append(_("ngày phát chưa kết thúc"))
        elif day not in index:
            slots.append(None)
            reasons.append(_("mã của kênh chưa được dùng vào ngày phát"))
        else:
            local_start = timezone.localtime(airing.aired_at)
            own = left_out_hours(started=local_start.hour if local_start.date() == day else None, compared=hour.hour)
            slots.append(Slot(day=index[day], hour=hour.hour, left_out=frozenset((own | taken[day]) - {hour.hour})))
            reasons.append("")
    real = [slot for slot in slots if slot is not None]
    assessed, placebo = assess_slots(grid, real, seed=seed)
    assessed_iter = iter(assessed)
    out = []
    for airing, hour, slot, reason in zip(group, hours, slots, reasons, strict=True):
        assessment = next(assessed_iter) if slot is not None else not_enough(reason)
        out.append(
            AiringLift(airing=airing, hour=hour, placements=len(placements), assessment=assessment, placebo=placebo)
        )
    return out
