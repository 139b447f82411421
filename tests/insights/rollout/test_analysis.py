"""Analysis of a stepped-wedge roll-out by design (intention-to-treat, Callaway–Sant'Anna with not-yet-treated
wards, randomisation inference). No database."""

import numpy as np
import pandas as pd
import pytest

from insights.estimators import did
from insights.rollout.analysis import (
    CAUSAL,
    MIXED,
    NO_EVIDENCE,
    RolloutAnalysisError,
    analyse_rollout,
    cs_simple_att,
    describe,
)
from tests.insights.rollout.simulate import simulate_rollout

CAUSAL_WORDS = "Do thứ tự các xã được bốc thăm, có thể nói kênh này gây ra"


def _long(sim, first):
    frame = sim.panel.copy()
    frame["first_treat"] = frame["unit"].map(first)
    return frame


@pytest.mark.parametrize(
    "first",
    [
        None,  # the drawn plan
        {f"X{n:02d}": s for n, s in zip(range(24), [2] * 3 + [3] * 9 + [4] * 5 + [5] * 7, strict=True)},  # unequal
        {f"X{n:02d}": s for n, s in zip(range(24), [2] * 6 + [4] * 6 + [0] * 12, strict=True)},  # never (in panel)
    ],
    ids=["plan", "unequal-waves", "late-starters"],
)
def test_the_ri_statistic_is_callaway_santannas_simple_att(first):
    sim = simulate_rollout(3)
    first = first or sim.assignment
    frame = _long(sim, first)
    expected = did.callaway_santanna(frame, control_group="not_yet_treated", df=23, by_group=False).simple.estimate
    wide = sim.panel.pivot(index="unit", columns="period", values="outcome").sort_index()
    ours = cs_simple_att(wide.to_numpy(), np.array([first[ward] for ward in wide.index]), list(wide.columns))
    assert ours[0] == pytest.approx(expected, abs=1e-10)


def test_a_planted_effect_earns_causal_words_and_the_estimate_is_the_estimators():
    sim = simulate_rollout(11, effect=4.0)
    result = analyse_rollout(sim.panel, sim.assignment, strata=sim.strata, seed=5, draws=199, outcome_label="người")
    fitted = did.callaway_santanna(
        _long(sim, sim.assignment), control_group="not_yet_treated", df=23, by_group=False
    ).simple
    assert (result.estimate, result.ci_low, result.ci_high) == pytest.approx(
        (fitted.estimate, fitted.ci_low, fitted.ci_high)
    )
    assert result.ci_low > 0
    assert result.ri_p_value < 0.05
    assert result.ri_method == "draw_waves"
    assert result.verdict_code == CAUSAL
    assert result.headline.startswith(f"{CAUSAL_WORDS} mức tăng ")
    assert "người" in result.headline
    assert result.sentences[-1] == "Mọi xã/phường bắt đầu đúng đợt đã bốc thăm."
    assert (result.wards, result.waves, result.ri_draws) == (24, 4, 199)
    # Same seed, same p-value; the RI takes well under a second for 199 draws.
    assert analyse_rollout(sim.panel, sim.assignment, strata=sim.strata, seed=5, draws=199).ri_p_value == (
        result.ri_p_value
    )
    assert result.ri_seconds < 2


def test_no_effect_gets_no_causal_words():
    sim = simulate_rollout(4, effect=0.0)
    result = analyse_rollout(sim.panel, sim.assignment, strata=sim.strata, seed=1, draws=99)
    assert result.verdict_code != CAUSAL
    assert CAUSAL_WORDS not in " ".join(result.sentences)


def test_words_match_the_evidence():
    code, headline, _ = describe(1.5, 0.2, 2.8, 0.01, draws=500)
    assert code == CAUSAL and headline.startswith(f"{CAUSAL_WORDS} mức tăng 1,50")
    code, headline, _ = describe(-1.5, -2.8, -0.2, 0.01, draws=500)
    assert code == CAUSAL and "mức giảm 1,50" in headline
    for low, high, p in ((0.2, 2.8, 0.2), (-0.5, 2.8, 0.01)):
        code, headline, _ = describe(1.5, low, high, p, draws=500)
        assert code == MIXED and CAUSAL_WORDS not in headline and headline.startswith("Chưa đủ chắc chắn")
    code, headline, sentences = describe(0.3, -0.5, 1.1, 0.4, draws=500)
    assert code == NO_EVIDENCE and headline.startswith("Chưa thấy bằng chứng") and "chứa 0" in headline
    assert "không chứng minh kênh vô hiệu" in sentences[1]


def test_deviations_are_analysed_as_planned_and_counted():
    sim = simulate_rollout(8, effect=3.0, deviations=5)
    assert sum(sim.actual[ward] != sim.assignment[ward] for ward in sim.assignment) == 5
    result = analyse_rollout(sim.panel, sim.assignment, strata=sim.strata, seed=2, draws=99, deviating_wards=5)
    as_planned = did.callaway_santanna(_long(sim, sim.assignment), control_group="not_yet_treated", df=23).simple
    as_done = did.callaway_santanna(_long(sim, sim.actual), control_group="not_yet_treated", df=23).simple
    assert result.estimate == pytest.approx(as_planned.estimate)
    assert result.estimate != pytest.approx(as_done.estimate)
    assert result.deviating_wards == 5
    assert result.sentences[-1].startswith("5 xã/phường không bắt đầu đúng đợt đã bốc thăm")
    assert "theo ý định can thiệp" in result.sentences[-1]


def test_a_ward_without_all_periods_is_left_out_and_the_redraw_keeps_the_plans_waves():
    sim = simulate_rollout(9, effect=2.0)
    panel = sim.panel[~((sim.panel["unit"] == "X03") & (sim.panel["period"] == 4))]
    result = analyse_rollout(panel, sim.assignment, strata=sim.strata, seed=1, draws=99)
    assert result.wards == 23
    assert result.ri_method == "permute_within_strata"
    assert any("thiếu số liệu" in note for note in result.notes)
    assert 0 < result.ri_p_value <= 1


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda panel, plan: (panel, {}), "chưa có xã/phường nào"),
        (lambda panel, plan: (panel.drop(columns="outcome"), plan), "thiếu cột: outcome"),
        (lambda panel, plan: (panel, plan | {"X00": 1}), "không có kỳ nền"),
        (lambda panel, plan: (panel, dict.fromkeys(plan, 9)), "Chưa đợt nào bắt đầu"),
        (
            lambda panel, plan: (panel.assign(outcome=np.where(panel.index == 3, np.nan, panel.outcome)), plan),
            "ô kết quả trống",
        ),
        (lambda panel, plan: (pd.concat([panel, panel.head(1)]), plan), "lặp lại"),
    ],
)
def test_what_cannot_be_analysed_is_said_in_vietnamese(mutate, message):
    sim = simulate_rollout(1)
    panel, plan = mutate(sim.panel, sim.assignment)
    with pytest.raises(RolloutAnalysisError, match=message):
        analyse_rollout(panel, plan, draws=19)


def test_too_few_draws_and_missing_strata_are_refused():
    sim = simulate_rollout(1)
    with pytest.raises(RolloutAnalysisError, match="ít nhất 19 lần"):
        analyse_rollout(sim.panel, sim.assignment, draws=10)
    with pytest.raises(RolloutAnalysisError, match="Chưa xếp nhóm"):
        analyse_rollout(sim.panel, sim.assignment, strata={"X00": "a"}, draws=19)


# --- planted truths: 20 seeded roll-outs (tests/bench/rollout_bench.py runs 200) ---------------------------------

RUNS = 20


@pytest.mark.stats
def test_intervals_cover_a_planted_effect_and_ri_keeps_its_size_under_the_null():
    """Goals (issue 24): coverage ≥ 90 %, RI false positives ≈ 5 % (≤ 8 %). On 20 runs: ≥ 16 covered
    (P(≤ 15 | 0.9) = 4.3 %) and ≤ 3 false positives (P(≥ 4 | 0.05) = 1.6 %). Seeds are fixed."""
    covered = false_positives = 0
    for seed in range(RUNS):
        planted = simulate_rollout(seed, effect=2.0, deviations=0)
        result = analyse_rollout(planted.panel, planted.assignment, strata=planted.strata, seed=seed, draws=99)
        covered += result.ci_low <= 2.0 <= result.ci_high
        null = simulate_rollout(1000 + seed, effect=0.0)
        false_positives += (
            analyse_rollout(null.panel, null.assignment, strata=null.strata, seed=seed, draws=99).ri_p_value < 0.05
        )
    assert covered >= 16, covered
    assert false_positives <= 3, false_positives
