"""The dashboard's tables, declared once, in order: the page, the exports ("tat-ca" and one table at a time) and
the monthly report iterate this registry, so that adding a table is one entry here (and its builder).

Each entry says how the table is built, which name the templates and the report read it by
(`dashboard.channels`), its chart on the page, and where it goes in the monthly report.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from insights.charts import channel_chart, ward_chart, week_chart
from insights.counting import set_aside_table, source_table, told_table, uncoded_total
from insights.effects import broadcast_summary_table, broadcast_table, impact_table
from insights.figure_checks import figure_warnings_table
from insights.selectors import (
    InsightFilter,
    Totals,
    channel_table,
    placement_tables,
    target_table,
    totals_from,
    ward_table,
    week_table,
)
from insights.tables import Table

TABLE_TEMPLATE = "insights/includes/table.html"


class ReportSection:
    """The report's sections that hold dashboard tables (insights.report_rendering gives them titles)."""

    SCANS = "scans"
    CONVERSIONS = "conversions"
    TARGETS = "targets"
    IMPACT = "impact"


@dataclass(frozen=True)
class DashboardTable:
    slug: str  # the table's slug: its anchor on the page and its export URL
    name: str  # read as `dashboard.<name>` by the templates and the report
    # `builder(f=...)` gives the Table, or a tuple of tables of which this one is number `part` (tables computed
    # together are computed once per dashboard).
    builder: Callable[..., Table | tuple[Table, ...]]
    part: int | None = None
    chart: Callable[[Table], str] | None = None  # its chart on the page
    template: str = TABLE_TEMPLATE  # how the page shows it
    report_section: str | None = None  # the report section (PDF) and sheet (XLSX) it is printed in; None: not
    report_keys: tuple[str, ...] = ()  # the columns the report keeps (all when empty)
    pdf_keys: tuple[str, ...] = ()  # the columns the PDF keeps (narrower than the XLSX's; all when empty)
    report_notes: Callable[[Table], list[str]] | None = None  # sentences printed under the report's section
    sheet: str = ""  # its XLSX sheet's name: whole words, at most 31 characters (Excel's limit)
    # The PDF's form of the table when it differs (a summary of a long table; None: left to the annex and
    # the XLSX). The report's XLSX always keeps the table whole.
    pdf_form: Callable[[Table], Table | None] | None = None

    def build(self, f: InsightFilter, done: dict | None = None) -> Table:
        done = {} if done is None else done
        if self.builder not in done:
            done[self.builder] = self.builder(f=f)
        built = done[self.builder]
        return built if self.part is None else built[self.part]


def _impact_notes(table: Table) -> list[str]:
    """Under the impact table in the PDF: what the estimates rest on, each channel's reason where it has a
    conclusion, and the channels without enough data grouped by their reason (one line each)."""
    notes = list(table.notes)
    waiting: dict[str, list[str]] = {}
    for row in table.rows:
        if row["verdict"] == "not_enough_data":
            waiting.setdefault(row["reason"], []).append(row["channel"])
        else:
            notes.append(f"{row['channel']}: {row['reason']}")
    notes += [f"{', '.join(channels)}: {reason}" for reason, channels in waiting.items()]
    return notes


def _broadcast_notes(table: Table) -> list[str]:
    return table.notes if table.rows else []


DASHBOARD_TABLES: list[DashboardTable] = [
    DashboardTable("theo-kenh", "channels", channel_table, chart=channel_chart, sheet=_("Theo kênh")),
    DashboardTable(
        "theo-nguon",
        "sources",
        source_table,
        report_section=ReportSection.CONVERSIONS,
        sheet=_("Chuyển đổi theo nguồn"),
    ),
    DashboardTable(
        "nguoi-dan-ke-lai", "told", told_table, report_section=ReportSection.CONVERSIONS, sheet=_("Người dân kể lại")
    ),
    DashboardTable(
        "theo-tuan", "weeks", week_table, chart=week_chart, report_section=ReportSection.SCANS, sheet=_("Theo tuần")
    ),
    DashboardTable("theo-xa", "wards", ward_table, chart=ward_chart, sheet=_("Theo xã phường")),
    DashboardTable(
        "diem-dat-nhieu-nhat", "top_placements", placement_tables, part=0, sheet=_("Điểm đặt nhiều lượt quét nhất")
    ),
    DashboardTable(
        "diem-dat-it-nhat", "bottom_placements", placement_tables, part=1, sheet=_("Điểm đặt ít lượt quét nhất")
    ),
    DashboardTable(
        "nghi-bat-thuong",
        "set_aside",
        set_aside_table,
        report_section=ReportSection.SCANS,
        sheet=_("Lượt nghi bất thường"),
    ),
    DashboardTable(
        "chi-tieu",
        "targets",
        target_table,
        report_section=ReportSection.TARGETS,
        # One row per ward and target: in the PDF the targets are columns of the annex's ward table.
        pdf_form=lambda table: None,
        report_keys=(
            "ward",
            "metric",
            "value",
            "residents",
            "achieved_percent",
            "target_percent",
            "deadline",
            "status",
        ),
        sheet=_("Chỉ tiêu"),
    ),
    DashboardTable(
        "canh-bao-so-lieu",
        "figure_warnings",
        figure_warnings_table,
        template="insights/includes/figure_warnings_table.html",
        report_section=ReportSection.IMPACT,
        sheet=_("Cảnh báo số liệu"),
    ),
    DashboardTable(
        "tac-dong-kenh",
        "impact",
        impact_table,
        report_section=ReportSection.IMPACT,
        pdf_keys=("channel", "result", "estimate", "ci_low", "ci_high", "switched_on", "comparison"),
        report_notes=_impact_notes,
        sheet=_("Tác động kênh"),
    ),
    DashboardTable(
        "phat-song",
        "broadcasts",
        broadcast_table,
        report_section=ReportSection.IMPACT,
        # The PDF counts the airings per channel and conclusion (one row per channel); the XLSX keeps one row per
        # airing, all fourteen columns.
        report_notes=_broadcast_notes,
        sheet=_("Phát sóng"),
        pdf_form=broadcast_summary_table,
    ),
]


def table_slugs() -> list[str]:
    return [entry.slug for entry in DASHBOARD_TABLES]


def entry_for(slug: str) -> DashboardTable | None:
    return next((entry for entry in DASHBOARD_TABLES if entry.slug == slug), None)


@dataclass
class Dashboard:
    """Every table of the registry for one filter; `dashboard.channels` etc. read a table by its entry's name."""

    filter: InsightFilter
    by_slug: dict[str, Table]
    totals: Totals = field(default_factory=Totals)

    def __getattr__(self, name: str) -> Table:
        by_slug = self.__dict__.get("by_slug", {})  # not self.by_slug: no recursion before it is set (copies)
        for entry in DASHBOARD_TABLES:
            if entry.name == name and entry.slug in by_slug:
                return by_slug[entry.slug]
        raise AttributeError(name)

    @property
    def has_scans(self) -> bool:
        totals = self.totals
        return any((totals.scans, totals.conversions, totals.uncoded_conversions, totals.suspect_scans))

    @property
    def entries(self) -> list[tuple[DashboardTable, Table]]:
        """The registry's entries with their tables, in the page's order."""
        return [(entry, self.by_slug[entry.slug]) for entry in DASHBOARD_TABLES if entry.slug in self.by_slug]

    @property
    def tables(self) -> list[Table]:
        return [table for _entry, table in self.entries]


def build_dashboard(*, f: InsightFilter) -> Dashboard:
    """Every table of the dashboard for one filter."""
    done: dict = {}
    by_slug = {entry.slug: entry.build(f, done) for entry in DASHBOARD_TABLES}
    dashboard = Dashboard(filter=f, by_slug=by_slug)
    dashboard.totals = totals_from(dashboard.channels, uncoded_conversions=uncoded_total(dashboard.sources))
    return dashboard


def build_table(*, slug: str, f: InsightFilter) -> Table:
    """One table of the dashboard, computed alone (for its export). KeyError for an unknown slug."""
    entry = entry_for(slug)
    if entry is None:
        raise KeyError(slug)
    return entry.build(f)
