"""`manage.py rollout_power`: the issue's example prints `power: 0.786` last; bad arguments are Vietnamese
CommandErrors. No database."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

EXAMPLE = ["--clusters-per-step", "6,6,6,6", "--n", "120", "--mu0", "0.05", "--mu1", "0.035", "--tau", "0.01"]


def run(*args: str) -> list[str]:
    out = StringIO()
    call_command("rollout_power", *args, stdout=out)
    return out.getvalue().splitlines()


def test_the_documented_example_prints_its_power_last():
    lines = run(*EXAMPLE)
    assert lines[-1] == "power: 0.786"
    text = "\n".join(lines)
    assert "số xã mỗi đợt: 6, 6, 6, 6 (tổng 24 xã)" in text
    assert "μ0 = 0,05; μ1 = 0,035" in text
    assert "hiệu quả tức thời và không đổi" in text
    assert "mẫu cắt ngang độc lập" in text
    assert "p̄ = (μ0 + μ1)/2" in text
    assert "τ = độ lệch chuẩn giữa các xã" in text
    assert "hai phía, α = 0,05" in text
    # 80 % power needs a fall a little larger than the example's 0.015.
    assert "với độ mạnh 80 %: giảm 0,01525 (μ1 = 0,03475)" in text
    assert "phương pháp của Loa (Callaway–Sant'Anna, so với xã chưa bắt đầu): 0,483" in lines[-2]


def test_a_continuous_outcome_needs_sigma_and_uses_it():
    lines = run(
        "--clusters-per-step",
        "3,3,3",
        "--n",
        "50",
        "--mu0",
        "10",
        "--mu1",
        "11",
        "--tau",
        "1",
        "--distn",
        "gaussian",
        "--sigma",
        "4",
    )
    assert "Độ lệch chuẩn cá nhân σ = 4" in "\n".join(lines)
    assert lines[-1].startswith("power: 0.")
    with pytest.raises(CommandError, match="cần độ lệch chuẩn cá nhân σ"):
        run(
            "--clusters-per-step",
            "3,3,3",
            "--n",
            "50",
            "--mu0",
            "10",
            "--mu1",
            "11",
            "--tau",
            "1",
            "--distn",
            "gaussian",
        )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"--clusters-per-step": "6,,6"}, "cách nhau bằng dấu phẩy"),
        ({"--clusters-per-step": "6,0"}, "ít nhất một xã"),
        ({"--clusters-per-step": "6"}, "Cần ít nhất hai đợt"),
        ({"--n": "abc"}, "--n phải là một số nguyên dương"),
        ({"--n": "0"}, "Số người mỗi xã mỗi kỳ"),
        ({"--mu0": "nhiều"}, "--mu0 phải là một số"),
        ({"--mu1": "1.5"}, "μ0 và μ1 phải nằm trong khoảng"),
        ({"--tau": "-1"}, "τ"),
        ({"--alpha": "2"}, "Mức ý nghĩa α"),
        ({"--distn": "poisson"}, "--distn phải là"),
    ],
)
def test_bad_arguments_are_vietnamese_command_errors(change, message):
    args = dict(zip(EXAMPLE[::2], EXAMPLE[1::2], strict=True)) | change
    with pytest.raises(CommandError, match=message):
        run(*[item for pair in args.items() for item in pair])


def test_tau_and_sigma_can_come_from_a_history_file_as_in_the_planner(tmp_path):
    """--history estimates τ and σ with insights.rollout.history.history_variance, the planner's function."""
    from insights.rollout.history import history_variance
    from insights.rollout.power import stepped_wedge_power
    from tests.insights.rollout.test_history import _history

    panel = _history(3)  # 60 wards × 12 months, planted τ = 3, σ = 2
    path = tmp_path / "lich-su.csv"
    panel.to_csv(path, index=False)
    lines = run("--clusters-per-step", "3,3,3,3", "--n", "1", "--mu0", "10", "--mu1", "12", "--history", str(path))
    text = "\n".join(lines)
    assert "τ và σ ước lượng từ số liệu lịch sử: 60 xã × 12 kỳ" in text
    estimated = history_variance(panel)
    assert abs(estimated.tau - 3.0) < 0.8 and abs(estimated.sigma - 2.0) < 0.2
    expected = stepped_wedge_power(
        [3, 3, 3, 3], n=1, mu0=10, mu1=12, tau=estimated.tau, distn="gaussian", sigma=estimated.sigma
    )
    assert lines[-1] == f"power: {expected:.3f}"

    with pytest.raises(CommandError, match="không tìm thấy tệp"):
        run("--clusters-per-step", "3,3", "--n", "1", "--mu0", "1", "--mu1", "2", "--history", str(tmp_path / "x"))
    with pytest.raises(CommandError, match="không ghi thêm --tau"):
        run(*EXAMPLE, "--history", str(path))
    with pytest.raises(CommandError, match="Cần --tau"):
        run("--clusters-per-step", "3,3", "--n", "1", "--mu0", "1", "--mu1", "2")
    short = tmp_path / "ngan.csv"
    panel[panel["period"] == 1].to_csv(short, index=False)
    with pytest.raises(CommandError, match="--history: Số liệu lịch sử chưa đủ"):
        run("--clusters-per-step", "3,3", "--n", "1", "--mu0", "1", "--mu1", "2", "--history", str(short))
