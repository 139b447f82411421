"""Broadcast lift: do scans of a sound or screen channel's codes rise in the hour after an airing?

For each logged airing (channel, unit, time) we count the citizen scans of that channel's codes
in that unit and under it (a province's airing covers its wards and villages) in the hour after
the airing, and compare with the mean of the same clock hour on the days of the range when that
channel had no airing in that unit. Counts come from the hourly rollups, so "the hour after"
is a clock hour: the one the airing starts in, or the next one when it starts at half past or
later (most of its hour falls there). Airings with no codes of their channel in their unit are
listed with `placements == 0`.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import ExtractHour
from django.utils import timezone

from insights.models import BroadcastAiring, HourlyPlacementScans
from places.models import AdministrativeUnit
from tracking.models import Channel, Placement


@dataclass(frozen=True)
class AiringLift:
    airing: BroadcastAiring
    hour: dt.datetime  # start of the clock hour compared (aware, local time)
    placements: int
    scans_after: int
    baseline_mean: float | None  # mean scans in the same clock hour on days without an airing
    baseline_days: int

    @property
    def lift(self) -> float | None:
        """Extra scans in the hour after, against the usual for that hour."""
        return None if self.baseline_mean is None else self.scans_after - self.baseline_mean

    @property
    def ratio(self) -> float | None:
        if not self.baseline_mean:
            return None
        return self.scans_after / self.baseline_mean


def compared_hour(aired_at: dt.datetime) -> dt.datetime:
    """The local clock hour that stands for "the hour after" this airing."""
    local = timezone.localtime(aired_at, timezone.get_default_timezone())
    hour = local.replace(minute=0, second=0, microsecond=0)
    return hour + dt.timedelta(hours=1) if local.minute >= 30 else hour


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=offset) for offset in range((end - start).days + 1)]


def broadcast_lift(
    *,
    units: Iterable[AdministrativeUnit],
    start: dt.date,
    end: dt.date,
    channels: Iterable[Channel] | None = None,
) -> list[AiringLift]:
    """Each airing in units under `units` between `start` and `end` (local dates, inclusive), with its lift.

    Ordered by airing time. A baseline needs at least one day in the range without an airing of
    the channel in the unit; otherwise `baseline_mean` is None.
    """
    tz = timezone.get_default_timezone()
    covered = Q(pk__in=[])
    for unit in units:
        covered |= Q(unit__path__startswith=unit.path)
    range_start = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    range_end = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    airings = (
        BroadcastAiring.objects.filter(covered, aired_at__gte=range_start, aired_at__lt=range_end)
        .select_related("channel", "unit")
        .order_by("aired_at", "pk")
    )
    if channels is not None:
        airings = airings.filter(channel__in=list(channels))
    airings = list(airings)

    groups: dict[tuple[int, str], list[BroadcastAiring]] = defaultdict(list)
    for airing in airings:
        groups[(airing.channel_id, airing.unit.path)].append(airing)
    if not groups:
        return []

    # Which groups each placement of an aired channel feeds: its unit and every unit above it.
    placements = Placement.objects.filter(covered, channel_id__in={channel for channel, _path in groups})
    feeds: dict[int, list[tuple[int, str]]] = {}
    placement_count: dict[tuple[int, str], int] = defaultdict(int)
    for placement_id, channel_id, path in placements.values_list("pk", "channel_id", "unit__path"):
        codes = path.rstrip("/").split("/")
        ancestors = ["/".join(codes[: depth + 1]) + "/" for depth in range(len(codes))]
        keys = [(channel_id, ancestor) for ancestor in ancestors if (channel_id, ancestor) in groups]
        if keys:
            feeds[placement_id] = keys
            for key in keys:
                placement_count[key] += 1

    hours_of_day = {compared_hour(airing.aired_at).hour for airing in airings}
    by_hour: dict[tuple[int, str], dict[dt.datetime, int]] = defaultdict(lambda: defaultdict(int))
    # Till an hour after the range: an airing at 23:40 on the last day is compared at midnight.
    rows = (
        HourlyPlacementScans.objects.filter(
            placement__in=placements, hour__gte=range_start, hour__lt=range_end + dt.timedelta(hours=1)
        )
        .annotate(hour_of_day=ExtractHour("hour", tzinfo=tz))
        .filter(hour_of_day__in=hours_of_day)
        .values_list("placement_id", "hour", "scans")
    )
    for placement_id, hour, scans in rows:
        for key in feeds.get(placement_id, ()):
            by_hour[key][timezone.localtime(hour, tz)] += scans

    results: dict[int, AiringLift] = {}
    days = _days(start, end)
    for key, group in groups.items():
        aired_days = {timezone.localtime(airing.aired_at, tz).date() for airing in group}
        quiet_days = [day for day in days if day not in aired_days]
        counts = by_hour[key]
        for airing in group:
            hour = compared_hour(airing.aired_at)
            clock = hour.timetz().replace(tzinfo=None)
            baseline = [counts.get(dt.datetime.combine(day, clock, tzinfo=tz), 0) for day in quiet_days]
            results[airing.pk] = AiringLift(
                airing=airing,
                hour=hour,
                placements=placement_count[key],
                scans_after=counts.get(hour, 0),
                baseline_mean=(sum(baseline) / len(baseline)) if baseline else None,
                baseline_days=len(baseline),
            )
    return [results[airing.pk] for airing in airings]
