"""The monthly report of one unit, in the working group's format, built from the same tables as the dashboard.

Sections: Kết quả triển khai (what was placed and printed), lượt quét (and what was set aside), chuyển đổi
(via a code, without one, and what citizens told staff), official figures against targets, best and worst
wards per 1,000 residents, channel effects (with the warnings about the official figures), and
recommendations written from the data.
Each report comes in two copies: the working group's own ("Nội bộ": exact numbers) and the copy meant for
sharing ("chia sẻ"), whose counts are rounded by insights.suppression so that no subtraction gives back a
small cell; everything in it (totals, charts, rankings, recommendations) is computed from those counts.
"""

import datetime as dt
import math
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.dates import month_end, parse_iso_month
from core.numbers import vn_money, vn_number, vn_percent
from insights.costs import COST_NOTE, local_midnight, period_spans
from insights.dashboard_tables import Dashboard, build_dashboard
from insights.selectors import InsightFilter, Table
from insights.summary import Cite, Sentence, Summary, summary_from_dashboard, unit_label, wards_behind
from insights.suppression import nearest_multiple, rounding_note
from insights.tables import Column, Kind
from places.models import AdministrativeUnit

BEST_AND_WORST = 5
# A channel's conversion rate is compared only when it rests on this many scans.
MIN_SCANS_TO_COMPARE = 20


class ReportError(ValueError):
    """A report that cannot be made as asked (a month in the future, a malformed month)."""


def parse_month(text: str, *, today: dt.date | None = None) -> dt.date:
    """ "2026-10" → 1 October 2026. A malformed month or one after the current is a ReportError."""
    month = parse_iso_month((text or "").strip())
    if month is None:
        raise ReportError(_("Tháng phải có dạng NNNN-TT, ví dụ 2026-10 (nhận được “%(text)s”).") % {"text": text})
    check_month(month, today=today)
    return month


def check_month(month: dt.date, *, today: dt.date | None = None) -> None:
    today = today or timezone.localdate()
    if month > today.replace(day=1):
        raise ReportError(
            _("Tháng %(month)s chưa đến: chỉ lập được báo cáo cho tháng này hoặc các tháng trước.")
            % {"month": month.strftime("%m/%Y")}
        )


DEPLOYMENT_COLUMNS = [
    Column("channel", gettext_lazy("Kênh")),
    Column("placements", gettext_lazy("Điểm đặt mã"), Kind.NUMBER),
    Column("printed", gettext_lazy("Đã in, đã lắp đặt"), Kind.NUMBER),
    Column("new_this_month", gettext_lazy("Tạo mới trong tháng"), Kind.NUMBER),
    Column("quantity", gettext_lazy("Số lượng in"), Kind.NUMBER),
    Column("cost", gettext_lazy("Chi phí trong tháng"), Kind.MONEY),
]


def deployment_table(*, f: InsightFilter) -> Table:
    """What was placed and printed, per channel, as of the end of the month, with the month's share of the
    cost (insights.costs). A placement counts once it was created, hung or printed by the month's end, or when
    part of its cost falls in the month (a record entered late). No query of its own: the period's costs."""
    # Aware limits: the month's first midnight and the next month's (compared with the stored datetimes).
    start, end = local_midnight(f.start), local_midnight(f.end + dt.timedelta(days=1))
    by_channel: dict[int, dict] = {}
    for span, cost in period_spans(f=f):
        printed = span.in_use_by(end)
        created = span.created_at is not None and span.created_at < end
        if not (created or printed or cost):
            continue
        row = by_channel.setdefault(
            span.channel_id,
            {
                "order": (span.channel_order, span.channel_name),
                "channel": span.channel_name,
                "placements": 0,
                "printed": 0,
                "new_this_month": 0,
                "quantity": 0,
                "cost": 0,
            },
        )
        row["placements"] += 1
        row["printed"] += printed
        row["new_this_month"] += created and span.created_at >= start
        row["quantity"] += span.quantity
        row["cost"] += cost
    return Table(
        slug="trien-khai",
        title=gettext_lazy("Kết quả triển khai: điểm đặt mã, ấn phẩm đã in và chi phí"),
        columns=DEPLOYMENT_COLUMNS,
        rows=sorted(by_channel.values(), key=lambda row: row["order"]),
        empty_text=gettext_lazy("Chưa có điểm đặt mã nào."),
        notes=[str(COST_NOTE)],
    )


def subset(
    table: Table, *, slug: str, title, keys: list[str], rows: list[dict] | None = None, empty_text=None
) -> Table:
    """The same rows with fewer columns (and maybe fewer rows), for one section of the report."""
    columns = [column for column in table.columns if column.key in keys]
    columns.sort(key=lambda column: keys.index(column.key))
    return Table(
        slug=slug,
        title=title,
        columns=columns,
        rows=table.rows if rows is None else rows,
        ward_level=table.ward_level,
        protected=table.protected,
        empty_text=table.empty_text if empty_text is None else empty_text,
        notes=table.notes,
        note=table.note,
    )


ACTIVITY_COLUMNS = [
    Column("channel", gettext_lazy("Kênh")),
    Column("placements", gettext_lazy("Điểm đặt mã"), Kind.NUMBER),
    Column("printed", gettext_lazy("Đã in, đã lắp đặt"), Kind.NUMBER),
    Column("cost", gettext_lazy("Chi phí"), Kind.MONEY),
    Column("scans", gettext_lazy("Lượt quét"), Kind.COUNT),
    Column("conversions", gettext_lazy("Chuyển đổi qua mã"), Kind.COUNT),
    Column("conversion_rate", gettext_lazy("Tỷ lệ chuyển đổi"), Kind.PERCENT, based_on=("scans", "conversions")),
    Column("cost_per_conversion", gettext_lazy("Chi phí mỗi chuyển đổi"), Kind.MONEY, based_on=("conversions",)),
]


def activity_table(*, deployment: Table, channels: Table) -> Table:
    """One row per channel placed by the month's end: what was placed and printed (the deployment table) beside
    what it brought and cost (the dashboard's channel table, whose figures these are)."""
    by_channel = {row["channel"]: row for row in channels.rows}
    rows = []
    for placed in deployment.rows:
        row = by_channel.get(placed["channel"], {})
        rows.append(
            {
                "channel": placed["channel"],
                "placements": placed["placements"],
                "printed": placed["printed"],
                "cost": row.get("cost"),
                "scans": row.get("scans", 0),
                "conversions": row.get("conversions", 0),
                "conversion_rate": row.get("conversion_rate"),
                "cost_per_conversion": row.get("cost_per_conversion"),
            }
        )
    rows.sort(key=lambda row: (-row["scans"], -row["conversions"], row["channel"]))
    return Table(
        slug="hoat-dong-kenh",
        title=gettext_lazy("Hoạt động theo kênh: điểm đặt, lượt quét, chuyển đổi và chi phí"),
        columns=ACTIVITY_COLUMNS,
        rows=rows,
        protected=channels.protected,
        ward_level=channels.ward_level,
        empty_text=gettext_lazy("Chưa có điểm đặt mã nào đến cuối tháng."),
    )


TARGET_SUMMARY_COLUMNS = [
    Column("metric", gettext_lazy("Chỉ tiêu")),
    Column("value", gettext_lazy("Số liệu chính thức (tổng các xã/phường)"), Kind.NUMBER),
    Column("residents", gettext_lazy("Dân số"), Kind.NUMBER),
    Column("achieved_percent", gettext_lazy("Đạt"), Kind.PERCENT),
    Column("previous_achieved_percent", gettext_lazy("Tháng trước"), Kind.PERCENT),
    Column("target_percent", gettext_lazy("Chỉ tiêu"), Kind.PERCENT),
    Column("deadline", gettext_lazy("Hạn")),
    Column("wards_reached", gettext_lazy("Xã/phường đạt"), Kind.NUMBER),
    Column("wards_below", gettext_lazy("Chưa đạt"), Kind.NUMBER),
    Column("wards_without_figures", gettext_lazy("Chưa có số liệu"), Kind.NUMBER),
]


def target_summary_table(summary: Summary) -> Table:
    """Each target: the sum of the wards against it (and the unit's own figure, if it has one)."""
    rows = []
    for target in summary.targets:
        rows.append(
            {
                "metric_slug": target.metric_slug,
                "metric": target.metric
                + (
                    _(" (số liệu riêng của đơn vị: %(own)s)") % {"own": vn_percent(target.own_achieved_percent)}
                    if target.own_value is not None
                    else ""
                ),
                "value": target.value,
                "residents": target.residents,
                "achieved_percent": target.achieved_percent,
                "previous_achieved_percent": target.previous_achieved_percent,
                "target_percent": target.target_percent,
                "deadline": target.deadline.strftime("%d/%m/%Y"),
                "wards_reached": target.wards_reached,
                "wards_below": target.wards_below,
                "wards_without_figures": target.wards_without_figures,
            }
        )
    return Table(
        slug="muc-tieu",
        title=gettext_lazy("Kết quả so với chỉ tiêu của chiến dịch"),
        columns=TARGET_SUMMARY_COLUMNS,
        rows=rows,
        empty_text=gettext_lazy("Chưa có chỉ tiêu cho các chiến dịch trong phạm vi này."),
        note=gettext_lazy(
            "Đạt: tổng số liệu chính thức mới nhất của các xã/phường có dân số, chia cho tổng dân số của các "
            "xã/phường đó. Số liệu từng xã/phường ở Phụ lục 1."
        ),
    )


BEHIND_COLUMNS = [
    Column("code", gettext_lazy("Mã")),
    Column("ward", gettext_lazy("Xã/phường")),
    Column("achieved_percent", gettext_lazy("Đạt"), Kind.PERCENT),
    Column("target_percent", gettext_lazy("Chỉ tiêu"), Kind.PERCENT),
    Column("shortfall_per_1000", gettext_lazy("Còn thiếu / 1.000 dân"), Kind.RATE),
    Column("scans_per_1000", gettext_lazy("Lượt quét / 1.000 dân"), Kind.RATE, based_on=("scans",)),
]
WARDS_NEEDING_SUPPORT = 10


def behind_table(*, targets: Table, wards: Table) -> Table:
    """The wards furthest below the first target with figures (residents per 1,000 still to reach it)."""
    behind, by = wards_behind(targets=targets, wards=wards, size=WARDS_NEEDING_SUPPORT)
    metric = behind[0].metric if behind and by == "target" else ""
    return Table(
        slug="can-ho-tro",
        title=(
            _("Xã/phường xa chỉ tiêu “%(metric)s” nhất") % {"metric": metric}
            if metric
            else gettext_lazy("Xã/phường xa chỉ tiêu nhất")
        ),
        columns=BEHIND_COLUMNS,
        rows=[vars(ward) for ward in behind] if by == "target" else [],
        ward_level=True,
        protected=wards.protected,
        empty_text=gettext_lazy("Chưa có xã/phường nào có số liệu chính thức dưới chỉ tiêu."),
    )


def annex_ward_table(*, wards: Table, targets: Table) -> Table:
    """Phụ lục: one row per ward (those with placements or official figures), the metrics as columns."""
    metrics: dict[str, str] = {}
    achieved: dict[tuple[int, str], float | None] = {}
    names: dict[int, tuple[str, str]] = {}
    residents: dict[int, object] = {}
    for row in targets.rows:
        metrics.setdefault(row["metric_slug"], row["metric"])
        achieved[(row["unit_id"], row["metric_slug"])] = row["achieved_percent"]
        names[row["unit_id"]] = (row["code"], row["ward"])
        if row["residents"] is not None:
            residents[row["unit_id"]] = int(row["residents"])
    columns = [
        Column("code", gettext_lazy("Mã")),
        Column("ward", gettext_lazy("Xã/phường")),
        Column("residents", gettext_lazy("Dân số"), Kind.NUMBER),
        Column("placements", gettext_lazy("Điểm đặt"), Kind.NUMBER),
        Column("scans", gettext_lazy("Lượt quét"), Kind.COUNT),
        Column("scans_per_1000", gettext_lazy("Quét / 1.000 dân"), Kind.RATE, based_on=("scans",)),
        Column("conversions", gettext_lazy("Chuyển đổi"), Kind.COUNT),
        Column("conversions_per_1000", gettext_lazy("Chuyển đổi / 1.000 dân"), Kind.RATE, based_on=("conversions",)),
        *(
            Column(f"target:{slug}", _("Đạt: %(metric)s") % {"metric": name}, Kind.PERCENT)
            for slug, name in metrics.items()
        ),
    ]
    rows: dict[int, dict] = {}
    for row in wards.rows:
        rows[row["unit_id"]] = {
            key: row.get(key)
            for key in ("unit_id", "code", "ward", "residents", "placements", "scans", "scans_per_1000")
        } | {"conversions": row["conversions"], "conversions_per_1000": row["conversions_per_1000"]}
    for unit_id, (code, ward) in names.items():
        rows.setdefault(
            unit_id,
            {"unit_id": unit_id, "code": code, "ward": ward, "residents": residents.get(unit_id), "placements": 0},
        )
    for unit_id, row in rows.items():
        for slug in metrics:
            row[f"target:{slug}"] = achieved.get((unit_id, slug))
    ordered = sorted(rows.values(), key=lambda row: (row["ward"].startswith(("Tỉnh", "Thành phố")), row["code"]))
    return Table(
        slug="phu-luc-xa",
        title=gettext_lazy("Phụ lục 1. Số liệu từng xã/phường"),
        columns=columns,
        rows=ordered,
        ward_level=True,
        protected=wards.protected,
        empty_text=gettext_lazy("Chưa có xã/phường nào có điểm đặt mã hoặc số liệu chính thức."),
        note=gettext_lazy(
            "Mỗi dòng một xã/phường; “Đạt”: số liệu chính thức mới nhất chia cho dân số. Chuyển đổi: qua mã QR "
            "hoặc mã số. “—”: chưa có số liệu."
        ),
    )


@dataclass
class MonthlyReportData:
    unit: AdministrativeUnit
    month: dt.date
    filter: InsightFilter
    dashboard: Dashboard
    deployment: Table
    scans: Table
    conversions: Table
    best_wards: Table
    worst_wards: Table
    overview: Summary | None = None  # page 1 (insights.summary)
    activity: Table | None = None
    target_summary: Table | None = None
    behind: Table | None = None
    annex: Table | None = None
    recommendations: list[str] = field(default_factory=list)
    generated_at: dt.datetime = field(default_factory=timezone.now)

    @property
    def unit_name(self) -> str:
        """ "Phường Ea Kao" names its type already; a province is "Đắk Lắk" in the official list."""
        return unit_label((self.unit,))

    @property
    def title(self) -> str:
        return _("Báo cáo tháng %(month)s: hiệu quả truyền thông Đề án 06 – %(unit)s") % {
            "month": self.month.strftime("%m/%Y"),
            "unit": self.unit_name,
        }

    @property
    def shared(self) -> bool:
        """The copy meant for sharing (rounded counts), not the working group's own."""
        return self.filter.shared

    @property
    def suppress(self) -> bool:
        return self.shared

    @property
    def copy_label(self) -> str:
        return _("Bản chia sẻ") if self.shared else _("Nội bộ")

    @property
    def copy_note(self) -> str:
        if self.shared:
            return rounding_note()
        return _(
            "Nội bộ: số liệu chính xác, chỉ dùng trong Tổ công tác và những người được xem địa bàn; "
            "khi gửi ra ngoài, dùng bản chia sẻ."
        )

    @property
    def summary(self) -> list[tuple[str, str]]:
        totals = self.dashboard.totals
        # The shared copy rounds every count (insights.suppression), the uncoded conversions too.
        uncoded = nearest_multiple(totals.uncoded_conversions) if self.shared else totals.uncoded_conversions
        return [
            (_("Điểm đặt mã"), vn_number(totals.placements)),
            (_("Số lượng in"), vn_number(totals.quantity)),
            (_("Chi phí"), vn_money(totals.cost)),
            (_("Lượt quét"), vn_number(totals.scans)),
            (_("Lượt thiết bị-ngày (không phải số người)"), vn_number(totals.device_days)),
            (_("Chuyển đổi qua mã"), vn_number(totals.conversions)),
            (_("Chuyển đổi không qua mã"), vn_number(uncoded)),
            (_("Tỷ lệ chuyển đổi qua mã"), vn_percent(totals.conversion_rate)),
            (_("Chi phí mỗi lượt quét"), vn_money(totals.cost_per_scan)),
            (_("Chi phí mỗi chuyển đổi qua mã"), vn_money(totals.cost_per_conversion)),
            (_("Đã để riêng: lượt nghi bất thường"), vn_number(totals.suspect_scans)),
            (_("Đã để riêng: lượt quét lặp lại"), vn_number(totals.repeats)),
        ]


def _best_and_worst(wards: Table) -> tuple[list[dict], list[dict]]:
    ranked = [row for row in wards.rows if row.get("rank")]
    size = min(BEST_AND_WORST, math.ceil(len(ranked) / 2))
    best = ranked[:size]
    worst = [row for row in reversed(ranked[len(ranked) - size :]) if row not in best]
    return best, worst


def recommendations(*, dashboard: Dashboard) -> list[Sentence]:
    """Plain advice from the month's figures (rounded ones in a shared copy): what to do more of, what to
    check, where to help. Each sentence cites the table cells it quotes (insights.summary.Cite)."""
    out: list[Sentence] = []
    totals = dashboard.totals
    channels = dashboard.channels.rows
    if not channels:
        return [Sentence(_("Chưa có điểm đặt mã nào: lập kế hoạch kênh và tạo mã QR cho các xã, phường."))]
    if totals.scans == 0:
        out.append(
            Sentence(_("Chưa có lượt quét nào trong tháng: kiểm tra mã QR đã được in, treo và đọc trên loa chưa."))
        )

    comparable = [
        row for row in channels if row["scans"] >= MIN_SCANS_TO_COMPARE and row["conversion_rate"] is not None
    ]
    if comparable:
        best = max(comparable, key=lambda row: row["conversion_rate"])
        if best["conversions"] > 0:
            rate, scans = vn_percent(best["conversion_rate"]), vn_number(best["scans"])
            out.append(
                Sentence(
                    _(
                        "Tăng cường kênh %(channel)s: tỷ lệ chuyển đổi qua mã cao nhất (%(rate)s trên %(scans)s "
                        "lượt quét)."
                    )
                    % {"channel": best["channel"], "rate": rate, "scans": scans},
                    [
                        Cite("theo-kenh", "channel", best["channel"], "conversion_rate", rate),
                        Cite("theo-kenh", "channel", best["channel"], "scans", scans),
                    ],
                )
            )
        cheapest = [row for row in comparable if row["cost_per_conversion"] is not None]
        if len(cheapest) > 1:
            row = min(cheapest, key=lambda row: row["cost_per_conversion"])
            cost = vn_money(row["cost_per_conversion"])
            out.append(
                Sentence(
                    _("Kênh %(channel)s có chi phí thấp nhất cho mỗi chuyển đổi qua mã (%(cost)s).")
                    % {"channel": row["channel"], "cost": cost},
                    [Cite("theo-kenh", "channel", row["channel"], "cost_per_conversion", cost)],
                )
            )
    silent = [row for row in channels if row["scans"] == 0 and row["placements"] > 0]
    if silent and totals.scans > 0:
        out.append(
            Sentence(
                _("Kiểm tra các điểm đặt của kênh %(channels)s: chưa có lượt quét nào trong tháng.")
                % {"channels": ", ".join(row["channel"] for row in silent)},
                [
                    Cite("theo-kenh", "channel", row["channel"], "scans", "0", words="chưa có lượt quét nào")
                    for row in silent
                ],
            )
        )

    below: dict[str, list[dict]] = {}
    for row in dashboard.targets.rows:
        if row["achieved_percent"] is not None and not row["reached"]:
            below.setdefault(row["metric"], []).append(row)
    for metric, rows in below.items():
        rows.sort(key=lambda row: row["achieved_percent"])
        shown = [(row, vn_percent(row["achieved_percent"])) for row in rows[:5]]
        names = ", ".join(f"{row['ward']} ({percent})" for row, percent in shown)
        more = len(rows) - 5
        out.append(
            Sentence(
                _("Tập trung hỗ trợ %(count)s xã/phường chưa đạt chỉ tiêu “%(metric)s”, thấp nhất: %(names)s%(more)s.")
                % {
                    "count": vn_number(len(rows)),
                    "metric": metric,
                    "names": names,
                    "more": _(" và %(n)s nơi khác") % {"n": vn_number(more)} if more > 0 else "",
                },
                [
                    Cite(
                        "chi-tieu",
                        ("unit_id", "metric_slug"),
                        (row["unit_id"], row["metric_slug"]),
                        "achieved_percent",
                        percent,
                    )
                    for row, percent in shown
                ],
            )
        )
    missing = [row for row in dashboard.targets.rows if row["achieved_percent"] is None]
    if missing or (channels and not dashboard.targets.rows):
        out.append(Sentence(_("Nhập số liệu chính thức của tháng (kể cả dân số) để so sánh với chỉ tiêu.")))

    best, worst = _best_and_worst(dashboard.wards)
    if worst:
        out.append(
            Sentence(
                _("Đôn đốc %(names)s: ít lượt quét nhất trên 1.000 dân; kiểm tra việc treo ấn phẩm và phát loa.")
                % {"names": ", ".join(row["ward"] for row in worst[:3])}
            )
        )
    for row in dashboard.impact.rows:
        # Only a verdict the interval, the pre-trend test and the trend check all allow earns advice.
        if row["verdict"] not in ("positive", "negative"):
            continue
        numbers = {
            "estimate": vn_number(row["estimate"], decimals=2),
            "low": vn_number(row["ci_low"], decimals=2),
            "high": vn_number(row["ci_high"], decimals=2),
        }
        cites = [
            Cite("tac-dong-kenh", "channel", row["channel"], column, numbers[key])
            for key, column in (("estimate", "estimate"), ("low", "ci_low"), ("high", "ci_high"))
        ]
        if row["verdict"] == "positive":
            text = _(
                "Duy trì kênh %(channel)s: %(result)s (ước tính %(estimate)s, khoảng tin cậy 95 %% từ %(low)s "
                "đến %(high)s; số liệu quan sát, không chứng minh nhân quả)."
            )
        else:
            text = _("Xem lại kênh %(channel)s: %(result)s (khoảng tin cậy 95 %% từ %(low)s đến %(high)s).")
            cites = cites[1:]
        out.append(Sentence(text % {"channel": row["channel"], "result": row["result"], **numbers}, cites))
    return out


def build_monthly_report(*, unit: AdministrativeUnit, month: dt.date, shared: bool = False) -> MonthlyReportData:
    """Everything the monthly report of a unit (and everything under it) says about one month: exact
    ("Nội bộ"), or with the rounded counts of a shared copy."""
    check_month(month)
    f = InsightFilter(start=month, end=month_end(month), units=(unit,), shared=shared)
    dashboard = build_dashboard(f=f)
    summary = summary_from_dashboard(f=f, dashboard=dashboard, unit_label=unit_label((unit,)))
    deployment = deployment_table(f=f)
    best, worst = _best_and_worst(dashboard.wards)
    ranked_keys = [
        "rank",
        "code",
        "ward",
        "residents",
        "scans_per_1000",
        "conversions_per_1000",
        "scans",
        "conversions",
    ]
    return MonthlyReportData(
        unit=unit,
        month=month,
        filter=f,
        dashboard=dashboard,
        deployment=deployment,
        overview=summary,
        activity=activity_table(deployment=deployment, channels=dashboard.channels),
        target_summary=target_summary_table(summary),
        behind=behind_table(targets=dashboard.targets, wards=dashboard.wards),
        annex=annex_ward_table(wards=dashboard.wards, targets=dashboard.targets),
        scans=subset(
            dashboard.channels,
            slug="luot-quet",
            title=gettext_lazy("Lượt quét theo kênh"),
            keys=["channel", "placements", "scans", "device_days", "cost", "cost_per_scan"],
        ),
        conversions=subset(
            dashboard.channels,
            slug="chuyen-doi",
            title=gettext_lazy("Chuyển đổi qua mã theo kênh"),
            keys=["channel", "scans", "conversions", "conversion_rate", "cost_per_conversion"],
        ),
        best_wards=subset(
            dashboard.wards,
            slug="xa-tot-nhat",
            empty_text=gettext_lazy("Chưa đủ xã/phường có lượt quét và dân số để xếp hạng."),
            title=gettext_lazy("Xã/phường dẫn đầu (lượt quét trên 1.000 dân)"),
            keys=ranked_keys,
            rows=best,
        ),
        worst_wards=subset(
            dashboard.wards,
            slug="xa-kem-nhat",
            empty_text=gettext_lazy("Chưa đủ xã/phường có lượt quét và dân số để xếp hạng."),
            title=gettext_lazy("Xã/phường cần đôn đốc (lượt quét trên 1.000 dân)"),
            keys=ranked_keys,
            rows=worst,
        ),
        recommendations=recommendations(dashboard=dashboard),
    )
