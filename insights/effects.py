"""The dashboard's tables of channel impact and broadcast lift, over the estimators of `insights.impact`
and `insights.broadcast`."""

import math

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.numbers import vn_percent
from insights.broadcast import MAX_FALSE_ALARM, Verdict, broadcast_lift
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
    Column("estimate", _("Ước tính tác động"), Kind.ESTIMATE),
    Column("ci_low", _("Khoảng tin cậy 95 %: từ"), Kind.ESTIMATE),
    Column("ci_high", _("đến"), Kind.ESTIMATE),
    Column("outcome", _("Đo bằng")),
    Column("wards", _("Số xã/phường"), Kind.NUMBER),
    Column("months", _("Số tháng"), Kind.NUMBER),
    Column("treated_observations", _("Số lượt xã-tháng có kênh"), Kind.NUMBER),
    Column("explanation", _("Giải thích")),
]


def _verdict(effect) -> str:
    if not effect.enough_data:
        return f"{NOT_ENOUGH_DATA}: {effect.reason}" if effect.reason else str(NOT_ENOUGH_DATA)
    if effect.ci_low > 0:
        return str(_("tác động dương (khoảng tin cậy không chứa 0)"))
    if effect.ci_high < 0:
        return str(_("tác động âm (khoảng tin cậy không chứa 0)"))
    return str(_("chưa rõ tác động (khoảng tin cậy chứa 0)"))


def impact_table(*, f: InsightFilter, metric_slug: str = IMPACT_METRIC) -> Table:
    """Each channel's estimated effect on monthly adoption growth, or "chưa đủ dữ liệu" with the reason.

    The estimate uses every month with official figures (not only the dashboard's period): growth needs a
    history, and the campaign filter does not apply (a ward's figures do not say which campaign moved them).
    """
    effects = cached_channel_effects(units=scope_units(f=f), metric_slug=metric_slug)
    rows = []
    for effect in effects:
        shown = effect.enough_data
        rows.append(
            {
                "channel": effect.channel.name,
                "result": _verdict(effect),
                "estimate": effect.estimate if shown else None,
                "ci_low": effect.ci_low if shown else None,
                "ci_high": effect.ci_high if shown else None,
                "outcome": effect.outcome,
                "wards": effect.wards,
                "months": effect.months,
                "treated_observations": effect.treated_observations,
                "explanation": effect.explanation,
                "enough_data": effect.enough_data,
            }
        )
    rows.sort(key=lambda row: (not row["enough_data"], row["channel"]))
    return Table(
        slug="tac-dong-kenh",
        title=_("Tác động của từng kênh đến mức tăng hằng tháng"),
        columns=IMPACT_COLUMNS,
        rows=rows,
        empty_text=_("Chưa có kênh nào có điểm đặt trong phạm vi này để ước tính tác động."),
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


def broadcast_verdict(lift) -> str:
    """The airing's conclusion in words: "gắn với" (associated with), never a cause."""
    verdict, assessment = lift.verdict, lift.assessment
    if verdict == Verdict.NOT_ENOUGH_DATA:
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
                "result": broadcast_verdict(lift),
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
        note=_(
            "Giờ sau khi phát được so với phần lượt quét mà giờ đó thường có trong ngày, tính trên các ngày "
            "không phát khi mã đã dùng; so trong chính ngày phát nên ngày đông người hay chiến dịch đang tăng "
            "không bị tính là tác động. “Gắn với” không có nghĩa là do lần phát gây ra. Tỷ lệ báo động giả: "
            "phần lần phát giả (chọn ngẫu nhiên vào ngày không phát, cùng giờ) bị phép thử coi là tăng; "
            "trên %(max)s thì không kết luận."
        )
        % {"max": vn_percent(MAX_FALSE_ALARM * 100)},
    )
