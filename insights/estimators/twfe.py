"""The old estimator, kept as the baseline that benchmarks and tests print beside the new one.

A two-way fixed-effects regression of the outcome on one channel's 0/1 dummy, with unit and period
effects, unit-clustered errors (CR1) and a Student's t interval with G − 1 degrees of freedom. With
staggered, growing or co-deployed roll-outs it is biased (see insights/estimators/did.py and the
Goodman-Bacon diagnostic); the dashboard no longer uses it.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

MIN_WARDS = 4
MIN_MONTHS = 3
CONFIDENCE = 0.95


def t_quantile(probability: float, df: float) -> float:
    return float(stats.t.ppf(probability, df))


def t_cdf(value: float, df: float) -> float:
    return float(stats.t.cdf(value, df))


@dataclass(frozen=True)
class TwfeEstimate:
    estimate: float | None
    std_error: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    units: int
    periods: int
    observations: int
    treated_observations: int
    enough_data: bool
    reason: str = ""


def _demean_two_way(
    values: np.ndarray, unit: np.ndarray, period: np.ndarray, n_units: int, n_periods: int
) -> np.ndarray:
    """Residuals of `values` on unit and period dummies, by alternating projections (works unbalanced)."""
    unit_counts = np.bincount(unit, minlength=n_units)
    period_counts = np.bincount(period, minlength=n_periods)
    residual = values.astype(float).copy()
    scale = max(float(np.abs(residual).max()), 1.0)
    for _sweep in range(10_000):
        residual -= (np.bincount(unit, weights=residual, minlength=n_units) / unit_counts)[unit]
        period_means = np.bincount(period, weights=residual, minlength=n_periods) / period_counts
        residual -= period_means[period]
        if np.abs(period_means).max() < 1e-12 * scale:
            break
    return residual


def estimate_twfe(
    *,
    outcome: Sequence[float] | np.ndarray,
    treated: Sequence[bool] | np.ndarray,
    unit: Sequence[int] | np.ndarray,
    period: Sequence[int] | np.ndarray,
    confidence: float = CONFIDENCE,
) -> TwfeEstimate:
    """Two-way fixed-effects estimate of the effect of `treated` on `outcome`, clustered by unit.

    One observation per (unit, period); `unit` and `period` are any integer labels. Returns
    `enough_data=False` with a reason (in Vietnamese) instead of a number when there are fewer
    than 4 units or 3 periods, no treated or no untreated observations, or the treatment does
    not vary once unit and period effects are taken out (e.g. every ward switched on together).
    """
    y = np.asarray(outcome, dtype=float)
    d = np.asarray(treated, dtype=float)
    _unit_labels, u = np.unique(np.asarray(unit), return_inverse=True)
    _period_labels, t = np.unique(np.asarray(period), return_inverse=True)
    n_units, n_periods, n = len(_unit_labels), len(_period_labels), len(y)
    treated_count = int(d.sum())

    def refuse(reason: str) -> TwfeEstimate:
        return TwfeEstimate(None, None, None, None, None, n_units, n_periods, n, treated_count, False, reason)

    if n_units < MIN_WARDS:
        return refuse(f"Cần ít nhất {MIN_WARDS} xã/phường có số liệu, mới có {n_units}.")
    if n_periods < MIN_MONTHS:
        return refuse(f"Cần số liệu tăng trưởng của ít nhất {MIN_MONTHS} tháng, mới có {n_periods}.")
    if treated_count == 0:
        return refuse("Không có xã/phường và tháng nào có kênh này.")
    if treated_count == n:
        return refuse("Kênh có mặt ở mọi xã/phường trong mọi tháng: không có gì để so sánh.")

    y_tilde = _demean_two_way(y, u, t, n_units, n_periods)
    d_tilde = _demean_two_way(d, u, t, n_units, n_periods)
    sxx = float(d_tilde @ d_tilde)
    if sxx < 1e-9 * n:
        return refuse(
            "Kênh bật và tắt cùng lúc ở mọi nơi (hoặc không đổi ở từng xã/phường), "
            "nên không tách được tác động của kênh khỏi biến động chung."
        )
    beta = float(d_tilde @ y_tilde) / sxx
    residual = y_tilde - beta * d_tilde
    scores = np.bincount(u, weights=d_tilde * residual, minlength=n_units)
    # CR1: unit effects are nested in the clusters, so only the slope and the period effects count.
    parameters = 1 + (n_periods - 1)
    if n - parameters <= 0:
        return refuse("Quá ít quan sát so với số tháng.")
    correction = (n_units / (n_units - 1)) * ((n - 1) / (n - parameters))
    variance = correction * float(scores @ scores) / (sxx * sxx)
    std_error = math.sqrt(variance)
    df = n_units - 1
    critical = t_quantile(0.5 + confidence / 2.0, df)
    p_value = 2.0 * (1.0 - t_cdf(abs(beta) / std_error, df)) if std_error > 0 else 0.0
    return TwfeEstimate(
        estimate=beta,
        std_error=std_error,
        ci_low=beta - critical * std_error,
        ci_high=beta + critical * std_error,
        p_value=p_value,
        units=n_units,
        periods=n_periods,
        observations=n,
        treated_observations=treated_count,
        enough_data=True,
    )
