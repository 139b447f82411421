"""A seeded simulation of one loudspeaker code's hourly scans, for the broadcast-lift tests and bench.

The design the old method failed on: a campaign whose code goes live two weeks into the period and then
grows, airings on the busiest weekdays (Monday and Thursday, at 17:00), and — unless a lift is planted —
no effect of the airings at all. Scans are Poisson with rate day level × hour profile (+ `lift` extra
scans, on average, in the hour after each airing).

`old_method_claims` is the comparison main used before: the hour after against the mean of the same clock
hour on every other day of the period without an airing (days before the code went live included), a lift
claimed at 2 scans or more.
"""

import datetime as dt
from dataclasses import dataclass

import numpy as np

from insights.broadcast import HOURS, DayGrid, Slot, assess_slots, left_out_hours

START = dt.date(2026, 9, 7)  # a Monday
# A day's scans by clock hour (sums to 1): little at night, peaks at 7, 11 and 17–20.
PROFILE = np.array([0.2, 0.1, 0.1, 0.1, 0.2, 0.8, 3, 6, 6, 5, 5, 6, 6, 4, 4, 5, 6, 7, 8, 8, 7, 4, 2, 0.5], dtype=float)
PROFILE = PROFILE / PROFILE.sum()
WEEKDAY_LEVEL = {0: 1.6, 1: 1.0, 2: 1.0, 3: 1.5, 4: 1.0, 5: 0.9, 6: 0.6}  # Monday and Thursday are busy
AIRING_WEEKDAYS = (0, 3)
AIRING_HOUR = 17


@dataclass
class SimulatedCode:
    days: list[dt.date]
    counts: np.ndarray  # days × 24, the whole period (zeros before the code went live)
    baseline: np.ndarray  # the expected counts without any airing
    live_from: int  # index of the first live day
    airings: list[tuple[int, int]]  # (day index, compared hour)
    lift: float

    def grid(self) -> tuple[DayGrid, list[Slot]]:
        """The live days as `insights.broadcast` sees them, and the airings' slots on that grid."""
        days = self.days[self.live_from :]
        aired = {day for day, _hour in self.airings}
        grid = DayGrid(
            days=days,
            counts=self.counts[self.live_from :],
            quiet=np.array([index + self.live_from not in aired for index in range(len(days))]),
        )
        slots = [
            Slot(day=day - self.live_from, hour=hour, left_out=left_out_hours(started=hour, compared=hour))
            for day, hour in self.airings
        ]
        return grid, slots

    def true_ratio(self, airing: int) -> float:
        day, hour = self.airings[airing]
        usual = self.baseline[day, hour]
        return (usual + self.lift) / usual


def simulate(
    seed: int,
    *,
    weeks: int = 8,
    live_after_days: int = 14,
    daily_scans: float = 12.0,
    growth: float = 3.0,
    lift: float = 0.0,
) -> SimulatedCode:
    """One code over `weeks` weeks: live after `live_after_days`, its daily level growing `growth`-fold."""
    rng = np.random.default_rng(seed)
    days = [START + dt.timedelta(days=offset) for offset in range(weeks * 7)]
    live_days = len(days) - live_after_days
    level = np.zeros(len(days))
    for index, day in enumerate(days):
        if index >= live_after_days:
            progress = (index - live_after_days) / max(live_days - 1, 1)
            level[index] = daily_scans * (1 + (growth - 1) * progress) * WEEKDAY_LEVEL[day.weekday()]
    baseline = level[:, None] * PROFILE[None, :]
    airings = [
        (index, AIRING_HOUR)
        for index, day in enumerate(days)
        if index >= live_after_days and day.weekday() in AIRING_WEEKDAYS
    ]
    rate = baseline.copy()
    for day, hour in airings:
        rate[day, hour] += lift
    counts = rng.poisson(rate)
    return SimulatedCode(
        days=days,
        counts=counts,
        baseline=baseline,
        live_from=live_after_days,
        airings=airings,
        lift=lift,
    )


def old_method_claims(code: SimulatedCode, *, threshold: float = 2.0) -> list[bool]:
    """Main's comparison: the same clock hour on every other day of the period without an airing."""
    aired = {day for day, _hour in code.airings}
    quiet = [index for index in range(len(code.days)) if index not in aired]
    claims = []
    for day, hour in code.airings:
        baseline = code.counts[quiet, hour].mean()
        claims.append(code.counts[day, hour] - baseline >= threshold)
    return claims


def new_method(code: SimulatedCode, *, seed: int = 0):
    grid, slots = code.grid()
    return assess_slots(grid, slots, seed=seed)


__all__ = ["HOURS", "SimulatedCode", "new_method", "old_method_claims", "simulate"]
