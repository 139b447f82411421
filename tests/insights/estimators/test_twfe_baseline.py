"""The old two-way fixed-effects estimator, kept as the baseline benchmarks print beside the new one."""

import numpy as np
import pytest

from insights.estimators.twfe import estimate_twfe, t_quantile


def synthetic_panel(seed: int, *, effect: float, wards: int = 30, months: int = 12):
    """Ward and month effects, staggered adoption in half the wards, serially correlated noise."""
    rng = np.random.default_rng(seed)
    ward_effect = rng.normal(0, 3, wards)
    month_effect = rng.normal(0, 2, months)
    adopts_at = np.full(wards, months + 1)
    adopters = rng.choice(wards, wards // 2, replace=False)
    adopts_at[adopters] = rng.integers(2, months - 1, len(adopters))
    outcome, treated, unit, period = [], [], [], []
    for w in range(wards):
        noise = 0.0
        for m in range(months):
            noise = 0.5 * noise + rng.normal(0, 1)
            on = m >= adopts_at[w]
            outcome.append(ward_effect[w] + month_effect[m] + effect * on + noise)
            treated.append(on)
            unit.append(w)
            period.append(m)
    return {"outcome": outcome, "treated": treated, "unit": unit, "period": period}


def test_the_point_estimate_equals_least_squares_with_dummies_on_an_unbalanced_panel():
    data = synthetic_panel(3, effect=2.0, wards=8, months=6)
    keep = np.random.default_rng(3).random(len(data["outcome"])) > 0.15
    data = {key: np.asarray(values)[keep] for key, values in data.items()}
    result = estimate_twfe(**data)
    units, periods = np.unique(data["unit"]), np.unique(data["period"])
    design = np.column_stack(
        [data["treated"].astype(float)]
        + [(data["unit"] == u).astype(float) for u in units]
        + [(data["period"] == p).astype(float) for p in periods[1:]]
    )
    coefficients, *_ = np.linalg.lstsq(design, data["outcome"], rcond=None)
    assert result.estimate == pytest.approx(coefficients[0], abs=1e-8)


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ("three wards", "ít nhất 4 xã/phường"),
        ("two months", "ít nhất 3 tháng"),
        ("never", "Không có xã/phường và tháng nào có kênh này"),
        ("always", "mọi xã/phường trong mọi tháng"),
        ("all at once", "bật và tắt cùng lúc"),
        ("fixed per ward", "bật và tắt cùng lúc"),
    ],
)
def test_not_enough_data_gives_a_reason_and_no_number(case, reason):
    data = synthetic_panel(5, effect=1.0, wards=10, months=6)
    unit, period = np.asarray(data["unit"]), np.asarray(data["period"])
    treated = np.asarray(data["treated"])
    keep = np.ones(len(unit), dtype=bool)
    if case == "three wards":
        keep = unit < 3
    elif case == "two months":
        keep = period < 2
    elif case == "never":
        treated = np.zeros_like(treated)
    elif case == "always":
        treated = np.ones_like(treated)
    elif case == "all at once":
        treated = period >= 3
    elif case == "fixed per ward":
        treated = unit < 5
    result = estimate_twfe(
        outcome=np.asarray(data["outcome"])[keep], treated=treated[keep], unit=unit[keep], period=period[keep]
    )
    assert not result.enough_data
    assert result.estimate is None and result.ci_low is None
    assert reason in result.reason


def test_t_quantiles_match_the_tables():
    assert t_quantile(0.975, 1) == pytest.approx(12.706, abs=1e-3)
    assert t_quantile(0.975, 9) == pytest.approx(2.262, abs=1e-3)
    assert t_quantile(0.975, 29) == pytest.approx(2.045, abs=1e-3)
