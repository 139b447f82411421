"""Dashboard tables as CSV and XLSX, through the one spreadsheet writer (core.exports).

The two formats serve different readers. XLSX is the file people open: every number is a number cell with a
number format, so Excel and LibreOffice show it with the reader's own separators (1.234,5 on a Vietnamese
computer) and it still sums. CSV is the file machines read (scripts, other systems, imports): numbers are
written the way every CSV reader parses them, a dot before decimals and no thousands separator ("4.17",
"450000"), and the header says each number's unit ("Chi phí (đồng)", "Tỷ lệ chuyển đổi qua mã (%)"), since
a CSV cell carries no format. A Vietnamese "4,17" would split the cell for most readers or read as text.
"""

from collections.abc import Sequence

from django.utils.translation import gettext as _

from core.exports import SheetBlock, csv_bytes, xlsx_bytes
from insights.tables import Kind, Table

NUMBER_FORMATS = {
    Kind.COUNT: "#,##0",
    Kind.NUMBER: "#,##0",
    Kind.MONEY: "#,##0",
    Kind.PERCENT: "0.0",
    Kind.RATE: "0.0",
    Kind.ESTIMATE: "0.00",
}


# The unit a CSV header names (a rate per 1,000 residents says so in its label already).
CSV_UNITS = {Kind.MONEY: "đồng", Kind.PERCENT: "%"}


def csv_header(table: Table) -> list[str]:
    """The column labels, each numeric one with its unit: "Chi phí (đồng)", "Đạt (%)"."""
    labels = []
    for column in table.columns:
        label, unit = str(column.label), CSV_UNITS.get(column.kind)
        labels.append(f"{label} ({unit})" if unit and not label.endswith(f"({unit})") else label)
    return labels


def _csv_value(value):
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return "" if value is None else value


def table_csv(table: Table, *, suppress: bool, notes: Sequence[str] = ()) -> bytes:
    """One table as CSV for machines: a header row with the column labels and units, then the rows (numbers with
    a dot before decimals, no thousands separator); notes (what a shared copy says about itself) after an empty
    row at the end."""
    rows = [[_csv_value(value) for value in row] for row in table.values(suppress=suppress)]
    if notes:
        rows += [[], *([note] for note in notes)]
    return csv_bytes(header=csv_header(table), rows=rows)


def _notes_block(notes: Sequence[str]) -> SheetBlock:
    return SheetBlock(title=_("Ghi chú"), header=[_("Ghi chú")], rows=[[note] for note in notes])


def _block(table: Table, *, suppress: bool) -> SheetBlock:
    return SheetBlock(
        title=str(table.title),
        header=[str(column.label) for column in table.columns],
        rows=table.values(suppress=suppress),
        number_formats=[NUMBER_FORMATS.get(column.kind) for column in table.columns],
    )


def tables_xlsx(sheets: list[tuple[str, list[Table]]], *, suppress: bool, notes: Sequence[str] = ()) -> bytes:
    """A workbook with one sheet per (title, tables): each table under its own title row, and on every sheet
    the notes (what a shared copy says about itself) under the tables."""
    extra = [_notes_block(notes)] if notes else []
    return xlsx_bytes(
        [(title, [_block(table, suppress=suppress) for table in tables] + extra) for title, tables in sheets]
    )


def table_xlsx(table: Table, *, suppress: bool, notes: Sequence[str] = (), sheet: str = "") -> bytes:
    """One table on one sheet, named `sheet` (else the table's title, cut after a whole word)."""
    return tables_xlsx([(sheet or str(table.title), [table])], suppress=suppress, notes=notes)
