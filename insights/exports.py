"""Dashboard tables as CSV and XLSX, through the one spreadsheet writer (core.exports)."""

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


def _csv_value(value):
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return "" if value is None else value


def table_csv(table: Table, *, suppress: bool, notes: Sequence[str] = ()) -> bytes:
    """One table as CSV: a header row with the column labels, then the rows; notes (what a shared copy says
    about itself) after an empty row at the end."""
    rows = [[_csv_value(value) for value in row] for row in table.values(suppress=suppress)]
    if notes:
        rows += [[], *([note] for note in notes)]
    return csv_bytes(header=[str(column.label) for column in table.columns], rows=rows)


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


def table_xlsx(table: Table, *, suppress: bool, notes: Sequence[str] = ()) -> bytes:
    return tables_xlsx([(str(table.title), [table])], suppress=suppress, notes=notes)
