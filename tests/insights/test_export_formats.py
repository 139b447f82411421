"""What the exports hold: CSV for machines (a dot before decimals, units in the header), XLSX for people (number
cells with number formats), and sheet names that are whole words within Excel's 31 characters."""

import csv
import io

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from core.exports import SHEET_TITLE_LENGTH, sheet_title
from insights.dashboard_tables import DASHBOARD_TABLES
from places.models import Role
from tests.factories.insights_dashboard import october_fixture, staff_member

OCTOBER = {"unit": "66", "start": "2026-10-01", "end": "2026-10-31"}
# The October fixture's posters: 450.000 đ for 203 scans and 21 conversions.
POSTER_COST_PER_SCAN = 450_000 / 203


@pytest.fixture
def culture_office(client, official_units):
    october = october_fixture()
    client.force_login(staff_member(username="vanhoa", unit=october.province, role=Role.CULTURE_OFFICE))
    return client


def export(client, slug, fmt, **params):
    return client.get(reverse("insights_export", args=[slug, fmt]), {**OCTOBER, **params})


def test_the_csv_is_for_machines_and_its_header_names_the_units(culture_office):
    text = export(culture_office, "theo-kenh", "csv").content.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    assert {"Chi phí (đồng)", "Chi phí mỗi lượt quét (đồng)", "Tỷ lệ chuyển đổi qua mã (%)"} <= set(reader.fieldnames)
    poster = next(row for row in reader if row["Kênh"] == "Áp-phích")
    # A dot before decimals and no thousands separator: float() reads every number cell.
    assert poster["Chi phí mỗi lượt quét (đồng)"] == "2216.75"
    assert float(poster["Chi phí mỗi lượt quét (đồng)"]) == pytest.approx(POSTER_COST_PER_SCAN, abs=0.005)
    assert poster["Chi phí (đồng)"] == "450000"
    assert poster["Tỷ lệ chuyển đổi qua mã (%)"] == "10.34"


def test_the_xlsx_keeps_numbers_as_number_cells_on_a_sheet_named_in_whole_words(culture_office):
    workbook = load_workbook(io.BytesIO(export(culture_office, "theo-kenh", "xlsx").content))
    assert workbook.sheetnames == ["Theo kênh"]
    rows = list(workbook.active.iter_rows())
    header = [cell.value for cell in rows[0]]
    poster = next(row for row in rows[1:] if row[0].value == "Áp-phích")
    per_scan = poster[header.index("Chi phí mỗi lượt quét")]
    assert per_scan.data_type == "n" and per_scan.value == pytest.approx(POSTER_COST_PER_SCAN)
    assert per_scan.number_format == "#,##0"  # shown with the reader's own separators: 2.217 in Vietnamese
    rate = poster[header.index("Tỷ lệ chuyển đổi qua mã")]
    assert rate.data_type == "n" and rate.number_format == "0.0"


def test_every_sheet_of_the_whole_workbook_has_its_short_whole_word_name(culture_office):
    workbook = load_workbook(io.BytesIO(export(culture_office, "tat-ca", "xlsx").content))
    assert workbook.sheetnames == [str(entry.sheet) for entry in DASHBOARD_TABLES]
    assert all(len(name) <= SHEET_TITLE_LENGTH for name in workbook.sheetnames)


def test_a_long_title_keeps_its_first_whole_words():
    used: set[str] = set()
    assert sheet_title("Xã/phường xếp hạng theo lượt quét trên 1.000 dân", used) == "Xã phường xếp hạng theo lượt"
    assert sheet_title("Kết quả triển khai: điểm đặt mã, ấn phẩm đã in", used) == "Kết quả triển khai điểm đặt mã"
    assert sheet_title("Xã phường xếp hạng theo lượt quét", used) == "Xã phường xếp hạng theo (2)"


WORDS = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạ:/-", min_size=1, max_size=12)


@given(words=st.lists(WORDS, min_size=1, max_size=12), taken=st.integers(min_value=0, max_value=3))
def test_a_sheet_title_is_never_cut_inside_a_word(words, taken):
    text = " ".join(words)
    cleaned = " ".join(text.replace(":", " ").replace("/", " ").split())
    used: set[str] = set()
    for _ in range(taken):
        sheet_title(text, used)
    title = sheet_title(text, used)
    assert len(title) <= SHEET_TITLE_LENGTH
    base = title.rsplit(" (", 1)[0] if taken else title
    if not cleaned or len(cleaned.split()[0]) > SHEET_TITLE_LENGTH - (5 if taken else 0):
        return  # a single word longer than the limit has to be cut
    # What is kept is the title's beginning and ends where a word ends.
    assert cleaned.startswith(base.rstrip(" -–—,.;:("))
    rest = cleaned[len(base) :]
    assert rest == "" or rest[0] in " -–—,.;:("
