"""Import service points (where citizens get help) from a CSV file.

The admin view, the `import_service_points` command and the tests all call
`import_service_points()`. A file is checked whole before anything is written:
one bad row and nothing is saved, and the report lists every problem by line.
"""

import csv
import io
import os
import re
import unicodedata
from dataclasses import dataclass, field
from typing import IO

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from core.exports import csv_bytes
from core.numbers import vn_mebibytes, vn_number
from places.audit import SERVICE_POINTS_IMPORTED, log_import
from places.models import AdministrativeUnit, ServicePoint, ServicePointKind, UnitLevel

MAX_ROWS = 5000
# Far more than MAX_ROWS ordinary rows need (a few hundred bytes each); it keeps a wrong upload out of memory.
MAX_BYTES = 10 * 1024 * 1024
WARD_CODE_LENGTH = 5
PROVINCE_CODE_LENGTH = 2

REQUIRED_COLUMNS = ("unit_code", "name", "address", "hours", "hotline")
OPTIONAL_COLUMNS = ("kind", "map_link")

# Header names people type in a spreadsheet, Vietnamese with and without diacritics.
COLUMN_ALIASES = {
    "unit_code": ("unit_code", "ma_don_vi", "mã đơn vị"),
    "name": ("name", "ten", "tên", "tên điểm"),
    "address": ("address", "dia_chi", "địa chỉ"),
    "hours": ("hours", "opening_hours", "gio_lam_viec", "giờ làm việc"),
    "hotline": ("hotline", "duong_day_nong", "đường dây nóng"),
    "kind": ("kind", "loai_diem", "loại điểm"),
    "map_link": ("map_link", "chi_duong", "chỉ đường"),
}

# The ServicePoint field each column fills (unit_code is resolved to `unit`).
FIELD_OF_COLUMN = {
    "name": "name",
    "address": "address",
    "hours": "opening_hours",
    "hotline": "hotline",
    "kind": "kind",
    "map_link": "map_link",
}

# Digits, spaces, dots, dashes and parentheses, with at most a leading "+"; at least one digit.
HOTLINE_PATTERN = re.compile(r"^\+?[0-9 .()-]*[0-9][0-9 .()-]*$")


def clean_value(value: str) -> str:
    """NFC, stripped, with runs of white space folded: cells are single-line text."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def _shorten(value: str, limit: int = 40) -> str:
    """A cell echoed in a message, cut so that a runaway cell does not flood the report."""
    return value if len(value) <= limit else f"{value[: limit - 1]}…"


def _header_key(value: str) -> str:
    return clean_value(value).casefold()


def header_lookup(aliases: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Folded header name -> column, for every alias of every column."""
    return {_header_key(alias): column for column, names in aliases.items() for alias in names}


HEADER_TO_COLUMN = header_lookup(COLUMN_ALIASES)


@dataclass(frozen=True)
class RowError:
    """A problem in the file; `line` is the line in the file (the header is line 1), None for the whole file."""

    line: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        return _("Dòng %(line)s: %(message)s") % {"line": self.line, "message": self.message}


class ImportReportMixin:
    """What every CSV/XLSX import report says the same way: whether it passed, and how many errors."""

    errors: list[RowError]

    @property
    def ok(self) -> bool:
        return not self.errors

    def errors_summary(self) -> str:
        return _("Tệp có %(count)s lỗi; chưa ghi gì vào cơ sở dữ liệu. Hãy sửa tệp rồi nhập lại.") % {
            "count": len(self.errors)
        }


@dataclass
class ServicePointImportReport(ImportReportMixin):
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    dry_run: bool = False

    def summary(self) -> str:
        """One sentence for the operator, in Vietnamese."""
        if self.errors:
            return self.errors_summary()
        counts = {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}
        if self.dry_run:
            return (
                _("Kiểm tra xong, chưa ghi gì: sẽ tạo mới %(created)s, cập nhật %(updated)s, giữ nguyên %(unchanged)s.")
                % counts
            )
        return _("Đã nhập: tạo mới %(created)s, cập nhật %(updated)s, giữ nguyên %(unchanged)s.") % counts


@dataclass
class _Row:
    line: int
    unit_code: str
    values: dict[str, str]  # ServicePoint field name -> cleaned value
    unit: AdministrativeUnit | None = None


def column_label(column: str, aliases: dict[str, tuple[str, ...]] = COLUMN_ALIASES) -> str:
    """The Vietnamese header and the code name, as in "mã đơn vị (unit_code)"."""
    vietnamese = aliases[column][-1]
    return f"{vietnamese} ({column})"


_column_label = column_label


def _read_bytes(file: IO[bytes] | bytes, max_bytes: int = MAX_BYTES) -> bytes:
    if isinstance(file, bytes | bytearray):
        return bytes(file)
    return file.read(max_bytes + 1)


def _decode(data: bytes) -> tuple[str | None, RowError | None]:
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return None, RowError(
            None,
            _(
                "Tệp không phải văn bản mã UTF-8 (lỗi từ dòng %(line)s). "
                "Trong Excel, hãy lưu lại bằng “CSV UTF-8 (phân cách bằng dấu phẩy)”."
            )
            % {"line": line},
        )


def _detect_delimiter(text: str, headers: dict[str, str] = HEADER_TO_COLUMN) -> str:
    """Comma or semicolon (Excel with Vietnamese regional settings writes semicolons): whichever names more columns."""
    first_line = text.splitlines()[0]

    def score(delimiter: str) -> tuple[int, int]:
        cells = next(csv.reader([first_line], delimiter=delimiter), [])
        known = sum(1 for cell in cells if _header_key(cell) in headers)
        return known, len(cells)

    return max((",", ";"), key=score)


@dataclass
class CsvTable:
    """A CSV file read against a set of known columns.

    `rows` are (line, column -> cleaned value) for the columns the header names; `errors` are
    problems of the whole file (nothing else can be checked), `row_errors` problems of one row.
    """

    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    row_errors: list[RowError] = field(default_factory=list)


def _map_header(header: list[str], table: CsvTable, aliases: dict, required: tuple[str, ...]) -> dict[str, int]:
    """Column name -> index in the row; file-level problems go to the table."""
    headers = header_lookup(aliases)
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
            table.errors.append(
                RowError(
                    1, _("Cột %(column)s xuất hiện hai lần trong tiêu đề.") % {"column": column_label(column, aliases)}
                )
            )
            continue
        positions[column] = index
    missing = [column for column in required if column not in positions]
    if missing:
        table.errors.append(
            RowError(
                1,
                _("Thiếu cột bắt buộc: %(columns)s.")
                % {"columns": ", ".join(column_label(c, aliases) for c in missing)},
            )
        )
    return positions


def _parse_table(text: str, table: CsvTable, aliases: dict, required: tuple[str, ...], max_rows: int) -> None:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_detect_delimiter(text, header_lookup(aliases)))
    data_rows = 0
    try:
        header = next(reader)
        positions = _map_header(header, table, aliases, required)
        if table.errors:
            return
        previous_line = reader.line_num
        for cells in reader:
            # A quoted cell may span lines: a row starts on the line after the previous row ended.
            line, previous_line = previous_line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            data_rows += 1
            if data_rows > max_rows:
                table.errors.append(
                    RowError(
                        None,
                        _("Tệp có hơn %(max)s dòng dữ liệu; hãy chia thành nhiều tệp nhỏ hơn.")
                        % {"max": vn_number(max_rows)},
                    )
                )
                table.rows = []
                return
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
            values = {
                column: clean_value(cells[index]) if index < len(cells) else "" for column, index in positions.items()
            }
            table.rows.append((line, values))
    except csv.Error as error:
        table.errors.append(
            RowError(reader.line_num or None, _("Không đọc được tệp CSV: %(error)s") % {"error": error})
        )
        table.rows = []
        return
    if not data_rows:
        table.errors.append(RowError(None, _("Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào.")))


def read_csv_table(
    *,
    file: IO[bytes] | bytes,
    aliases: dict[str, tuple[str, ...]],
    required: tuple[str, ...],
    max_bytes: int = MAX_BYTES,
    max_rows: int = MAX_ROWS,
) -> CsvTable:
    """Read an uploaded CSV (UTF-8 with or without BOM, comma or semicolon) against known columns.

    Shared by every CSV import of the admin: size limit, encoding, empty file, header check,
    quoted multi-line cells, too many cells in a row. Cells come back NFC, stripped and folded.
    """
    table = CsvTable()
    data = _read_bytes(file, max_bytes)
    if len(data) > max_bytes:
        size = vn_mebibytes(max_bytes)
        table.errors.append(
            RowError(None, _("Tệp lớn hơn %(mb)s MB; hãy chia thành nhiều tệp nhỏ hơn.") % {"mb": size})
        )
        return table
    text, decode_error = _decode(data)
    if decode_error is not None:
        table.errors.append(decode_error)
        return table
    if not text.strip():
        table.errors.append(RowError(None, _("Tệp trống.")))
        return table
    _parse_table(text, table, aliases, required, max_rows)
    return table


def _kind_lookup() -> dict[str, str]:
    lookup = {}
    for value, label in ServicePointKind.choices:
        lookup[_header_key(value)] = value
        lookup[_header_key(str(label))] = value
    return lookup


def _check_values(*, row: _Row, kinds: dict[str, str], errors: list[RowError]) -> None:
    for column in REQUIRED_COLUMNS:
        value = row.unit_code if column == "unit_code" else row.values[FIELD_OF_COLUMN[column]]
        if not value:
            errors.append(RowError(row.line, _("Thiếu giá trị ở cột %(column)s.") % {"column": _column_label(column)}))
    for column, field_name in FIELD_OF_COLUMN.items():
        value = row.values.get(field_name)
        if value is None or field_name == "kind":
            continue
        max_length = ServicePoint._meta.get_field(field_name).max_length
        if len(value) > max_length:
            errors.append(
                RowError(
                    row.line,
                    _("Cột %(column)s dài %(length)s ký tự, quá giới hạn %(max)s ký tự.")
                    % {"column": _column_label(column), "length": len(value), "max": max_length},
                )
            )
    hotline = row.values["hotline"]
    if hotline and not HOTLINE_PATTERN.fullmatch(hotline):
        errors.append(
            RowError(
                row.line,
                _(
                    "Đường dây nóng “%(hotline)s” chỉ được gồm chữ số, dấu cách, dấu chấm, dấu gạch ngang, "
                    "dấu ngoặc đơn và dấu + ở đầu."
                )
                % {"hotline": _shorten(hotline)},
            )
        )
    if "kind" in row.values:
        kind = row.values["kind"]
        if not kind:
            row.values["kind"] = ServicePointKind.ONE_STOP_DESK.value
        elif _header_key(kind) in kinds:
            row.values["kind"] = kinds[_header_key(kind)]
        else:
            errors.append(
                RowError(
                    row.line,
                    _("Loại điểm “%(kind)s” không có trong danh mục. Chọn một trong: %(choices)s.")
                    % {
                        "kind": _shorten(kind),
                        "choices": "; ".join(str(label) for _value, label in ServicePointKind.choices),
                    },
                )
            )


def _candidate_codes(code: str) -> list[str]:
    """The code as written, then the code a spreadsheet may have stripped of its leading zeros ("70" → "00070")."""
    candidates = [code]
    if code.isdigit():
        candidates += [code.zfill(WARD_CODE_LENGTH), code.zfill(PROVINCE_CODE_LENGTH)]
    return candidates


def _resolve_unit(code: str, units: dict[str, AdministrativeUnit]) -> AdministrativeUnit | None:
    if code in units:
        return units[code]
    if not code.isdigit():
        return None
    ward = units.get(code.zfill(WARD_CODE_LENGTH))
    if ward is not None and ward.level == UnitLevel.WARD:
        return ward
    # A province that lost its leading zero ("1" for Hà Nội) gets the wrong-level message, not "unknown".
    return units.get(code.zfill(PROVINCE_CODE_LENGTH))


def _resolve_units(*, rows: list[_Row], errors: list[RowError]) -> None:
    codes = {candidate for row in rows if row.unit_code for candidate in _candidate_codes(row.unit_code)}
    units = {unit.code: unit for unit in AdministrativeUnit.objects.filter(code__in=codes)}
    for row in rows:
        if not row.unit_code:
            continue
        unit = _resolve_unit(row.unit_code, units)
        if unit is None:
            errors.append(
                RowError(
                    row.line, _("Không có đơn vị hành chính với mã “%(code)s”.") % {"code": _shorten(row.unit_code)}
                )
            )
        elif unit.level not in (UnitLevel.WARD, UnitLevel.VILLAGE):
            errors.append(
                RowError(
                    row.line,
                    _(
                        "Mã “%(code)s” là %(unit)s, cấp tỉnh/thành phố; điểm hỗ trợ người dân phải thuộc một "
                        "xã/phường/đặc khu (hoặc thôn/khối/tổ dân phố). Hãy ghi mã xã/phường (5 chữ số)."
                    )
                    % {"code": row.unit_code, "unit": unit.name},
                )
            )
        else:
            row.unit = unit


def _check_duplicates(*, rows: list[_Row], errors: list[RowError]) -> None:
    first_line: dict[tuple[int, str], int] = {}
    for row in rows:
        if row.unit is None or not row.values["name"]:
            continue
        key = (row.unit.pk, row.values["name"])
        if key in first_line:
            errors.append(
                RowError(
                    row.line,
                    _("Trùng mã đơn vị và tên điểm với dòng %(line)s (“%(name)s”, %(unit)s).")
                    % {"line": first_line[key], "name": row.values["name"], "unit": row.unit.name},
                )
            )
        else:
            first_line[key] = row.line


def _apply(*, rows: list[_Row], report: ServicePointImportReport) -> None:
    existing = {
        (point.unit_id, point.name): point
        for point in ServicePoint.objects.filter(
            unit__in={row.unit for row in rows}, name__in={row.values["name"] for row in rows}
        )
    }
    to_create: list[ServicePoint] = []
    to_update: list[tuple[ServicePoint, list[str]]] = []
    for row in rows:
        # An imported row is real data: a sample point it matches stops being labelled "Dữ liệu mẫu".
        values = {**row.values, "is_sample": False}
        point = existing.get((row.unit.pk, values["name"]))
        if point is None:
            to_create.append(ServicePoint(unit=row.unit, **values))
            continue
        changed = sorted(name for name, value in values.items() if getattr(point, name) != value)
        if not changed:
            report.unchanged += 1
            continue
        for name in changed:
            setattr(point, name, values[name])
        to_update.append((point, changed))
    report.created, report.updated = len(to_create), len(to_update)
    if report.dry_run:
        return
    # One save per point rather than bulk_create: the post_save signals keep Wagtail's reference index
    # (the unit's "usage") up to date, as an edit in the admin does.
    for point in to_create:
        point.save()
    for point, changed in to_update:
        point.save(update_fields=changed)


def _check_units_of_user(*, rows: list[_Row], user: AbstractBaseUser, errors: list[RowError]) -> None:
    """A ward's editor imports for their own ward only: the same rule as the service-point editor."""
    from places.permissions import service_point_permission_policy

    allowed = set(service_point_permission_policy.units_user_may_use(user, "add").values_list("pk", flat=True))
    for row in rows:
        if row.unit is not None and row.unit.pk not in allowed:
            errors.append(
                RowError(
                    row.line,
                    _("Bạn không phụ trách %(unit)s (mã %(code)s): không nhập được điểm của đơn vị này.")
                    % {"unit": row.unit.name, "code": row.unit.code},
                )
            )


def import_service_points(
    *,
    file: IO[bytes] | bytes,
    dry_run: bool = False,
    user: AbstractBaseUser | None = None,
    filename: str = "",
) -> ServicePointImportReport:
    """Create or update service points from a CSV file; all or nothing.

    The file is UTF-8 (with or without a BOM), comma- or semicolon-separated, with a
    header row naming the columns `unit_code, name, address, hours, hotline` and
    optionally `kind` and `map_link` (Vietnamese header names are accepted too, see
    COLUMN_ALIASES). A row matches an existing service point by (unit, name): it is
    updated when a value differs, left alone when none does, created otherwise.
    A column that the file leaves out is not touched on update; an empty `kind` cell
    means "Bộ phận Một cửa".

    Every row is checked before anything is written. If any row is bad, nothing is
    written and the report lists every problem with its line (the header is line 1).
    With `dry_run`, the counts say what would happen and nothing is written.
    An import that writes is recorded in Wagtail's log (who, when, which file, the counts).
    """
    report = ServicePointImportReport(dry_run=dry_run)
    table = read_csv_table(file=file, aliases=COLUMN_ALIASES, required=REQUIRED_COLUMNS)
    report.ignored_columns = table.ignored_columns
    if table.errors:
        report.errors = table.errors
        return report
    errors = list(table.row_errors)
    rows = [
        _Row(
            line=line,
            unit_code=values["unit_code"],
            values={FIELD_OF_COLUMN[column]: values[column] for column in FIELD_OF_COLUMN if column in values},
        )
        for line, values in table.rows
    ]
    kinds = _kind_lookup()
    for row in rows:
        _check_values(row=row, kinds=kinds, errors=errors)
    _resolve_units(rows=rows, errors=errors)
    if user is not None:
        _check_units_of_user(rows=rows, user=user, errors=errors)
    _check_duplicates(rows=rows, errors=errors)
    if errors:
        report.errors = sorted(errors, key=lambda error: error.line or 0)
        return report

    with transaction.atomic():
        _apply(rows=rows, report=report)
        if not dry_run:
            log_import(
                action=SERVICE_POINTS_IMPORTED,
                units=[row.unit for row in rows],
                user=user,
                filename=filename or os.path.basename(getattr(file, "name", "") or ""),
                counts={"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
            )
    return report


def service_point_template_csv() -> bytes:
    """A CSV with the header and one sample row, UTF-8 with a BOM so that Excel shows Vietnamese correctly."""
    sample = {
        "unit_code": "24133",
        "name": "Bộ phận Một cửa Phường Buôn Ma Thuột",
        "address": "Số 1 đường Lê Duẩn, Phường Buôn Ma Thuột, tỉnh Đắk Lắk",
        "hours": "Thứ Hai – Thứ Sáu, 7:00–11:30 và 13:30–17:00",
        "hotline": "0262 3852 000",
        "kind": str(ServicePointKind.ONE_STOP_DESK.label),
        "map_link": "12.6797, 108.0378",
    }
    columns = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
    return csv_bytes(header=[COLUMN_ALIASES[column][-1] for column in columns], rows=[[sample[c] for c in columns]])
