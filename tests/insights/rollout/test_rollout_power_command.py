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
