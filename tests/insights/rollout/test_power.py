"""Power of a stepped-wedge roll-out: swCRTdesign's documented example, and a seeded simulation for a
continuous outcome (no database)."""

import numpy as np
import pytest

from insights.rollout.att import cs_simple_att
from insights.rollout.power import (
    PowerInputError,
    analysis_power,
    analysis_variance,
    cluster_matrix,
    design_matrix,
    effect_variance,
    minimum_detectable_effect,
    stepped_wedge_power,
)


def test_power_matches_swcrtdesign_documented_example_1():
    # swCRTdesign, man/swPwr.Rd, "Example 1 (Random Intercepts Only, standard Stepped Wedge (SW) design)":
    #   swPwr(swDsn(c(6,6,6,6)), distn="binomial", n=120, mu0=0.05, mu1=0.035, tau=0.01, eta=0, rho=0,
    #         gamma=0, alpha=0.05, retDATA=FALSE)
    # i.e. 4 waves of 6 clusters, 5 periods (one baseline), 120 people per cluster-period, a proportion falling
    # from 5 % to 3.5 %, between-cluster SD 0.01, no random treatment or time effects, two-sided α = 0.05;
    # R gives 0.7861896.
    power = stepped_wedge_power([6, 6, 6, 6], n=120, mu0=0.05, mu1=0.035, tau=0.01, distn="binomial", alpha=0.05)
    assert power == pytest.approx(0.7861896, abs=1e-6)


def test_gls_variance_equals_hussey_hughes_closed_form():
    x = cluster_matrix([6, 6, 6, 6])
    clusters, periods = x.shape
    p_bar = (0.05 + 0.035) / 2
    s2, t2 = p_bar * (1 - p_bar) / 120, 0.01**2
    u, w, v = x.sum(), (x.sum(axis=0) ** 2).sum(), (x.sum(axis=1) ** 2).sum()
    closed = (
        clusters
        * s2
        * (s2 + periods * t2)
        / ((clusters * u - w) * s2 + (u**2 + clusters * periods * u - periods * w - clusters * v) * t2)
    )
    assert effect_variance([6, 6, 6, 6], n=120, mu0=0.05, mu1=0.035, tau=0.01) == pytest.approx(closed, rel=1e-12)


def test_design_matrix_is_a_staircase_after_one_baseline_period():
    assert design_matrix([2, 3, 1]).tolist() == [[0, 1, 1, 1], [0, 0, 1, 1], [0, 0, 0, 1]]
    assert cluster_matrix([2, 1]).tolist() == [[0, 1, 1], [0, 1, 1], [0, 0, 1]]


def test_minimum_detectable_effect_has_the_requested_power():
    for direction in (1, -1):
        delta = minimum_detectable_effect([6, 6, 6, 6], n=120, mu0=0.05, tau=0.01, direction=direction)
        assert delta > 0
        mu1 = 0.05 + direction * delta
        assert stepped_wedge_power([6, 6, 6, 6], n=120, mu0=0.05, mu1=mu1, tau=0.01) == pytest.approx(0.8, abs=1e-8)
    # The documented example has 78.6 % power for a fall of 0.015, so 80 % needs a slightly larger fall.
    assert 0.015 < minimum_detectable_effect([6, 6, 6, 6], n=120, mu0=0.05, tau=0.01, direction=-1) < 0.016
    gaussian = minimum_detectable_effect([3, 3, 3], n=50, mu0=10, tau=1.0, distn="gaussian", sigma=4.0)
    assert stepped_wedge_power([3, 3, 3], n=50, mu0=10, mu1=10 + gaussian, tau=1.0, distn="gaussian", sigma=4.0) == (
        pytest.approx(0.8, abs=1e-8)
    )


def test_more_wards_or_people_give_more_power():
    base = stepped_wedge_power([3, 3, 3], n=100, mu0=0.2, mu1=0.25, tau=0.03)
    assert stepped_wedge_power([6, 6, 6], n=100, mu0=0.2, mu1=0.25, tau=0.03) > base
    assert stepped_wedge_power([3, 3, 3], n=400, mu0=0.2, mu1=0.25, tau=0.03) > base
    assert stepped_wedge_power([3, 3, 3], n=100, mu0=0.2, mu1=0.2, tau=0.03) == pytest.approx(0.05)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"clusters_per_step": []},
        {"clusters_per_step": [3, 0]},
        {"clusters_per_step": [3, 2.5]},
        {"n": 0},
        {"mu0": 1.2},
        {"tau": -0.1},
        {"alpha": 1.5},
        {"distn": "poisson"},
        {"distn": "gaussian", "sigma": None},
        {"clusters_per_step": [6]},
    ],
)
def test_bad_input_is_refused_in_vietnamese(kwargs):
    args = {"clusters_per_step": [3, 3], "n": 50, "mu0": 0.1, "mu1": 0.15, "tau": 0.02} | kwargs
    with pytest.raises(PowerInputError) as error:
        stepped_wedge_power(args.pop("clusters_per_step"), **args)
    assert any(ch in str(error.value) for ch in "ảạấầẩẫậắằẳẵặẻẽếềểễệỉịỏọốồổỗộớờởỡợủụứừửữựỳỵỷỹđ")


def test_a_design_too_small_for_any_proportion_is_refused():
    with pytest.raises(PowerInputError):
        minimum_detectable_effect([1, 1], n=1, mu0=0.5, tau=0.5, power=0.99)


# --- continuous outcome: seeded simulation ---------------------------------------------------------------------


def _feasible_gls_rejections(x, *, n, mu1, sigma, tau, sims, seed):
    """Simulate n individuals per cluster-period (normal, SD sigma; cluster intercepts SD tau; a secular trend),
    analyse each trial by feasible GLS (σ² from the individuals, τ² by moments) and a two-sided z-test."""
    rng = np.random.default_rng(seed)
    clusters, periods = x.shape
    trend = np.linspace(0.0, 1.0, periods)
    period_dummies = np.tile(np.eye(periods), (clusters, 1))
    design = np.column_stack([period_dummies, x.reshape(-1)])
    rejections = 0
    for _ in range(sims):
        people = rng.normal(0.0, sigma, size=(clusters, periods, n))
        intercepts = rng.normal(0.0, tau, size=(clusters, 1))
        cells = people.mean(axis=2) + intercepts + trend + mu1 * x
        s = people.var(axis=2, ddof=1).mean() / n  # variance of a cell mean
        pooled, *_ = np.linalg.lstsq(design, cells.reshape(-1), rcond=None)
        residual = (cells.reshape(-1) - design @ pooled).reshape(clusters, periods).mean(axis=1)
        tau2 = max(residual.var(ddof=1) - s / periods, 0.0)
        lam = 1.0 - np.sqrt(s / (s + periods * tau2))
        y = cells - lam * cells.mean(axis=1, keepdims=True)
        z = design.reshape(clusters, periods, -1)
        z = (z - lam * z.mean(axis=1, keepdims=True)).reshape(clusters * periods, -1)
        coef, *_ = np.linalg.lstsq(z, y.reshape(-1), rcond=None)
        variance = s * np.linalg.inv(z.T @ z)[-1, -1]
        rejections += abs(coef[-1]) / np.sqrt(variance) > 1.959963984540054
    return rejections / sims


@pytest.mark.stats
def test_gaussian_power_matches_a_seeded_simulation():
    steps, n, sigma, tau, effect = [6, 6, 6, 6], 20, 2.0, 0.3, 0.3
    expected = stepped_wedge_power(steps, n=n, mu0=0.0, mu1=effect, tau=tau, distn="gaussian", sigma=sigma)
    assert 0.5 < expected < 0.9
    empirical = _feasible_gls_rejections(
        cluster_matrix(steps), n=n, mu1=effect, sigma=sigma, tau=tau, sims=2000, seed=20261203
    )
    assert abs(empirical - expected) <= 0.03, (empirical, expected)
    null = _feasible_gls_rejections(cluster_matrix(steps), n=n, mu1=0.0, sigma=sigma, tau=tau, sims=2000, seed=7)
    assert abs(null - 0.05) <= 0.015, null


# --- the power of Loa's own analysis (Callaway–Sant'Anna, not-yet-treated) --------------------------------------


def test_analysis_power_is_below_hussey_hughes_and_ward_levels_cancel():
    kwargs = {"n": 1, "mu0": 0.0, "mu1": 2.0, "distn": "gaussian", "sigma": 2.0}
    ours = analysis_power([6, 6, 6, 6], tau=3.0, **kwargs)
    assert ours < stepped_wedge_power([6, 6, 6, 6], tau=3.0, **kwargs)
    assert analysis_variance([6, 6, 6, 6], tau=0.0, **kwargs) == pytest.approx(
        analysis_variance([6, 6, 6, 6], tau=3.0, **kwargs)
    )
    delta = minimum_detectable_effect([6, 6, 6, 6], n=120, mu0=0.05, tau=0.01, direction=-1, method="callaway_santanna")
    assert delta > minimum_detectable_effect([6, 6, 6, 6], n=120, mu0=0.05, tau=0.01, direction=-1)
    assert analysis_power([6, 6, 6, 6], n=120, mu0=0.05, mu1=0.05 - delta, tau=0.01) == pytest.approx(0.8, abs=1e-8)
    with pytest.raises(PowerInputError):
        minimum_detectable_effect([6, 6], n=120, mu0=0.05, tau=0.01, method="anova")


@pytest.mark.stats
def test_analysis_power_matches_a_seeded_simulation_of_the_estimator():
    steps, sigma, tau, effect, sims = [3, 4, 3], 1.0, 1.0, 1.5, 2000
    x = cluster_matrix(steps)
    clusters, periods = x.shape
    first = np.where(x.any(axis=1), x.argmax(axis=1) + 1, 0)
    labels = list(range(1, periods + 1))
    rng = np.random.default_rng(20261203)
    estimates = np.empty(sims)
    for sim in range(sims):
        cells = (
            rng.normal(0.0, tau, size=(clusters, 1))
            + np.cumsum(rng.normal(0.5, 1.0, size=periods))  # a secular trend with common shocks
            + effect * x
            + rng.normal(0.0, sigma, size=(clusters, periods))
        )
        estimates[sim] = cs_simple_att(cells, first, labels)[0]
    kwargs = {"n": 1, "mu0": 0.0, "mu1": effect, "tau": tau, "distn": "gaussian", "sigma": sigma}
    variance = analysis_variance(steps, **kwargs)
    assert estimates.mean() == pytest.approx(effect, abs=4 * np.sqrt(variance / sims))
    assert estimates.var(ddof=1) == pytest.approx(variance, rel=0.08)
    empirical = np.mean(np.abs(estimates) / np.sqrt(variance) > 1.959963984540054)
    expected = analysis_power(steps, **kwargs)
    assert 0.3 < expected < 0.9
    assert abs(empirical - expected) <= 0.03, (empirical, expected)
