"""The monthly report as PDF (WeasyPrint, Be Vietnam Pro embedded, the dashboard's SVG charts) and as XLSX,
in the working group's own copy ("Nội bộ", exact) or the copy meant for sharing (rounded counts)."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import override

from core.fonts import FONT_FACES, FONT_STACK
from insights.charts import channel_chart, ward_chart, week_chart
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
        pdf_tables.append(
            subset(table, slug=table.slug, title=table.title, keys=list(entry.pdf_keys)) if entry.pdf_keys else table
        )
        if entry.report_notes:
            notes += entry.report_notes(table)
    return tables, pdf_tables, notes


def report_sections(data: MonthlyReportData) -> list[dict]:
    """The working group's sections, in order, each with its tables (the report's own, then the dashboard's that
    the registry, insights.dashboard_tables, puts there) and, for the PDF, its charts and notes."""
    dashboard = data.dashboard
    sections = [
        {
            "title": _("1. Kết quả triển khai"),
            "sheet": _("Kết quả triển khai"),
            "tables": [data.deployment],
            "notes": data.deployment.notes,  # how the month's cost was attributed (insights.costs)
        },
        {
            "title": _("2. Lượt quét"),
            "sheet": _("Lượt quét"),
            "tables": [data.scans],
            "key": ReportSection.SCANS,
            "charts": [
                channel_chart(dashboard.channels, suppress=data.shared, chart_id="bao-cao-kenh"),
                week_chart(dashboard.weeks, suppress=data.shared, chart_id="bao-cao-tuan"),
            ],
        },
        {
            "title": _("3. Chuyển đổi"),
            "sheet": _("Chuyển đổi"),
            "tables": [data.conversions],
            "key": ReportSection.CONVERSIONS,
        },
        {
            "title": _("4. Số liệu chính thức so với chỉ tiêu"),
            "sheet": _("Chỉ tiêu"),
            "tables": [],
            "key": ReportSection.TARGETS,
        },
        {
            "title": _("5. Xã/phường dẫn đầu và cần đôn đốc"),
            "sheet": _("Xã phường"),
            "tables": [data.best_wards, data.worst_wards],
            "charts": [ward_chart(dashboard.wards, suppress=data.shared, limit=10, chart_id="bao-cao-xa")],
        },
        {
            "title": _("6. Kênh gắn với mức tăng hằng tháng"),
            "sheet": _("Tác động kênh"),
            "tables": [],
            "key": ReportSection.IMPACT,
        },
    ]
    for section in sections:
        section.setdefault("charts", [])
        key = section.pop("key", None)
        tables, pdf_tables, notes = _dashboard_tables(data, key) if key else ([], [], [])
        section["pdf_tables"] = section["tables"] + pdf_tables
        section["tables"] = section["tables"] + tables
        section["notes"] = [*section.get("notes", []), *notes]
    return sections


def report_html(data: MonthlyReportData) -> str:
    with override("vi"):
        sections = report_sections(data)
        for section in sections:
            section["rendered"] = [
                {"table": table, "rows": table.display_rows(suppress=data.shared)} for table in section["pdf_tables"]
            ]
        return render_to_string(
            "insights/report/monthly_report.html",
            {"report": data, "sections": sections, "font_faces": FONT_FACES, "font_stack": FONT_STACK},
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
        return tables_xlsx(sheets, suppress=data.shared)
