"""The dashboard's tables of channel impact and broadcast lift, over the estimators of `insights.impact`
and `insights.broadcast`."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from insights.broadcast import broadcast_lift
from insights.impact import cached_channel_effects
from insights.selectors import IMPACT_METRIC, InsightFilter
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
    result = cached_channel_effects(units=scope_units(f=f), metric_slug=metric_slug)
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
    Column("baseline", _("Cùng giờ, ngày không phát (trung bình)"), Kind.RATE),
    Column("baseline_days", _("Số ngày so sánh"), Kind.NUMBER),
    Column("lift", _("Chênh lệch"), Kind.RATE, based_on=("scans_after",)),
]


def broadcast_table(*, f: InsightFilter) -> Table:
    """Scans of the broadcast channels' codes in the hour after each airing, against the same hour without one."""
    rows = [
        {
            "aired_at": timezone.localtime(lift.airing.aired_at).strftime("%d/%m/%Y %H:%M"),
            "channel": lift.airing.channel.name,
            "unit": lift.airing.unit.name,
            "placements": lift.placements,
            "scans_after": lift.scans_after,
            "baseline": lift.baseline_mean,
            "baseline_days": lift.baseline_days,
            "lift": lift.lift,
        }
        for lift in broadcast_lift(units=scope_units(f=f), start=f.start, end=f.end)
    ]
    return Table(
        slug="phat-song",
        title=_("Lượt quét sau mỗi lần phát loa, truyền hình, bảng LED"),
        columns=BROADCAST_COLUMNS,
        rows=rows,
        ward_level=True,
        empty_text=_("Chưa ghi nhận lần phát sóng nào trong khoảng thời gian này."),
    )
