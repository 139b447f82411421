"""The estimator package's parts: panel checks, co-deployment, switchers, verdict data."""

import numpy as np
import pandas as pd
import pytest

from insights.estimators import PanelError, check_panel, estimate_channel_effects
from insights.estimators.design import bundles, describe_exposure, exposure_overlap
from insights.estimators.did import chaisemartin_dhaultfoeuille
from tests.insights.estimators.simulate import simulate


def test_panel_errors_say_what_is_wrong_in_vietnamese_and_english():
    frame = pd.DataFrame({"unit": ["a", "b"], "month": ["2025-01", "2025-01"], "outcome": [1, 2], "tv": [0, 1]})
    with pytest.raises(PanelError) as error:
        check_panel(frame)
    assert "ít nhất 3 kỳ" in error.value.vietnamese
    assert "At least 3 periods" in error.value.english
    frame = pd.DataFrame({"unit": ["a", "a"], "month": ["2025-01", "2025-01"], "outcome": [1, 2], "tv": [0, 1]})
    with pytest.raises(PanelError, match="two lines for the same month"):
        check_panel(frame)


def test_periods_are_the_months_present_so_a_yearly_panel_is_valid():
    frame = pd.DataFrame(
        {
            "unit": np.repeat(["a", "b"], 3),
            "month": ["2019-01", "2020-01", "2021-01"] * 2,
            "outcome": [1.0, 2.0, 3.0, 1.0, 1.5, 2.5],
            "tv": [0, 0, 1, 0, 0, 0],
        }
    )
    panel = check_panel(frame)
    assert panel.months == ["2019-01", "2020-01", "2021-01"]
    assert sorted(panel.data["period"].unique()) == [1, 2, 3]


def test_overlap_is_measured_on_switches_not_on_late_months_everyone_shares():
    panel = check_panel(simulate("growing_all", 0).frame)
    overlap = exposure_overlap(panel)
    assert overlap[("pa-no", "to-roi")] < 0.3  # both reach every ward, independently
    assert bundles(panel.channels, overlap) == [["pa-no"], ["to-roi"]]
    panel = check_panel(simulate("co_deployed", 0).frame)
    overlap = exposure_overlap(panel)
    assert overlap[("pa-no", "loa")] == pytest.approx(0.8)
    assert bundles(panel.channels, overlap) == [["pa-no", "loa"]]


def test_switchers_use_did_m_whose_point_estimate_is_diff_diffs():
    sim = simulate("switching", 3)
    panel = check_panel(sim.frame)
    design = describe_exposure(panel, ["loa"])
    assert not design.staggered
    result = chaisemartin_dhaultfoeuille(panel.outcome_matrix(), design.exposure, df=49)
    assert result.effect.estimate == pytest.approx(result.library_estimate, rel=1e-9)
    assert result.joiner_cells > 0 and result.leaver_cells > 0
    (effect,) = estimate_channel_effects(sim.frame)
    assert effect.method == "chaisemartin_dhaultfoeuille/did_m"
    assert effect.estimate == pytest.approx(result.effect.estimate)


def test_evidence_words_follow_the_design():
    frame = simulate("constant", 2).frame
    observational = {effect.channel: effect for effect in estimate_channel_effects(frame)}
    randomised = {effect.channel: effect for effect in estimate_channel_effects(frame, randomised=True)}
    assert observational["pa-no"].evidence == "gắn với"
    assert randomised["pa-no"].evidence == "do kênh gây ra"
    assert observational["pa-no"].verdict == randomised["pa-no"].verdict == "positive"
    assert "gắn với kênh" in observational["pa-no"].reason
    assert "gây ra" in randomised["pa-no"].reason


def test_a_significant_effect_that_vanishes_with_ward_trends_is_called_none():
    frame = simulate("trend_selected", 0).frame.copy()
    # Make the prior trend strong: the wards that get the channel were rising 0.5 a month faster before it.
    exposure = frame.pivot(index="unit", columns="month", values="pa-no")
    ever = exposure.max(axis=1)
    month_number = frame["month"].str[-2:].astype(int)
    frame["outcome"] = frame["outcome"] + 0.5 * month_number * frame["unit"].map(ever)
    (effect,) = estimate_channel_effects(frame)
    assert effect.ci_low > 0  # the naive interval says "positive"
    assert effect.verdict == "none"
    assert effect.reason_code in {"prior_trend", "pretrend_differs"}
    assert "xu hướng" in effect.reason


def test_json_keys_are_the_commands_interface():
    (effect, _null) = estimate_channel_effects(simulate("constant", 0).frame)
    data = effect.as_json()
    assert list(data)[:7] == ["channel", "method", "estimate", "ci_low", "ci_high", "verdict", "reason"]


def test_unknown_outcome_kind_is_refused():
    with pytest.raises(ValueError, match="outcome_kind"):
        estimate_channel_effects(simulate("constant", 0).frame, outcome_kind="share")
