"""Daily and hourly rollups of scan events and conversions, kept current incrementally.

Definitions (the dashboard, the report and the property test rely on them):

- a *citizen scan* is a scan event that is neither a bot nor a HEAD request;
- an hour of a placement is *flagged* when its citizen scans look like a flood (insights.bursts: judged
  here, at rollup time, never on the scan path);
- the day's citizen scans are split with no overlap: `suspect_scans` every citizen scan in a flagged hour,
  `repeats` the other citizen scans flagged as repeats, `scans` (the headline) the rest;
- `device_days` the distinct non-empty visitor hashes among citizen scans outside flagged hours ("lượt
  thiết bị-ngày": the salt lives one day, so this is never a count of people over longer spans);
- hourly rows: `scans` the hour's citizen scans that are not repeats, or 0 and all of them in
  `suspect_scans` when the hour is flagged;
- `bots` every bot event (GET or HEAD); a HEAD request by a non-bot counts nowhere;
- `conversions` counts Conversion rows attributed to the placement (placement set);
- a day is the local date in the site's time zone (Asia/Ho_Chi_Minh), an hour starts on the hour.

Incremental path (`update_rollups`, every minute): every (placement, day) touched by an event
whose id is above the low watermark is recomputed from the raw events, whole, and written
over the previous rows. Recomputing from raw events (rather than adding deltas) makes a run
idempotent and lets it run beside the scan drain. Two things make ids an imperfect cursor:

- on PostgreSQL a transaction that took a lower id can commit after one with a higher id.
  So each run notes the highest ids it saw (a checkpoint) and the low watermark only moves to
  a checkpoint once that is older than LATE_COMMIT_WINDOW: until then the ids above it are
  read again by every run. A drain transaction that stays open longer than the window would
  be missed; the nightly reconciliation (`rebuild_rollups` over the last days) repairs that.
- draining an older scan can flag an already stored later scan of the same visitor as a
  repeat (tracking.services.flag_repeats, within REPEAT_WINDOW); that later scan may fall on
  the next day, so the day after REPEAT_WINDOW is recomputed too.

Writers are serialised by a row lock on the watermark (SQLite serialises writers anyway).
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, DateTimeField, ExpressionWrapper, F, Max, Min, Q
from django.db.models.functions import TruncDate, TruncHour
from django.utils import timezone

from insights.bursts import BURST_FLOOR, HISTORY_DAYS, PROVINCE_WIDE_FLOOR, flagged_hours, history_days
from insights.impact_cache import invalidate_channel_effects
from insights.models import DailyPlacementRollup, HourlyPlacementScans, RollupWatermark
from tracking.models import Conversion, Placement, ScanEvent
from tracking.services import REPEAT_WINDOW

LATE_COMMIT_WINDOW = dt.timedelta(minutes=10)
WATERMARK_NAME = "default"
# Keeps `IN (...)` lists under SQLite's variable limit.
PLACEMENT_CHUNK = 500

CITIZEN_SCAN = Q(is_bot=False, is_head=False)
COUNTED = ["scans", "device_days", "repeats", "suspect_scans", "bots", "conversions"]
HOURLY_COUNTED = ["scans", "suspect_scans"]
ONE_HOUR = dt.timedelta(hours=1)


@dataclass
class RollupRun:
    """What one run did: the (placement, day) pairs it recomputed and the ids it read up to."""

    pairs: int = 0
    days: int = 0
    scan_id: int = 0
    conversion_id: int = 0
    full: bool = False


def local_tz():
    return timezone.get_default_timezone()


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The aware start of `day` and of the next day, in the site's time zone."""
    tz = local_tz()
    start = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return start, end


def _chunks(ids: list[int], size: int = PLACEMENT_CHUNK) -> Iterable[list[int]]:
    for index in range(0, len(ids), size):
        yield ids[index : index + size]


def _recompute_day(day: dt.date, placement_ids: set[int] | None) -> int:
    """Replace the daily and hourly rows of `day` (for these placements, or all) with fresh counts."""
    if placement_ids is None:
        return _recompute_day_for(day, None)
    written = 0
    for chunk in _chunks(sorted(placement_ids)):
        written += _recompute_day_for(day, chunk)
    return written


def _recompute_day_for(day: dt.date, placement_ids: list[int] | None) -> int:
    start, end = day_bounds(day)
    scans = ScanEvent.objects.filter(occurred_at__gte=start, occurred_at__lt=end)
    conversions = Conversion.objects.filter(occurred_at__gte=start, occurred_at__lt=end, placement__isnull=False)
    rollups = DailyPlacementRollup.objects.filter(day=day)
    hourly = HourlyPlacementScans.objects.filter(hour__gte=start, hour__lt=end)
    if placement_ids is not None:
        scans = scans.filter(placement_id__in=placement_ids)
        conversions = conversions.filter(placement_id__in=placement_ids)
        rollups = rollups.filter(placement_id__in=placement_ids)
        hourly = hourly.filter(placement_id__in=placement_ids)

    # Citizen scans and repeats per placement and hour: the hours decide the flags, the day sums them.
    per_hour: dict[int, dict[dt.datetime, tuple[int, int]]] = defaultdict(dict)
    for row in (
        scans.filter(CITIZEN_SCAN)
        .annotate(hour=TruncHour("occurred_at", tzinfo=local_tz()))
        .values("placement_id", "hour")
        .annotate(total=Count("id"), repeats=Count("id", filter=Q(is_repeat=True)))
    ):
        per_hour[row["placement_id"]][row["hour"]] = (row["total"], row["repeats"])
    flagged = _flag_bursts(day, per_hour)

    counts: dict[int, dict[str, int]] = defaultdict(dict)
    hours = []
    for placement_id, by_hour in per_hour.items():
        fields = counts[placement_id]
        fields.update(scans=0, repeats=0, suspect_scans=0)
        for hour, (total, repeats) in by_hour.items():
            if hour in flagged.get(placement_id, ()):
                fields["suspect_scans"] += total
                hours.append(HourlyPlacementScans(hour=hour, placement_id=placement_id, scans=0, suspect_scans=total))
                continue
            fields["scans"] += total - repeats
            fields["repeats"] += repeats
            if total - repeats:
                hours.append(HourlyPlacementScans(hour=hour, placement_id=placement_id, scans=total - repeats))
    outside_flags = CITIZEN_SCAN & ~Q(visitor_hash="")
    for placement_id, placement_hours in flagged.items():
        for hour in placement_hours:
            outside_flags &= ~Q(placement_id=placement_id, occurred_at__gte=hour, occurred_at__lt=hour + ONE_HOUR)
    for row in scans.values("placement_id").annotate(
        device_days=Count("visitor_hash", distinct=True, filter=outside_flags),
        bots=Count("id", filter=Q(is_bot=True)),
    ):
        placement_id = row.pop("placement_id")
        counts[placement_id].update(row)
    for row in conversions.values("placement_id").annotate(conversions=Count("id")):
        counts[row["placement_id"]]["conversions"] = row["conversions"]

    rows = [
        DailyPlacementRollup(day=day, placement_id=placement_id, **dict.fromkeys(COUNTED, 0) | fields)
        for placement_id, fields in counts.items()
        if any(fields.values())
    ]
    # Upsert the rows whose counts changed, then delete the rows that no longer have events (normally
    # none): a plain delete-and-insert would make Django fetch and delete every row of the day in
    # batches, and rewriting unchanged rows is most of the cost when a run re-reads the late window.
    stored_daily = {
        placement_id: (pk, counts) for pk, placement_id, *counts in rollups.values_list("pk", "placement_id", *COUNTED)
    }
    changed_daily = [
        row
        for row in rows
        if stored_daily.get(row.placement_id, (None, None))[1] != [getattr(row, field) for field in COUNTED]
    ]
    fresh_daily = {row.placement_id for row in rows}
    stale_daily = [pk for placement_id, (pk, _counts) in stored_daily.items() if placement_id not in fresh_daily]
    stored_hours = {
        (placement_id, hour): (pk, counts)
        for pk, placement_id, hour, *counts in hourly.values_list("pk", "placement_id", "hour", *HOURLY_COUNTED)
    }
    changed_hours = [
        row
        for row in hours
        if stored_hours.get((row.placement_id, row.hour), (None, None))[1]
        != [getattr(row, field) for field in HOURLY_COUNTED]
    ]
    fresh_hours = {(row.placement_id, row.hour) for row in hours}
    stale_hours = [pk for key, (pk, _scans) in stored_hours.items() if key not in fresh_hours]
    if stale_daily:
        DailyPlacementRollup.objects.filter(pk__in=stale_daily).delete()
    if stale_hours:
        HourlyPlacementScans.objects.filter(pk__in=stale_hours).delete()
    DailyPlacementRollup.objects.bulk_create(
        changed_daily, batch_size=1000, update_conflicts=True, unique_fields=["day", "placement"], update_fields=COUNTED
    )
    HourlyPlacementScans.objects.bulk_create(
        changed_hours,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["hour", "placement"],
        update_fields=HOURLY_COUNTED,
    )
    return len(rows)


def _flag_bursts(day: dt.date, per_hour: dict[int, dict[dt.datetime, tuple[int, int]]]) -> dict[int, set]:
    """Placement → its hours of `day` that are suspected floods (insights.bursts).

    Only placements with an hour above the floor are looked at, so an ordinary day costs no query; for them,
    one query reads their daily history (headline scans and repeats: a flood set aside earlier does not
    raise the bar for the next one) and one their creation dates and channels.
    """
    candidates = [
        placement_id
        for placement_id, by_hour in per_hour.items()
        if any(total > BURST_FLOOR for total, _repeats in by_hour.values())
    ]
    if not candidates:
        return {}
    window_start = day - dt.timedelta(days=HISTORY_DAYS)
    volumes: dict[int, dict[dt.date, int]] = defaultdict(dict)
    for placement_id, past_day, counted, repeats in DailyPlacementRollup.objects.filter(
        placement_id__in=candidates, day__gte=window_start, day__lt=day
    ).values_list("placement_id", "day", "scans", "repeats"):
        volumes[placement_id][past_day] = counted + repeats
    placements = {
        pk: (created_at, province_wide)
        for pk, created_at, province_wide in Placement.objects.filter(pk__in=candidates).values_list(
            "pk", "created_at", "channel__province_wide"
        )
    }
    flagged = {}
    for placement_id in candidates:
        created_at, province_wide = placements[placement_id]
        known = volumes.get(placement_id, {})
        first_seen = min([timezone.localtime(created_at, local_tz()).date(), *known])
        history = [known.get(past_day, 0) for past_day in history_days(day=day, first_seen=first_seen)]
        hours = flagged_hours(
            {hour: total for hour, (total, _repeats) in per_hour[placement_id].items()},
            history,
            floor=PROVINCE_WIDE_FLOOR if province_wide else BURST_FLOOR,
        )
        if hours:
            flagged[placement_id] = hours
    return flagged


def _lock_watermark() -> RollupWatermark:
    """The watermark row, locked for this transaction (created on the first run)."""
    mark, created = RollupWatermark.objects.get_or_create(name=WATERMARK_NAME)
    if not created:
        mark = RollupWatermark.objects.select_for_update().get(name=WATERMARK_NAME)
    return mark


def _never_ran(mark: RollupWatermark) -> bool:
    return mark.last_scan_id == 0 and mark.last_conversion_id == 0 and not mark.checkpoints


def _max_ids() -> tuple[int, int]:
    return (
        ScanEvent.objects.aggregate(top=Max("id"))["top"] or 0,
        Conversion.objects.aggregate(top=Max("id"))["top"] or 0,
    )


def _touched(*, scan_ids: tuple[int, int], conversion_ids: tuple[int, int]) -> dict[dt.date, set[int]]:
    """Days → placements that have events with ids in the given half-open ranges (low, high]."""
    tz = local_tz()
    touched: dict[dt.date, set[int]] = defaultdict(set)
    low, high = scan_ids
    if high > low:
        fresh = ScanEvent.objects.filter(id__gt=low, id__lte=high)
        for placement_id, day in (
            fresh.annotate(day=TruncDate("occurred_at", tzinfo=tz)).values_list("placement_id", "day").distinct()
        ):
            touched[day].add(placement_id)
        shifted = ExpressionWrapper(F("occurred_at") + REPEAT_WINDOW, output_field=DateTimeField())
        for placement_id, day in (
            fresh.annotate(day=TruncDate(shifted, tzinfo=tz)).values_list("placement_id", "day").distinct()
        ):
            touched[day].add(placement_id)
    low, high = conversion_ids
    if high > low:
        for placement_id, day in (
            Conversion.objects.filter(id__gt=low, id__lte=high, placement__isnull=False)
            .annotate(day=TruncDate("occurred_at", tzinfo=tz))
            .values_list("placement_id", "day")
            .distinct()
        ):
            touched[day].add(placement_id)
    return touched


def _event_day_range(*, since: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day that has an event or a rollup row (from `since` on)."""
    tz = local_tz()
    bounds = [
        ScanEvent.objects.aggregate(first=Min("occurred_at"), last=Max("occurred_at")),
        Conversion.objects.filter(placement__isnull=False).aggregate(first=Min("occurred_at"), last=Max("occurred_at")),
    ]
    firsts = [timezone.localtime(b["first"], tz).date() for b in bounds if b["first"]]
    lasts = [timezone.localtime(b["last"], tz).date() for b in bounds if b["last"]]
    stored = DailyPlacementRollup.objects.aggregate(first=Min("day"), last=Max("day"))
    if stored["first"]:
        firsts.append(stored["first"])
        lasts.append(stored["last"])
    hour_bounds = HourlyPlacementScans.objects.aggregate(first=Min("hour"), last=Max("hour"))
    if hour_bounds["first"]:
        firsts.append(timezone.localtime(hour_bounds["first"], tz).date())
        lasts.append(timezone.localtime(hour_bounds["last"], tz).date())
    if not firsts:
        return None
    first = max(min(firsts), since) if since else min(firsts)
    last = max(lasts)
    return (first, last) if first <= last else None


def _settle(mark: RollupWatermark, *, now: dt.datetime, scan_id: int, conversion_id: int) -> None:
    """Record this run's checkpoint; move the low watermark to the newest checkpoint older than the window."""
    checkpoints = [*mark.checkpoints, [now.isoformat(), scan_id, conversion_id]]
    settled = [c for c in checkpoints if dt.datetime.fromisoformat(c[0]) <= now - LATE_COMMIT_WINDOW]
    if settled:
        _when, settled_scan, settled_conversion = settled[-1]
        mark.last_scan_id = max(mark.last_scan_id, settled_scan)
        mark.last_conversion_id = max(mark.last_conversion_id, settled_conversion)
        checkpoints = [c for c in checkpoints if c not in settled]
    mark.checkpoints = checkpoints
    mark.save()


def update_rollups(*, now: dt.datetime | None = None) -> RollupRun:
    """Bring the daily and hourly rollups up to date with the events stored since the last runs.

    Idempotent; safe beside the scan drain and beside another run (they queue on one row lock).
    The first run ever rebuilds everything.
    """
    now = now or timezone.now()
    with transaction.atomic():
        mark = _lock_watermark()
        top_scan, top_conversion = _max_ids()
        if _never_ran(mark):
            run = _rebuild_days(since=None)
            # The rebuild read everything committed; a drain still open now may commit lower ids
            # later, so the first checkpoint settles like any other (after LATE_COMMIT_WINDOW).
            _settle(mark, now=now, scan_id=top_scan, conversion_id=top_conversion)
            run.scan_id, run.conversion_id, run.full = top_scan, top_conversion, True
            return run
        touched = _touched(
            scan_ids=(mark.last_scan_id, top_scan), conversion_ids=(mark.last_conversion_id, top_conversion)
        )
        run = RollupRun(scan_id=top_scan, conversion_id=top_conversion, days=len(touched))
        for day in sorted(touched):
            _recompute_day(day, touched[day])
            run.pairs += len(touched[day])
        _settle(mark, now=now, scan_id=top_scan, conversion_id=top_conversion)
    return run


def refresh_placement_day(*, placement_id: int, day: dt.date) -> None:
    """Recompute one placement's rollup for one local day, under the rollup lock.

    For a conversion withdrawn after it was counted (the desk's undo): a deleted row leaves no id for the
    incremental path to find, so its day would otherwise stay counted until the nightly rebuild.
    """
    with transaction.atomic():
        _lock_watermark()
        _recompute_day(day, {placement_id})


def _rebuild_days(*, since: dt.date | None) -> RollupRun:
    run = RollupRun(full=since is None)
    span = _event_day_range(since=since)
    if span is None:
        return run
    day, last = span
    while day <= last:
        run.pairs += _recompute_day(day, None)
        run.days += 1
        day += dt.timedelta(days=1)
    return run


def rebuild_rollups(*, since: dt.date | None = None) -> RollupRun:
    """Recompute every rollup from the raw events (from `since` on, a local date), one day per transaction.

    Gives the same rows as the incremental path. Each day is written under the rollup lock, so a
    rebuild can run while the site takes scans; with SQLite, one day's write blocks the drain briefly.
    """
    run = RollupRun(full=since is None)
    span = _event_day_range(since=since)
    if span is None:
        invalidate_channel_effects()
        return run
    day, last = span
    while day <= last:
        with transaction.atomic():
            _lock_watermark()
            run.pairs += _recompute_day(day, None)
        run.days += 1
        day += dt.timedelta(days=1)
    invalidate_channel_effects()
    return run
