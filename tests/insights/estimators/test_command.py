"""`manage.py estimate_effects` with bad input: a whole-panel fault exits 2 and writes no JSON; a channel the
panel cannot identify exits 0 with `not_enough_data`, a reason and no figure."""

import json

import numpy as np
import pandas as pd
import pytest
from django.core.management import call_command

from tests.insights.estimators.simulate import simulate


def run(tmp_path, panel: pd.DataFrame | str, *args: str) -> tuple[int, list | None, str]:
    """Run the command; return the exit code, the parsed RESULT.json (None if none was written), stderr."""
    source = tmp_path / "panel.csv"
    if isinstance(panel, str):
        source.write_text(panel, encoding="utf-8")
    else:
        panel.to_csv(source, index=False)
    out = tmp_path / "result.json"
    errors = tmp_path / "stderr.txt"
    with errors.open("w", encoding="utf-8") as stderr:
        try:
            call_command("estimate_effects", "--panel", str(source), "--out", str(out), *args, stderr=stderr)
            code = 0
        except SystemExit as exit_:
            code = exit_.code
    result = json.loads(out.read_text(encoding="utf-8")) if out.exists() else None
    return code, result, errors.read_text(encoding="utf-8")


def staggered_panel(units: int = 20, months: int = 8, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for unit in range(units):
        start = rng.integers(3, months + 1) if unit < units * 0.6 else months + 1
        for month in range(1, months + 1):
            on = int(month >= start)
            rows.append((f"x{unit}", f"2025-{month:02d}", rng.normal() + 2.0 * on, on))
    return pd.DataFrame(rows, columns=["unit", "month", "outcome", "pa-no"])


def assert_refused(code, result, stderr, *words):
    assert code == 2
    assert result is None
    assert "Lỗi bảng số liệu" in stderr
    for word in words:
        assert word in stderr


def test_a_good_panel_gives_an_estimate(tmp_path):
    code, result, _stderr = run(tmp_path, staggered_panel())
    assert code == 0
    (entry,) = result
    assert entry["channel"] == "pa-no"
    assert entry["estimate"] is not None and entry["ci_low"] < entry["estimate"] < entry["ci_high"]
    assert entry["verdict"] in {"positive", "none"}
    assert entry["reason"]


def test_one_ward(tmp_path):
    panel = staggered_panel()
    assert_refused(*run(tmp_path, panel[panel["unit"] == "x0"]), "ít nhất 2", "At least 2 units")


def test_one_month(tmp_path):
    panel = staggered_panel()
    assert_refused(*run(tmp_path, panel[panel["month"] == "2025-01"]), "ít nhất 3", "At least 3 periods")


def test_all_wards_switched_on_at_once_is_not_enough_data(tmp_path):
    panel = staggered_panel()
    panel["pa-no"] = (panel["month"] >= "2025-04").astype(int)
    code, result, _stderr = run(tmp_path, panel)
    assert code == 0
    (entry,) = result
    assert entry["verdict"] == "not_enough_data"
    assert entry["reason_code"] == "all_switched_on_together"
    assert "cùng một lúc" in entry["reason"]
    assert entry["estimate"] is None and entry["ci_low"] is None and entry["ci_high"] is None


def test_a_constant_outcome_is_not_enough_data(tmp_path):
    panel = staggered_panel()
    panel["outcome"] = 7.0
    code, result, _stderr = run(tmp_path, panel)
    assert code == 0
    (entry,) = result
    assert entry["verdict"] == "not_enough_data"
    assert entry["reason_code"] == "constant_outcome"
    assert entry["estimate"] is None


def test_a_channel_never_up_and_one_always_up_are_not_enough_data(tmp_path):
    panel = staggered_panel()
    panel["loa"] = 0
    panel["tv"] = 1
    code, result, _stderr = run(tmp_path, panel)
    assert code == 0
    verdicts = {entry["channel"]: (entry["verdict"], entry["reason_code"]) for entry in result}
    assert verdicts["loa"] == ("not_enough_data", "never_exposed")
    assert verdicts["tv"] == ("not_enough_data", "no_before_period")


@pytest.mark.parametrize("blank", ["", "NaN", "nan"])
def test_blank_or_nan_cells(tmp_path, blank):
    panel = staggered_panel().astype({"outcome": object})
    panel.loc[5, "outcome"] = blank
    assert_refused(*run(tmp_path, panel), "ô trống hoặc NaN", "7/outcome")


def test_a_channel_column_that_is_not_0_or_1(tmp_path):
    panel = staggered_panel()
    panel.loc[3, "pa-no"] = 2
    assert_refused(*run(tmp_path, panel), "“pa-no”", "only 0 or 1", "line 5")


def test_a_missing_column(tmp_path):
    assert_refused(*run(tmp_path, staggered_panel().drop(columns=["outcome"])), "outcome")


def test_no_channel_column(tmp_path):
    assert_refused(*run(tmp_path, staggered_panel().drop(columns=["pa-no"])), "no channel column")


def test_a_bad_month(tmp_path):
    panel = staggered_panel()
    panel.loc[0, "month"] = "01/2025"
    assert_refused(*run(tmp_path, panel), "YYYY-MM")


def test_a_file_that_is_not_a_csv(tmp_path):
    (tmp_path / "panel.bin").write_bytes(b"\xff\xfe\x00\x00garbage\x00")
    out = tmp_path / "result.json"
    with pytest.raises(SystemExit) as exit_:
        call_command("estimate_effects", "--panel", str(tmp_path / "panel.bin"), "--out", str(out))
    assert exit_.value.code == 2
    assert not out.exists()


def test_a_missing_file(tmp_path):
    out = tmp_path / "result.json"
    with pytest.raises(SystemExit) as exit_:
        call_command("estimate_effects", "--panel", str(tmp_path / "absent.csv"), "--out", str(out))
    assert exit_.value.code == 2
    assert not out.exists()


def test_a_50_mb_csv(tmp_path):
    source = tmp_path / "panel.csv"
    line = b"x1,2025-01,1.0,0\n"
    with source.open("wb") as handle:
        handle.write(b"unit,month,outcome,pa-no\n")
        handle.write(line * (50 * 1024 * 1024 // len(line) + 1))
    assert source.stat().st_size > 50 * 1024 * 1024
    out = tmp_path / "result.json"
    errors = tmp_path / "stderr.txt"
    with errors.open("w", encoding="utf-8") as stderr, pytest.raises(SystemExit) as exit_:
        call_command("estimate_effects", "--panel", str(source), "--out", str(out), stderr=stderr)
    assert exit_.value.code == 2
    assert not out.exists()
    assert "20 MB" in errors.read_text(encoding="utf-8")


def test_negative_growth_is_warned_about(tmp_path):
    panel = staggered_panel()
    panel.loc[panel.index[:3], "outcome"] = -5.0
    code, result, stderr = run(tmp_path, panel, "--outcome-kind", "growth")
    assert code == 0
    assert "tăng trưởng âm" in stderr
    assert any("tăng trưởng âm" in warning for warning in result[0]["warnings"])
    code, result, stderr = run(tmp_path, panel, "--outcome-kind", "level")
    assert "tăng trưởng âm" not in stderr
    assert result[0]["warnings"] == []


def test_a_unit_missing_months_is_left_out_and_said_so(tmp_path):
    panel = staggered_panel()
    panel = panel[~((panel["unit"] == "x3") & (panel["month"] == "2025-02"))]
    code, _result, stderr = run(tmp_path, panel)
    assert code == 0
    assert "thiếu số liệu một số tháng" in stderr and "x3" in stderr


def test_co_deployed_channels_are_reported_as_a_bundle(tmp_path):
    panel = simulate("co_deployed", 0).frame
    code, result, _stderr = run(tmp_path, panel)
    assert code == 0
    by_channel = {entry["channel"]: entry for entry in result}
    assert by_channel["pa-no"]["verdict"] == by_channel["loa"]["verdict"] == "cannot_separate"
    assert by_channel["pa-no"]["estimate"] is None
    assert "pa-no+loa" in by_channel["loa"]["reason"]
    bundle = by_channel["pa-no+loa"]
    assert bundle["members"] == ["pa-no", "loa"]
    assert bundle["estimate"] is not None
    assert "luôn đi cùng nhau" in bundle["reason"]
