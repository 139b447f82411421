"""The variance components a power calculation needs, estimated from a metric's history (no database here).

Public API (stable):

    history_variance(panel, *, outcome="outcome", unit="unit", period="period") -> HistoryVariance

`panel` is a long DataFrame of past figures, one row per ward and period (e.g. the official monthly figures
before the roll-out). Under Hussey–Hughes' model with fixed period effects, y_it = μ + β_t + a_i + e_it,
the two-way ANOVA on the balanced part of the panel gives
- `sigma`: the SD of a ward-period figure around its ward's level and the period's common swing, from the
  residual mean square Σ(y_it − ȳ_i· − ȳ·t + ȳ··)² / ((N − 1)(T − 1)) (the month-to-month noise);
- `tau`: the between-ward SD, from the ward means: τ² = max(0, MS_wards/T − σ²/T) with
  MS_wards = T·Σ(ȳ_i· − ȳ··)²/(N − 1) (a persistent ward difference).
For a figure that is already a ward's rate, call the power functions with `distn="gaussian"`, `n=1`,
`sigma=sigma`, `tau=tau`. Month-to-month noise that is autocorrelated (a slow drift per ward) is not in the
model: the power is then optimistic for Hussey–Hughes' analysis.

Wards lacking some periods are left out (`dropped_wards`). Too little history raises
`insights.rollout.power.PowerInputError` with a Vietnamese message.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from insights.rollout.power import PowerInputError

MIN_WARDS = 2
MIN_PERIODS = 2


@dataclass(frozen=True)
class HistoryVariance:
    tau: float
    sigma: float
    wards: int
    periods: int
    dropped_wards: int = 0


def history_variance(
    panel: pd.DataFrame, *, outcome: str = "outcome", unit: str = "unit", period: str = "period"
) -> HistoryVariance:
    """Between-ward SD τ and ward-period SD σ of a metric's history (see the module docstring)."""
    missing = [column for column in (unit, period, outcome) if column not in panel.columns]
    if missing:
        raise PowerInputError(f"Số liệu lịch sử thiếu cột: {', '.join(missing)}.")
    frame = panel[[unit, period, outcome]].dropna()
    if frame.empty:
        raise PowerInputError("Chỉ số này chưa có số liệu lịch sử nên chưa tính được độ mạnh.")
    values = pd.to_numeric(frame[outcome], errors="coerce")
    if values.isna().any() or not np.isfinite(values).all():
        raise PowerInputError("Số liệu lịch sử có giá trị không phải số.")
    frame = frame.assign(**{outcome: values})
    wide = frame.pivot_table(index=unit, columns=period, values=outcome, aggfunc="mean")
    complete = wide.dropna()
    dropped = len(wide) - len(complete)
    wards, periods = complete.shape
    if wards < MIN_WARDS or periods < MIN_PERIODS:
        raise PowerInputError(
            f"Số liệu lịch sử chưa đủ: cần ít nhất {MIN_WARDS} xã/phường có đủ số liệu của ít nhất {MIN_PERIODS} kỳ "
            f"(hiện có {wards} xã/phường đủ {periods} kỳ)."
        )
    y = complete.to_numpy(dtype=float)
    ward_means = y.mean(axis=1, keepdims=True)
    period_means = y.mean(axis=0, keepdims=True)
    grand = y.mean()
    residual = y - ward_means - period_means + grand
    sigma2 = float((residual**2).sum() / ((wards - 1) * (periods - 1)))
    ms_wards = periods * float(((ward_means - grand) ** 2).sum()) / (wards - 1)
    tau2 = max(0.0, (ms_wards - sigma2) / periods)
    if sigma2 <= 0:
        raise PowerInputError("Số liệu lịch sử không biến động giữa các kỳ nên không ước lượng được nhiễu.")
    return HistoryVariance(
        tau=math.sqrt(tau2), sigma=math.sqrt(sigma2), wards=wards, periods=periods, dropped_wards=dropped
    )
