"""`python manage.py rollout_power`: the power of a stepped-wedge roll-out, the same code as the planner's.

    python manage.py rollout_power --clusters-per-step 6,6,6,6 --n 120 --mu0 0.05 --mu1 0.035 --tau 0.01

or, with τ and σ estimated from a metric's history (a CSV with columns unit, period, outcome: one row per ward
and month; the same `insights.rollout.history.history_variance` the planner uses on the official figures),

    python manage.py rollout_power --clusters-per-step 3,3,3,3 --n 1 --mu0 10 --mu1 15 --history lich-su.csv

prints the inputs, Hussey–Hughes' assumptions, the minimum detectable effect at 80 % power (in the direction
of μ1 − μ0), the power of Loa's own analysis (`analysis_power`, lower) and, as its last line,
`power: 0.786` (Hussey–Hughes' power, three decimals, a decimal point, for scripts).
"""

from __future__ import annotations

import math

import pandas as pd
from django.core.management.base import BaseCommand, CommandError

from core.numbers import vn_number
from insights.rollout.history import HistoryVariance, history_variance
from insights.rollout.power import (
    DISTRIBUTIONS,
    PowerInputError,
    analysis_power,
    minimum_detectable_effect,
    stepped_wedge_power,
)

TARGET_POWER = 0.8


def _float(value: str, name: str) -> float:
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        raise CommandError(f"{name} phải là một số (ví dụ 0.05), không phải “{value}”.") from None
    if not math.isfinite(number):
        raise CommandError(f"{name} phải là một số hữu hạn.")
    return number


def _int(value: str, name: str) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        raise CommandError(f"{name} phải là một số nguyên dương, không phải “{value}”.") from None


def _steps(value: str) -> list[int]:
    parts = [part.strip() for part in str(value).split(",")]
    if not parts or any(not part for part in parts):
        raise CommandError("--clusters-per-step: ghi số xã của từng đợt, cách nhau bằng dấu phẩy, ví dụ 6,6,6,6.")
    steps = [_int(part, "--clusters-per-step: số xã mỗi đợt") for part in parts]
    if any(step < 1 for step in steps):
        raise CommandError("--clusters-per-step: mỗi đợt phải có ít nhất một xã.")
    return steps


def _decimal(value: float) -> str:
    """Vietnamese decimals with enough significant digits for small proportions (0,035 → "0,035")."""
    decimals = max(2, min(8, 3 - math.floor(math.log10(abs(value))))) if value else 2
    text = vn_number(value, decimals=decimals)
    return text.rstrip("0").rstrip(",") if "," in text else text


def _history(path: str) -> HistoryVariance:
    """τ and σ from a CSV of past figures, by the planner's own `history_variance`."""
    try:
        panel = pd.read_csv(path)
    except FileNotFoundError:
        raise CommandError(f"--history: không tìm thấy tệp “{path}”.") from None
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError):
        raise CommandError(f"--history: không đọc được “{path}” như một tệp CSV (UTF-8, dấu phẩy).") from None
    try:
        return history_variance(panel)
    except PowerInputError as error:
        raise CommandError(f"--history: {error}") from None


class Command(BaseCommand):
    help = (
        "Tính độ mạnh (power) của một kế hoạch triển khai theo đợt (stepped-wedge, Hussey & Hughes 2007) và mức "
        "thay đổi nhỏ nhất phát hiện được với độ mạnh 80 %. Dòng cuối: “power: 0.786”."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--clusters-per-step",
            required=True,
            help="Số xã bắt đầu ở mỗi đợt, cách nhau bằng dấu phẩy (ví dụ 6,6,6,6); trước đợt đầu có một kỳ nền.",
        )
        parser.add_argument("--n", required=True, help="Số người được đo ở mỗi xã trong mỗi kỳ.")
        parser.add_argument("--mu0", required=True, help="Giá trị trung bình khi chưa có kênh (tỷ lệ: 0–1).")
        parser.add_argument("--mu1", required=True, help="Giá trị trung bình khi đã có kênh.")
        parser.add_argument("--tau", default=None, help="Độ lệch chuẩn giữa các xã (τ).")
        parser.add_argument(
            "--history",
            default=None,
            help=(
                "Tệp CSV số liệu lịch sử (cột unit, period, outcome; mỗi dòng một xã một kỳ): ước lượng τ và σ từ "
                "đó như trình lập kế hoạch, thay cho --tau và --sigma (kết quả liên tục, gaussian)."
            ),
        )
        parser.add_argument(
            "--distn", default="binomial", help="binomial (tỷ lệ, mặc định) hoặc gaussian (biến liên tục)."
        )
        parser.add_argument("--sigma", default=None, help="Độ lệch chuẩn cá nhân σ (bắt buộc với gaussian).")
        parser.add_argument("--alpha", default="0.05", help="Mức ý nghĩa hai phía (mặc định 0.05).")

    def handle(self, *args, **options) -> None:
        steps = _steps(options["clusters_per_step"])
        n = _int(options["n"], "--n")
        mu0 = _float(options["mu0"], "--mu0")
        mu1 = _float(options["mu1"], "--mu1")
        alpha = _float(options["alpha"], "--alpha")
        distn = str(options["distn"]).strip().lower()
        if distn not in DISTRIBUTIONS:
            raise CommandError(f"--distn phải là “binomial” hoặc “gaussian”, không phải “{options['distn']}”.")
        history = None
        if options["history"]:
            if options["tau"] not in (None, "") or options["sigma"] not in (None, ""):
                raise CommandError("--history ước lượng τ và σ từ số liệu: không ghi thêm --tau hay --sigma.")
            history = _history(options["history"])
            tau, sigma, distn = history.tau, history.sigma, "gaussian"
        elif options["tau"] in (None, ""):
            raise CommandError("Cần --tau (độ lệch chuẩn giữa các xã) hoặc --history (tệp số liệu lịch sử).")
        else:
            tau = _float(options["tau"], "--tau")
            sigma = None if options["sigma"] in (None, "") else _float(options["sigma"], "--sigma")
        if distn == "binomial" and sigma is not None:
            raise CommandError("--sigma chỉ dùng với --distn gaussian; với tỷ lệ, σ² = p̄(1 − p̄).")

        direction = -1 if mu1 < mu0 else 1
        try:
            power = stepped_wedge_power(steps, n=n, mu0=mu0, mu1=mu1, tau=tau, distn=distn, sigma=sigma, alpha=alpha)
            own = analysis_power(steps, n=n, mu0=mu0, mu1=mu1, tau=tau, distn=distn, sigma=sigma, alpha=alpha)
            try:
                detectable = minimum_detectable_effect(
                    steps, n=n, mu0=mu0, tau=tau, distn=distn, sigma=sigma, alpha=alpha, direction=direction
                )
            except PowerInputError as error:
                detectable_line = f"Mức thay đổi nhỏ nhất phát hiện được với độ mạnh 80 %: không có ({error})"
            else:
                word = "giảm" if direction < 0 else "tăng"
                detectable_line = (
                    f"Mức thay đổi nhỏ nhất phát hiện được với độ mạnh 80 %: {word} {_decimal(detectable)} "
                    f"(μ1 = {_decimal(mu0 + direction * detectable)})"
                )
        except PowerInputError as error:
            raise CommandError(str(error)) from None

        clusters = sum(steps)
        write = self.stdout.write
        write("Thiết kế triển khai theo đợt (stepped-wedge)")
        write(
            f"  Số đợt: {len(steps)}; số xã mỗi đợt: {', '.join(str(step) for step in steps)} "
            f"(tổng {clusters} xã); số kỳ: {len(steps) + 1} (một kỳ nền trước đợt đầu)"
        )
        write(f"  Số người mỗi xã mỗi kỳ (n): {n}")
        kind = "tỷ lệ (binomial)" if distn == "binomial" else "biến liên tục (gaussian)"
        write(f"  Loại kết quả: {kind}")
        write(f"  μ0 = {_decimal(mu0)}; μ1 = {_decimal(mu1)}; hiệu quả θ = μ1 − μ0 = {_decimal(mu1 - mu0)}")
        if history is not None:
            dropped = f", bỏ {history.dropped_wards} xã thiếu kỳ" if history.dropped_wards else ""
            write(
                f"  τ và σ ước lượng từ số liệu lịch sử: {history.wards} xã × {history.periods} kỳ{dropped} "
                "(phân tích phương sai hai chiều: xã và kỳ)"
            )
        write(f"  Độ lệch chuẩn giữa các xã τ = {_decimal(tau)}")
        if distn == "gaussian":
            write(f"  Độ lệch chuẩn cá nhân σ = {_decimal(sigma)}")
        write("Giả định (Hussey & Hughes 2007):")
        write("  – hiệu quả tức thời và không đổi: kênh có tác dụng ngay từ kỳ bắt đầu và giữ nguyên về sau;")
        write("  – mẫu cắt ngang độc lập: mỗi kỳ đo một nhóm người mới ở mỗi xã;")
        if distn == "binomial":
            write("  – phương sai dùng p̄ = (μ0 + μ1)/2: σ² = p̄(1 − p̄), chia cho n ở mỗi xã mỗi kỳ;")
        else:
            write("  – phương sai của trung bình mỗi xã mỗi kỳ là σ²/n;")
        write(
            "  – τ = độ lệch chuẩn giữa các xã (khác biệt bền vững giữa các xã); biến động chung theo kỳ được trừ ra;"
        )
        write(f"  – kiểm định hai phía, α = {_decimal(alpha)}.")
        write(detectable_line)
        write(
            f"Độ mạnh khi phân tích bằng phương pháp của Loa (Callaway–Sant'Anna, so với xã chưa bắt đầu): "
            f"{vn_number(own, decimals=3)} — thấp hơn con số Hussey–Hughes ở dòng cuối, vì phương pháp này chỉ "
            "so sánh mỗi đợt với kỳ ngay trước nó và với các xã chưa bắt đầu."
        )
        write(f"power: {power:.3f}")
