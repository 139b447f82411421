"""The published table: Callaway & Sant'Anna's minimum-wage example (`mpdta`), as R's `did` README prints it.

The data come from the file moderndid 0.2.0 ships (never `diff_diff.load_mpdta()`, which offline silently
returns synthetic data). Never-treated controls, no covariates, outcome regression, varying base period.

Standard errors: the README prints bootstrap standard errors (a random draw: two versions of the README
differ by up to 10 % in a cell), so the analytic ones are compared with it only where the bootstrap and the
analytic figures agree to within 5 % in R's own output, i.e. the event study and its overall figure. The
group-time and group standard errors are compared with moderndid's analytic ones, a second, independent
implementation (they agree with R's analytic `did` output by moderndid's own tests), to within 1 %.
"""

import json

import moderndid
import numpy as np
import pandas as pd
import pytest
from django.core.management import call_command

from insights.estimators.did import bacon_decomposition, callaway_santanna

README_GROUP_TIME = {
    (2004, 2004): -0.0105,
    (2004, 2005): -0.0704,
    (2004, 2006): -0.1373,
    (2004, 2007): -0.1008,
    (2006, 2004): 0.0065,
    (2006, 2005): -0.0028,
    (2006, 2006): -0.0046,
    (2006, 2007): -0.0412,
    (2007, 2004): 0.0305,
    (2007, 2005): -0.0027,
    (2007, 2006): -0.0311,
    (2007, 2007): -0.0261,
}
# aggte(type = "dynamic"): event time → (estimate, standard error); overall −0.0772 (0.0196).
README_DYNAMIC = {
    -3: (0.0305, 0.0153),
    -2: (-0.0006, 0.0136),
    -1: (-0.0245, 0.0138),
    0: (-0.0199, 0.0115),
    1: (-0.0510, 0.0174),
    2: (-0.1373, 0.0356),
    3: (-0.1008, 0.0354),
}
README_GROUPS = {2004: -0.0797, 2006: -0.0229, 2007: -0.0261}


@pytest.fixture(scope="module")
def mpdta() -> pd.DataFrame:
    data = moderndid.load_mpdta().to_pandas()
    assert len(data) == 2500 and data["countyreal"].nunique() == 500
    names = {"countyreal": "unit", "year": "period", "lemp": "outcome", "first.treat": "first_treat"}
    return data.rename(columns=names)


@pytest.fixture(scope="module")
def published(mpdta):
    return callaway_santanna(mpdta, control_group="never_treated")


@pytest.fixture(scope="module")
def independent():
    """moderndid's own Callaway–Sant'Anna, analytic standard errors."""
    data = moderndid.load_mpdta()
    kwargs = {"yname": "lemp", "tname": "year", "idname": "countyreal", "gname": "first.treat", "est_method": "reg"}
    result = moderndid.att_gt(data=data, boot=False, cband=False, **kwargs)
    cells = {
        (int(g), int(t)): (att, se)
        for g, t, att, se in zip(result.groups, result.times, result.att_gt, result.se_gt, strict=True)
    }
    groups = moderndid.aggte(result, type="group", boot=False, cband=False)
    return cells, dict(zip([int(g) for g in groups.event_times], groups.se_by_event, strict=True)), groups.overall_se


def test_group_time_effects_match_the_readme_to_three_decimals(published):
    assert set(published.group_time) == set(README_GROUP_TIME)
    for cell, value in README_GROUP_TIME.items():
        assert published.group_time[cell].estimate == pytest.approx(value, abs=5e-4), cell


def test_group_time_standard_errors_match_an_independent_implementation(published, independent):
    cells, _groups, _overall = independent
    for cell, (att, se) in cells.items():
        assert published.group_time[cell].estimate == pytest.approx(att, abs=1e-9)
        assert published.group_time[cell].std_error == pytest.approx(se, rel=0.01), cell


def test_aggregations_match_the_readme(published, independent):
    assert round(published.simple.estimate, 3) == -0.040
    assert round(published.group_overall, 3) == -0.031
    assert round(published.dynamic_overall.estimate, 3) == -0.077
    assert published.dynamic_overall.std_error == pytest.approx(0.0196, rel=0.05)
    for event_time, (value, std_error) in README_DYNAMIC.items():
        assert published.event_time[event_time].estimate == pytest.approx(value, abs=5e-4), event_time
        assert published.event_time[event_time].std_error == pytest.approx(std_error, rel=0.05), event_time
    _cells, group_se, _overall = independent
    for group, value in README_GROUPS.items():
        assert published.groups[group].estimate == pytest.approx(value, abs=5e-4)
        assert published.groups[group].std_error == pytest.approx(group_se[group], rel=0.01)


def test_the_old_twfe_figure_is_reproduced_by_the_bacon_diagnostic(mpdta):
    bacon = bacon_decomposition(mpdta)
    assert bacon.twfe_estimate == pytest.approx(-0.0365, abs=5e-5)
    # Most of the TWFE weight is on clean treated-versus-never comparisons, the rest on timing comparisons.
    assert sum(bacon.weights.values()) == pytest.approx(1.0)
    assert bacon.weights["treated_vs_never"] == pytest.approx(0.863, abs=1e-3)


def test_the_pretrend_test_uses_the_leads(published):
    assert published.pretrend is not None
    assert published.pretrend.df == 3
    assert 0.0 < published.pretrend.p_value < 1.0


def test_estimate_effects_on_mpdta_gives_the_simple_att(mpdta, tmp_path):
    panel = pd.DataFrame(
        {
            "unit": mpdta["unit"],
            "month": mpdta["period"].astype(str) + "-01",  # a yearly panel written YYYY-01
            "outcome": mpdta["outcome"],
            "min-wage": ((mpdta["first_treat"] > 0) & (mpdta["period"] >= mpdta["first_treat"])).astype(int),
        }
    )
    panel.to_csv(tmp_path / "mpdta.csv", index=False)
    call_command(
        "estimate_effects",
        "--panel",
        str(tmp_path / "mpdta.csv"),
        "--out",
        str(tmp_path / "result.json"),
        "--outcome-kind",
        "level",
    )
    result = json.loads((tmp_path / "result.json").read_text(encoding="utf-8"))
    assert [entry["channel"] for entry in result] == ["min-wage"]
    entry = result[0]
    assert round(entry["estimate"], 3) == -0.040
    assert entry["method"] == "callaway_santanna/never_treated"
    assert entry["ci_low"] < entry["estimate"] < entry["ci_high"] < 0
    assert entry["twfe_estimate"] == pytest.approx(-0.0365, abs=5e-5)
    assert entry["verdict"] in {"negative", "none"}
    assert entry["evidence"] == "gắn với"
    assert np.isfinite(entry["pretrend_p_value"])
