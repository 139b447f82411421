"""The monthly report as PDF (WeasyPrint, Be Vietnam Pro embedded, the dashboard's SVG charts) and as XLSX,
in the working group's own copy ("Nội bộ", exact) or the copy meant for sharing (rounded counts)."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import override

from core.fonts import FONT_FACES, FONT_STACK
from insights.charts import channel_chart, ward_chart, week_chart
from insights.exports import tables_xlsx
from insights.reports import MonthlyReportData, subset


def report_sections(data: MonthlyReportData) -> list[dict]:
    """The working group's sections, in order, each with its tables and (for the PDF) its charts."""
    dashboard = data.dashboard
    return [
        {
            "title": _("1. Kết quả triển khai"),
            "sheet": _("Kết quả triển khai"),
            "tables": [data.deployment],
            "charts": [],
        },
        {
            "title": _("2. Lượt quét"),
            "sheet": _("Lượt quét"),
            "tables": [data.scans, dashboard.weeks, dashboard.set_aside],
            "charts": [
                channel_chart(dashboard.channels, suppress=data.shared, chart_id="bao-cao-kenh"),
                week_chart(dashboard.weeks, suppress=data.shared, chart_id="bao-cao-tuan"),
            ],
        },
        {
            "title": _("3. Chuyển đổi"),
            "sheet": _("Chuyển đổi"),
            "tables": [data.conversions, dashboard.sources, dashboard.told],
            "charts": [],
        },
        {
            "title": _("4. Số liệu chính thức so với chỉ tiêu"),
            "sheet": _("Chỉ tiêu"),
            "tables": [
                subset(
                    dashboard.targets,
                    slug="chi-tieu",
                    title=dashboard.targets.title,
                    keys=[
                        "ward",
                        "metric",
                        "value",
                        "residents",
                        "achieved_percent",
                        "target_percent",
                        "deadline",
                        "status",
                    ],
                )
            ],
            "charts": [],
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
            "tables": [dashboard.figure_warnings, dashboard.impact, dashboard.broadcasts],
            "pdf_tables": [
                dashboard.figure_warnings,
                subset(
                    dashboard.impact,
                    slug="tac-dong-kenh",
                    title=dashboard.impact.title,
                    keys=["channel", "result", "estimate", "ci_low", "ci_high", "switched_on", "comparison"],
                ),
                dashboard.broadcasts,
            ],
            # What the estimates rest on, then each channel's reason, under the tables in the PDF.
            "notes": [
                *dashboard.impact.notes,
                *(f"{row['channel']}: {row['reason']}" for row in dashboard.impact.rows),
                *(dashboard.broadcasts.notes if dashboard.broadcasts.rows else []),
            ],
            "charts": [],
        },
    ]


def report_html(data: MonthlyReportData) -> str:
    with override("vi"):
        sections = report_sections(data)
        for section in sections:
            section["rendered"] = [
                {"table": table, "rows": table.display_rows(suppress=data.shared)}
                for table in section.get("pdf_tables", section["tables"])
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
    from insights.tables import Column, Table

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
