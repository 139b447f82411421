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

    groups: dict[tuple[int, int], list[BroadcastAiring]] = defaultdict(list)
    for airing in airings:
        groups[(airing.channel_id, airing.unit_id)].append(airing)

    results: dict[int, AiringLift] = {}
    days = _days(start, end)
    for group in groups.values():
        channel_id, unit = group[0].channel_id, group[0].unit
        placement_ids = list(
            Placement.objects.filter(channel_id=channel_id, unit__path__startswith=unit.path).values_list(
                "pk", flat=True
            )
        )
        by_hour: dict[dt.datetime, int] = defaultdict(int)
        # Hours of the day after the range too: an airing at 23:40 on the last day is compared at midnight.
        for hour, scans in HourlyPlacementScans.objects.filter(
            placement_id__in=placement_ids, hour__gte=range_start, hour__lt=range_end + dt.timedelta(hours=1)
        ).values_list("hour", "scans"):
            by_hour[timezone.localtime(hour, tz)] += scans
        aired_days = {timezone.localtime(airing.aired_at, tz).date() for airing in group}
        quiet_days = [day for day in days if day not in aired_days]
        for airing in group:
            hour = compared_hour(airing.aired_at)
            baseline = [
                by_hour.get(dt.datetime.combine(day, hour.timetz().replace(tzinfo=None), tzinfo=tz), 0)
                for day in quiet_days
            ]
            results[airing.pk] = AiringLift(
                airing=airing,
                hour=hour,
                placements=len(placement_ids),
                scans_after=by_hour.get(hour, 0),
                baseline_mean=(sum(baseline) / len(baseline)) if baseline else None,
                baseline_days=len(baseline),
            )
    return [results[airing.pk] for airing in airings]
