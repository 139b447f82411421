"""Spreadsheets we hand out, CSV and XLSX: one writer, so that every export opens safely in Excel.

A text cell that starts with = + - @ (or a tab or carriage return) is a formula to Excel and
LibreOffice: an editor-controlled "=HYPERLINK(…)" in a spot name would run on the reader's
computer. Every text cell written here is neutralised with a leading apostrophe (OWASP's advice);
plain numbers written as text ("-5", "+84 262 385") are left as they are, since they are no formula.
CSV files carry a byte-order mark, so that Excel reads Vietnamese.
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from openpyxl import Workbook
from openpyxl.styles import Font

BOM = "\ufeff"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"^[+-]?[\d\s.,]+%?$")
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def safe_cell(value: Any) -> Any:
    """The value, with a text that a spreadsheet would run as a formula turned into plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS) and not PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in row]


def write_csv(handle: TextIO, *, header: Sequence[Any], rows: Iterable[Sequence[Any]], bom: bool = False) -> int:
    """Write a header and rows to an open text file; returns the number of rows (without the header)."""
    if bom:
        handle.write(BOM)
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerow(safe_row(str(label) for label in header))
    count = 0
    for row in rows:
        writer.writerow(safe_row(row))
        count += 1
    return count


def csv_text(*, header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> str:
    """A whole CSV file as text, with a byte-order mark."""
    buffer = io.StringIO()
    write_csv(buffer, header=header, rows=rows, bom=True)
    return buffer.getvalue()


def csv_bytes(*, header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> bytes:
    """A whole CSV file as UTF-8 bytes, with a byte-order mark."""
    return csv_text(header=header, rows=rows).encode("utf-8")


@dataclass
class SheetBlock:
    """One table on a sheet: an optional title row, a bold header, rows, and a number format per column."""

    header: Sequence[Any]
    rows: Iterable[Sequence[Any]]
    title: str = ""
    number_formats: Sequence[str | None] = field(default_factory=tuple)
    text_columns: Sequence[int] = field(default_factory=tuple)


SHEET_TITLE_LENGTH = 31
# What a title cut short must not end with.
DANGLING = " -–—,.;:("


def _whole_words(text: str, limit: int) -> str:
    """At most `limit` characters, cut after a whole word (a single longer word is cut, nothing else fits)."""
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[: limit + 1] else text[:limit]
    return cut.rstrip(DANGLING) or cut


def sheet_title(text: str, used: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique in the workbook. A long title keeps its
    first whole words ("Xã/phường xếp hạng theo lượt quét…" → "Xã phường xếp hạng theo lượt"), never half a
    word."""
    cleaned = " ".join(SHEET_TITLE_FORBIDDEN.sub(" ", text).split())
    base = _whole_words(cleaned, SHEET_TITLE_LENGTH) or "Sheet"
    title, number = base, 2
    while title.lower() in used:
        suffix = f" ({number})"
        title = _whole_words(base, SHEET_TITLE_LENGTH - len(suffix)) + suffix
        number += 1
    used.add(title.lower())
    return title


def _write_block(sheet, block: SheetBlock, *, first_row: int, titled: bool) -> int:
    """Write one block from a row on; returns the next free row."""
    row_number = first_row
    if titled and block.title:
        sheet.cell(row=row_number, column=1, value=safe_cell(str(block.title))).font = Font(bold=True, size=12)
        row_number += 1
    bold = Font(bold=True)
    header_row = row_number
    for index, label in enumerate(block.header, start=1):
        sheet.cell(row=header_row, column=index, value=safe_cell(str(label))).font = bold
    for row_number, row in enumerate(block.rows, start=header_row + 1):
        for index, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=index, value=safe_cell(value))
            number_format = block.number_formats[index - 1] if index <= len(block.number_formats) else None
            if number_format and isinstance(value, int | float):
                cell.number_format = number_format
            if index - 1 in block.text_columns:
                cell.number_format = "@"
    for index, label in enumerate(block.header, start=1):
        letter = sheet.cell(row=header_row, column=index).column_letter
        width = max(12, min(40, len(str(label)) + 4))
        sheet.column_dimensions[letter].width = max(sheet.column_dimensions[letter].width or 0, width)
    return row_number + 1


def xlsx_bytes(sheets: Sequence[tuple[str, Sequence[SheetBlock]]]) -> bytes:
    """A workbook with one sheet per (title, blocks); with several blocks each gets its title row."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for title, blocks in sheets:
        sheet = workbook.create_sheet(sheet_title(str(title), used))
        row = 1
        for block in blocks:
            row = _write_block(sheet, block, first_row=row, titled=len(blocks) > 1) + 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
