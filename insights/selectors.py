"""Reads for the dashboard, its exports and the monthly report.

Everything here reads the rollups (`DailyPlacementRollup`), the placements and the official figures, never
the raw scan events: the dashboard answers in a bounded number of queries whatever the traffic was.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import BigIntegerField, ExpressionWrapper, F, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from campaigns.models import CampaignPage, CampaignTarget
from core.dates import add_months
from insights.costs import COST_NOTE, UNITS_KEY, period_costs, period_spans
from insights.models import DailyPlacementRollup
from insights.scope_figures import RESIDENTS_METRIC, figures_between
from insights.suppression import protected_sums
from insights.tables import Column, Kind, Table
from places.models import AdministrativeUnit, Role, UnitLevel
from places.selectors import units_for_user
from tracking.models import Placement

# Who may read the dashboard: the culture office, approvers and viewers of a unit see it and everything
# below; a ward editor sees their ward. Service-point staff log registrations, they do not read reports.
DASHBOARD_ROLES = (Role.CULTURE_OFFICE, Role.APPROVER, Role.VIEWER, Role.WARD_EDITOR)
# The latest official figure counts if it is at most this many months older than the month asked about.
FIGURE_LOOKBACK_MONTHS = 12
PLACEMENT_RANKING_SIZE = 10
PAGE_ROWS = 50


# --- Scope ------------------------------------------------------------------------------------------


def dashboard_units(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet[AdministrativeUnit]:
    """Every unit whose figures this user may read."""
    return units_for_user(user=user, roles=DASHBOARD_ROLES)


def dashboard_roots(*, user: AbstractBaseUser | AnonymousUser) -> list[AdministrativeUnit] | None:
    """The top units of the user's reach (None: every unit, for superusers). One query."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return None
    if not user.is_authenticated or not user.is_active:
        return []
    units = AdministrativeUnit.objects.filter(
        memberships__user=user, memberships__role__in=[role.value for role in DASHBOARD_ROLES]
    ).distinct()
    units = sorted(units, key=lambda unit: unit.path)
    roots: list[AdministrativeUnit] = []
    for unit in units:
        if not any(unit.path.startswith(root.path) for root in roots):
            roots.append(unit)
    return roots


def may_read_dashboard(*, user: AbstractBaseUser | AnonymousUser) -> bool:
    roots = dashboard_roots(user=user)
    return roots is None or bool(roots)


def may_read_unit(*, user: AbstractBaseUser | AnonymousUser, unit: AdministrativeUnit) -> bool:
    roots = dashboard_roots(user=user)
    return roots is None or any(unit.path.startswith(root.path) for root in roots)


# --- Filter ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InsightFilter:
    """What a dashboard view, an export or a report is about: a period, the units, maybe one campaign."""

    start: dt.date
    end: dt.date
    units: tuple[AdministrativeUnit, ...] | None = None  # the units and everything below; None: every unit
    campaign: CampaignPage | None = None
    # A copy meant for sharing: counts are sums of rounded base cells (insights.suppression).
    shared: bool = False
    # What the tables of one dashboard, export or report compute once and share (insights.costs.period_spans);
    # not copied by dataclasses.replace(), since another period has other costs.
    memo: dict = field(default_factory=dict, init=False, compare=False, hash=False, repr=False)

    def unit_q(self, path_field: str) -> Q:
        if self.units is None:
            return Q()
        if not self.units:
            return Q(pk__in=[])
        covered = Q()
        for unit in self.units:
            covered |= Q(**{f"{path_field}__startswith": unit.path})
        return covered

    def placement_q(self, prefix: str = "") -> Q:
        q = self.unit_q(f"{prefix}unit__path")
        if self.campaign is not None:
            q &= Q(**{f"{prefix}campaign": self.campaign})
        return q

    @property
    def is_ward_level(self) -> bool:
        """Is every figure about one ward or less? Then even channel totals are ward-level cells."""
        return self.units is not None and len(self.units) == 1 and self.units[0].level != UnitLevel.PROVINCE

    @property
    def as_of_month(self) -> dt.date:
        return self.end.replace(day=1)


def _rollups(f: InsightFilter) -> QuerySet[DailyPlacementRollup]:
    return DailyPlacementRollup.objects.filter(day__gte=f.start, day__lte=f.end).filter(f.placement_q("placement__"))


def _sums(f: InsightFilter, *, by: str, fields: tuple[str, ...]) -> list[dict]:
    """Rollup sums of `fields` grouped by `by`: exact, or for a shared copy sums of rounded base cells."""
    if f.shared:
        return protected_sums(_rollups(f), by=by, fields=fields)
    return list(_rollups(f).values(by).annotate(**{name: Sum(name) for name in fields}).order_by())


def _placement_sums(f: InsightFilter) -> dict[int, dict]:
    """Placement id → its rollup sums (ROLLUP_SUMS) over the period: one query that the channel, ward and
    placement tables of one filter share (grouped by channel, ward or placement here, not three scans of the
    rollups). Exact sums only: a shared copy's protected sums are per grouping (insights.suppression)."""
    if "placement_sums" not in f.memo:
        rows = _rollups(f).values("placement_id").annotate(**{name: Sum(name) for name in ROLLUP_SUMS}).order_by()
        f.memo["placement_sums"] = {row["placement_id"]: row for row in rows}
    return f.memo["placement_sums"]


def _sums_by_placement(f: InsightFilter, fields: tuple[str, ...]) -> list[dict]:
    """As `_sums(f, by="placement_id", ...)`, from the shared per-placement sums when the copy is exact."""
    if f.shared:
        return _sums(f, by="placement_id", fields=fields)
    return list(_placement_sums(f).values())


def _placements(f: InsightFilter) -> QuerySet[Placement]:
    return Placement.objects.filter(f.placement_q())


# A placement's whole cost, whenever it falls (a period's share: insights.costs).
COST = ExpressionWrapper(F("quantity") * F("unit_cost_vnd"), output_field=BigIntegerField())


def _ratio(numerator, denominator, *, scale: int = 1) -> float | None:
    if not denominator or numerator is None:
        return None
    return float(numerator) * scale / float(denominator)


def ward_path(path: str) -> str | None:
    """The path of the ward a unit belongs to ("66/24133/24133-001/" → "66/24133/"); None for a province."""
    parts = [part for part in path.split("/") if part]
    return None if len(parts) < 2 else f"{parts[0]}/{parts[1]}/"


# --- Official figures --------------------------------------------------------------------------------


def latest_figures(
    *, f: InsightFilter, metric_slugs: list[str], unit_ids: list[int] | None = None
) -> dict[tuple[int, str], tuple[dt.date, Decimal]]:
    """The latest official figure per (unit id, metric slug) no later than the filter's month and at most
    FIGURE_LOOKBACK_MONTHS before it. The residents and the impact metric come from the scope's shared read
    (insights.scope_figures); other metrics by one query."""
    rows = figures_between(
        f, metric_slugs=metric_slugs, earliest=add_months(f.as_of_month, -FIGURE_LOOKBACK_MONTHS), unit_ids=unit_ids
    )
    latest: dict[tuple[int, str], tuple[dt.date, Decimal]] = {}
    for unit_id, slug, month, value in rows:
        key = (unit_id, slug)
        if key not in latest or latest[key][0] < month:
            latest[key] = (month, value)
    return latest


# --- Tables ------------------------------------------------------------------------------------------

# What the page, the exports and the report say "lượt thiết bị-ngày" means.
DEVICE_DAYS_NOTE = _(
    "Lượt quét không tính lượt quét lặp lại và lượt nghi bất thường (được để riêng). "
    "Lượt thiết bị-ngày: số thiết bị khác nhau quét mỗi mã trong mỗi ngày, cộng lại qua các mã và các ngày; "
    "một người quét 3 mã trong 4 ngày được tính 12 lượt. Đây không phải số người: để không theo dõi ai, "
    "mã nhận diện thiết bị chỉ dùng trong một ngày và bị xoá sau 48 giờ, và nhiều điện thoại dùng chung một "
    "địa chỉ mạng (mạng di động, Wi-Fi nhà văn hoá), nên mọi con số về người chỉ là gần đúng."
)

CHANNEL_COLUMNS = [
    Column("channel", _("Kênh")),
    Column("placements", _("Điểm đặt"), Kind.NUMBER),
    Column("quantity", _("Số lượng in"), Kind.NUMBER),
    Column("cost", _("Chi phí"), Kind.MONEY),
    Column("scans", _("Lượt quét"), Kind.COUNT),
    Column("device_days", _("Lượt thiết bị-ngày"), Kind.COUNT),
    Column("conversions", _("Chuyển đổi qua mã"), Kind.COUNT),
    Column("conversion_rate", _("Tỷ lệ chuyển đổi qua mã"), Kind.PERCENT, based_on=("scans", "conversions")),
    Column("cost_per_scan", _("Chi phí mỗi lượt quét"), Kind.MONEY, based_on=("scans",)),
    Column("cost_per_conversion", _("Chi phí mỗi chuyển đổi qua mã"), Kind.MONEY, based_on=("conversions",)),
    Column("repeats", _("Quét lặp lại (không tính)"), Kind.COUNT),
    Column("suspect_scans", _("Nghi bất thường (không tính)"), Kind.COUNT),
]
ROLLUP_SUMS = ("scans", "device_days", "repeats", "suspect_scans", "conversions")


def channel_table(*, f: InsightFilter) -> Table:
    """Scans, conversions via a code and cost per channel (attributed to the period: insights.costs), with the
    scans set aside. Two queries, and the period's costs once per filter."""
    spans = period_spans(f=f)
    if f.shared:
        stats = {row["placement__channel"]: row for row in _sums(f, by="placement__channel", fields=ROLLUP_SUMS)}
    else:  # the per-placement sums the ward and placement tables use, added up per channel
        channel_of = {span.placement_id: span.channel_id for span, _cost in spans}
        stats = {}
        for placement_id, row in _placement_sums(f).items():
            stat = stats.setdefault(channel_of[placement_id], dict.fromkeys(ROLLUP_SUMS, 0))
            for name in ROLLUP_SUMS:
                stat[name] += row[name] or 0
    placed: dict[int, dict] = {}
    for span, cost in spans:
        row = placed.setdefault(
            span.channel_id,
            {
                "channel": span.channel_id,
                "channel__name": span.channel_name,
                "order": (span.channel_order, span.channel_name),
                "placements": 0,
                "total_quantity": 0,
                "cost": 0,
            },
        )
        row["placements"] += 1
        row["total_quantity"] += span.quantity
        row["cost"] += cost
    rows = []
    for row in sorted(placed.values(), key=lambda row: row["order"]):
        stat = stats.get(row["channel"], {})
        scans, conversions = stat.get("scans") or 0, stat.get("conversions") or 0
        rows.append(
            {
                "channel_id": row["channel"],
                "channel": row["channel__name"],
                "placements": row["placements"],
                "quantity": row["total_quantity"],
                "cost": row["cost"],
                "scans": scans,
                "device_days": stat.get("device_days") or 0,
                "conversions": conversions,
                "conversion_rate": _ratio(conversions, scans, scale=100),
                "cost_per_scan": _ratio(row["cost"], scans) if row["cost"] else None,
                "cost_per_conversion": _ratio(row["cost"], conversions) if row["cost"] else None,
                "repeats": stat.get("repeats") or 0,
                "suspect_scans": stat.get("suspect_scans") or 0,
            }
        )
    rows.sort(key=lambda row: (-row["scans"], -row["conversions"], row["channel"]))
    return Table(
        slug="theo-kenh",
        title=_("Lượt quét và chuyển đổi qua mã theo kênh"),
        columns=CHANNEL_COLUMNS,
        rows=rows,
        ward_level=f.is_ward_level,
        protected=f.shared,
        empty_text=_("Chưa có điểm đặt mã nào trong phạm vi này."),
        note=DEVICE_DAYS_NOTE,
        notes=[str(COST_NOTE)],
    )


WARD_COLUMNS = [
    Column("rank", _("Hạng"), Kind.NUMBER),
    Column("code", _("Mã")),
    Column("ward", _("Xã/phường")),
    Column("residents", _("Dân số"), Kind.NUMBER),
    Column("scans_per_1000", _("Lượt quét / 1.000 dân"), Kind.RATE, based_on=("scans",)),
    Column("conversions_per_1000", _("Chuyển đổi qua mã / 1.000 dân"), Kind.RATE, based_on=("conversions",)),
    Column("scans", _("Lượt quét"), Kind.COUNT),
    Column("conversions", _("Chuyển đổi qua mã"), Kind.COUNT),
    Column("placements", _("Điểm đặt"), Kind.NUMBER),
    Column("cost", _("Chi phí"), Kind.MONEY),
]


# Above this many ids or paths, a query filters by the scope instead of a long IN list (which Django takes
# long to compile and SQLite limits).
LONG_LIST = 300


@dataclass(frozen=True, slots=True)
class UnitRow:
    """The fields of a unit a table row shows: read as plain rows (a country's 3,300 model instances took a
    quarter of a second to make, per table)."""

    pk: int
    code: str
    name: str
    path: str
    level: str


UNIT_ROW_FIELDS = ("id", "code", "name", "path", "level")


def _units_by_path(*, f: InsightFilter, paths: list[str]) -> list[UnitRow]:
    units = AdministrativeUnit.objects.values_list(*UNIT_ROW_FIELDS)
    if len(paths) <= LONG_LIST:
        return [UnitRow(*row) for row in units.filter(path__in=paths)]
    wanted = set(paths)
    return [unit for unit in _scope_units(f) if unit.path in wanted]


def _scope_units(f: InsightFilter) -> list[UnitRow]:
    """The scope's provinces and wards, by path: read once per scope (the summary's month, of the same scope,
    finds them in the memo it shares with the dashboard's filter: insights.costs.share_spans)."""
    key = (UNITS_KEY, None)
    if key not in f.memo:
        scoped = (
            AdministrativeUnit.objects.filter(level__in=[UnitLevel.PROVINCE, UnitLevel.WARD])
            .filter(f.unit_q("path"))
            .order_by("path")
            .values_list(*UNIT_ROW_FIELDS)
        )
        f.memo[key] = [UnitRow(*row) for row in scoped]
    return f.memo[key]


def ward_table(*, f: InsightFilter) -> Table:
    """Every ward with placements in scope, ranked by scans per 1,000 residents. Four queries.

    Villages count in their ward; a province-wide placement (provincial TV) is a row of its own, unranked.
    """
    by_path: dict[str, dict] = defaultdict(lambda: {"placements": 0, "cost": 0, "scans": 0, "conversions": 0})

    keys: dict[str, str] = {}  # a ward's three channels share one path: worked out once

    def key(path: str) -> str:
        if path not in keys:
            keys[path] = ward_path(path) or path
        return keys[path]

    # Grouped by placement, not by the unit's path: the rollups need no join to the unit table (on a
    # country-wide view of 900,000 rollup rows this is 0.3 s instead of 1.3 s on PostgreSQL).
    path_of: dict[int, str] = {}
    for span, cost in period_spans(f=f):
        path_of[span.placement_id] = key(span.unit_path)
        entry = by_path[path_of[span.placement_id]]
        entry["placements"] += 1
        entry["cost"] += cost
    for row in _sums_by_placement(f, ("scans", "conversions")):
        entry = by_path[path_of[row["placement_id"]]]
        entry["scans"] += row["scans"] or 0
        entry["conversions"] += row["conversions"] or 0
    if not by_path:
        return Table(slug="theo-xa", title=_("Xã/phường"), columns=WARD_COLUMNS, ward_level=True, protected=f.shared)

    units = {unit.path: unit for unit in _units_by_path(f=f, paths=list(by_path))}
    many = len(units) > LONG_LIST
    residents = latest_figures(
        f=f, metric_slugs=[RESIDENTS_METRIC], unit_ids=None if many else [unit.pk for unit in units.values()]
    )
    rows = []
    for path, entry in by_path.items():
        unit = units.get(path)
        if unit is None:
            continue
        people = residents.get((unit.pk, RESIDENTS_METRIC), (None, None))[1]
        is_province = unit.level == UnitLevel.PROVINCE
        rows.append(
            {
                "unit_id": unit.pk,
                "code": unit.code,
                "ward": str(_("%(name)s (kênh toàn tỉnh)") % {"name": unit.name}) if is_province else unit.name,
                "residents": int(people) if people is not None else None,
                "scans_per_1000": None if is_province else _ratio(entry["scans"], people, scale=1000),
                "conversions_per_1000": None if is_province else _ratio(entry["conversions"], people, scale=1000),
                **entry,
            }
        )
    rows.sort(
        key=lambda row: (
            row["scans_per_1000"] is None,
            -(row["scans_per_1000"] or 0),
            -(row["conversions_per_1000"] or 0),
            -row["scans"],
            row["code"],
        )
    )
    rank = 0
    for row in rows:
        if row["scans_per_1000"] is not None:
            rank += 1
            row["rank"] = rank
        else:
            row["rank"] = None
    return Table(
        slug="theo-xa",
        title=_("Xã/phường xếp hạng theo lượt quét trên 1.000 dân"),
        columns=WARD_COLUMNS,
        rows=rows,
        ward_level=True,
        protected=f.shared,
        empty_text=_("Chưa có điểm đặt mã nào trong phạm vi này."),
        display_limit=PAGE_ROWS,
        notes=[str(COST_NOTE)],
    )


WEEK_COLUMNS = [
    Column("week", _("Tuần (từ thứ Hai)")),
    Column("days", _("Số ngày trong kỳ"), Kind.NUMBER),
    Column("scans", _("Lượt quét"), Kind.COUNT),
    Column("device_days", _("Lượt thiết bị-ngày"), Kind.COUNT),
    Column("conversions", _("Chuyển đổi qua mã"), Kind.COUNT),
    Column("conversion_rate", _("Tỷ lệ chuyển đổi qua mã"), Kind.PERCENT, based_on=("scans", "conversions")),
]
WEEK_SUMS = ("scans", "device_days", "conversions")
PART_WEEK_NOTE = _(
    "Tuần đầu hoặc tuần cuối của kỳ chưa trọn (xem cột “Số ngày trong kỳ”): số liệu của tuần đó chỉ gồm những "
    "ngày trong kỳ, nên thấp hơn một tuần đủ; trên biểu đồ, cột của tuần chưa trọn được tô nhạt và đánh dấu *."
)


def week_table(*, f: InsightFilter) -> Table:
    """Scans and conversions per week (weeks start on Monday), every week of the period listed. One query.

    A week the period cuts (it starts on a Thursday, ends on a Tuesday) says how many of its days are in the
    period (`days`, `partial`): its lower counts are a part-week, not a collapse, and the chart draws it so."""
    per_day = _sums(f, by="day", fields=WEEK_SUMS)
    weeks: dict[dt.date, dict] = {}
    monday = f.start - dt.timedelta(days=f.start.weekday())
    while monday <= f.end:
        weeks[monday] = dict.fromkeys(WEEK_SUMS, 0)
        monday += dt.timedelta(days=7)
    any_activity = False
    for row in per_day:
        week = weeks[row["day"] - dt.timedelta(days=row["day"].weekday())]
        for name in WEEK_SUMS:
            week[name] += row[name] or 0
        any_activity = True
    rows = []
    if any_activity:
        for monday, week in weeks.items():
            days = (min(monday + dt.timedelta(days=6), f.end) - max(monday, f.start)).days + 1
            rows.append(
                {
                    "week": monday.strftime("%d/%m/%Y"),
                    "week_start": monday,
                    "days": days,
                    "partial": days < 7,
                    **week,
                    "conversion_rate": _ratio(week["conversions"], week["scans"], scale=100),
                }
            )
    return Table(
        slug="theo-tuan",
        title=_("Lượt quét và chuyển đổi qua mã theo tuần"),
        columns=WEEK_COLUMNS,
        rows=rows,
        ward_level=f.is_ward_level,
        protected=f.shared,
        empty_text=_("Không có lượt quét nào trong khoảng thời gian này."),
        notes=[str(PART_WEEK_NOTE)] if any(row["partial"] for row in rows) else [],
    )


PLACEMENT_COLUMNS = [
    Column("code", _("Mã")),
    Column("ward", _("Địa bàn")),
    Column("channel", _("Kênh")),
    Column("spot", _("Vị trí")),
    Column("quantity", _("Số lượng in"), Kind.NUMBER),
    Column("cost", _("Chi phí"), Kind.MONEY),
    Column("scans", _("Lượt quét"), Kind.COUNT),
    Column("conversions", _("Chuyển đổi qua mã"), Kind.COUNT),
    Column("cost_per_scan", _("Chi phí mỗi lượt quét"), Kind.MONEY, based_on=("scans",)),
]


def _placement_rows(placements, *, costs: dict[int, int]) -> list[dict]:
    rows = []
    for placement in placements:
        cost = costs.get(placement.pk, 0)
        rows.append(
            {
                "placement_id": placement.pk,
                "code": placement.short_code,
                "ward": placement.unit.name,
                "channel": placement.channel.name,
                "spot": placement.spot,
                "quantity": placement.quantity,
                "cost": cost,
                "scans": placement.period_scans,
                "conversions": placement.period_conversions,
                "cost_per_scan": _ratio(cost, placement.period_scans) if cost else None,
            }
        )
    return rows


def placement_tables(*, f: InsightFilter, size: int = PLACEMENT_RANKING_SIZE) -> tuple[Table, Table]:
    """The placements with the most and the fewest scans in the period. One query, beside the per-placement sums
    and the cost spans the channel and ward tables share.

    A placement created after the period cannot be among the worst of it. The rollups are summed once per
    placement and ranked here: ordering every placement of the country by an aggregate, twice, in the
    database cost twice as much.
    """
    sums = {
        row["placement_id"]: (row["scans"], row["conversions"])
        for row in _sums_by_placement(f, ("scans", "conversions"))
    }
    candidates = []
    # The placements in scope are the cost spans' (read once per filter): no query of their own.
    for span, _cost in period_spans(f=f):
        if span.created_on > f.end:
            continue
        scans, conversions = sums.get(span.placement_id, (0, 0))
        candidates.append((scans, conversions, span.short_code, span.placement_id))
    ranked_top = sorted((c for c in candidates if c[0] > 0), key=lambda c: (-c[0], -c[1], c[2]))[:size]
    chosen = {c[3] for c in ranked_top}
    ranked_bottom = sorted((c for c in candidates if c[3] not in chosen), key=lambda c: (c[0], c[1], c[2]))[:size]
    by_pk = Placement.objects.select_related("unit", "channel").in_bulk([c[3] for c in ranked_top + ranked_bottom])

    def placements_of(ranked) -> list[Placement]:
        placements = []
        for scans, conversions, _code, pk in ranked:
            placement = by_pk[pk]
            placement.period_scans, placement.period_conversions = scans, conversions
            placements.append(placement)
        return placements

    top, bottom = placements_of(ranked_top), placements_of(ranked_bottom)
    costs = period_costs(f=f) if top or bottom else {}
    return (
        Table(
            slug="diem-dat-nhieu-nhat",
            title=_("Điểm đặt có nhiều lượt quét nhất"),
            columns=PLACEMENT_COLUMNS,
            rows=_placement_rows(top, costs=costs),
            notes=[str(COST_NOTE)],
            ward_level=True,
            protected=f.shared,
            empty_text=_("Không có lượt quét nào trong khoảng thời gian này."),
        ),
        Table(
            slug="diem-dat-it-nhat",
            title=_("Điểm đặt có ít lượt quét nhất"),
            columns=PLACEMENT_COLUMNS,
            rows=_placement_rows(bottom, costs=costs),
            notes=[str(COST_NOTE)],
            ward_level=True,
            protected=f.shared,
            empty_text=_("Chưa có điểm đặt mã nào khác trong phạm vi này."),
        ),
    )


class TargetStatus:
    REACHED = _("Đạt")
    BELOW = _("Chưa đạt")
    NO_FIGURES = _("Chưa có số liệu")


TARGET_COLUMNS = [
    Column("campaign", _("Chiến dịch")),
    Column("metric", _("Chỉ tiêu")),
    Column("code", _("Mã")),
    Column("ward", _("Xã/phường")),
    Column("figure_month", _("Số liệu tháng")),
    Column("value", _("Số liệu chính thức"), Kind.NUMBER),
    Column("residents", _("Dân số"), Kind.NUMBER),
    Column("achieved_percent", _("Đạt (%)"), Kind.PERCENT),
    Column("target_percent", _("Chỉ tiêu (%)"), Kind.PERCENT),
    Column("deadline", _("Hạn")),
    Column("status", _("Đánh giá")),
]


def _campaigns_in_scope(f: InsightFilter) -> QuerySet[CampaignPage]:
    if f.campaign is not None:
        return CampaignPage.objects.filter(pk=f.campaign.pk)
    return CampaignPage.objects.filter(pk__in=_placements(f).values("campaign"))


def target_table(*, f: InsightFilter) -> Table:
    """Each ward against each target of the campaign(s): latest official figure ÷ residents × 100. Three queries.

    Wards are those in scope with official figures; a ward with the figure but no residents is "no figures".
    """
    targets = list(
        CampaignTarget.objects.filter(campaign__in=_campaigns_in_scope(f))
        .select_related("metric", "campaign")
        .order_by("campaign__title", "sort_order")
    )
    table = Table(
        slug="chi-tieu",
        title=_("Xã/phường so với chỉ tiêu của chiến dịch"),
        columns=TARGET_COLUMNS,
        empty_text=_("Chưa có chỉ tiêu hoặc chưa nhập số liệu chính thức cho phạm vi này."),
        display_limit=PAGE_ROWS,
    )
    if not targets:
        return table
    slugs = sorted({target.metric.slug for target in targets} | {RESIDENTS_METRIC})
    figures = latest_figures(f=f, metric_slugs=slugs)
    ward_ids = {unit_id for unit_id, _slug in figures}
    if len(ward_ids) <= LONG_LIST:
        wards = [
            UnitRow(*row)
            for row in AdministrativeUnit.objects.filter(level=UnitLevel.WARD, pk__in=ward_ids)
            .order_by("path")
            .values_list(*UNIT_ROW_FIELDS)
        ]
    else:
        wards = [unit for unit in _scope_units(f) if unit.level == UnitLevel.WARD and unit.pk in ward_ids]
    for target in targets:
        for ward in wards:
            month, value = figures.get((ward.pk, target.metric.slug), (None, None))
            residents = figures.get((ward.pk, RESIDENTS_METRIC), (None, None))[1]
            achieved = _ratio(value, residents, scale=100)
            if achieved is None:
                status = TargetStatus.NO_FIGURES
            elif achieved >= float(target.target_percent):
                status = TargetStatus.REACHED
            else:
                status = TargetStatus.BELOW
            table.rows.append(
                {
                    "campaign_id": target.campaign_id,
                    "campaign": target.campaign.title,
                    "metric_slug": target.metric.slug,
                    "metric": target.metric.name,
                    "unit_id": ward.pk,
                    "code": ward.code,
                    "ward": ward.name,
                    "figure_month": month.strftime("%m/%Y") if month else None,
                    "value": value,
                    "residents": residents,
                    "achieved_percent": achieved,
                    "target_percent": target.target_percent,
                    "deadline": target.deadline.strftime("%d/%m/%Y"),
                    "status": str(status),
                    "reached": status == TargetStatus.REACHED,
                    "gap": None if achieved is None else float(target.target_percent) - achieved,
                }
            )
    return table


# --- The whole dashboard -----------------------------------------------------------------------------


@dataclass
class Totals:
    """The headline figures. `conversions` are those via a code; `uncoded_conversions` the others (completions
    without a code, assisted registrations without one); `repeats` and `suspect_scans` were set aside."""

    placements: int = 0
    quantity: int = 0
    cost: int = 0
    scans: int = 0
    device_days: int = 0
    conversions: int = 0
    repeats: int = 0
    suspect_scans: int = 0
    uncoded_conversions: int = 0

    @property
    def recorded_conversions(self) -> int:
        return self.conversions + self.uncoded_conversions

    @property
    def conversion_rate(self) -> float | None:
        return _ratio(self.conversions, self.scans, scale=100)

    @property
    def cost_per_scan(self) -> float | None:
        return _ratio(self.cost, self.scans) if self.cost else None

    @property
    def cost_per_conversion(self) -> float | None:
        return _ratio(self.cost, self.conversions) if self.cost else None


TOTAL_FIELDS = ("placements", "quantity", "cost", "scans", "device_days", "conversions", "repeats", "suspect_scans")


def totals_from(channels: Table, *, uncoded_conversions: int = 0) -> Totals:
    totals = Totals(uncoded_conversions=uncoded_conversions)
    for row in channels.rows:
        for name in TOTAL_FIELDS:
            setattr(totals, name, getattr(totals, name) + (row[name] or 0))
    return totals
