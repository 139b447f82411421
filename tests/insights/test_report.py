"""The monthly report: its figures in the PDF (text extracted with pypdf), its XLSX, the command."""

import datetime as dt
import io
import unicodedata

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook
from pypdf import PdfReader

from insights.report_rendering import render_report_pdf, render_report_xlsx
from insights.reports import ReportError, build_monthly_report, parse_month
from tests.factories.insights_dashboard import OCTOBER, october_fixture


@pytest.fixture
def october(official_units):
    return october_fixture()


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return unicodedata.normalize("NFC", " ".join(text.split()))


def sheet_table(sheet, title: str) -> tuple[tuple, list[tuple]]:
    """The header and rows of the table under `title` on a sheet holding several (core.exports' layout)."""
    rows = list(sheet.iter_rows(values_only=True))
    start = next(index for index, row in enumerate(rows) if row and row[0] == title)
    body = []
    for row in rows[start + 2 :]:
        if not row or row[0] is None:
            break
        body.append(row)
    return rows[start + 1], body


@pytest.fixture
def province_pdf(october) -> str:
    return pdf_text(render_report_pdf(build_monthly_report(unit=october.province, month=OCTOBER)))


def test_the_pdf_has_the_working_groups_sections(province_pdf):
    for heading in (
        "Báo cáo tháng 10/2026",
        "Tỉnh Đắk Lắk",
        "Tóm tắt tháng 10/2026",
        "I. Kết quả so với chỉ tiêu",
        "II. Hoạt động truyền thông theo kênh",
        "Bằng chứng: kênh gắn với mức tăng",
        "III. Xã/phường cần hỗ trợ",
        "IV. Đề xuất",
        "Phụ lục 1. Số liệu từng xã/phường",
    ):
        assert heading in province_pdf
    # In the working group's order: the summary first, the annex last.
    headings = ("Tóm tắt tháng", "I. Kết quả", "IV. Đề xuất", "Phụ lục 1. Số liệu")
    positions = [province_pdf.index(heading) for heading in headings]
    assert positions == sorted(positions)


def test_the_pdf_has_the_months_figures(province_pdf):
    # What was placed and what it cost: 3 placements, 650.000 đ (page 1), 450.000 đ of it for áp-phích.
    assert "Chi phí của các kênh: 650.000 đ" in province_pdf
    assert "450.000 đ" in province_pdf
    # Scans and conversions of October only: the 999 scans of 30 September are September's, shown as last month's.
    assert "233" in province_pdf and province_pdf.count("999") == 1
    assert "Lượt quét 233 999 −766" in province_pdf
    assert "10,3 %" in province_pdf  # áp-phích: 21 conversions from 203 scans
    assert "20,0 %" in province_pdf  # loa: 6 from 30
    # Official figures against the 80 % target.
    assert "85,0 %" in province_pdf and "Đạt" in province_pdf
    assert "50,0 %" in province_pdf and "Chưa đạt" in province_pdf
    # Ranking per 1,000 residents.
    assert "11,5" in province_pdf


def test_the_working_groups_own_report_is_exact_and_marked_internal(province_pdf):
    # Ea Kao had 3 scans and 1 conversion: exact in the internal copy.
    assert "Nội bộ" in province_pdf and "Bản chia sẻ" not in province_pdf
    assert "Phường Ea Kao 4.000 0,8 0,3 3 1" in province_pdf


def test_the_shared_copy_rounds_every_count_and_says_so(october):
    data = build_monthly_report(unit=october.province, month=OCTOBER, shared=True)
    text = pdf_text(render_report_pdf(data))
    assert "Bản chia sẻ" in text and "làm tròn có kiểm soát đến bội số của 5" in text
    for table in (data.scans, data.conversions, data.best_wards, data.worst_wards, data.dashboard.weeks):
        for row in table.values(suppress=True):
            for column, value in zip(table.columns, row, strict=True):
                if column.kind == "count":
                    assert value % 5 == 0, (table.slug, column.key, value)
    totals = data.dashboard.totals
    assert totals.scans % 5 == 0 and totals.conversions % 5 == 0
    assert abs(totals.scans - 233) <= 5 * 4  # four base cells with scans, each moved by less than 5


def test_channel_impact_is_explained_not_invented(province_pdf):
    # One month of official figures gives no growth to compare: no number, the reason and what it means.
    assert "chưa đủ dữ liệu" in province_pdf
    # The reason under the table, once for the channels that share it.
    assert "Áp-phích, Loa truyền thanh cơ sở: " in province_pdf
    assert "Duy trì kênh" not in province_pdf


def test_the_recommendations_come_from_the_data(province_pdf):
    assert "Tăng cường kênh Loa truyền thanh cơ sở" in province_pdf  # highest conversion rate (20 %)
    assert "Tập trung hỗ trợ 1 xã/phường chưa đạt chỉ tiêu" in province_pdf
    assert "Phường Ea Kao (50,0 %)" in province_pdf


def test_a_ward_reports_small_totals_are_rounded_in_the_shared_copy_only(october):
    data = build_monthly_report(unit=october.ward_b, month=OCTOBER, shared=True)
    summary = dict(data.summary)
    assert summary["Lượt quét"] in {"0", "5"} and summary["Chuyển đổi qua mã"] in {"0", "5"}
    text = pdf_text(render_report_pdf(data))
    assert "Phường Ea Kao" in text and "Buôn Ma Thuột" not in text
    internal = dict(build_monthly_report(unit=october.ward_b, month=OCTOBER).summary)
    assert internal["Lượt quét"] == "3" and internal["Chuyển đổi qua mã"] == "1"


def test_the_xlsx_has_one_sheet_per_section(october):
    content = render_report_xlsx(build_monthly_report(unit=october.province, month=OCTOBER))
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == [
        "Tổng quan",
        "Chỉ tiêu",
        "Kênh",
        "Tác động kênh",
        "Cần hỗ trợ",
        "Đề xuất",
        "Phụ lục xã phường",
    ]
    header, deployment = sheet_table(workbook["Kênh"], "Kết quả triển khai: điểm đặt mã, ấn phẩm đã in và chi phí")
    poster = next(row for row in deployment if row[0] == "Áp-phích")
    assert poster[header.index("Điểm đặt mã")] == 2
    assert poster[header.index("Số lượng in")] == 30
    assert poster[header.index("Chi phí trong tháng")] == 450_000
    wards = list(workbook["Phụ lục xã phường"].iter_rows(values_only=True))
    ea_kao = next(row for row in wards if row and "Phường Ea Kao" in row)
    assert 3 in ea_kao  # the internal copy is exact
    summary = dict(row for row in workbook["Tổng quan"].iter_rows(values_only=True))
    assert summary["Lượt quét"] == "233" and summary["Bản"] == "Nội bộ"


def test_a_month_in_the_future_is_a_clear_error():
    with pytest.raises(ReportError, match="chưa đến"):
        parse_month("2026-12", today=dt.date(2026, 11, 23))
    assert parse_month("2026-11", today=dt.date(2026, 11, 23)) == dt.date(2026, 11, 1)
    with pytest.raises(ReportError, match="NNNN-TT"):
        parse_month("10/2026")
    with pytest.raises(ReportError, match="NNNN-TT"):
        parse_month("2026-13")


def test_the_command_writes_a_pdf_or_an_xlsx(october, tmp_path):
    out = tmp_path / "bao-cao.pdf"
    call_command("monthly_report", unit="66", month="2026-10", out=str(out))
    assert "233" in pdf_text(out.read_bytes())
    call_command("monthly_report", unit="24133", month="2026-10", out=str(tmp_path / "bao-cao.xlsx"))
    workbook = load_workbook(tmp_path / "bao-cao.xlsx")
    assert dict(row for row in workbook["Tổng quan"].iter_rows(values_only=True))["Lượt quét"] == "230"
    call_command("monthly_report", unit="24169", month="2026-10", out=str(tmp_path / "chia-se.xlsx"), chia_se=True)
    summary = dict(row for row in load_workbook(tmp_path / "chia-se.xlsx")["Tổng quan"].iter_rows(values_only=True))
    assert summary["Bản"] == "Bản chia sẻ" and summary["Lượt quét"] in {"0", "5"}


def test_the_command_refuses_bad_input(october, tmp_path):
    far = (dt.date.today() + dt.timedelta(days=62)).strftime("%Y-%m")
    with pytest.raises(CommandError, match="chưa đến"):
        call_command("monthly_report", unit="66", month=far, out=str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match=r"\.pdf hoặc \.xlsx"):
        call_command("monthly_report", unit="66", month="2026-10", out=str(tmp_path / "x.docx"))
    with pytest.raises(CommandError, match="Không có đơn vị"):
        call_command("monthly_report", unit="99999", month="2026-10", out=str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()
