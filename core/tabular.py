"""The one tabular import pipeline: a CSV or XLSX upload read against declared columns, all or nothing.

Every import of the admin (service points, users, official figures) declares its columns (with the
Vietnamese header names people type) and its limits in a `TableSpec`, then subclasses `TabularImport`
with how its rows are checked (one query per batch, never per row) and what they write. The pipeline
does the rest the same way for all of them:

- size: refused before reading when the upload says its size, else after reading one byte too many;
- CSV: UTF-8 with or without BOM; UTF-16 (Excel's "Unicode Text") and other encodings are refused
  with what to do (and the line of the first undecodable byte); a NUL byte means "not a text file";
  comma, semicolon or tab, whichever names more columns; quoted cells may span lines, and a row's
  line is the line where it starts (the header is line 1);
- XLSX: streamed (openpyxl read-only). Before openpyxl opens it, the parts may not unpack to more
  than `max_expanded_bytes`, the shared strings (which openpyxl holds in memory) to more than
  `max_shared_strings_bytes`, and the sheet may not hold more than `max_cells` cells (counted by
  expat without building anything): a small file that unpacks to hundreds of MB is refused in
  well under a second and in constant memory;
- rows beyond `max_rows` are refused; an empty file, a missing or repeated column, a row with
  more cells than the header: each gets its own message;
- every problem is a `RowError` with its line; one problem and nothing is written.
"""

import csv
import datetime as dt
import io
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, ClassVar, Generic, TypeVar
from xml.parsers import expat

from django.db import transaction
from django.utils.translation import gettext as _

from core.numbers import vn_mebibytes, vn_number

Upload = IO[bytes] | bytes | Path

XLSX_MAGIC = b"PK\x03\x04"
OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Columns read from a sheet: far more than any import declares; cells to the right are not kept.
MAX_SHEET_COLUMNS = 30
SHARED_STRINGS_PART = "xl/sharedStrings.xml"


def clean_value(value: str) -> str:
    """NFC, stripped, with runs of white space folded: cells are single-line text."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def shorten(value: str, limit: int = 40) -> str:
    """A cell echoed in a message, cut so that a runaway cell does not flood the report."""
    return value if len(value) <= limit else f"{value[: limit - 1]}…"


def header_key(value: str) -> str:
    return clean_value(value).casefold()


@dataclass(frozen=True)
class RowError:
    """A problem in the file; `line` is the line in the file (the header is line 1), None for the whole file."""

    line: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        return _("Dòng %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class ImportReport:
    """What every import report says the same way: whether it passed, and why not. Subclasses add counts."""

    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def errors_summary(self) -> str:
        return _("Tệp có %(count)s lỗi; chưa ghi gì vào cơ sở dữ liệu. Hãy sửa tệp rồi nhập lại.") % {
            "count": len(self.errors)
        }

    def summary(self) -> str:
        return self.errors_summary() if self.errors else ""


@dataclass(frozen=True)
class TableSpec:
    """The columns of an import and its limits.

    `aliases` maps each column to the header names accepted for it (the last one is the Vietnamese name
    shown to people); `required` columns must be in the header; `sheet` is the XLSX sheet read when the
    workbook has one of that name (else the first sheet).
    """

    aliases: dict[str, tuple[str, ...]]
    required: tuple[str, ...]
    max_rows: int
    max_bytes: int = 10 * 1024 * 1024
    sheet: str | None = None
    # 0: derived from max_rows (a generous number of cells and bytes per row).
    max_cells: int = 0
    max_expanded_bytes: int = 0
    max_shared_strings_bytes: int = 16 * 1024 * 1024

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(self.aliases)

    @property
    def cell_budget(self) -> int:
        return self.max_cells or (self.max_rows + 1) * 12

    @property
    def expanded_budget(self) -> int:
        # A stored row of a few short cells is ~150 bytes of XML; 400 leaves room for styles and long text.
        return self.max_expanded_bytes or max(8 * 1024 * 1024, (self.max_rows + 1) * 400)

    def label(self, column: str) -> str:
        """The Vietnamese header and the code name, as in "mã đơn vị (unit_code)"."""
        return f"{self.aliases[column][-1]} ({column})"

    def header_lookup(self) -> dict[str, str]:
        """Folded header name -> column, for every alias of every column."""
        return {header_key(alias): column for column, names in self.aliases.items() for alias in names}


@dataclass
class Table:
    """A file read against a spec.

    `rows` are (line, column -> cleaned value) for the columns the header names; `errors` are
    problems of the whole file (nothing else can be checked), `row_errors` problems of one row.
    """

    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    row_errors: list[RowError] = field(default_factory=list)
    is_sheet: bool = False


class FileRefused(Exception):
    """The whole file is refused; the message says why, in Vietnamese."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.error = RowError(line, message)


# --- reading the bytes ---------------------------------------------------------------------------


def _too_big(max_bytes: int) -> FileRefused:
    return FileRefused(_("Tệp lớn hơn %(mb)s MB; hãy chia thành nhiều tệp nhỏ hơn.") % {"mb": vn_mebibytes(max_bytes)})


def read_upload(file: Upload, *, max_bytes: int) -> bytes:
    """The bytes of an upload, a path or a file object; a file over `max_bytes` is refused unread when it can be."""
    if isinstance(file, bytes | bytearray):
        data = bytes(file)
    elif isinstance(file, Path):
        if file.stat().st_size > max_bytes:
            raise _too_big(max_bytes)
        data = file.read_bytes()[: max_bytes + 1]
    else:
        size = getattr(file, "size", None)  # Django's UploadedFile knows its size before it is read
        if size is not None and size > max_bytes:
            raise _too_big(max_bytes)
        data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_big(max_bytes)
    if not data.strip():
        raise FileRefused(_("Tệp trống."))
    return data


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode_text(data: bytes) -> str:
    """UTF-8 with or without a BOM; UTF-16, another encoding or a NUL byte is refused with what to do."""
    if data.startswith(UTF16_BOMS):
        raise FileRefused(
            _(
                "Tệp không phải văn bản mã UTF-8: tệp được lưu bằng mã UTF-16 (“Unicode Text” của Excel). "
                "Trong Excel, hãy lưu lại bằng “CSV UTF-8 (phân cách bằng dấu phẩy)”."
            )
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        raise FileRefused(
            _(
                "Tệp có ký tự rỗng (NUL) ở dòng %(line)s: đây không phải tệp văn bản CSV (có thể là tệp nhị phân "
                "hoặc một bảng tính bị đổi đuôi). Hãy mở bằng Excel rồi lưu lại bằng “CSV UTF-8” hoặc .xlsx."
            )
            % {"line": _line_of(data, nul)}
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRefused(
            _(
                "Tệp không phải văn bản mã UTF-8 (lỗi từ dòng %(line)s). "
                "Trong Excel, hãy lưu lại bằng “CSV UTF-8 (phân cách bằng dấu phẩy)”."
            )
            % {"line": _line_of(data, error.start)}
        ) from error


# --- CSV -----------------------------------------------------------------------------------------


def _detect_delimiter(first_line: str, headers: dict[str, str]) -> str:
    """Comma, semicolon (Excel with Vietnamese regional settings) or tab: whichever names more columns."""

    def score(delimiter: str) -> tuple[int, int]:
        cells = next(csv.reader([first_line], delimiter=delimiter), [])
        return sum(1 for cell in cells if header_key(cell) in headers), len(cells)

    return max((",", ";", "\t"), key=score)


def _csv_rows(text: str, spec: TableSpec) -> Iterator[tuple[int, list[str]]]:
    """(line where the row starts, cells); a quoted cell may span lines."""
    first_line = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_detect_delimiter(first_line, spec.header_lookup()))
    previous_line = 0
    try:
        for cells in reader:
            line, previous_line = previous_line + 1, reader.line_num
            yield line, cells
    except csv.Error as error:
        raise FileRefused(
            _("Không đọc được tệp CSV: %(error)s") % {"error": error}, line=reader.line_num or None
        ) from error


# --- XLSX ----------------------------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    """An XLSX cell as the text a CSV would hold: whole numbers without ".0", dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _sheet_too_big() -> FileRefused:
    return FileRefused(_("Bảng tính quá lớn khi giải nén; hãy chia thành nhiều tệp nhỏ hơn hoặc lưu thành CSV."))


def _check_archive(data: bytes, spec: TableSpec) -> None:
    """Refuse a workbook whose parts unpack past the budget, from the sizes its directory declares.

    Python's zipfile never inflates a member past its declared size, so the declaration bounds the work.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as error:
        raise FileRefused(_("Không mở được tệp XLSX: tệp hỏng hoặc không phải bảng tính Excel.")) from error
    if sum(member.file_size for member in members) > spec.expanded_budget:
        raise _sheet_too_big()
    shared = sum(member.file_size for member in members if member.filename == SHARED_STRINGS_PART)
    if shared > spec.max_shared_strings_bytes:
        raise _sheet_too_big()


def _count_cells(archive: zipfile.ZipFile, member: str, spec: TableSpec) -> None:
    """Count the sheet's rows and cells with expat (no tree, constant memory); refuse past the budget."""
    counts = {"c": 0, "row": 0}
    budget = spec.cell_budget
    rows_budget = spec.max_rows + 1

    def start(name: str, _attributes: dict) -> None:
        local = name.rpartition("}")[2]
        if local == "c":
            counts["c"] += 1
            if counts["c"] > budget:
                raise _sheet_too_big()
        elif local == "row":
            counts["row"] += 1
            if counts["row"] > rows_budget:
                raise _too_many_rows(spec.max_rows)

    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = start
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(1 << 16):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except (expat.ExpatError, zipfile.BadZipFile, OSError, EOFError) as error:
        raise FileRefused(_("Không mở được tệp XLSX: tệp hỏng hoặc không phải bảng tính Excel.")) from error


def _too_many_rows(max_rows: int) -> FileRefused:
    return FileRefused(
        _("Tệp có hơn %(max)s dòng dữ liệu; hãy chia thành nhiều tệp nhỏ hơn.") % {"max": vn_number(max_rows)}
    )


def _xlsx_rows(data: bytes, spec: TableSpec) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    _check_archive(data, spec)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of errors for a damaged file
        raise FileRefused(_("Không mở được tệp XLSX: tệp hỏng hoặc không phải bảng tính Excel.")) from error
    try:
        if not workbook.worksheets:
            raise FileRefused(_("Không mở được tệp XLSX: tệp hỏng hoặc không phải bảng tính Excel."))
        sheet = workbook[spec.sheet] if spec.sheet in workbook.sheetnames else workbook.worksheets[0]
        # openpyxl keeps the part's name privately; without it the sheet is still bounded by the archive check.
        member = getattr(sheet, "_worksheet_path", None)
        if member:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                _count_cells(archive, member, spec)
        try:
            for index, row in enumerate(sheet.iter_rows(values_only=True, max_col=MAX_SHEET_COLUMNS), start=1):
                cells = [_cell_text(value) for value in row]
                if any("\x00" in cell for cell in cells):
                    raise FileRefused(_("Ô có ký tự rỗng (NUL); hãy xóa ký tự đó rồi lưu lại."), line=index)
                yield index, cells
        except FileRefused:
            raise
        except Exception as error:  # a damaged sheet fails while it streams
            raise FileRefused(_("Không mở được tệp XLSX: tệp hỏng hoặc không phải bảng tính Excel.")) from error
    finally:
        workbook.close()


# --- the table -----------------------------------------------------------------------------------


def _map_header(header: list[str], table: Table, spec: TableSpec) -> dict[str, int]:
    """Column name -> index in the row; file-level problems go to the table."""
    headers = spec.header_lookup()
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        title = clean_value(cell)
        if not title:
            continue
        column = headers.get(title.casefold())
        if column is None:
            table.ignored_columns.append(title)
            continue
        if column in positions:
            message = _("Cột %(column)s xuất hiện hai lần trong tiêu đề.") % {"column": spec.label(column)}
            table.errors.append(RowError(1, message))
            continue
        positions[column] = index
    missing = [column for column in spec.required if column not in positions]
    if missing:
        columns = ", ".join(spec.label(column) for column in missing)
        table.errors.append(RowError(1, _("Thiếu cột bắt buộc: %(columns)s.") % {"columns": columns}))
        if table.is_sheet:
            table.errors.append(
                RowError(
                    None,
                    _(
                        "Không thấy dòng tiêu đề ở dòng đầu của trang tính “%(sheet)s” (hoặc của trang đầu tiên). "
                        "Hãy dùng tệp mẫu."
                    )
                    % {"sheet": spec.sheet or "1"},
                )
            )
    return positions


def _fill(table: Table, rows: Iterator[tuple[int, list[str]]], spec: TableSpec) -> None:
    first = next(rows, None)
    if first is None:
        raise FileRefused(_("Tệp trống."))
    header = first[1]
    positions = _map_header(header, table, spec)
    if table.errors:
        return
    data_rows = 0
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        data_rows += 1
        if data_rows > spec.max_rows:
            raise _too_many_rows(spec.max_rows)
        if any(cell.strip() for cell in cells[len(header) :]):
            table.row_errors.append(
                RowError(
                    line,
                    _(
                        "Dòng có %(cells)s ô, nhiều hơn %(columns)s cột của tiêu đề; "
                        "ô có dấu phẩy hoặc dấu chấm phẩy cần đặt trong ngoặc kép."
                    )
                    % {"cells": len(cells), "columns": len(header)},
                )
            )
            continue
        table.rows.append(
            (line, {column: clean_value(cells[i]) if i < len(cells) else "" for column, i in positions.items()})
        )
    if not data_rows:
        table.errors.append(RowError(None, _("Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào.")))


def read_table(*, file: Upload, spec: TableSpec) -> Table:
    """Read an uploaded CSV or XLSX against the spec's columns; see the module docstring for every check."""
    table = Table()
    try:
        data = read_upload(file, max_bytes=spec.max_bytes)
        if data.startswith(OLD_EXCEL_MAGIC):
            raise FileRefused(_("Tệp Excel 97–2003 (.xls) chưa được hỗ trợ; hãy lưu lại thành .xlsx hoặc CSV UTF-8."))
        if data.startswith(XLSX_MAGIC):
            table.is_sheet = True
            _fill(table, _xlsx_rows(data, spec), spec)
        else:
            text = decode_text(data)
            if not text.strip():
                raise FileRefused(_("Tệp trống."))
            _fill(table, _csv_rows(text, spec), spec)
    except FileRefused as refused:
        return Table(errors=[refused.error], ignored_columns=table.ignored_columns, is_sheet=table.is_sheet)
    return table


# --- the import ----------------------------------------------------------------------------------

Checked = TypeVar("Checked")
Report = TypeVar("Report", bound=ImportReport)


class TabularImport(Generic[Checked, Report]):
    """An import declared by its spec, how a batch of rows is checked, and what the checked rows write.

    `check` gets every row at once (so that it looks units, users or metrics up in one query per batch)
    and appends a `RowError` per problem; `write` runs only when there is none, in one transaction.
    """

    spec: ClassVar[TableSpec]

    def __init__(self, *, user: Any = None, filename: str = "") -> None:
        # `user`: who imports (None: the command line), recorded in the log and limiting the units.
        self.user = user
        self.filename = filename

    def check(self, rows: list[tuple[int, dict[str, str]]], errors: list[RowError]) -> Checked:
        raise NotImplementedError

    def write(self, checked: Checked, report: Report) -> None:
        raise NotImplementedError

    def run(self, *, file: Upload, report: Report) -> Report:
        table = read_table(file=file, spec=self.spec)
        report.ignored_columns = table.ignored_columns
        if table.errors:
            report.errors = table.errors
            return report
        errors = list(table.row_errors)
        checked = self.check(table.rows, errors)
        if errors:
            report.errors = sorted(errors, key=lambda error: error.line or 0)
            return report
        with transaction.atomic():
            self.write(checked, report)
        return report


def check_required(row: dict[str, str], *, line: int, spec: TableSpec, errors: list[RowError]) -> None:
    """One error per required column left empty in a row."""
    for column in spec.required:
        if not row.get(column):
            errors.append(RowError(line, _("Thiếu giá trị ở cột %(column)s.") % {"column": spec.label(column)}))


def first_lines(rows: list[tuple[int, Any]]) -> dict[Any, int]:
    """Key -> the first line it appears on, for rows given as (line, key); None keys are skipped."""
    lines: dict[Any, int] = {}
    for line, key in rows:
        if key is not None:
            lines.setdefault(key, line)
    return lines
