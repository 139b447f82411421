"""Dashboard tables as CSV (UTF-8 with a byte-order mark, so that Excel reads Vietnamese) and XLSX."""

import csv
import io
import re

from openpyxl import Workbook
from openpyxl.styles import Font

from insights.tables import Kind, Table

BOM = "\ufeff"
NUMBER_FORMATS = {
    Kind.COUNT: "#,##0",
    Kind.NUMBER: "#,##0",
    Kind.MONEY: "#,##0",
    Kind.PERCENT: "0.0",
    Kind.RATE: "0.0",
    Kind.ESTIMATE: "0.00",
}
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _csv_value(value):
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return "" if value is None else value


def table_csv(table: Table, *, suppress: bool) -> bytes:
    """One table as CSV: a header row with the column labels, then the rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(column.label) for column in table.columns])
    for row in table.values(suppress=suppress):
        writer.writerow([_csv_value(value) for value in row])
    return (BOM + buffer.getvalue()).encode("utf-8")


def sheet_title(text: str, used: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = SHEET_TITLE_FORBIDDEN.sub("-", text).strip()[:31] or "Sheet"
    title, number = base, 2
    while title.lower() in used:
        suffix = f" ({number})"
        title = base[: 31 - len(suffix)] + suffix
        number += 1
    used.add(title.lower())
    return title


def write_table(sheet, table: Table, *, suppress: bool, first_row: int = 1) -> int:
    """Write a table (bold header) from a row on; returns the next free row."""
    bold = Font(bold=True)
    for index, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=first_row, column=index, value=str(column.label))
        cell.font = bold
    row_number = first_row
    for row_number, row in enumerate(table.values(suppress=suppress), start=first_row + 1):
        for index, (column, value) in enumerate(zip(table.columns, row, strict=True), start=1):
            cell = sheet.cell(row=row_number, column=index, value=value)
            if column.kind in NUMBER_FORMATS and isinstance(value, int | float):
                cell.number_format = NUMBER_FORMATS[column.kind]
    for index, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[sheet.cell(row=first_row, column=index).column_letter].width = max(
            12, min(40, len(str(column.label)) + 4)
        )
    return row_number + 1


def tables_xlsx(sheets: list[tuple[str, list[Table]]], *, suppress: bool) -> bytes:
    """A workbook with one sheet per (title, tables): each table under its own title row."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for title, tables in sheets:
        sheet = workbook.create_sheet(sheet_title(title, used))
        row = 1
        for table in tables:
            if len(tables) > 1:
                sheet.cell(row=row, column=1, value=str(table.title)).font = Font(bold=True, size=12)
                row += 1
            row = write_table(sheet, table, suppress=suppress, first_row=row) + 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_xlsx(table: Table, *, suppress: bool) -> bytes:
    return tables_xlsx([(str(table.title), [table])], suppress=suppress)
