"""Words that match the evidence: each channel's (or bundle's) verdict, reason and evidence level, as data.

Verdicts: `positive` / `negative` (the 95 % interval excludes 0, the pre-trend test does not reject, and
the interval still excludes 0 once every ward's own linear trend is taken out), `none` (otherwise, with
the reason), `cannot_separate` (co-deployed with another channel: see the bundle's entry),
`not_enough_data` (the design cannot identify an effect: no figure is given).

Observational estimates are "gắn với" (associated with) the channel; only a randomised roll-out earns
causal words. `reason_code` is stable, for code; `reason` is the Vietnamese sentence for people.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

POSITIVE = "positive"
NEGATIVE = "negative"
NONE = "none"
CANNOT_SEPARATE = "cannot_separate"
NOT_ENOUGH_DATA = "not_enough_data"
VERDICTS = (POSITIVE, NEGATIVE, NONE, CANNOT_SEPARATE, NOT_ENOUGH_DATA)

OBSERVATIONAL = "observational"
RANDOMISED = "randomised"
EVIDENCE_WORDS = {OBSERVATIONAL: "gắn với", RANDOMISED: "do kênh gây ra"}

PRETREND_ALPHA = 0.05


@dataclass
class ChannelEffect:
    """One channel's or bundle's estimated effect and what may be said of it.

    `estimate` is the overall simple ATT of the heterogeneity-robust estimator (Callaway–Sant'Anna for
    channels that stay on once up, DID_M for channels that go off); `ci_low`/`ci_high` its 95 % interval
    (Student's t, units − 1 degrees of freedom). All three are None when no figure may be shown.
    """

    channel: str
    members: list[str]
    method: str | None
    estimate: float | None
    ci_low: float | None
    ci_high: float | None
    verdict: str
    reason: str
    reason_code: str
    evidence_level: str = OBSERVATIONAL
    std_error: float | None = None
    switched_on_units: int = 0
    comparison_units: int = 0
    pretrend_p_value: float | None = None
    trend_adjusted_estimate: float | None = None
    trend_adjusted_ci_low: float | None = None
    trend_adjusted_ci_high: float | None = None
    twfe_estimate: float | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def evidence(self) -> str:
        """The words the figure may be given with: "gắn với" unless the roll-out was randomised."""
        return EVIDENCE_WORDS[self.evidence_level]

    @property
    def is_bundle(self) -> bool:
        return len(self.members) > 1

    def as_json(self) -> dict:
        """The command's RESULT.json entry: the stable keys first, then the details."""
        data = asdict(self)
        ordered = {key: data.pop(key) for key in ("channel", "method", "estimate", "ci_low", "ci_high", "verdict")}
        ordered["reason"] = data.pop("reason")
        ordered["evidence"] = self.evidence
        ordered.update(data)
        return ordered


# --- reasons ------------------------------------------------------------------------------------


def _percent(share: float) -> str:
    return f"{share * 100:.0f}"


def reason_never_exposed() -> tuple[str, str]:
    return "never_exposed", "Kênh không có mặt ở xã/phường nào trong kỳ số liệu: chưa đủ dữ liệu."


def reason_always_exposed() -> tuple[str, str]:
    return (
        "no_before_period",
        "Kênh có mặt từ đầu kỳ số liệu ở mọi nơi có kênh, không có tháng nào trước khi có kênh để so sánh: "
        "chưa đủ dữ liệu.",
    )


def reason_all_at_once(switched_on: int) -> tuple[str, str]:
    return (
        "all_switched_on_together",
        f"Cả {switched_on} xã/phường có kênh cùng một lúc và không còn nơi nào chưa có kênh để so sánh: "
        "không tách được tác động của kênh khỏi biến động chung của tháng đó.",
    )


def reason_too_few_switched_on(count: int, minimum: int) -> tuple[str, str]:
    return (
        "too_few_switched_on",
        f"Chỉ {count} xã/phường bắt đầu có kênh trong kỳ số liệu (cần ít nhất {minimum}): chưa đủ dữ liệu.",
    )


def reason_too_few_comparison(count: int, minimum: int) -> tuple[str, str]:
    return (
        "too_few_comparison",
        f"Chỉ có {count} xã/phường để so sánh (chưa có kênh hoặc không đổi trạng thái; cần ít nhất {minimum}): "
        "chưa đủ dữ liệu.",
    )


def reason_constant_outcome() -> tuple[str, str]:
    return (
        "constant_outcome",
        "Kết quả của từng xã/phường không thay đổi qua các tháng: không có gì để ước lượng.",
    )


def reason_estimator_failed(detail: str) -> tuple[str, str]:
    return (
        "estimator_failed",
        f"Phương pháp ước lượng không tính được con số đáng tin cho kênh này với số liệu hiện có ({detail}).",
    )


def reason_bundled(bundle: str, partners: str, share: float) -> tuple[str, str]:
    return (
        "co_deployed",
        f"Kênh này được triển khai cùng lúc, cùng nơi với {partners} ({_percent(share)} % số xã-tháng có kênh "
        f"trùng nhau), nên không tách được tác động riêng của từng kênh: chỉ báo cáo chung “{bundle}”.",
    )


def reason_bundle(members: list[str], share: float) -> str:
    return (
        f"Các kênh {', '.join(members)} luôn đi cùng nhau ({_percent(share)} % số xã-tháng trùng nhau): "
        "con số là của cả nhóm, không của riêng kênh nào."
    )


def reason_interval_includes_zero() -> tuple[str, str]:
    return (
        "interval_includes_zero",
        "Khoảng tin cậy 95 % chứa 0: chưa thấy thay đổi rõ ràng gắn với kênh (cũng không chứng minh kênh vô ích).",
    )


def reason_pretrend(p_value: float) -> tuple[str, str]:
    return (
        "pretrend_differs",
        f"Trước khi có kênh, kết quả ở nơi có kênh đã đi khác nơi so sánh (kiểm định xu hướng trước: p = "
        f"{p_value:.3f}), nên không kết luận được về kênh.",
    )


def reason_trend_sensitivity() -> tuple[str, str]:
    return (
        "prior_trend",
        "Khi tính thêm xu hướng riêng của từng xã/phường, khoảng tin cậy chứa 0: chênh lệch có thể do xu hướng "
        "có từ trước (kênh được đặt trước ở nơi đang tăng sẵn), không phải do kênh.",
    )


def reason_trend_unchecked(detail: str) -> tuple[str, str]:
    return (
        "prior_trend_unchecked",
        "Không kiểm tra được xu hướng có từ trước của từng xã/phường (cần thêm tháng trước khi có kênh), nên "
        f"chưa kết luận ({detail}).",
    )


def reason_effect(verdict: str, evidence_level: str) -> tuple[str, str]:
    direction = "tăng" if verdict == POSITIVE else "giảm"
    if evidence_level == RANDOMISED:
        claim = f"Kênh làm kết quả {direction} (triển khai ngẫu nhiên, nên có thể nói là do kênh gây ra)."
    else:
        claim = (
            f"Kết quả {direction} gắn với kênh: khoảng tin cậy 95 % không chứa 0, xu hướng trước khi có kênh không "
            "khác nơi so sánh và kết quả vẫn giữ khi tính xu hướng riêng của từng xã/phường. Đây là số liệu quan "
            "sát, không phải thí nghiệm, nên chưa chứng minh kênh gây ra thay đổi."
        )
    return ("effect_" + verdict, claim)
