"""The dashboard's tables of channel impact and broadcast lift, over the estimators of `insights.impact`
and `insights.broadcast`."""

import math

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.numbers import vn_percent
from insights.broadcast import MAX_FALSE_ALARM, Verdict, broadcast_lift
from insights.impact import cached_channel_effects
from insights.scope_figures import IMPACT_METRIC, scope_figures, shares
from insights.selectors import InsightFilter
from insights.tables import Column, Kind, Table
from places.models import AdministrativeUnit, UnitLevel

NOT_ENOUGH_DATA = _("chưa đủ dữ liệu")


def scope_units(*, f: InsightFilter) -> list[AdministrativeUnit]:
    """The units the estimators look under: the filter's, or every province for a country-wide view."""
    if f.units is not None:
        return list(f.units)
    return list(AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE))


IMPACT_COLUMNS = [
    Column("channel", _("Kênh")),
    Column("result", _("Kết luận")),
    Column("estimate", _("Ước tính (gắn với kênh)"), Kind.ESTIMATE),
    Column("ci_low", _("Khoảng tin cậy 95 %: từ"), Kind.ESTIMATE),
    Column("ci_high", _("đến"), Kind.ESTIMATE),
    Column("outcome", _("Đo bằng")),
    Column("switched_on", _("Số xã/phường bật kênh"), Kind.NUMBER),
    Column("comparison", _("Số xã/phường so sánh"), Kind.NUMBER),
    Column("method", _("Phương pháp")),
    Column("reason", _("Lý do")),
]

VERDICT_LABELS = {
    "positive": _("gắn với mức tăng cao hơn"),
    "negative": _("gắn với mức tăng thấp hơn"),
    "none": _("chưa thấy khác biệt rõ"),
    "cannot_separate": _("không tách được khỏi kênh triển khai cùng lúc"),
    "not_enough_data": NOT_ENOUGH_DATA,
}
RANDOMISED_LABELS = {
    "positive": _("làm tăng (triển khai ngẫu nhiên)"),
    "negative": _("làm giảm (triển khai ngẫu nhiên)"),
}
METHODS = {
    "callaway_santanna/never_treated": _("Callaway–Sant'Anna, so với xã/phường không bật kênh"),
    "callaway_santanna/not_yet_treated": _("Callaway–Sant'Anna, so với xã/phường chưa bật kênh"),
    "chaisemartin_dhaultfoeuille/did_m": _("de Chaisemartin–D'Haultfœuille (kênh bật rồi tắt)"),
}


def verdict_label(effect) -> str:
    if effect.evidence_level == "randomised" and effect.verdict in RANDOMISED_LABELS:
        return str(RANDOMISED_LABELS[effect.verdict])
    return str(VERDICT_LABELS.get(effect.verdict, effect.verdict))


def outcome_label(*, per_thousand: bool) -> str:
    if per_thousand:
        return str(_("mức tăng hằng tháng trên 1.000 dân"))
    return str(_("mức tăng hằng tháng (số tuyệt đối, vì chưa có dân số của mọi xã/phường)"))


def impact_notes(result) -> list[str]:
    """What the figures rest on, said beside the table."""
    notes = [
        str(
            _(
                "So sánh trên số liệu quan sát: một kênh “gắn với” một thay đổi, không chứng minh kênh gây ra thay "
                "đổi đó (trừ khi thứ tự triển khai được bốc thăm ngẫu nhiên). Kênh được tính là có mặt từ ngày treo, "
                "phát hoặc đăng, không tính theo lượt quét."
            )
        )
    ]
    if result.problem:
        notes.append(str(_("Chưa ước tính được: %(reason)s") % {"reason": result.problem}))
    if result.estimated_dates:
        notes.append(
            str(
                _("%(count)s điểm đặt chưa ghi ngày treo: tính từ ngày in hoặc ngày tạo (ước tính).")
                % {"count": result.estimated_dates}
            )
        )
    if result.undated_retired:
        notes.append(
            str(
                _("%(count)s điểm đặt đã thu hồi nhưng không ghi ngày kết thúc: không được tính.")
                % {"count": result.undated_retired}
            )
        )
    for effect in result.effects:
        for warning in effect.warnings:
            if warning not in notes:
                notes.append(warning)
    return notes


def impact_table(*, f: InsightFilter, metric_slug: str = IMPACT_METRIC) -> Table:
    """Each channel's (or bundle's) verdict on monthly adoption growth, its figure only where one may be shown.

    The estimate uses every month with official figures (not only the dashboard's period): growth needs a
    history, and the campaign filter does not apply (a ward's figures do not say which campaign moved them).
    """
    # On a cache miss the estimate takes the scope's figures from the dashboard's shared read (the figure
    # warnings read the same rows): the filter's units are the estimate's, every province when there are none.
    figures = (lambda: scope_figures(f)) if shares({metric_slug}) else None
    result = cached_channel_effects(units=scope_units(f=f), metric_slug=metric_slug, figures=figures)
    outcome = outcome_label(per_thousand=result.per_thousand)
    rows = []
    for effect in result.effects:
        rows.append(
            {
                "channel": result.name(effect.channel),
                "slug": effect.channel,
                "verdict": effect.verdict,
                "result": verdict_label(effect),
                "estimate": effect.estimate,
                "ci_low": effect.ci_low,
                "ci_high": effect.ci_high,
                "outcome": outcome,
                "switched_on": effect.switched_on_units,
                "comparison": effect.comparison_units,
                "method": str(METHODS.get(effect.method, effect.method or "")),
                "reason": effect.reason,
                "enough_data": effect.estimate is not None,
                "is_bundle": effect.is_bundle,
                "evidence_level": effect.evidence_level,
            }
        )
    return Table(
        slug="tac-dong-kenh",
        title=_("Kênh gắn với mức tăng hằng tháng (ước tính, không phải thí nghiệm)"),
        columns=IMPACT_COLUMNS,
        rows=rows,
        notes=impact_notes(result),
        empty_text=_("Chưa có kênh nào có điểm đặt trong phạm vi này để ước tính."),
    )


BROADCAST_COLUMNS = [
    Column("aired_at", _("Phát lúc")),
    Column("channel", _("Kênh")),
    Column("unit", _("Địa bàn")),
    Column("placements", _("Số mã của kênh"), Kind.NUMBER),
    Column("scans_after", _("Lượt quét trong giờ sau khi phát"), Kind.COUNT),
    Column("expected", _("Dự kiến nếu không phát (theo chính ngày đó)"), Kind.RATE, based_on=("scans_after",)),
    Column("lift", _("Chênh lệch (lượt)"), Kind.RATE, based_on=("scans_after",)),
    Column("ratio", _("Gấp (lần)"), Kind.ESTIMATE, based_on=("scans_after",)),
    Column("ratio_low", _("Khoảng tin cậy 95 %: từ"), Kind.ESTIMATE, based_on=("scans_after",)),
    Column("ratio_high", _("đến"), Kind.ESTIMATE, based_on=("scans_after",)),
    Column("result", _("Kết luận")),
    Column("reference_days", _("Số ngày không phát để so sánh"), Kind.NUMBER),
    Column("false_alarm_rate", _("Tỷ lệ báo động giả"), Kind.PERCENT),
    Column("placebos", _("Số lần phát giả đã thử"), Kind.NUMBER),
]

UNBOUNDED = _("không giới hạn")


def broadcast_verdict(lift, *, shared: bool = False) -> str:
    """The airing's conclusion in words: "gắn với" (associated with), never a cause. A shared copy does not
    say that a day had no scans at all (a count of zero is a small cell)."""
    verdict, assessment = lift.verdict, lift.assessment
    if verdict == Verdict.NOT_ENOUGH_DATA:
        if shared and assessment.reason_tells_counts:
            return f"{NOT_ENOUGH_DATA}: {_('quá ít lượt quét để so sánh')}"
        return f"{NOT_ENOUGH_DATA}: {assessment.reason}"
    if verdict == Verdict.LIFT:
        return str(_("lượt quét tăng gắn với lần phát (khoảng tin cậy trên 1)"))
    if verdict == Verdict.UNRELIABLE:
        return str(
            _("chưa kết luận được: phép thử phát giả báo động %(rate)s, quá %(max)s")
            % {"rate": vn_percent(lift.placebo.rate * 100), "max": vn_percent(MAX_FALSE_ALARM * 100)}
        )
    if verdict == Verdict.LOWER:
        return str(_("lượt quét thấp hơn dự kiến (khoảng tin cậy dưới 1)"))
    return str(_("không thấy khác biệt rõ (khoảng tin cậy chứa 1)"))


def _bound(value: float | None):
    if value is None:
        return None
    return str(UNBOUNDED) if math.isinf(value) else value


def broadcast_table(*, f: InsightFilter) -> Table:
    """Each airing: scans in the hour after against what that hour usually gets on that day, with the
    interval of the ratio, the conclusion and the false-alarm rate of placebo airings (insights.broadcast)."""
    rows = []
    for lift in broadcast_lift(units=scope_units(f=f), start=f.start, end=f.end):
        assessment = lift.assessment
        rows.append(
            {
                "aired_at": timezone.localtime(lift.airing.aired_at).strftime("%d/%m/%Y %H:%M"),
                "channel": lift.airing.channel.name,
                "unit": lift.airing.unit.name,
                "placements": lift.placements,
                "scans_after": lift.scans_after,
                "expected": lift.expected,
                "lift": lift.lift,
                "ratio": assessment.ratio,
                "ratio_low": _bound(assessment.ratio_low),
                "ratio_high": _bound(assessment.ratio_high),
                "result": broadcast_verdict(lift, shared=f.shared),
                "verdict": str(lift.verdict),
                "reference_days": assessment.reference_days or None,
                "false_alarm_rate": None if lift.placebo.rate is None else lift.placebo.rate * 100,
                "placebos": lift.placebo.placebos or None,
            }
        )
    return Table(
        slug="phat-song",
        title=_("Lượt quét sau mỗi lần phát loa, truyền hình, bảng LED"),
        columns=BROADCAST_COLUMNS,
        rows=rows,
        ward_level=True,
        empty_text=_("Chưa ghi nhận lần phát sóng nào trong khoảng thời gian này."),
        notes=[
            _(
                "Giờ sau khi phát được so với phần lượt quét mà giờ đó thường có trong ngày, tính trên các ngày "
                "không phát khi mã đã dùng; so trong chính ngày phát nên ngày đông người hay chiến dịch đang tăng "
                "không bị tính là tác động. “Gắn với” không có nghĩa là do lần phát gây ra. Tỷ lệ báo động giả: "
                "phần lần phát giả (chọn ngẫu nhiên vào ngày không phát, cùng giờ) bị phép thử coi là tăng; "
                "trên %(max)s thì không kết luận."
            )
            % {"max": vn_percent(MAX_FALSE_ALARM * 100)}
        ],
    )


BROADCAST_SUMMARY_COLUMNS = [
    Column("channel", _("Kênh")),
    Column("airings", _("Số lần phát"), Kind.NUMBER),
    Column("lift", _("Lượt quét tăng sau khi phát"), Kind.NUMBER),
    Column("no_difference", _("Không thấy khác biệt"), Kind.NUMBER),
    Column("lower", _("Thấp hơn dự kiến"), Kind.NUMBER),
    Column("unreliable", _("Chưa kết luận được"), Kind.NUMBER),
    Column("not_enough_data", _("Chưa đủ dữ liệu"), Kind.NUMBER),
]
# insights.broadcast.Verdict → the column that counts it.
BROADCAST_VERDICT_KEYS = {
    "lift": "lift",
    "none": "no_difference",
    "lower": "lower",
    "unreliable": "unreliable",
    "not_enough_data": "not_enough_data",
}


def broadcast_summary_table(broadcasts: Table) -> Table | None:
    """The monthly report's form of the broadcast table: the airings counted per channel and conclusion, one row
    per channel (the XLSX keeps one row per airing)."""
    by_channel: dict[str, dict] = {}
    for row in broadcasts.rows:
        entry = by_channel.setdefault(
            row["channel"],
            {"channel": row["channel"], "airings": 0, **dict.fromkeys(BROADCAST_VERDICT_KEYS.values(), 0)},
        )
        entry["airings"] += 1
        key = BROADCAST_VERDICT_KEYS.get(row["verdict"], "not_enough_data")
        entry[key] += 1
    rows = sorted(by_channel.values(), key=lambda row: (-row["airings"], row["channel"]))
    return Table(
        slug="phat-song-theo-kenh",
        title=_("Lượt quét sau mỗi lần phát, theo kênh"),
        columns=BROADCAST_SUMMARY_COLUMNS,
        rows=rows,
        empty_text=broadcasts.empty_text,
        notes=broadcasts.notes,
    )
