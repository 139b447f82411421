"""The dashboard's tables of channel impact and broadcast lift, over the estimators of `insights.impact`
and `insights.broadcast`."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

try:  # TEMPORARY: the estimators are being written beside this module; remove once they are committed.
    from insights.broadcast import broadcast_lift
    from insights.impact import estimate_channel_effects
except ImportError:  # pragma: no cover
    broadcast_lift = estimate_channel_effects = None
from insights.selectors import IMPACT_METRIC, InsightFilter
from insights.tables import Column, Kind, Table
from places.models import AdministrativeUnit, UnitLevel

NOT_ENOUGH_DATA = _("chưa đủ dữ liệu")


def wards_in_scope(*, f: InsightFilter) -> QuerySet[AdministrativeUnit]:
    return AdministrativeUnit.objects.filter(level=UnitLevel.WARD).filter(f.unit_q("path"))


def _name(thing) -> str:
    return str(getattr(thing, "name", thing))


IMPACT_COLUMNS = [
    Column("channel", _("Kênh")),
    Column("estimate", _("Ước tính tác động"), Kind.RATE),
    Column("ci_low", _("Khoảng tin cậy 95 %: từ"), Kind.RATE),
    Column("ci_high", _("đến"), Kind.RATE),
    Column("wards", _("Số xã/phường"), Kind.NUMBER),
    Column("months", _("Số tháng"), Kind.NUMBER),
    Column("treated_observations", _("Số tháng-xã có kênh"), Kind.NUMBER),
    Column("result", _("Kết luận")),
    Column("explanation", _("Giải thích")),
]


def impact_table(*, f: InsightFilter, metric_slug: str = IMPACT_METRIC) -> Table:
    """Each channel's estimated effect on monthly adoption growth, or "chưa đủ dữ liệu" with the reason."""
    effects = (
        []
        if estimate_channel_effects is None
        else estimate_channel_effects(units=wards_in_scope(f=f), metric_slug=metric_slug)
    )
    rows = []
    for effect in effects:
        if effect.enough_data:
            result = effect.reason or ""
            estimate, low, high = effect.estimate, effect.ci_low, effect.ci_high
        else:
            result = f"{NOT_ENOUGH_DATA}: {effect.reason}" if effect.reason else str(NOT_ENOUGH_DATA)
            estimate = low = high = None
        rows.append(
            {
                "channel": _name(effect.channel),
                "estimate": estimate,
                "ci_low": low,
                "ci_high": high,
                "wards": effect.wards,
                "months": effect.months,
                "treated_observations": effect.treated_observations,
                "result": result,
                "explanation": effect.explanation,
                "enough_data": effect.enough_data,
            }
        )
    return Table(
        slug="tac-dong-kenh",
        title=_("Tác động của từng kênh đến mức tăng hằng tháng"),
        columns=IMPACT_COLUMNS,
        rows=rows,
        empty_text=_("Chưa có số liệu chính thức để ước tính tác động của các kênh."),
    )


BROADCAST_COLUMNS = [
    Column("aired_at", _("Phát lúc")),
    Column("channel", _("Kênh")),
    Column("unit", _("Địa bàn")),
    Column("scans_after", _("Lượt quét trong giờ sau khi phát"), Kind.COUNT),
    Column("baseline", _("Cùng giờ, ngày không phát (trung bình)"), Kind.RATE),
    Column("lift", _("Chênh lệch"), Kind.RATE, based_on=("scans_after",)),
]


def broadcast_table(*, f: InsightFilter) -> Table:
    """Scans of the broadcast channels' codes in the hour after each airing, against the same hour without one."""
    lifts = [] if broadcast_lift is None else broadcast_lift(units=wards_in_scope(f=f), start=f.start, end=f.end)
    rows = [
        {
            "aired_at": lift.aired_at.strftime("%d/%m/%Y %H:%M"),
            "channel": _name(lift.channel),
            "unit": _name(lift.unit),
            "scans_after": lift.scans_after,
            "baseline": lift.baseline,
            "lift": lift.lift,
        }
        for lift in lifts
    ]
    return Table(
        slug="phat-song",
        title=_("Lượt quét sau mỗi lần phát loa, truyền hình, bảng LED"),
        columns=BROADCAST_COLUMNS,
        rows=rows,
        ward_level=True,
        empty_text=_("Chưa ghi nhận lần phát sóng nào trong khoảng thời gian này."),
    )
