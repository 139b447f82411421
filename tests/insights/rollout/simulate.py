"""Seeded stepped-wedge roll-outs whose right answer is known, shared by the tests and tests/bench/rollout_bench.py.

A plan of 24 wards in two strata (8 "đô thị", 16 "nông thôn") is drawn into 4 waves with `draw_waves` and the
run's seed; the panel has 6 periods: a baseline (period 1), the waves start in periods 2, 3, 4 and 5, and one
period after the last start. The outcome (say, new registrations per 1,000 residents in a month) is
    ward level (urban +4, plus N(0, 3²)) + a secular trend (1.2 per period, plus a common bump of N(0, 1²) per
    period) + the planted effect while the ward's wave is on + noise N(0, 2²).
`effect` is constant from the wave's start (the estimand, Callaway–Sant'Anna's simple ATT, equals it).
`deviations` wards (chosen at random) actually start one period late: their outcome shows the effect only from
then on, but the analysis is by the plan (intention-to-treat), so their first planned period is unexposed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from insights.rollout.randomise import draw_waves

WARDS = [f"X{number:02d}" for number in range(24)]
STRATA = {ward: ("đô thị" if index < 8 else "nông thôn") for index, ward in enumerate(WARDS)}
WAVES = 4
PERIODS = list(range(1, 7))
WAVE_STARTS = [2, 3, 4, 5]


@dataclass
class SimulatedRollout:
    panel: pd.DataFrame  # unit, period, outcome
    assignment: dict[str, int]  # ward → planned first period
    actual: dict[str, int]  # ward → actual first period
    strata: dict[str, str]
    effect: float
    deviating: int


def simulate_rollout(seed: int, *, effect: float = 2.0, deviations: int = 0) -> SimulatedRollout:
    rng = np.random.default_rng([20261203, seed])
    waves = draw_waves(WARDS, WAVES, seed=seed, strata=STRATA)
    assignment = {ward: WAVE_STARTS[wave] for wave, members in enumerate(waves) for ward in members}
    actual = dict(assignment)
    for ward in rng.choice(WARDS, size=deviations, replace=False):
        actual[str(ward)] += 1
    level = {ward: (4.0 if STRATA[ward] == "đô thị" else 0.0) + rng.normal(0, 3) for ward in WARDS}
    bump = rng.normal(0, 1, size=len(PERIODS))
    rows = []
    for ward in WARDS:
        for position, period in enumerate(PERIODS):
            on = period >= actual[ward]
            value = 20 + level[ward] + 1.2 * period + bump[position] + (effect if on else 0.0) + rng.normal(0, 2)
            rows.append((ward, period, value))
    panel = pd.DataFrame(rows, columns=["unit", "period", "outcome"])
    return SimulatedRollout(panel, assignment, actual, dict(STRATA), effect, deviations)
