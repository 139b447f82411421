"""Adding a dashboard table is one entry in the registry (insights.dashboard_tables): a table registered here, in the
test, shows on the dashboard page, in its own CSV and XLSX exports, in the "every table" workbook and in the
monthly report (its XLSX sheet and the HTML the PDF is printed from), with no other edit."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from insights import dashboard_tables
from insights.dashboard_tables import DashboardTable, ReportSection, build_dashboard, table_slugs
from insights.report_rendering import render_report_xlsx, report_html
from insights.reports import build_monthly_report
from insights.selectors import InsightFilter
from insights.tables import Column, Kind, Table
from places.models import Role
from tests.factories.insights_dashboard import OCTOBER, october_fixture, staff_member
from tests.insights.dashboard_html import read_tables

SLUG = "bang-thu"
TITLE = "Bảng thử: khoảng thời gian"
PERIOD = {"start": "2026-10-01", "end": "2026-10-31"}


def period_table(*, f: InsightFilter) -> Table:
    """A table of the filter itself, so that what each output shows comes from the filter it was given."""
    return Table(
        slug=SLUG,
        title=TITLE,
        columns=[Column("label", "Nội dung"), Column("days", "Số ngày", Kind.NUMBER)],
        rows=[{"label": f"{f.start:%d/%m/%Y}–{f.end:%d/%m/%Y}", "days": (f.end - f.start).days + 1}],
    )


@pytest.fixture
def registered():
    entry = DashboardTable(SLUG, "period", period_table, report_section=ReportSection.CONVERSIONS)
    dashboard_tables.DASHBOARD_TABLES.append(entry)
    try:
        yield entry
    finally:
        dashboard_tables.DASHBOARD_TABLES.remove(entry)


@pytest.fixture
def october(official_units):
    return october_fixture()


@pytest.fixture
def culture_office(client, october):
    client.force_login(staff_member(username="vanhoa", unit=october.province, role=Role.CULTURE_OFFICE))
    return client


def test_the_registry_lists_each_table_once_in_the_pages_order():
    slugs = table_slugs()
    assert len(slugs) == len(set(slugs)) == 12
    assert slugs[:3] == ["theo-kenh", "theo-nguon", "nguoi-dan-ke-lai"]
    assert SLUG not in slugs


def test_a_registered_table_is_on_the_page_in_the_exports_and_in_the_report(registered, culture_office, october):
    html = culture_office.get(reverse("insights_dashboard"), {"unit": "66", **PERIOD}).content.decode()
    tables, _empty = read_tables(html)
    assert tables[SLUG] == [{"Nội dung": "01/10/2026–31/10/2026", "Số ngày": "31"}]
    assert list(tables)[-1] == SLUG  # after the others, as registered
    assert f"{reverse('insights_export', args=[SLUG, 'csv'])}?" in html

    response = culture_office.get(reverse("insights_export", args=[SLUG, "csv"]), {"unit": "66", **PERIOD})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [{"Nội dung": "01/10/2026–31/10/2026", "Số ngày": "31"}]
    response = culture_office.get(reverse("insights_export", args=[SLUG, "xlsx"]), {"unit": "66", **PERIOD})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert list(workbook.active.iter_rows(values_only=True)) == [("Nội dung", "Số ngày"), ("01/10/2026–31/10/2026", 31)]
    response = culture_office.get(reverse("insights_export", args=["tat-ca", "xlsx"]), {"unit": "66", **PERIOD})
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == 13 and workbook.sheetnames[-1].startswith("Bảng thử")

    report = build_monthly_report(unit=october.province, month=OCTOBER)
    assert report.dashboard.period is report.dashboard.by_slug[SLUG]  # read by its name, like dashboard.channels
    sheet = load_workbook(io.BytesIO(render_report_xlsx(report)))["Kênh"]
    cells = [value for row in sheet.iter_rows(values_only=True) for value in row if value is not None]
    assert TITLE in cells and "01/10/2026–31/10/2026" in cells
    printed = report_html(report)
    channels, evidence = printed.index("II. Hoạt động truyền thông"), printed.index("Bằng chứng: kênh gắn với")
    assert channels < printed.index(TITLE) < evidence  # printed in its section of the PDF


def test_a_table_built_alone_equals_the_one_on_the_dashboard(registered, october):
    f = InsightFilter(start=OCTOBER, end=OCTOBER.replace(day=31), units=(october.province,))
    dashboard = build_dashboard(f=f)
    assert dashboard.tables[-1].rows == dashboard_tables.build_table(slug=SLUG, f=f).rows
    for slug in ("diem-dat-nhieu-nhat", "diem-dat-it-nhat"):  # built together once, each still exported alone
        assert dashboard.by_slug[slug].rows == dashboard_tables.build_table(slug=slug, f=f).rows
