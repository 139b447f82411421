"""The small-cell rule, and how the exports apply it (in one place: Table.values)."""

import io

import pytest
from openpyxl import load_workbook

from core.exports import BOM, sheet_title
from insights.exports import table_csv, table_xlsx
from insights.suppression import SUPPRESSED, is_small, shown_count
from insights.tables import Column, Kind, Table


@pytest.mark.parametrize(("count", "small"), [(0, True), (1, True), (4, True), (5, False), (120, False), (None, False)])
def test_fewer_than_five_events_is_a_small_cell(count, small):
    assert is_small(count) is small


def test_a_small_count_is_written_less_than_five_only_when_suppressing():
    assert shown_count(3, suppress=True) == SUPPRESSED == "< 5"
    assert shown_count(3, suppress=False) == 3
    assert shown_count(5, suppress=True) == 5


def ward_table() -> Table:
    return Table(
        slug="theo-xa",
        title="Xã/phường",
        columns=[
            Column("ward", "Xã/phường"),
            Column("residents", "Dân số", Kind.NUMBER),
            Column("scans", "Lượt quét", Kind.COUNT),
            Column("scans_per_1000", "Lượt quét / 1.000 dân", Kind.RATE, based_on=("scans",)),
        ],
        rows=[
            {"ward": "Phường Buôn Ma Thuột", "residents": 20000, "scans": 230, "scans_per_1000": 11.5},
            {"ward": "Phường Ea Kao", "residents": 4000, "scans": 3, "scans_per_1000": 0.75},
        ],
        ward_level=True,
    )


def test_a_shared_ward_table_hides_small_counts_and_the_rates_that_would_reveal_them():
    table = ward_table()
    assert table.values(suppress=True) == [
        ["Phường Buôn Ma Thuột", 20000, 230, 11.5],
        ["Phường Ea Kao", 4000, "< 5", "—"],  # residents are not events; the rate would give the count back
    ]
    assert table.values(suppress=False)[1] == ["Phường Ea Kao", 4000, 3, 0.75]


def test_a_table_across_wards_is_never_suppressed():
    table = ward_table()
    table.ward_level = False
    assert table.values(suppress=True)[1][2] == 3


def test_csv_is_utf8_with_a_bom_and_vietnamese_headers():
    content = table_csv(ward_table(), suppress=True)
    assert content.startswith(BOM.encode("utf-8"))
    lines = content.decode("utf-8-sig").splitlines()
    assert lines == [
        "Xã/phường,Dân số,Lượt quét,Lượt quét / 1.000 dân",
        "Phường Buôn Ma Thuột,20000,230,11.5",
        "Phường Ea Kao,4000,< 5,—",
    ]


def test_xlsx_keeps_numbers_as_numbers_and_small_cells_as_text():
    workbook = load_workbook(io.BytesIO(table_xlsx(ward_table(), suppress=True)))
    sheet = workbook.active
    assert sheet.title == "Xã-phường"  # "/" is not allowed in a sheet name
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Xã/phường", "Dân số", "Lượt quét", "Lượt quét / 1.000 dân")
    assert rows[1] == ("Phường Buôn Ma Thuột", 20000, 230, 11.5)
    assert rows[2] == ("Phường Ea Kao", 4000, "< 5", "—")
    assert sheet["C2"].number_format == "#,##0"


def test_sheet_titles_are_short_legal_and_unique():
    used: set[str] = set()
    first = sheet_title("Lượt quét và chuyển đổi theo kênh: [tháng 10/2026]", used)
    second = sheet_title("Lượt quét và chuyển đổi theo kênh: [tháng 10/2026]", used)
    assert len(first) <= 31 and len(second) <= 31 and first != second
    assert not set("[]:*?/\\") & set(first + second)
