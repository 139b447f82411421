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


# --- scoring one run ---------------------------------------------------------------------------

FLAGGED = ("positive", "negative")


@dataclass
class RunScore:
    """What one seeded run says about the goals (None where the run does not bear on a goal)."""

    covered: bool | None = None  # the effective channel's 95 % interval covers the truth
    identified: bool | None = None  # the effective channel got a figure (alone or in its bundle)
    found: bool | None = None  # the effective channel (or its bundle) was called positive
    null_flagged: list[bool] = field(default_factory=list)  # independent null channels called positive/negative
    trend_null_positive: bool | None = None
    bundled_or_separated: bool | None = None  # co-deployed: bundle, or the null channel not flagged
    old_covered: bool | None = None
    old_null_flagged: list[bool] = field(default_factory=list)
    old_trend_null_positive: bool | None = None
    old_bundled_or_separated: bool | None = None


def truth_for(sim: SimulatedPanel, channel: str, method: str | None) -> float:
    if sim.design == "switching":
        return 1.0  # the effect of a switch (DID_M's target), constant in this design
    return true_simple_att(sim.exposure(channel), sim.effects[channel])


def score_run(sim: SimulatedPanel, effects: list, old_estimator=None) -> RunScore:
    """Score the new estimator's effects (and the old estimator's, if given: a function of
    outcome, treated, unit and period arrays returning an object with ci_low/ci_high/enough_data)."""
    score = RunScore()
    by_channel = {effect.channel: effect for effect in effects}
    effective = sim.effective
    if effective:
        entry = by_channel[effective]
        if entry.verdict == "cannot_separate":
            entry = next(effect for effect in effects if effective in effect.members and effect.is_bundle)
        score.identified = entry.estimate is not None
        score.found = entry.verdict == "positive"
        if entry.estimate is not None and not entry.is_bundle:
            truth = truth_for(sim, effective, entry.method)
            score.covered = entry.ci_low <= truth <= entry.ci_high
    for null in sim.nulls:
        entry = by_channel[null]
        if sim.design == "trend_selected":
            score.trend_null_positive = entry.verdict == "positive"
        elif sim.design == "co_deployed":
            score.bundled_or_separated = entry.verdict == "cannot_separate" or entry.verdict not in FLAGGED
        else:
            score.null_flagged.append(entry.verdict in FLAGGED)

    if old_estimator is None:
        return score
    outcome = sim.outcome().ravel()
    unit = np.repeat(np.arange(UNITS), PERIODS)
    period = np.tile(np.arange(PERIODS), UNITS)

    def old(channel: str):
        treated = sim.exposure(channel).astype(bool)
        if channel in sim.scanned:  # the old rule: active when placed, or when its codes were scanned
            treated = treated | sim.scanned[channel]
        return old_estimator(outcome=outcome, treated=treated.ravel(), unit=unit, period=period)

    def significant(result) -> bool:
        return bool(result.enough_data and (result.ci_low > 0 or result.ci_high < 0))

    if effective:
        result = old(effective)
        if result.enough_data:
            score.old_covered = result.ci_low <= truth_for(sim, effective, None) <= result.ci_high
    for null in sim.nulls:
        result = old(null)
        if sim.design == "trend_selected":
            score.old_trend_null_positive = bool(result.enough_data and result.ci_low > 0)
        elif sim.design == "co_deployed":
            score.old_bundled_or_separated = not significant(result)
        else:
            score.old_null_flagged.append(significant(result))
    return score


def rate(values) -> float | None:
    values = [value for value in values if value is not None]
    return sum(values) / len(values) if values else None
