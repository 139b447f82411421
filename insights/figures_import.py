"""Import official adoption figures (ward × month × metric → value) from a CSV or XLSX file.

The admin upload, `manage.py import_figures` and the tests all call `import_figures()`.

The file
- CSV (UTF-8 with or without BOM, comma or semicolon) or XLSX (the sheet named "Số liệu" if
  there is one, else the first sheet); the header is the first row.
- Four columns, by English or Vietnamese header (with or without diacritics):
  ward | xã/phường | mã xã (code or name), month | tháng, metric | chỉ tiêu, value | giá trị.
- ward: the official 5-digit code (leading zeros may be lost: "70" is "00070"), or the name
  within the chosen province, matched without diacritics, case or the "Phường/Xã/Thị trấn/Đặc khu"
  prefix ("phuong cua nam", "Cửa Nam" → Phường Cửa Nam). An unknown or ambiguous name is an error
  that lists the closest names (the police's sheets often carry old or unaccented names).
- month: 2026-03, 03/2026, 3/2026, T3/2026, 2026-03-01, or an Excel date; never a future month, never
  a month before January 2022, when Đề án 06 began (1900-01 is a spreadsheet's empty date, not a month).
- metric: the metric's code (slug, e.g. vneid-muc-2) or its name; residents are "dan-so".
- value: a number ≥ 0 with at most 2 decimals. "1.234" and "1,234" are one thousand two hundred
  and thirty-four (thousands separators); "12,5" and "12.5" are twelve and a half.

Checks: size (refused before parsing), encoding, empty file, header (a wrong sheet has no such
header), every row (ward, month, metric, value, duplicates, and wards outside the importing
user's units). Every problem is reported with its line; one problem and nothing is written.

After a successful import, the stored figures of the wards it touched are checked (insights.figure_checks):
a running total that goes down, months missing inside a ward's series, and a per-1,000 basis that is mixed
or that this import switched are reported as warnings (the figures are kept; the dashboard shows the same
warnings beside the channel-impact estimate).

Re-importing replaces: for every month present in the file, the figures of that month for the
wards and metrics present in the file are deleted and the file's rows written, in one
transaction. Figures of other wards or other metrics (e.g. residents imported from another
file) are kept.
"""

import datetime as dt
import difflib
import io
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from campaigns.models import Metric
from core.dates import last_month, parse_month
from core.exports import csv_bytes
from core.numbers import vn_mebibytes
from core.text import fold_vietnamese
from insights.figure_checks import basis_by_province, basis_switch_warnings, import_warnings
from insights.models import AdoptionFigure, FigureImport
from places.imports import ImportReportMixin, RowError, clean_value, read_csv_table
from places.models import AdministrativeUnit, Role, UnitLevel
from places.selectors import membership_paths

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 100_000
# What the parts of an XLSX may add up to once unpacked (100,000 rows need a few tens of MB).
MAX_XLSX_EXPANDED_BYTES = 200 * 1024 * 1024
MAX_VALUE = Decimal("999999999999.99")
WARD_CODE_LENGTH = 5
FIGURES_SHEET = "Số liệu"
FIGURES_IMPORTED = "insights.figures_imported"
RESIDENTS_METRIC = "dan-so"
# Decision 06/QĐ-TTg of 6 January 2022: no official figure of the programme predates it.
FIRST_MONTH = dt.date(2022, 1, 1)

COLUMNS = ("ward", "month", "metric", "value")
COLUMN_ALIASES = {
    "ward": (
        "ward",
        "ward_code",
        "ma_xa",
        "ma xa",
        "xa/phuong",
        "xa",
        "ma xa/phuong",
        "mã xã/phường",
        "mã xã",
        "xã",
        "phường",
        "xã/phường",
    ),
    "month": ("month", "thang", "tháng"),
    "metric": ("metric", "chi_tieu", "chi tieu", "chỉ tiêu"),
    "value": ("value", "gia_tri", "gia tri", "so lieu", "số liệu", "giá trị"),
}
# The headers the template writes: Vietnamese, as the working group's sheets have them.
TEMPLATE_HEADERS = ("xã/phường", "tháng", "chỉ tiêu", "giá trị")

WARD_PREFIXES = ("phuong ", "xa ", "thi tran ", "dac khu ")

XLSX_MAGIC = b"PK\x03\x04"
OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"


@dataclass
class FigureImportReport(ImportReportMixin):
    """What an import did, or why it did nothing."""

    created: int = 0
    replaced: int = 0
    months: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    figure_import: FigureImport | None = None
    # What the stored figures now show that the estimate would otherwise take silently (insights.figure_checks).
    warnings: list = field(default_factory=list)

    def summary(self) -> str:
        if self.errors:
            return self.errors_summary()
        text = _("Đã nhập %(created)s số liệu cho các tháng %(months)s (thay thế %(replaced)s số liệu cũ).") % {
            "created": self.created,
            "months": ", ".join(self.months),
            "replaced": self.replaced,
        }
        if self.warnings:
            text += " " + _("Có %(count)s cảnh báo về số liệu, xem bảng dưới.") % {"count": len(self.warnings)}
        return text


@dataclass
class _Row:
    line: int
    ward: AdministrativeUnit | None = None
    month: dt.date | None = None
    metric: Metric | None = None
    value: Decimal | None = None


# --- reading the file --------------------------------------------------------------------------


def _size_of(file) -> int | None:
    size = getattr(file, "size", None)
    if size is None and isinstance(file, bytes | bytearray):
        size = len(file)
    return size


def _too_big(max_bytes: int) -> RowError:
    size = vn_mebibytes(max_bytes)
    return RowError(None, _("Tệp lớn hơn %(mb)s MB; hãy chia thành nhiều tệp nhỏ hơn.") % {"mb": size})


def _cell_text(value) -> str:
    """An XLSX cell as the text a CSV would hold: whole numbers without ".0", dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    # A cell is one line of text; a CSV row must stay on one line for line numbers to match rows.
    return clean_value(str(value))


def _xlsx_as_csv(data: bytes) -> tuple[bytes | None, RowError | None]:
    """The figures sheet written out as CSV, one line per sheet row, so that line N is row N."""
    import csv

    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            expanded = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile:
        expanded = 0
    if expanded > MAX_XLSX_EXPANDED_BYTES:
        # A small file that unpacks to gigabytes (a "zip bomb") is refused before openpyxl opens it.
        return None, RowError(
            None, _("Bảng tính quá lớn khi giải nén; hãy chia thành nhiều tệp nhỏ hơn hoặc lưu thành CSV.")
        )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for a damaged file
        return None, RowError(None, _("Không mở được tệp XLSX: tệp hỏng hoặc không phải bảng tính Excel."))
    try:
        sheet = workbook[FIGURES_SHEET] if FIGURES_SHEET in workbook.sheetnames else workbook.worksheets[0]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        for index, row in enumerate(sheet.iter_rows(values_only=True, max_col=30)):
            if index > MAX_ROWS + 1:
                break
            writer.writerow([_cell_text(value) for value in row])
        text = out.getvalue()
    finally:
        workbook.close()
    if not text.strip():
        return None, RowError(None, _("Trang tính “%(sheet)s” trống.") % {"sheet": sheet.title})
    return text.encode("utf-8"), None


def _read_rows(*, data: bytes) -> tuple[list[tuple[int, dict[str, str]]], list[RowError], list[RowError]]:
    """(line, column → text) rows, file-level errors and row-level errors from CSV or XLSX bytes."""
    if data.startswith(OLD_EXCEL_MAGIC):
        message = _("Tệp Excel 97–2003 (.xls) chưa được hỗ trợ; hãy lưu lại thành .xlsx hoặc CSV UTF-8.")
        return [], [RowError(None, message)], []
    sheet_hint = None
    if data.startswith(XLSX_MAGIC):
        data, error = _xlsx_as_csv(data)
        if error is not None:
            return [], [error], []
        sheet_hint = True
    table = read_csv_table(
        file=data, aliases=COLUMN_ALIASES, required=COLUMNS, max_bytes=MAX_BYTES * 20, max_rows=MAX_ROWS
    )
    errors = list(table.errors)
    if sheet_hint and any(error.line == 1 for error in errors):
        errors.append(
            RowError(
                None,
                _(
                    "Không thấy tiêu đề “xã/phường, tháng, chỉ tiêu, giá trị” ở dòng đầu của trang tính "
                    "“%(sheet)s” (hoặc của trang đầu tiên). Hãy dùng tệp mẫu."
                )
                % {"sheet": FIGURES_SHEET},
            )
        )
    return table.rows, errors, table.row_errors


# --- values ------------------------------------------------------------------------------------

THOUSANDS_DOT = re.compile(r"^\d{1,3}(\.\d{3})+$")
THOUSANDS_COMMA = re.compile(r"^\d{1,3}(,\d{3})+$")


def parse_value(text: str) -> Decimal | None:
    """A decimal number from a spreadsheet cell (see the module docstring for separators), or None."""
    compact = text.replace(" ", "").replace("\u00a0", "")
    if not compact:
        return None
    sign = ""
    if compact[0] in "+-":
        sign, compact = compact[0], compact[1:]
    if THOUSANDS_DOT.match(compact):
        compact = compact.replace(".", "")
    elif THOUSANDS_COMMA.match(compact):
        compact = compact.replace(",", "")
    elif "," in compact and "." in compact:
        decimal_mark = "," if compact.rfind(",") > compact.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        compact = compact.replace(thousands, "").replace(decimal_mark, ".")
    else:
        compact = compact.replace(",", ".")
    if not re.fullmatch(r"\d+(\.\d+)?|\.\d+", compact):
        return None
    try:
        return Decimal(sign + compact)
    except InvalidOperation:
        return None


# --- wards -------------------------------------------------------------------------------------


APOSTROPHES = str.maketrans({"’": "", "‘": "", "ʼ": "", "'": "", "`": "", "-": " "})


def fold_ward_name(name: str) -> str:
    """Lower case, no diacritics, no apostrophes: "Xã Ea M’Droh" and "xa ea m'droh" → "xa ea mdroh"."""
    return fold_vietnamese(name.translate(APOSTROPHES))


def bare_ward_name(name: str) -> str:
    """The folded name without its kind: "Phường Cửa Nam" → "cua nam"."""
    folded = fold_ward_name(name)
    for prefix in WARD_PREFIXES:
        if folded.startswith(prefix):
            return folded[len(prefix) :]
    return folded


class WardFinder:
    """Finds a ward by official code, or by name within one province (without diacritics)."""

    def __init__(self, *, province: AdministrativeUnit | None, codes: set[str]) -> None:
        self.province = province
        wanted = set()
        for code in codes:
            wanted.add(code)
            if code.isdigit():
                wanted.add(code.zfill(WARD_CODE_LENGTH))
        self.by_code = {
            unit.code: unit for unit in AdministrativeUnit.objects.filter(code__in=wanted).select_related("parent")
        }
        self.by_full: dict[str, list[AdministrativeUnit]] = defaultdict(list)
        self.by_bare: dict[str, list[AdministrativeUnit]] = defaultdict(list)
        if province is not None:
            for ward in AdministrativeUnit.objects.filter(path__startswith=province.path, level=UnitLevel.WARD):
                self.by_full[fold_ward_name(ward.name)].append(ward)
                self.by_bare[bare_ward_name(ward.name)].append(ward)

    def find(self, text: str) -> tuple[AdministrativeUnit | None, str | None]:
        """(ward, None) or (None, the reason in Vietnamese)."""
        if text.isdigit():
            return self._by_code(text)
        if self.province is None:
            return None, _("“%(name)s” không phải mã xã/phường; để tìm theo tên, hãy chọn tỉnh/thành phố khi nhập.") % {
                "name": _shorten(text)
            }
        return self._by_name(text)

    def _by_code(self, code: str) -> tuple[AdministrativeUnit | None, str | None]:
        found = [self.by_code[c] for c in (code, code.zfill(WARD_CODE_LENGTH)) if c in self.by_code]
        wards = [unit for unit in found if unit.level == UnitLevel.WARD]
        unit = wards[0] if wards else (found[0] if found else None)
        if unit is None:
            return None, _("Không có xã/phường với mã “%(code)s”.") % {"code": _shorten(code)}
        if unit.level != UnitLevel.WARD:
            return None, _("Mã “%(code)s” là %(unit)s, không phải xã/phường/đặc khu.") % {
                "code": code,
                "unit": unit.name,
            }
        if self.province is not None and not unit.path.startswith(self.province.path):
            return None, _("Mã “%(code)s” là %(unit)s, không thuộc %(province)s.") % {
                "code": code,
                "unit": unit.name,
                "province": self.province.name,
            }
        return unit, None

    def _by_name(self, text: str) -> tuple[AdministrativeUnit | None, str | None]:
        full = fold_ward_name(text)
        matches = self.by_full.get(full) or self.by_bare.get(bare_ward_name(text)) or []
        if len(matches) == 1:
            return matches[0], None
        if matches:
            return None, _("Tên “%(name)s” trùng với nhiều xã/phường: %(candidates)s. Hãy ghi mã xã/phường.") % {
                "name": _shorten(text),
                "candidates": "; ".join(_labelled(ward) for ward in matches),
            }
        return None, self._unknown(text)

    def _unknown(self, text: str) -> str:
        names = list(self.by_bare)
        close = difflib.get_close_matches(bare_ward_name(text), names, n=3, cutoff=0.6)
        candidates = [ward for name in close for ward in self.by_bare[name]]
        message = _("Không tìm thấy xã/phường “%(name)s” trong %(province)s.") % {
            "name": _shorten(text),
            "province": self.province.name,
        }
        if candidates:
            message += " " + _("Có phải: %(candidates)s?") % {
                "candidates": "; ".join(_labelled(ward) for ward in candidates)
            }
        return message


def _labelled(ward: AdministrativeUnit) -> str:
    return f"{ward.name} ({ward.code})"


def _shorten(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else f"{value[: limit - 1]}…"


# --- metrics -----------------------------------------------------------------------------------


def _metric_lookup() -> dict[str, Metric]:
    lookup = {}
    for metric in Metric.objects.all():
        lookup[fold_vietnamese(metric.name)] = metric
        lookup[metric.slug.casefold()] = metric
    return lookup


# --- the import --------------------------------------------------------------------------------


def _checked_month(text: str, *, this_month: dt.date) -> tuple[dt.date | None, str]:
    """The month of a cell and "", or None and why it is refused."""
    month = parse_month(text)
    if not text:
        return None, _("Thiếu tháng.")
    if month is None:
        return None, _("Tháng “%(month)s” không hợp lệ; hãy ghi dạng 2026-03 hoặc 03/2026.") % {"month": _shorten(text)}
    if month > this_month:
        return None, _("Tháng %(month)s chưa tới; chỉ nhập số liệu của tháng này hoặc các tháng trước.") % {
            "month": month.strftime("%m/%Y")
        }
    if month < FIRST_MONTH:
        return None, _("Tháng %(month)s trước khi Đề án 06 bắt đầu (01/2022); hãy kiểm tra lại tháng và năm.") % {
            "month": month.strftime("%m/%Y")
        }
    return month, ""


def _checked_value(text: str) -> tuple[Decimal | None, str]:
    """The value of a cell and "", or the value (None if unreadable) and why it is refused."""
    value = parse_value(text)
    if not text:
        return value, _("Thiếu giá trị.")
    if value is None:
        return value, _("Giá trị “%(value)s” không phải là số.") % {"value": _shorten(text)}
    if value < 0:
        return value, _("Giá trị %(value)s âm; số liệu không thể âm.") % {"value": text}
    if value > MAX_VALUE:
        return value, _("Giá trị %(value)s quá lớn.") % {"value": _shorten(text)}
    if value != value.quantize(Decimal("0.01")):
        return value, _("Giá trị %(value)s có quá 2 chữ số thập phân.") % {"value": _shorten(text)}
    return value, ""


def _check_rows(
    *,
    rows: list[tuple[int, dict[str, str]]],
    province: AdministrativeUnit | None,
    allowed_paths: list[str] | None,
    today: dt.date,
    errors: list[RowError],
) -> list[_Row]:
    finder = WardFinder(province=province, codes={values["ward"] for _line, values in rows if values["ward"]})
    metrics = _metric_lookup()
    this_month = today.replace(day=1)
    checked: list[_Row] = []
    first_line: dict[tuple, int] = {}
    for line, values in rows:
        row = _Row(line=line)
        row_errors: list[str] = []
        if not values["ward"]:
            row_errors.append(_("Thiếu xã/phường."))
        else:
            row.ward, problem = finder.find(values["ward"])
            if problem:
                row_errors.append(problem)
            elif allowed_paths is not None and not any(row.ward.path.startswith(path) for path in allowed_paths):
                row_errors.append(_("Bạn không được nhập số liệu cho %(ward)s.") % {"ward": _labelled(row.ward)})
                row.ward = None
        row.month, problem = _checked_month(values["month"], this_month=this_month)
        if problem:
            row_errors.append(problem)
        metric_text = values["metric"]
        row.metric = metrics.get(fold_vietnamese(metric_text)) or metrics.get(metric_text.casefold())
        if not metric_text:
            row_errors.append(_("Thiếu chỉ tiêu."))
        elif row.metric is None:
            row_errors.append(
                _("Chỉ tiêu “%(metric)s” không có trong danh mục. Các chỉ tiêu: %(choices)s.")
                % {
                    "metric": _shorten(metric_text),
                    "choices": "; ".join(f"{m.slug} ({m.name})" for m in sorted(set(metrics.values()), key=str)),
                }
            )
        row.value, problem = _checked_value(values["value"])
        if problem:
            row_errors.append(problem)
        if row.ward and row.month and row.metric:
            key = (row.ward.pk, row.month, row.metric.pk)
            if key in first_line:
                row_errors.append(
                    _("Trùng với dòng %(line)s (%(ward)s, tháng %(month)s, %(metric)s).")
                    % {
                        "line": first_line[key],
                        "ward": row.ward.name,
                        "month": row.month.strftime("%m/%Y"),
                        "metric": row.metric.name,
                    }
                )
            else:
                first_line[key] = line
        errors.extend(RowError(line, message) for message in row_errors)
        checked.append(row)
    return checked


def _allowed_paths(user: AbstractBaseUser | None) -> list[str] | None:
    """None: anywhere (the command line, a superuser); else the culture offices' unit paths."""
    if user is None or user.is_superuser:
        return None
    return membership_paths(user=user, roles=[Role.CULTURE_OFFICE])


def import_figures(
    *,
    file: IO[bytes] | bytes | Path,
    filename: str = "",
    province: AdministrativeUnit | None = None,
    user: AbstractBaseUser | None = None,
    today: dt.date | None = None,
) -> FigureImportReport:
    """Check the whole file, then replace the figures of its months for its wards and metrics, atomically.

    `province` scopes ward names (codes work without it). `user` is recorded on the import and
    limits the wards to those under the user's culture-office units (None: the command line).
    Nothing is written when any row is wrong; `report.errors` lists every problem by line.
    """
    report = FigureImportReport()
    today = today or timezone.localdate()
    if isinstance(file, Path):
        filename = filename or file.name
        if file.stat().st_size > MAX_BYTES:
            report.errors.append(_too_big(MAX_BYTES))
            return report
        data = file.read_bytes()
    else:
        size = _size_of(file)
        if size is not None and size > MAX_BYTES:
            report.errors.append(_too_big(MAX_BYTES))
            return report
        data = bytes(file) if isinstance(file, bytes | bytearray) else file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        report.errors.append(_too_big(MAX_BYTES))
        return report
    if not data.strip():
        report.errors.append(RowError(None, _("Tệp trống.")))
        return report

    rows, file_errors, row_errors = _read_rows(data=data)
    if file_errors:
        report.errors = file_errors
        return report
    report.errors.extend(row_errors)
    checked = _check_rows(
        rows=rows, province=province, allowed_paths=_allowed_paths(user), today=today, errors=report.errors
    )
    if report.errors:
        report.errors.sort(key=lambda error: error.line or 0)
        return report
    provinces = {row.ward.path.split("/")[0] for row in checked}
    basis_before = basis_by_province(province_codes=provinces)
    _write(report=report, rows=checked, filename=filename, user=user)
    report.warnings = [
        *basis_switch_warnings(before=basis_before, after=basis_by_province(province_codes=provinces)),
        *import_warnings(ward_ids={row.ward.pk for row in checked}, metric_ids={row.metric.pk for row in checked}),
    ]
    return report


@transaction.atomic
def _write(*, report: FigureImportReport, rows: list[_Row], filename: str, user: AbstractBaseUser | None) -> None:
    months = sorted({row.month for row in rows})
    report.months = [month.strftime("%Y-%m") for month in months]
    ward_ids = {row.ward.pk for row in rows}
    metric_ids = {row.metric.pk for row in rows}
    replaced = AdoptionFigure.objects.filter(month__in=months, unit_id__in=ward_ids, metric_id__in=metric_ids)
    report.replaced = replaced.count()
    replaced.delete()
    figure_import = FigureImport.objects.create(
        uploaded_by=user if user is not None and user.is_authenticated else None,
        filename=filename[:255],
        row_count=len(rows),
        months=report.months,
    )
    AdoptionFigure.objects.bulk_create(
        [
            AdoptionFigure(
                unit=row.ward, month=row.month, metric=row.metric, value=row.value, figure_import=figure_import
            )
            for row in rows
        ],
        batch_size=1000,
    )
    report.created = len(rows)
    report.figure_import = figure_import
    # The cached channel-impact estimates rest on the figures: drop them once the new ones are visible.
    from insights.impact import invalidate_channel_effects

    transaction.on_commit(invalidate_channel_effects)
    log(
        instance=figure_import,
        action=FIGURES_IMPORTED,
        user=user if user is not None and user.is_authenticated else None,
        title=str(figure_import),
        data={
            "filename": figure_import.filename,
            "rows": report.created,
            "replaced": report.replaced,
            "months": report.months,
            "wards": len(ward_ids),
        },
    )


# --- the template ------------------------------------------------------------------------------


def template_rows(*, province: AdministrativeUnit | None = None, month: dt.date | None = None) -> list[list[str]]:
    """Example rows for the template: two wards of the province (or any), last month, two metrics."""
    month = month or last_month()
    wards = AdministrativeUnit.objects.filter(level=UnitLevel.WARD)
    if province is not None:
        wards = wards.filter(path__startswith=province.path)
    wards = list(wards.order_by("code")[:2])
    metrics = list(Metric.objects.filter(slug__in=[RESIDENTS_METRIC, "vneid-muc-2"]).order_by("slug"))
    if not metrics:
        metrics = list(Metric.objects.order_by("slug")[:2])
    rows = []
    for index, ward in enumerate(wards):
        for metric in metrics:
            value = "12500" if metric.slug == RESIDENTS_METRIC else str(800 + 150 * index)
            # The first ward by code, the second by name: both ways work.
            rows.append([ward.code if index == 0 else ward.name, month.strftime("%Y-%m"), metric.slug, value])
    return rows


def template_csv(*, province: AdministrativeUnit | None = None) -> bytes:
    """The CSV template (UTF-8 with BOM, so that Excel shows the diacritics)."""
    return csv_bytes(header=TEMPLATE_HEADERS, rows=template_rows(province=province))


def template_xlsx(*, province: AdministrativeUnit | None = None) -> bytes:
    """The XLSX template: the figures sheet, and a sheet listing the metrics' codes and names."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = FIGURES_SHEET
    sheet.append(list(TEMPLATE_HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for ward, month, metric, value in template_rows(province=province):
        # Codes and months as text: Excel would drop a code's leading zeros or turn a month into a date.
        sheet.append([ward, month, metric, int(value)])
    for column, width in zip("ABCD", (28, 10, 22, 14), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.column_dimensions["A"].number_format = "@"
    guide = workbook.create_sheet("Chỉ tiêu")
    guide.append(["chỉ tiêu (mã)", "tên chỉ tiêu", "đơn vị tính"])
    for metric in Metric.objects.order_by("name"):
        guide.append([metric.slug, metric.name, metric.unit])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
