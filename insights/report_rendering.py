"""The monthly report as PDF (WeasyPrint, Be Vietnam Pro embedded, the dashboard's SVG charts) and as XLSX,
in the working group's own copy ("Nội bộ", exact) or the copy meant for sharing (rounded counts)."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import override

from core.fonts import FONT_FACES, FONT_STACK
from insights.charts import channel_chart, week_chart
from insights.dashboard_tables import ReportSection
from insights.exports import tables_xlsx
from insights.reports import MonthlyReportData, subset
from insights.tables import Column, Table


def _dashboard_tables(data: MonthlyReportData, section: str) -> tuple[list[Table], list[Table], list[str]]:
    """The dashboard's tables the registry puts in this report section, in the registry's order: as the XLSX
    has them, as the PDF prints them, and the notes printed under them."""
    tables, pdf_tables, notes = [], [], []
    for entry, table in data.dashboard.entries:
        if entry.report_section != section:
            continue
        if entry.report_keys:
            table = subset(table, slug=table.slug, title=table.title, keys=list(entry.report_keys))
        tables.append(table)
        printed = table
        if entry.pdf_form is not None:
            printed = entry.pdf_form(table)
        elif entry.pdf_keys:
            printed = subset(table, slug=table.slug, title=table.title, keys=list(entry.pdf_keys))
        if printed is not None:
            pdf_tables.append(printed)
        if entry.report_notes:
            notes += entry.report_notes(table)
    return tables, pdf_tables, notes


def report_sections(data: MonthlyReportData) -> list[dict]:
    """The working group's sections after the summary page, in order: results against targets, channel
    activities and their evidence, wards needing support (the recommendations and the annex follow in the
    template). Each holds the report's own tables, then the dashboard's that the registry
    (insights.dashboard_tables) puts there: `pdf_tables` as the PDF prints them (narrow enough for a portrait
    page; long tables in their short form), `tables` as the XLSX keeps them (whole), and the notes."""
    dashboard = data.dashboard
    sections = [
        {
            "title": _("I. Kết quả so với chỉ tiêu"),
            "sheet": _("Chỉ tiêu"),
            "tables": [data.target_summary],
            "keys": [ReportSection.TARGETS],
        },
        {
            "title": _("II. Hoạt động truyền thông theo kênh"),
            "sheet": _("Kênh"),
            "tables": [data.activity],
            "xlsx_only": [data.deployment, data.scans, data.conversions],
            "notes": data.deployment.notes,  # how the month's cost was attributed (insights.costs)
            "keys": [ReportSection.SCANS, ReportSection.CONVERSIONS],
            "charts": [
                channel_chart(dashboard.channels, suppress=data.shared, chart_id="bao-cao-kenh"),
                week_chart(dashboard.weeks, suppress=data.shared, chart_id="bao-cao-tuan"),
            ],
        },
        {
            "title": _("Bằng chứng: kênh gắn với mức tăng số liệu chính thức"),
            "sheet": _("Tác động kênh"),
            "subsection": True,
            "tables": [],
            "keys": [ReportSection.IMPACT],
        },
        {
            "title": _("III. Xã/phường cần hỗ trợ"),
            "sheet": _("Cần hỗ trợ"),
            "tables": [data.behind, data.worst_wards],
            "xlsx_only": [data.best_wards],
        },
    ]
    for section in sections:
        section.setdefault("charts", [])
        tables, pdf_tables, notes = [], [], []
        for key in section.pop("keys", []):
            more, more_pdf, more_notes = _dashboard_tables(data, key)
            tables += more
            pdf_tables += more_pdf
            notes += more_notes
        section["pdf_tables"] = section["tables"] + pdf_tables
        section["tables"] = section["tables"] + section.pop("xlsx_only", []) + tables
        section["notes"] = [*section.get("notes", []), *notes]
    return sections


def report_html(data: MonthlyReportData) -> str:
    with override("vi"):
        sections = report_sections(data)
        if not data.dashboard.channels.rows:
            # Nothing placed in scope: a short report. Each section says so in its first table's words; the
            # dashboard's empty tables (scans per week, hours set aside, airings…) would only repeat it.
            sections = [section for section in sections if not section.get("subsection")]
            for section in sections:
                section["pdf_tables"] = section["pdf_tables"][:1]
                section["charts"], section["notes"] = [], []
        for section in sections:
            section["rendered"] = [
                {"table": table, "rows": table.display_rows(suppress=data.shared)} for table in section["pdf_tables"]
            ]
        annex = {"table": data.annex, "rows": data.annex.display_rows(suppress=data.shared)}
        return render_to_string(
            "insights/report/monthly_report.html",
            {
                "report": data,
                "summary": data.overview,
                "sections": sections,
                "annex": annex,
                "font_faces": FONT_FACES,
                "font_stack": FONT_STACK,
            },
        )


def render_report_pdf(data: MonthlyReportData) -> bytes:
    from weasyprint import HTML

    return HTML(string=report_html(data)).write_pdf()


def render_report_xlsx(data: MonthlyReportData) -> bytes:
    """One sheet per section of the report (rounded counts in the shared copy)."""
    with override("vi"):
        summary = Table(
            slug="tong-quan",
            title=data.title,
            columns=[Column("label", _("Nội dung")), Column("value", _("Số liệu"))],
            rows=[
                {"label": _("Bản"), "value": data.copy_label},
                {"label": _("Ghi chú"), "value": data.copy_note},
                {"label": _("Đơn vị"), "value": f"{data.unit.name} ({data.unit.code})"},
                {"label": _("Tháng"), "value": data.month.strftime("%m/%Y")},
                *({"label": label, "value": value} for label, value in data.summary),
            ],
        )
        advice = Table(
            slug="de-xuat",
            title=_("Đề xuất"),
            columns=[Column("number", _("STT")), Column("text", _("Đề xuất"))],
            rows=[{"number": index, "text": text} for index, text in enumerate(data.recommendations, start=1)],
        )
        sheets = [(_("Tổng quan"), [summary])]
        for section in report_sections(data):
            sheets.append((section["sheet"], section["tables"]))
        sheets.append((_("Đề xuất"), [advice]))
        sheets.append((_("Phụ lục xã phường"), [data.annex]))
        return tables_xlsx(sheets, suppress=data.shared)
