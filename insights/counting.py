"""Tables that say what is counted where: conversions with and without a code, what citizens told service-point
staff, and the scans set aside as suspected floods.

- A conversion *qua mã* carries a placement: the citizen came through a printed or broadcast code (a
  completion with `?qr=`, or an assisted registration where staff typed the code). Only these are attributed
  to a placement, a channel and a ward in the other tables.
- A conversion *không qua mã* has none: a completion without a code, an assisted registration without one.
  It is counted here so that the totals reconcile with the service points' own logs.
- *Người dân kể lại*: the channel a citizen named at a service point when no code was given. It is what the
  citizen remembers, shown apart from code-attributed conversions, and never counts as a channel's exposure
  (exposure comes from placements: insights.impact and its successor read nothing from here).

These read the conversions themselves (a small table: one row per person helped or per tap), not the scans.
"""

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.numbers import vn_number
from insights.bursts import BURST_FLOOR, HISTORY_DAYS, PROVINCE_WIDE_FLOOR, ROBUST_K
from insights.models import HourlyPlacementScans
from insights.selectors import PAGE_ROWS, InsightFilter
from insights.tables import Column, Kind, Table
from tracking.models import Conversion, ConversionSource

CODED = Q(placement__isnull=False)
UNCODED = Q(placement__isnull=True)
SELF = Q(source=ConversionSource.SELF_REPORTED)
ASSISTED = Q(source=ConversionSource.ASSISTED)


def _period(f: InsightFilter) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_default_timezone()
    start = dt.datetime.combine(f.start, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(f.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return start, end


def conversions_in_scope(f: InsightFilter) -> QuerySet[Conversion]:
    """Every conversion of the filter's period and scope, with a code or without.

    With a code, the placement decides the ward and the campaign (as in the rollups). Without one, the ward
    is the one recorded (a completion without a code has none: it is counted only in a country-wide view),
    and the campaign is the guide's (an assisted registration names no guide: none is counted when a
    campaign is chosen).
    """
    start, end = _period(f)
    uncoded = UNCODED & f.unit_q("unit__path")
    if f.campaign is not None:
        uncoded &= Q(guide__path__startswith=f.campaign.path)
    return Conversion.objects.filter(occurred_at__gte=start, occurred_at__lt=end).filter(
        (CODED & f.placement_q("placement__")) | uncoded
    )


SOURCE_COLUMNS = [
    Column("how", _("Cách ghi nhận")),
    Column("self_reported", _("Người dân tự báo trên trang hướng dẫn"), Kind.COUNT),
    Column("assisted", _("Cán bộ hỗ trợ ghi nhận tại điểm dịch vụ"), Kind.COUNT),
]


def source_table(*, f: InsightFilter) -> Table:
    """Conversions via a code and without one, self-reported and assisted. One query."""
    counts = conversions_in_scope(f).aggregate(
        coded_self=Count("id", filter=CODED & SELF),
        coded_assisted=Count("id", filter=CODED & ASSISTED),
        uncoded_self=Count("id", filter=UNCODED & SELF),
        uncoded_assisted=Count("id", filter=UNCODED & ASSISTED),
    )
    rows = []
    if any(counts.values()):
        for key, label in (("coded", _("Qua mã (mã QR hoặc mã số của điểm đặt)")), ("uncoded", _("Không qua mã"))):
            own, assisted = counts[f"{key}_self"], counts[f"{key}_assisted"]
            rows.append({"key": key, "how": str(label), "self_reported": own, "assisted": assisted})
    notes = [
        _(
            "Chỉ chuyển đổi qua mã được gắn với điểm đặt, kênh và xã/phường trong các bảng khác. Cột “Cán bộ hỗ "
            "trợ ghi nhận” cộng cả hai dòng là số lượt trong sổ của các điểm dịch vụ."
        )
    ]
    if f.units is not None:
        notes.append(_("Lượt tự báo không qua mã không rõ xã/phường nên chỉ được tính ở phạm vi toàn quốc."))
    if f.campaign is not None:
        notes.append(_("Khi lọc theo chiến dịch, lượt cán bộ hỗ trợ ghi nhận không qua mã không được tính."))
    return Table(
        slug="theo-nguon",
        title=_("Chuyển đổi qua mã và không qua mã"),
        columns=SOURCE_COLUMNS,
        rows=rows,
        ward_level=f.is_ward_level,
        empty_text=_("Chưa ghi nhận chuyển đổi nào trong khoảng thời gian này."),
        note=" ".join(str(note) for note in notes),
    )


def uncoded_total(table: Table) -> int:
    """The conversions without a code in a `source_table`."""
    return sum(row["self_reported"] + row["assisted"] for row in table.rows if row["key"] == "uncoded")


TOLD_COLUMNS = [
    Column("channel", _("Người dân kể biết qua")),
    Column("conversions", _("Lượt hỗ trợ không qua mã"), Kind.COUNT),
]


def told_table(*, f: InsightFilter) -> Table:
    """Assisted registrations without a code, by the channel the citizen named. One query."""
    rows = []
    for row in (
        conversions_in_scope(f)
        .filter(UNCODED & ASSISTED)
        .values("heard_from", "heard_from__name", "heard_from__sort_order", "heard_from_code")
        .annotate(conversions=Count("id"))
        .order_by("heard_from__sort_order", "heard_from__name", "heard_from_code")
    ):
        if row["heard_from"] is not None:
            label = row["heard_from__name"]
        elif row["heard_from_code"]:
            label = str(_("Quét mã QR (không ghi được mã)"))
        else:
            label = str(_("Không rõ (chưa hỏi hoặc không nhớ)"))
        rows.append({"channel_id": row["heard_from"], "channel": label, "conversions": row["conversions"]})
    return Table(
        slug="nguoi-dan-ke-lai",
        title=_("Người dân kể lại biết qua kênh nào (đăng ký có hỗ trợ, không qua mã)"),
        columns=TOLD_COLUMNS,
        rows=sorted(rows, key=lambda row: (-row["conversions"], row["channel"])),
        ward_level=f.is_ward_level,
        empty_text=_("Chưa có lượt hỗ trợ không qua mã nào trong khoảng thời gian này."),
        note=str(
            _(
                "Người dân kể lại: điều người dân nhớ và nói với cán bộ, không phải số đo. Không cộng vào "
                "chuyển đổi qua mã của kênh, và không dùng để xác định kênh đã có mặt ở đâu khi ước tính tác động."
            )
        ),
    )


SET_ASIDE_COLUMNS = [
    Column("hour", _("Giờ")),
    Column("code", _("Mã")),
    Column("ward", _("Địa bàn")),
    Column("channel", _("Kênh")),
    Column("suspect_scans", _("Lượt để riêng"), Kind.COUNT),
]


def set_aside_table(*, f: InsightFilter) -> Table:
    """The placement-hours the rollup job flagged as suspected floods, with the scans set aside. One query."""
    start, end = _period(f)
    tz = timezone.get_default_timezone()
    rows = [
        {
            "hour": timezone.localtime(row["hour"], tz).strftime("%d/%m/%Y %H:00"),
            "placement_id": row["placement_id"],
            "code": row["placement__short_code"],
            "ward": row["placement__unit__name"],
            "channel": row["placement__channel__name"],
            "suspect_scans": row["suspect_scans"],
        }
        for row in HourlyPlacementScans.objects.filter(hour__gte=start, hour__lt=end, suspect_scans__gt=0)
        .filter(f.placement_q("placement__"))
        .values(
            "hour",
            "placement_id",
            "placement__short_code",
            "placement__unit__name",
            "placement__channel__name",
            "suspect_scans",
        )
        .order_by("-suspect_scans", "hour")
    ]
    return Table(
        slug="nghi-bat-thuong",
        title=_("Lượt quét nghi bất thường đã để riêng"),
        columns=SET_ASIDE_COLUMNS,
        rows=rows,
        ward_level=True,
        empty_text=_("Không có giờ nào có lượt quét nghi bất thường trong khoảng thời gian này."),
        display_limit=PAGE_ROWS,
        note=str(
            _(
                "Một giờ bị coi là nghi bất thường khi một mã nhận nhiều lượt quét hơn cả một ngày cao bất thường "
                "của chính mã đó (trung vị + %(k)s × độ lệch tuyệt đối trung vị, theo %(days)s ngày trước) và hơn "
                "%(floor)s lượt (%(wide)s lượt với mã của kênh toàn tỉnh). Các lượt này không bị xoá, nhưng không "
                "được tính vào lượt quét, lượt thiết bị-ngày và các tỷ lệ."
            )
            % {
                "k": ROBUST_K,
                "days": HISTORY_DAYS,
                "floor": vn_number(BURST_FLOOR),
                "wide": vn_number(PROVINCE_WIDE_FLOOR),
            }
        ),
    )
