"""Suspected floods of scans: which placement-hours the rollup job sets aside.

A scan is an anonymous GET: anyone can replay a code's URL thousands of times with a new user agent each
time (an outside probe counted 20,000 "visitors" in 57 seconds). Nothing on the scan path refuses them —
it stays one cached lookup and one append — so the rollup job judges afterwards, per placement and hour:

    an hour is a suspected flood when it holds more citizen scans than BURST_FLOOR, and more than the
    placement's robust ceiling for a whole day: median + ROBUST_K × 1.4826 × MAD of its daily volumes over
    the previous HISTORY_DAYS days (days without a scan count as 0, days before the placement existed do
    not count). With less than MIN_HISTORY_DAYS days of history, the ceiling is THIN_HISTORY_FACTOR times
    its busiest day so far; with none, only the floor applies.

Comparing one hour with a whole day of the placement's own history keeps real surges counted: the hour
after a loudspeaker airing or a TV report brings many scans, but not more than a very busy day of that
code. The floor keeps small codes (a poster with 3 scans a day) from being flagged for an ordinary busy
hour. A province-wide placement (provincial TV, the citizen app) speaks to a whole province, about a hundred
wards, so its floor is PROVINCE_WIDE_FLOOR. The cost of judging a brand-new code by a thin history: a ward
code that draws more than BURST_FLOOR scans in one hour of its first day (or more than twice its busiest day
in its first week) is set aside, and shown, too.

The flagged hour's citizen scans are set aside whole (`suspect_scans`), out of every headline figure, and
shown to staff as "đã để riêng N lượt nghi bất thường"; nothing is deleted, so a rebuild with
other rules gives them back.
"""

import datetime as dt
import statistics
from collections.abc import Mapping, Sequence

# An hour needs more scans than this before it can be flagged at all (a province-wide placement: more).
BURST_FLOOR = 200
PROVINCE_WIDE_FLOOR = 2000
# How many robust standard deviations above the median day an hour must be.
ROBUST_K = 6
# MAD × 1.4826 estimates the standard deviation of normally distributed data.
MAD_TO_SD = 1.4826
HISTORY_DAYS = 28
MIN_HISTORY_DAYS = 7
THIN_HISTORY_FACTOR = 2


def robust_ceiling(daily_volumes: Sequence[int]) -> float | None:
    """median + k·1.4826·MAD of a placement's daily volumes (twice the busiest day while the history is
    shorter than a week), or None without any history."""
    if not daily_volumes:
        return None
    if len(daily_volumes) < MIN_HISTORY_DAYS:
        return float(THIN_HISTORY_FACTOR * max(daily_volumes))
    median = statistics.median(daily_volumes)
    mad = statistics.median(abs(volume - median) for volume in daily_volumes)
    return median + ROBUST_K * MAD_TO_SD * mad


def burst_threshold(daily_volumes: Sequence[int], *, floor: int = BURST_FLOOR) -> float:
    """The number of scans an hour must exceed to be flagged, given the placement's daily history."""
    ceiling = robust_ceiling(daily_volumes)
    return float(floor) if ceiling is None else max(float(floor), ceiling)


def flagged_hours(
    hour_volumes: Mapping[dt.datetime, int], daily_volumes: Sequence[int], *, floor: int = BURST_FLOOR
) -> set[dt.datetime]:
    """The hours of one placement whose citizen scans exceed its threshold."""
    threshold = burst_threshold(daily_volumes, floor=floor)
    return {hour for hour, volume in hour_volumes.items() if volume > threshold}


def history_days(*, day: dt.date, first_seen: dt.date) -> list[dt.date]:
    """The days before `day` that count as the placement's history (at most HISTORY_DAYS, none before it existed)."""
    start = max(day - dt.timedelta(days=HISTORY_DAYS), first_seen)
    return [start + dt.timedelta(days=offset) for offset in range((day - start).days)]
