"""Power of a stepped-wedge roll-out (Hussey & Hughes 2007), as the R package swCRTdesign computes it.

Public API (stable; the planner UI builds on it):

- `design_matrix(clusters_per_step) -> np.ndarray` — the schedule as waves × periods (0 = not yet, 1 = on):
  one baseline period before the first step, then wave k switches on at period k (0-based) and stays on.
  For `[6, 6, 6, 6]`: 4 waves × 5 periods, the upper-right staircase of ones. `cluster_matrix` repeats each
  wave's row once per cluster (clusters × periods), as swCRTdesign's `swDsn(c(6,6,6,6))$swDsn`.
- `effect_variance(clusters_per_step, *, n, mu0, mu1, tau, distn="binomial", sigma=None) -> float` — the
  variance of the GLS (weighted least squares) estimate of the effect θ = μ1 − μ0.
- `stepped_wedge_power(clusters_per_step, *, n, mu0, mu1, tau, distn="binomial", sigma=None, alpha=0.05)
  -> float` — two-sided power, Φ(|θ|/SE − z) + Φ(−|θ|/SE − z) with z = z_{1−α/2}.
  `swPwr(swDsn(c(6,6,6,6)), distn="binomial", n=120, mu0=0.05, mu1=0.035, tau=0.01, eta=0, rho=0, gamma=0,
  alpha=0.05)` (swCRTdesign's documented Example 1) = 0.7861896; so is `stepped_wedge_power([6, 6, 6, 6],
  n=120, mu0=0.05, mu1=0.035, tau=0.01)`.
- `minimum_detectable_effect(clusters_per_step, *, n, mu0, tau, distn="binomial", sigma=None, alpha=0.05,
  power=0.8, direction=1) -> float` — the smallest |θ| detected with the given power. Direction: the effect
  is searched as μ1 = μ0 + direction·δ, δ > 0; `direction=+1` (default) is an increase (the campaign's aim).
  The result is δ, a positive magnitude in the outcome's unit. For a binomial outcome the variance depends on
  μ1 (through p̄), so an increase and a decrease of the same size need not have the same power.
- `analysis_variance(...)` / `analysis_power(clusters_per_step, *, n, mu0, mu1, tau, distn="binomial",
  sigma=None, alpha=0.05) -> float` — the same model, but the variance and power of the analysis Loa actually
  runs on the roll-out (`insights.rollout.analysis`: Callaway–Sant'Anna's simple ATT with not-yet-treated
  wards, a linear estimator w'Y; its variance is w'Σw under the model above, with the known variance, as
  Hussey–Hughes' figure). It is lower than Hussey–Hughes' power: the estimator compares each wave with the
  period just before it and with the wards not yet reached, never the last wave after it starts, and it
  ignores τ (ward levels cancel in its differences) where GLS uses between-ward information. On
  tests/bench/rollout_bench.py's design, 0.65 against 0.87 (the simulated analysis, with Student's t and an
  estimated standard error: 61.5 % of intervals exclude 0). For it, the MDE is
  `minimum_detectable_effect(..., method="callaway_santanna")`.
- `PowerInputError(ValueError)` — raised on bad input, with a Vietnamese message fit to show a user.

The model (swCRTdesign's with eta = rho = gamma = 0): the mean of cluster i in period j is
Y_ij = μ0 + β_j + θ·X_ij + a_i + e_ij with a_i ~ N(0, τ²) (τ: the between-cluster SD, a ward's persistent
difference) and e_ij ~ N(0, σ²/n) (independent cross-sections of n people per cluster-period; each period's
sample is new). Binomial: σ² = p̄(1 − p̄) with p̄ = (μ0 + μ1)/2. Gaussian: σ is the individual SD.
Period effects β_j are fixed (a secular trend is absorbed); the effect is immediate and constant.
The GLS variance is computed with numpy linear algebra (no closed form needed, so unequal wave sizes work);
with equal waves it equals Hussey & Hughes' closed form.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

import numpy as np
from scipy import optimize, stats

from insights.rollout.att import cs_simple_att

DISTRIBUTIONS = ("binomial", "gaussian")


class PowerInputError(ValueError):
    """Bad input for a power calculation; the message is Vietnamese and safe to show."""


def _steps(clusters_per_step: Sequence[int]) -> list[int]:
    try:
        steps = [int(c) for c in clusters_per_step]
    except (TypeError, ValueError) as error:
        raise PowerInputError("Số xã mỗi đợt phải là các số nguyên dương.") from error
    if any(float(c) != int(c) for c in clusters_per_step):
        raise PowerInputError("Số xã mỗi đợt phải là các số nguyên dương.")
    if not steps:
        raise PowerInputError("Cần ít nhất một đợt triển khai.")
    if any(c < 1 for c in steps):
        raise PowerInputError("Mỗi đợt phải có ít nhất một xã.")
    return steps


def design_matrix(clusters_per_step: Sequence[int]) -> np.ndarray:
    """Waves × periods (0/1): a baseline period, then wave k (0-based) is on from period k + 1 onwards."""
    waves = len(_steps(clusters_per_step))
    periods = np.arange(waves + 1)
    return (periods[None, :] > np.arange(waves)[:, None]).astype(int)


def cluster_matrix(clusters_per_step: Sequence[int]) -> np.ndarray:
    """Clusters × periods (0/1): each wave's row repeated once per cluster of the wave."""
    steps = _steps(clusters_per_step)
    return np.repeat(design_matrix(steps), steps, axis=0)


def _individual_variance(distn: str, mu0: float, mu1: float, sigma: float | None) -> float:
    if distn not in DISTRIBUTIONS:
        raise PowerInputError("Phân phối phải là “binomial” (tỷ lệ) hoặc “gaussian” (biến liên tục).")
    if distn == "binomial":
        if not (0 < mu0 < 1 and 0 < mu1 < 1):
            raise PowerInputError("Với tỷ lệ (binomial), μ0 và μ1 phải nằm trong khoảng (0; 1).")
        p_bar = (mu0 + mu1) / 2.0
        return p_bar * (1.0 - p_bar)
    if sigma is None or not math.isfinite(sigma) or sigma <= 0:
        raise PowerInputError("Với biến liên tục (gaussian), cần độ lệch chuẩn cá nhân σ > 0.")
    return float(sigma) ** 2


def _check_common(n: int, tau: float, alpha: float) -> None:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise PowerInputError("Số người mỗi xã mỗi kỳ (n) phải là số nguyên dương.")
    if not math.isfinite(tau) or tau < 0:
        raise PowerInputError("Độ lệch chuẩn giữa các xã (τ) phải là số không âm.")
    if not (0 < alpha < 1):
        raise PowerInputError("Mức ý nghĩa α phải nằm trong khoảng (0; 1).")


def _gls_variance(clusters: np.ndarray, cell_variance: float, tau: float) -> float:
    """Var(θ̂) of GLS with fixed period effects, a random cluster intercept (τ²) and cell variance σ²/n."""
    periods = clusters.shape[1]
    covariance = cell_variance * np.eye(periods) + tau**2 * np.ones((periods, periods))
    inverse = np.linalg.inv(covariance)
    information = np.zeros((periods + 1, periods + 1))
    for row in np.unique(clusters, axis=0):
        count = int((clusters == row).all(axis=1).sum())
        x = np.column_stack([np.eye(periods), row])  # period effects (incl. the intercept) and the treatment
        information += count * (x.T @ inverse @ x)
    if np.linalg.matrix_rank(information) < periods + 1:
        # One wave only: every ward switches on in the same period, so the effect is the period's change.
        raise PowerInputError(
            "Cần ít nhất hai đợt: khi mọi xã bắt đầu cùng lúc, không tách được hiệu quả khỏi biến động theo thời gian."
        )
    return float(np.linalg.inv(information)[-1, -1])


def effect_variance(
    clusters_per_step: Sequence[int],
    *,
    n: int,
    mu0: float,
    mu1: float,
    tau: float,
    distn: str = "binomial",
    sigma: float | None = None,
) -> float:
    """Variance of the GLS estimate of θ = μ1 − μ0 for this design (see the module docstring)."""
    _check_common(n, tau, 0.05)
    variance = _individual_variance(distn, mu0, mu1, sigma)
    return _gls_variance(cluster_matrix(clusters_per_step), variance / n, tau)


def _power_from(theta: float, variance: float, alpha: float) -> float:
    z = stats.norm.ppf(1.0 - alpha / 2.0)
    ratio = abs(theta) / math.sqrt(variance)
    return float(stats.norm.cdf(ratio - z) + stats.norm.cdf(-ratio - z))


def stepped_wedge_power(
    clusters_per_step: Sequence[int],
    *,
    n: int,
    mu0: float,
    mu1: float,
    tau: float,
    distn: str = "binomial",
    sigma: float | None = None,
    alpha: float = 0.05,
) -> float:
    """Two-sided power to detect θ = μ1 − μ0 (Hussey & Hughes 2007; swCRTdesign's `swPwr`, eta=rho=gamma=0)."""
    _check_common(n, tau, alpha)
    variance = effect_variance(clusters_per_step, n=n, mu0=mu0, mu1=mu1, tau=tau, distn=distn, sigma=sigma)
    return _power_from(mu1 - mu0, variance, alpha)


def minimum_detectable_effect(
    clusters_per_step: Sequence[int],
    *,
    n: int,
    mu0: float,
    tau: float,
    distn: str = "binomial",
    sigma: float | None = None,
    alpha: float = 0.05,
    power: float = 0.8,
    direction: int = 1,
    method: str = "hussey_hughes",
) -> float:
    """Smallest δ > 0 such that μ1 = μ0 + direction·δ is detected with `power` (root found by scipy's brentq).

    `method`: "hussey_hughes" (GLS, `stepped_wedge_power`) or "callaway_santanna" (`analysis_power`).

    Raises `PowerInputError` if no effect within the outcome's range reaches that power (binomial: μ1 must
    stay inside (0; 1)).
    """
    _check_common(n, tau, alpha)
    if not (alpha < power < 1):
        raise PowerInputError("Độ mạnh mong muốn phải lớn hơn α và nhỏ hơn 1.")
    if direction not in (1, -1):
        raise PowerInputError("Hướng của hiệu quả phải là +1 (tăng) hoặc −1 (giảm).")
    if method not in METHODS:
        raise PowerInputError("Phương pháp phải là “hussey_hughes” hoặc “callaway_santanna”.")
    steps = _steps(clusters_per_step)
    _individual_variance(distn, mu0, mu0, sigma)  # validates distn, mu0 and sigma
    power_of = METHODS[method]

    def gap(delta: float) -> float:
        mu1 = mu0 + direction * delta
        return power_of(steps, n=n, mu0=mu0, mu1=mu1, tau=tau, distn=distn, sigma=sigma, alpha=alpha) - power

    if distn == "binomial":
        upper = (1.0 - mu0 if direction > 0 else mu0) * (1.0 - 1e-9)
    else:
        # Power rises with δ; double until it passes the target.
        upper = math.sqrt(_individual_variance(distn, mu0, mu0, sigma) / n)
        while gap(upper) < 0:
            upper *= 2.0
    if gap(upper) < 0:
        raise PowerInputError(
            "Thiết kế này quá nhỏ: không mức thay đổi nào trong phạm vi của tỷ lệ đạt được độ mạnh mong muốn."
        )
    lower = upper * 1e-9
    if gap(lower) >= 0:  # pragma: no cover - power at a vanishing effect is about α < power
        return lower
    return float(optimize.brentq(gap, lower, upper, xtol=1e-12, rtol=1e-10))


@functools.lru_cache(maxsize=64)
def _analysis_weights(steps: tuple[int, ...]) -> np.ndarray:
    """w (clusters × periods) with Callaway–Sant'Anna's simple ATT = Σ w·Y (it is linear in the outcome)."""
    clusters = cluster_matrix(steps)
    n_clusters, periods = clusters.shape
    first = np.where(clusters.any(axis=1), clusters.argmax(axis=1) + 1, 0)  # periods are labelled 1…T
    labels = list(range(1, periods + 1))
    weights = np.zeros((n_clusters, periods))
    for i in range(n_clusters):
        for j in range(periods):
            basis = np.zeros((n_clusters, periods))
            basis[i, j] = 1.0
            weights[i, j] = cs_simple_att(basis, first, labels)[0]
    return weights


def analysis_variance(
    clusters_per_step: Sequence[int],
    *,
    n: int,
    mu0: float,
    mu1: float,
    tau: float,
    distn: str = "binomial",
    sigma: float | None = None,
) -> float:
    """Variance of Callaway–Sant'Anna's simple ATT (not-yet-treated) for this design under Hussey–Hughes' model."""
    _check_common(n, tau, 0.05)
    cell = _individual_variance(distn, mu0, mu1, sigma) / n
    steps = tuple(_steps(clusters_per_step))
    if len(steps) < 2:
        raise PowerInputError(
            "Cần ít nhất hai đợt: khi mọi xã bắt đầu cùng lúc, không tách được hiệu quả khỏi biến động theo thời gian."
        )
    weights = _analysis_weights(steps)
    periods = weights.shape[1]
    covariance = cell * np.eye(periods) + tau**2 * np.ones((periods, periods))
    return float(np.einsum("ij,jk,ik->", weights, covariance, weights))


def analysis_power(
    clusters_per_step: Sequence[int],
    *,
    n: int,
    mu0: float,
    mu1: float,
    tau: float,
    distn: str = "binomial",
    sigma: float | None = None,
    alpha: float = 0.05,
) -> float:
    """Two-sided power of Loa's own analysis (Callaway–Sant'Anna simple ATT, not-yet-treated) for θ = μ1 − μ0."""
    _check_common(n, tau, alpha)
    variance = analysis_variance(clusters_per_step, n=n, mu0=mu0, mu1=mu1, tau=tau, distn=distn, sigma=sigma)
    return _power_from(mu1 - mu0, variance, alpha)


METHODS = {"hussey_hughes": stepped_wedge_power, "callaway_santanna": analysis_power}
