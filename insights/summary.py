"""The one-page summary of a unit's month: what a leader reads first, at the top of the dashboard and as page 1
of the monthly report.

Computed once (`build_summary`) from the dashboard's own tables for that month (insights.dashboard_tables), so
that every figure on it is one the tables below it show: progress against each target (the unit's own figure
and, for a province or the country, the sum of its wards), this month against the month before, the wards
furthest behind (per 1,000 residents), scans and conversions by channel with the cost per conversion, and the
channel verdicts in plain words with their evidence level ("gắn với" unless the roll-out was randomised).

Every sentence it writes is a `Sentence`: the text and, for each number it quotes, where that number comes from
(`Cite`: a table, a row, a column), so that a test can check the sentence against the table.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from campaigns.models import CampaignTarget
from core.dates import add_months, month_end, month_start, previous_month, vn_month
from core.numbers import vn_money, vn_number, vn_percent
from insights.costs import share_spans
from insights.estimators.verdicts import (
    CANNOT_SEPARATE,
    EVIDENCE_WORDS,
    NEGATIVE,
    NONE,
    NOT_ENOUGH_DATA,
    POSITIVE,
    RANDOMISED,
)
from insights.scope_figures import RESIDENTS_METRIC, figures_between
from insights.selectors import (
    FIGURE_LOOKBACK_MONTHS,
    InsightFilter,
    Table,
    _campaigns_in_scope,
    _sums,
    _sums_by_placement,
    channel_table,
    target_table,
    ward_table,
)
from insights.tables import format_cell
from places.models import UnitLevel

# Channels listed by name on the summary; the others are one line.
CHANNEL_LINES = 6
WARDS_BEHIND = 5


@dataclass(frozen=True)
class Cite:
    """Where a number in a sentence comes from: the table (by slug: one of the dashboard's, or one of the
    summary's, whose rows and cells carry data-row and data-value), the row (a key and its value; a tuple of
    keys and a tuple of values for a row found by two), the column."""

    table: str
    row_key: str
    row_value: object
    column: str
    text: str  # the number as the table writes it
    words: str = ""  # how the sentence says it, when not in figures ("chưa có lượt quét nào" for 0)

    @property
    def said(self) -> str:
        return self.words or self.text


class Sentence(str):
    """A generated sentence (a plain string everywhere it is shown) that knows the numbers it quotes."""

    cites: tuple[Cite, ...]

    def __new__(cls, text: str, cites=()):
        made = super().__new__(cls, text)
        made.cites = tuple(cites)
        return made

    def __reduce__(self):
        return (Sentence, (str(self), self.cites))


@dataclass
class TargetProgress:
    """One target of a campaign in scope: the wards' sum against it, this month and the month before."""

    campaign: str
    metric: str
    metric_slug: str
    target_percent: float
    deadline: dt.date
    value: float | None = None  # the wards' official figures, summed (wards with residents only)
    residents: float | None = None
    achieved_percent: float | None = None
    previous_value: float | None = None
    previous_achieved_percent: float | None = None
    own_value: float | None = None  # the unit's own figure (a province's, if the province imported one)
    own_achieved_percent: float | None = None
    wards_reached: int = 0
    wards_below: int = 0
    wards_without_figures: int = 0

    @property
    def reached(self) -> bool:
        return self.achieved_percent is not None and self.achieved_percent >= self.target_percent

    @property
    def change_points(self) -> float | None:
        if self.achieved_percent is None or self.previous_achieved_percent is None:
            return None
        return self.achieved_percent - self.previous_achieved_percent

    @property
    def wards_with_figures(self) -> int:
        return self.wards_reached + self.wards_below


@dataclass
class Comparison:
    """One figure this month and the month before."""

    key: str
    label: str
    this: float | None
    last: float | None
    kind: str = "count"  # count, money, percent

    def _text(self, value) -> str:
        if self.kind == "money":
            return vn_money(value)
        if self.kind == "percent":
            return vn_percent(value)
        return vn_number(value)

    @property
    def this_text(self) -> str:
        return self._text(self.this)

    @property
    def last_text(self) -> str:
        return self._text(self.last)

    @property
    def change(self) -> float | None:
        if self.this is None or self.last is None:
            return None
        return self.this - self.last

    @property
    def change_text(self) -> str:
        change = self.change
        if change is None:
            return "—"
        if self.kind == "percent":
            text = vn_number(abs(change), decimals=1) + " điểm %"
        elif self.kind == "money":
            text = vn_money(abs(change))
        else:
            text = vn_number(abs(change))
        sign = "+" if change > 0 else ("−" if change < 0 else "±")
        return sign + text


@dataclass
class WardBehind:
    code: str
    ward: str
    metric: str
    achieved_percent: float
    target_percent: float
    shortfall_per_1000: float  # residents per 1,000 still to reach the target
    scans_per_1000: float | None


@dataclass
class VerdictLine:
    verdict: str
    text: Sentence
    evidence: str  # "quan sát (gắn với)" or "triển khai ngẫu nhiên"


@dataclass
class Summary:
    unit_label: str
    month: dt.date
    filter: InsightFilter
    channels: Table
    targets_table: Table
    wards: Table
    impact: Table
    broadcasts: Table | None
    totals: object
    previous_totals: dict
    targets: list[TargetProgress] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    wards_behind: list[WardBehind] = field(default_factory=list)
    behind_by: str = ""  # what "furthest behind" is measured by
    verdicts: list[VerdictLine] = field(default_factory=list)
    headlines: list[Sentence] = field(default_factory=list)

    @property
    def month_label(self) -> str:
        return vn_month(self.month)

    @property
    def previous_month_label(self) -> str:
        return vn_month(previous_month(self.month))

    @property
    def channel_lines(self) -> list[dict]:
        """The channels with scans or conversions, most scans first (the channel table's order)."""
        active = [row for row in self.channels.rows if row["scans"] or row["conversions"]]
        return active[:CHANNEL_LINES]

    @property
    def other_channels(self) -> dict | None:
        active = [row for row in self.channels.rows if row["scans"] or row["conversions"]]
        rest = active[CHANNEL_LINES:]
        if not rest:
            return None
        cost = sum(row["cost"] or 0 for row in rest)
        conversions = sum(row["conversions"] for row in rest)
        return {
            "count": len(rest),
            "scans": sum(row["scans"] for row in rest),
            "conversions": conversions,
            "cost": cost,
            "cost_per_conversion": cost / conversions if cost and conversions else None,
        }

    @property
    def has_placements(self) -> bool:
        return bool(self.channels.rows)

    @property
    def has_scans(self) -> bool:
        return bool(self.totals.scans or self.totals.conversions)

    @property
    def has_figures(self) -> bool:
        return any(target.value is not None for target in self.targets)


# --- the numbers ----------------------------------------------------------------------------------------


def summary_month(f: InsightFilter) -> dt.date:
    """The month a dashboard's summary is about: the filter's, if it is one whole month; else the last whole
    month that ends within the filter's period (or the month before its end)."""
    if f.start == month_start(f.start) and f.end == month_end(f.start):
        return f.start
    if f.end == month_end(f.end):
        return month_start(f.end)
    return previous_month(month_start(f.end))


def is_one_month(f: InsightFilter) -> bool:
    return f.start == month_start(f.start) and f.end == month_end(f.start)


def month_filter(f: InsightFilter, month: dt.date) -> InsightFilter:
    """`f`'s scope for one month; it reuses the cost spans `f` has read (insights.costs.share_spans)."""
    out = InsightFilter(start=month, end=month_end(month), units=f.units, campaign=f.campaign, shared=f.shared)
    share_spans(f, out)
    return out


def previous_sums(f: InsightFilter) -> dict:
    """Scans and conversions of the month before `f`'s month, summed the same way as the channel table (per
    channel, so a shared copy's are sums of rounded base cells). One query; an exact copy's adds up the sums per
    placement (the same totals, without joining the placements to group by channel)."""
    before = month_filter(f, previous_month(f.start))
    if f.shared:
        rows = _sums(before, by="placement__channel", fields=("scans", "conversions"))
    else:
        rows = _sums_by_placement(before, ("scans", "conversions"))
    return {
        "scans": sum(row["scans"] or 0 for row in rows),
        "conversions": sum(row["conversions"] or 0 for row in rows),
    }


def _figures_two_months(*, f: InsightFilter, slugs: list[str]) -> tuple[dict, dict]:
    """The latest official figure per (unit id, metric) up to this month and up to the month before: from the
    scope's shared read (insights.scope_figures) for the residents and the impact metric, else one query.

    The same rule as `latest_figures`: a figure counts for up to FIGURE_LOOKBACK_MONTHS months.
    """
    as_of = f.as_of_month
    before = previous_month(as_of)
    rows = figures_between(f, metric_slugs=slugs, earliest=add_months(before, -FIGURE_LOOKBACK_MONTHS))
    now: dict = {}
    then: dict = {}
    for unit_id, slug, month, value in rows:
        key = (unit_id, slug)
        if month >= add_months(as_of, -FIGURE_LOOKBACK_MONTHS) and (key not in now or now[key][0] < month):
            now[key] = (month, value)
        if month <= before and (key not in then or then[key][0] < month):
            then[key] = (month, value)
    return now, then


def _ratio(numerator, denominator) -> float | None:
    if numerator is None or not denominator:
        return None
    return float(numerator) * 100 / float(denominator)


def target_progress(*, f: InsightFilter, targets: Table) -> list[TargetProgress]:
    """Each target in scope: the sum of the wards' latest figures over the sum of their residents (the wards
    the target table shows a percentage for), the same for the month before, and the unit's own figure."""
    groups: dict[tuple, TargetProgress] = {}
    ward_ids: dict[tuple, list[int]] = {}
    for row in targets.rows:
        key = (row["campaign_id"], row["metric_slug"], row["target_percent"], row["deadline"])
        if key not in groups:
            groups[key] = TargetProgress(
                campaign=row["campaign"],
                metric=row["metric"],
                metric_slug=row["metric_slug"],
                target_percent=float(row["target_percent"]),
                deadline=dt.datetime.strptime(row["deadline"], "%d/%m/%Y").date(),
            )
            ward_ids[key] = []
        progress = groups[key]
        if row["achieved_percent"] is None:
            progress.wards_without_figures += 1
            continue
        ward_ids[key].append(row["unit_id"])
        progress.value = (progress.value or 0) + float(row["value"])
        progress.residents = (progress.residents or 0) + float(row["residents"])
        if row["reached"]:
            progress.wards_reached += 1
        else:
            progress.wards_below += 1
    if not groups:
        # No ward has figures: the targets are still listed, without progress (one query, only then).
        for target in (
            CampaignTarget.objects.filter(campaign__in=_campaigns_in_scope(f))
            .select_related("metric", "campaign")
            .order_by("campaign__title", "sort_order")
        ):
            key = (target.campaign_id, target.metric.slug, target.target_percent, target.deadline)
            groups.setdefault(
                key,
                TargetProgress(
                    campaign=target.campaign.title,
                    metric=target.metric.name,
                    metric_slug=target.metric.slug,
                    target_percent=float(target.target_percent),
                    deadline=target.deadline,
                ),
            )
            ward_ids[key] = []
    if not groups:
        return []
    slugs = sorted({progress.metric_slug for progress in groups.values()} | {RESIDENTS_METRIC})
    now, then = _figures_two_months(f=f, slugs=slugs)
    own_unit = f.units[0] if f.units is not None and len(f.units) == 1 else None
    for key, progress in groups.items():
        progress.achieved_percent = _ratio(progress.value, progress.residents)
        # The month before, over the same wards (a ward without last month's figure leaves both sums).
        value = residents = None
        for ward_id in ward_ids[key]:
            figure = then.get((ward_id, progress.metric_slug))
            people = then.get((ward_id, RESIDENTS_METRIC))
            if figure is None or people is None or not people[1]:
                continue
            value = (value or 0) + float(figure[1])
            residents = (residents or 0) + float(people[1])
        progress.previous_value = value
        progress.previous_achieved_percent = _ratio(value, residents)
        if own_unit is not None and own_unit.level == UnitLevel.PROVINCE:
            own = now.get((own_unit.pk, progress.metric_slug))
            people = now.get((own_unit.pk, RESIDENTS_METRIC))
            if own is not None:
                progress.own_value = float(own[1])
                progress.own_achieved_percent = _ratio(own[1], people[1] if people else None)
    return list(groups.values())


def wards_behind(*, targets: Table, wards: Table, size: int = WARDS_BEHIND) -> tuple[list[WardBehind], str]:
    """The wards furthest below the first target with figures, by the residents per 1,000 still to reach it;
    without official figures, the wards with the fewest scans per 1,000 residents."""
    per_1000 = {row["unit_id"]: row.get("scans_per_1000") for row in wards.rows}
    below = [row for row in targets.rows if row["achieved_percent"] is not None and not row["reached"]]
    if below:
        metric = below[0]["metric_slug"]
        rows = [row for row in below if row["metric_slug"] == metric]
        rows.sort(key=lambda row: (-row["gap"], row["code"]))
        behind = [
            WardBehind(
                code=row["code"],
                ward=row["ward"],
                metric=row["metric"],
                achieved_percent=row["achieved_percent"],
                target_percent=float(row["target_percent"]),
                shortfall_per_1000=row["gap"] * 10,
                scans_per_1000=per_1000.get(row["unit_id"]),
            )
            for row in rows[:size]
        ]
        return behind, "target"
    ranked = [row for row in wards.rows if row.get("rank")]
    lowest = list(reversed(ranked[-size:])) if len(ranked) > 1 else []
    return [
        WardBehind(
            code=row["code"],
            ward=row["ward"],
            metric="",
            achieved_percent=None,
            target_percent=None,
            shortfall_per_1000=None,
            scans_per_1000=row["scans_per_1000"],
        )
        for row in lowest
    ], ("scans" if lowest else "")


def evidence_label(level: str) -> str:
    if level == RANDOMISED:
        return _("bằng chứng: triển khai ngẫu nhiên")
    return _("bằng chứng: quan sát, “%(words)s”") % {"words": EVIDENCE_WORDS["observational"]}


def _estimate_sentence(row: dict, *, name: str) -> Sentence:
    numbers = {
        "estimate": format_cell(row["estimate"], "estimate"),
        "low": format_cell(row["ci_low"], "estimate"),
        "high": format_cell(row["ci_high"], "estimate"),
    }
    cites = [
        Cite("tac-dong-kenh", "channel", row["channel"], column, numbers[key])
        for key, column in (("estimate", "estimate"), ("low", "ci_low"), ("high", "ci_high"))
    ]
    text = _("%(channel)s: %(result)s (%(outcome)s: %(estimate)s, khoảng tin cậy 95 %% từ %(low)s đến %(high)s).") % {
        "channel": name,
        "result": row["result"],
        "outcome": row["outcome"],
        **numbers,
    }
    return Sentence(text, cites)


def verdict_lines(impact: Table) -> list[VerdictLine]:
    """The channel verdicts in plain words: a line for each channel (or group of channels always placed
    together) with an estimate, then one line per kind of "no conclusion"."""
    lines: list[VerdictLine] = []
    groups: dict[str, list[str]] = {NONE: [], NOT_ENOUGH_DATA: []}
    bundled = {row["channel"] for row in impact.rows if row.get("is_bundle")}
    for row in impact.rows:
        level = row.get("evidence_level", "observational")
        name = row["channel"]
        if row.get("is_bundle"):
            name = _("%(channels)s (luôn triển khai cùng nhau, chỉ đánh giá được chung)") % {"channels": name}
        if row["verdict"] in (POSITIVE, NEGATIVE):
            lines.append(VerdictLine(row["verdict"], _estimate_sentence(row, name=name), evidence_label(level)))
        elif row.get("is_bundle"):
            text = _("%(channels)s: %(result)s.") % {"channels": name, "result": row["result"]}
            lines.append(VerdictLine(row["verdict"], Sentence(text), evidence_label(level)))
        elif row["verdict"] == CANNOT_SEPARATE:
            if not any(row["channel"] in bundle.split(" + ") for bundle in bundled):
                text = _("%(channel)s: %(result)s.") % {"channel": name, "result": row["result"]}
                lines.append(VerdictLine(row["verdict"], Sentence(text), ""))
        elif row["verdict"] in groups:
            groups[row["verdict"]].append(row["channel"])
    if groups[NONE]:
        text = _("Chưa thấy khác biệt rõ: %(names)s.") % {"names": ", ".join(groups[NONE])}
        lines.append(VerdictLine(NONE, Sentence(text), evidence_label("observational")))
    if groups[NOT_ENOUGH_DATA]:
        text = _("Chưa đủ dữ liệu để đánh giá %(count)s kênh: %(names)s.") % {
            "count": vn_number(len(groups[NOT_ENOUGH_DATA])),
            "names": ", ".join(groups[NOT_ENOUGH_DATA]),
        }
        lines.append(VerdictLine(NOT_ENOUGH_DATA, Sentence(text), ""))
    return lines


def headlines(summary: "Summary") -> list[Sentence]:
    """Two or three sentences that say the month in words, each from the numbers the summary's tables show."""
    out: list[Sentence] = []
    totals = summary.totals
    if not summary.has_placements:
        out.append(Sentence(_("Chưa có điểm đặt mã nào trong phạm vi này: chưa có số liệu về kênh.")))
    elif not summary.has_scans:
        placements = vn_number(totals.placements)
        out.append(
            Sentence(
                _("Có %(placements)s điểm đặt mã nhưng chưa có lượt quét nào trong tháng %(month)s.")
                % {"placements": placements, "month": summary.month_label},
                [Cite("theo-kenh", "", "", "placements", placements)],
            )
        )
    else:
        scans = summary.comparisons[0]
        conversions = summary.comparisons[1]
        text = _(
            "Tháng %(month)s: %(scans)s lượt quét (%(change)s so với tháng %(previous)s), "
            "%(conversions)s chuyển đổi qua mã."
        ) % {
            "month": summary.month_label,
            "scans": scans.this_text,
            "change": scans.change_text,
            "previous": summary.previous_month_label,
            "conversions": conversions.this_text,
        }
        out.append(
            Sentence(
                text,
                [
                    Cite("so-sanh", "key", "scans", "this", scans.this_text),
                    Cite("so-sanh", "key", "scans", "change", scans.change_text),
                    Cite("so-sanh", "key", "conversions", "this", conversions.this_text),
                ],
            )
        )
        if totals.cost:
            cost, per_conversion = vn_money(totals.cost), vn_money(totals.cost_per_conversion)
            out.append(
                Sentence(
                    _("Chi phí của các kênh: %(cost)s, tức %(per)s cho mỗi chuyển đổi qua mã.")
                    % {"cost": cost, "per": per_conversion},
                    [
                        Cite("kenh-tom-tat", "key", "tong", "cost", cost),
                        Cite("kenh-tom-tat", "key", "tong", "cost_per_conversion", per_conversion),
                    ],
                )
            )
        if summary.channel_lines:
            top = summary.channel_lines[0]
            scans_text = vn_number(top["scans"])
            out.append(
                Sentence(
                    _("Nhiều lượt quét nhất: %(channel)s (%(scans)s lượt).")
                    % {"channel": top["channel"], "scans": scans_text},
                    [
                        Cite("theo-kenh", "channel", top["channel"], "scans", scans_text),
                        Cite("kenh-tom-tat", "key", top["channel"], "scans", scans_text),
                    ],
                )
            )
    with_figures = [target for target in summary.targets if target.achieved_percent is not None]
    if summary.targets and not with_figures:
        out.append(Sentence(_("Chưa có số liệu chính thức của tháng để so với chỉ tiêu.")))
    for target in with_figures[:1]:
        achieved = vn_percent(target.achieved_percent)
        goal = vn_percent(target.target_percent)
        reached_text = f"{vn_number(target.wards_reached)}/{vn_number(target.wards_with_figures)}"
        out.append(
            Sentence(
                _("%(metric)s: đạt %(achieved)s so với chỉ tiêu %(target)s; %(reached)s xã/phường đã đạt.")
                % {"metric": target.metric, "achieved": achieved, "target": goal, "reached": reached_text},
                [
                    Cite("muc-tieu", "metric_slug", target.metric_slug, "achieved_percent", achieved),
                    Cite("muc-tieu", "metric_slug", target.metric_slug, "target_percent", goal),
                    Cite("muc-tieu", "metric_slug", target.metric_slug, "wards_reached", reached_text),
                ],
            )
        )
    return out


def build_summary(
    *,
    f: InsightFilter,
    unit_label: str,
    channels: Table | None = None,
    targets: Table | None = None,
    wards: Table | None = None,
    impact: Table,
    broadcasts: Table | None = None,
    totals=None,
) -> Summary:
    """The summary of `f`'s month (f must be one calendar month). The dashboard's tables of that month are
    passed in when it already has them (the same filter); otherwise they are built here."""
    from insights.selectors import totals_from

    channels = channels if channels is not None else channel_table(f=f)
    targets = targets if targets is not None else target_table(f=f)
    wards = wards if wards is not None else ward_table(f=f)
    totals = totals if totals is not None else totals_from(channels)
    before = previous_sums(f)
    summary = Summary(
        unit_label=unit_label,
        month=f.start,
        filter=f,
        channels=channels,
        targets_table=targets,
        wards=wards,
        impact=impact,
        broadcasts=broadcasts,
        totals=totals,
        previous_totals=before,
    )
    summary.targets = target_progress(f=f, targets=targets)
    this_rate = totals.conversion_rate
    last_rate = before["conversions"] * 100 / before["scans"] if before["scans"] else None
    summary.comparisons = [
        Comparison("scans", _("Lượt quét"), totals.scans, before["scans"]),
        Comparison("conversions", _("Chuyển đổi qua mã"), totals.conversions, before["conversions"]),
        Comparison("conversion_rate", _("Tỷ lệ chuyển đổi qua mã"), this_rate, last_rate, kind="percent"),
    ]
    for target in summary.targets:
        summary.comparisons.append(
            Comparison(
                f"target:{target.metric_slug}",
                target.metric,
                target.achieved_percent,
                target.previous_achieved_percent,
                kind="percent",
            )
        )
    summary.wards_behind, summary.behind_by = wards_behind(targets=targets, wards=wards)
    summary.verdicts = verdict_lines(impact)
    summary.headlines = headlines(summary)
    return summary


def summary_values(summary: Summary) -> dict[str, object]:
    """Every figure the summary shows, by a stable key, unformatted: what the consistency test compares."""
    values: dict[str, object] = {
        "scans": summary.totals.scans,
        "conversions": summary.totals.conversions,
        "cost": summary.totals.cost,
        "cost_per_conversion": summary.totals.cost_per_conversion,
        "previous_scans": summary.previous_totals["scans"],
        "previous_conversions": summary.previous_totals["conversions"],
    }
    for row in summary.channel_lines:
        for key in ("scans", "conversions", "cost", "cost_per_conversion"):
            values[f"channel:{row['channel']}:{key}"] = row[key]
    for target in summary.targets:
        values[f"target:{target.metric_slug}:achieved_percent"] = target.achieved_percent
        values[f"target:{target.metric_slug}:value"] = target.value
        values[f"target:{target.metric_slug}:wards_reached"] = target.wards_reached
    for ward in summary.wards_behind:
        values[f"behind:{ward.code}"] = ward.achieved_percent
    return values


# How official names begin when they already say what the unit is ("Thành phố Hà Nội", "Phường Ea Kao").
NAMED_KINDS = ("tỉnh ", "thành phố ", "phường ", "xã ", "đặc khu ", "thôn ", "khối ", "tổ dân phố ", "buôn ", "bản ")


def unit_label(units) -> str:
    """ "Phường Ea Kao" and "Thành phố Hà Nội" name their type already; a province is "Đắk Lắk" in the official
    list and becomes "Tỉnh Đắk Lắk"."""
    if units is None:
        return _("Toàn quốc")
    if len(units) != 1:
        return _("%(count)s đơn vị") % {"count": vn_number(len(units))}
    unit = units[0]
    kind = unit.get_division_type_display()
    if not kind or unit.name.lower().startswith((kind.lower(), *NAMED_KINDS)):
        return unit.name
    return f"{kind} {unit.name}"


def summary_from_dashboard(*, f: InsightFilter, dashboard, unit_label: str) -> Summary:
    """The summary of one month built from that month's dashboard (the same filter): the page's own tables, so the
    summary, the dashboard and the report's page 1 quote the same numbers."""
    return build_summary(
        f=f,
        unit_label=unit_label,
        channels=dashboard.channels,
        targets=dashboard.targets,
        wards=dashboard.wards,
        impact=dashboard.impact,
        broadcasts=dashboard.broadcasts,
        totals=dashboard.totals,
    )


def dashboard_summary(*, f: InsightFilter, dashboard) -> tuple[Summary, str]:
    """The summary at the top of the dashboard, and a note when its month is not the page's whole period.

    When the page shows exactly one month, the summary reuses the page's tables (two queries more: last
    month's scans and the official figures of both months); otherwise it computes that month's channels,
    targets and wards.
    """
    label = unit_label(f.units)
    if is_one_month(f):
        return summary_from_dashboard(f=f, dashboard=dashboard, unit_label=label), ""
    month = summary_month(f)
    summary = build_summary(f=month_filter(f, month), unit_label=label, impact=dashboard.impact)
    note = _(
        "Tóm tắt của tháng trọn vẹn %(month)s; các bảng bên dưới tính theo khoảng đã chọn (%(start)s – %(end)s). "
        "Chọn từ ngày đầu đến ngày cuối một tháng để xem cả trang theo tháng đó."
    ) % {"month": vn_month(month), "start": f.start.strftime("%d/%m/%Y"), "end": f.end.strftime("%d/%m/%Y")}
    return summary, note
