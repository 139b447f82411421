"""Variance components from a metric's history (two-way ANOVA), the input of the planner's power. No database."""

import numpy as np
import pandas as pd
import pytest

from insights.rollout.history import history_variance
from insights.rollout.power import PowerInputError


def _history(seed: int, *, wards: int = 60, periods: int = 12, tau: float = 3.0, sigma: float = 2.0):
    rng = np.random.default_rng(seed)
    level = rng.normal(0, tau, size=(wards, 1))
    swing = np.cumsum(rng.normal(1.0, 1.5, size=periods))
    y = 20 + level + swing + rng.normal(0, sigma, size=(wards, periods))
    return pd.DataFrame(
        [(f"X{i:03d}", t + 1, y[i, t]) for i in range(wards) for t in range(periods)],
        columns=["unit", "period", "outcome"],
    )


def test_recovers_the_planted_components_on_average():
    estimates = [history_variance(_history(seed)) for seed in range(40)]
    assert np.mean([e.sigma for e in estimates]) == pytest.approx(2.0, rel=0.03)
    assert np.mean([e.tau for e in estimates]) == pytest.approx(3.0, rel=0.06)
    assert (estimates[0].wards, estimates[0].periods, estimates[0].dropped_wards) == (60, 12, 0)


def test_wards_lacking_periods_are_left_out_and_counted():
    panel = _history(1)
    panel = panel[~((panel["unit"] == "X005") & (panel["period"] == 3))]
    result = history_variance(panel)
    assert (result.wards, result.dropped_wards) == (59, 1)


@pytest.mark.parametrize(
    ("panel", "message"),
    [
        (pd.DataFrame(columns=["unit", "period", "outcome"]), "chưa có số liệu lịch sử"),
        (pd.DataFrame({"unit": ["a", "b"], "period": [1, 1], "outcome": [1.0, 2.0]}), "chưa đủ"),
        (pd.DataFrame({"unit": ["a", "a"], "period": [1, 2], "outcome": [1.0, 2.0]}), "chưa đủ"),
        (pd.DataFrame({"unit": ["a"], "period": [1]}), "thiếu cột: outcome"),
        (pd.DataFrame({"unit": ["a", "b"], "period": [1, 1], "outcome": ["x", "1"]}), "không phải số"),
    ],
)
def test_too_little_history_is_said_in_vietnamese(panel, message):
    with pytest.raises(PowerInputError, match=message):
        history_variance(panel)
