"""Callaway & Sant'Anna's simple ATT (not-yet-treated comparison, varying base period, no covariates) in numpy.

`cs_simple_att(outcome, first, periods) -> np.ndarray` — for one outcome matrix (wards × periods) and many
assignments at once (`first`: draws × wards of first treated periods, 0 = never within the panel). ATT(g, t)
for t ≥ g is cohort g's mean change from period g − 1 to t minus that of the wards not yet treated at t (and
not in g); the simple ATT averages the identified cells weighted by cohort size. It equals
`insights.estimators.did.callaway_santanna(..., control_group="not_yet_treated").simple.estimate` (diff-diff;
tested to 1e-10) and is linear in the outcome, which `insights.rollout.power.analysis_variance` uses.
Kept apart from `analysis` so that the power module does not import diff-diff.
"""

from __future__ import annotations

import numpy as np


def cs_simple_att(outcome: np.ndarray, first: np.ndarray, periods: list) -> np.ndarray:
    """Callaway–Sant'Anna's simple ATT (not-yet-treated comparison, varying base) for many assignments at once.

    `outcome`: wards × periods; `first`: draws × wards (or one row) of first treated periods, 0 = never (within
    the panel); `periods`: the column labels of `outcome`, sorted. Returns one estimate per draw (NaN if no
    cell is identified). Matches `did.callaway_santanna(...).simple.estimate` (tested).
    """
    first = np.atleast_2d(np.asarray(first))
    draws = first.shape[0]
    numerator = np.zeros(draws)
    denominator = np.zeros(draws)
    index = {value: position for position, value in enumerate(periods)}
    for g in sorted({int(value) for value in np.unique(first) if value > 0}):
        base = index.get(g, 0) - 1
        if base < 0:
            continue  # switched on in the first period: no before, left out as by the estimator
        cohort = first == g
        size = cohort.sum(axis=1)
        for position in range(base + 1, len(periods)):
            t = periods[position]
            control = ((first == 0) | (first > t)) & ~cohort
            count = control.sum(axis=1)
            usable = (size > 0) & (count > 0)
            change = outcome[:, position] - outcome[:, base]
            with np.errstate(invalid="ignore", divide="ignore"):
                att = (cohort @ change) / size - (control @ change) / count
            numerator += np.where(usable, size * att, 0.0)
            denominator += np.where(usable, size, 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, numerator / denominator, np.nan)
