"""Seeded ward × month panels whose right answer is known, shared by the tests and tests/bench/attribution_bench.py.

Every design has 50 wards and 12 months; the outcome is a ward's monthly growth per 1,000 residents:
ward level + a common monthly swing + the channels' true effects + noise (sd 1). Exposure columns come
from placements (when a channel went up in a ward), never from scans; `scanned` says, for the old
estimator, in which ward-months the channel's codes were scanned.

Designs (`DESIGNS`):
- constant: "pa-no" +1.0 from switch-on, staggered over months 3–10 in 35 wards, 15 never; "to-roi" does
  nothing and is rolled out independently.
- growing: as constant, but the effect grows with time since switch-on: 0.5 + 0.25 · months since.
- growing_all: growing, and every ward switches on at some point (no never-treated ward).
- co_deployed: "pa-no" +1.0; "loa" does nothing and goes up with pa-no, the same month, in 80 % of its
  wards (the other 20 % of its wards get it at other times in wards without pa-no).
- trend_selected: "pa-no" does nothing, but wards whose growth was already rising get it first.
- switching: "loa" +1.0 while on; some wards switch it on, some switch it off (sound trucks move on).
- scans: "pa-no" does nothing; its codes are scanned more where adoption is higher (outcomes raise scans).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

UNITS = 50
PERIODS = 12
NOISE = 1.0
DESIGNS = ("constant", "growing", "growing_all", "co_deployed", "trend_selected", "switching", "scans")


@dataclass
class SimulatedPanel:
    design: str
    frame: pd.DataFrame  # unit, month, outcome, one 0/1 column per channel
    effects: dict[str, np.ndarray]  # channel → units × periods true effect in each ward-month
    effective: str | None  # the channel with a real effect
    nulls: list[str]  # channels that do nothing
    scanned: dict[str, np.ndarray] = field(default_factory=dict)  # channel → units × periods bool

    @property
    def channels(self) -> list[str]:
        return [column for column in self.frame.columns if column not in ("unit", "month", "outcome")]

    def exposure(self, channel: str) -> np.ndarray:
        return self.frame[channel].to_numpy().reshape(UNITS, PERIODS)

    def outcome(self) -> np.ndarray:
        return self.frame["outcome"].to_numpy().reshape(UNITS, PERIODS)


def _staggered(rng: np.random.Generator, units: np.ndarray, first: int = 3, last: int = 10) -> np.ndarray:
    """Units × periods 0/1: each listed unit on from a random month in [first, last]."""
    exposure = np.zeros((UNITS, PERIODS), dtype=int)
    for unit in units:
        start = rng.integers(first, last + 1)
        exposure[unit, start - 1 :] = 1
    return exposure


def _months_since_on(exposure: np.ndarray) -> np.ndarray:
    """Months since switch-on (0 in the first month on), −1 where off; for staggered exposure."""
    since = np.cumsum(exposure, axis=1) - 1
    return np.where(exposure == 1, since, -1)


def simulate(design: str, seed: int) -> SimulatedPanel:
    """One seeded panel of the named design (see the module docstring)."""
    if design not in DESIGNS:
        raise ValueError(design)
    rng = np.random.default_rng([DESIGNS.index(design), seed])
    level = rng.normal(0.0, 1.0, UNITS)[:, None]
    swing = np.cumsum(rng.normal(0.0, 0.5, PERIODS))[None, :]
    trend = np.zeros((UNITS, 1))
    channels: dict[str, np.ndarray] = {}
    effects: dict[str, np.ndarray] = {}
    effective: str | None = "pa-no"
    nulls: list[str] = []
    scanned: dict[str, np.ndarray] = {}

    if design in ("constant", "growing", "growing_all", "scans"):
        every = design == "growing_all"
        treated = rng.permutation(UNITS)[: UNITS if every else 35]
        exposure = _staggered(rng, treated, last=11 if every else 10)
        channels["pa-no"] = exposure
        if design == "constant":
            effects["pa-no"] = 1.0 * exposure
        elif design == "scans":
            effects["pa-no"] = np.zeros((UNITS, PERIODS))
            effective, nulls = None, ["pa-no"]
        else:
            effects["pa-no"] = np.where(exposure == 1, 0.5 + 0.25 * _months_since_on(exposure), 0.0)
        if design != "scans":
            channels["to-roi"] = _staggered(rng, rng.permutation(UNITS)[:35])
            effects["to-roi"] = np.zeros((UNITS, PERIODS))
            nulls = ["to-roi"]
    elif design == "co_deployed":
        treated = rng.permutation(UNITS)[:35]
        exposure = _staggered(rng, treated)
        channels["pa-no"] = exposure
        effects["pa-no"] = 1.0 * exposure
        shared = treated[:28]  # 80 % of pa-no's 35 wards get loa the same month
        others = rng.permutation(np.setdiff1d(np.arange(UNITS), treated))[:7]  # the other 20 % of loa's wards
        loa = np.zeros((UNITS, PERIODS), dtype=int)
        loa[shared] = exposure[shared]
        loa += _staggered(rng, others)
        channels["loa"] = loa
        effects["loa"] = np.zeros((UNITS, PERIODS))
        nulls = ["loa"]
    elif design == "trend_selected":
        trend = rng.normal(0.0, 0.3, UNITS)[:, None]
        exposure = np.zeros((UNITS, PERIODS), dtype=int)
        for unit in range(35):  # wards rising faster get the channel earlier
            start = int(np.clip(round(8 - 10 * trend[unit, 0] + rng.normal(0.0, 1.0)), 3, 11))
            exposure[unit, start - 1 :] = 1
        channels["pa-no"] = exposure
        effects["pa-no"] = np.zeros((UNITS, PERIODS))
        effective, nulls = None, ["pa-no"]
    elif design == "switching":
        exposure = np.zeros((UNITS, PERIODS), dtype=int)
        for unit in range(UNITS):
            kind = unit % 3
            switch = rng.integers(3, 11)
            if kind == 0:  # switched on
                exposure[unit, switch - 1 :] = 1
            elif kind == 1:  # on from the start, switched off
                exposure[unit, : switch - 1] = 1
        channels["loa"] = exposure
        effects["loa"] = 1.0 * exposure
        effective = "loa"

    outcome = level + swing + trend * np.arange(1, PERIODS + 1)[None, :] + rng.normal(0.0, NOISE, (UNITS, PERIODS))
    for channel in channels:
        outcome = outcome + effects[channel]
    if design == "scans":
        # Scans rise with adoption: the likelier, the higher the ward's growth that month; codes are out everywhere.
        probability = 1.0 / (1.0 + np.exp(-(outcome - np.median(outcome)) * 1.5))
        scanned["pa-no"] = rng.random((UNITS, PERIODS)) < probability * 0.6

    months = [f"2025-{month:02d}" for month in range(1, PERIODS + 1)]
    frame = pd.DataFrame(
        {
            "unit": np.repeat([f"x{unit:03d}" for unit in range(UNITS)], PERIODS),
            "month": np.tile(months, UNITS),
            "outcome": outcome.ravel(),
        }
    )
    for channel, exposure in channels.items():
        frame[channel] = exposure.ravel().astype(int)
    return SimulatedPanel(design, frame, effects, effective, nulls, scanned)


def true_simple_att(exposure: np.ndarray, effect: np.ndarray) -> float:
    """The target of Callaway–Sant'Anna's simple aggregation: the mean true effect over the treated ward-months
    of the (cohort, month) cells the design identifies (never-treated controls when there are ≥ 5 never-treated
    wards, otherwise not-yet-treated ones: a month is identified only while some other cohort is still off)."""
    ever = exposure.any(axis=1)
    first = np.where(ever, exposure.argmax(axis=1) + 1, 0)
    usable = ever & (exposure[:, 0] == 0)
    never_treated = int((~ever).sum()) >= 5
    total, count = 0.0, 0
    for g in np.unique(first[usable]):
        members = usable & (first == g)
        for t in range(g, PERIODS + 1):
            if not never_treated and not ((first > t) & (first != g)).any():
                continue
            total += members.sum() * effect[members, t - 1].mean()
            count += members.sum()
    return total / count if count else float("nan")
