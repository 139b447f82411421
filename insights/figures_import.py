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
import io
import re
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
from core.tabular import ImportReport, RowError, TableSpec, TabularImport, shorten
from core.text import fold_vietnamese
from insights.figure_checks import basis_by_province, basis_switch_warnings, import_warnings
from insights.models import AdoptionFigure, FigureImport
from insights.scope_figures import IMPACT_METRIC, RESIDENTS_METRIC
from places.models import AdministrativeUnit, Role, UnitLevel
from places.selectors import membership_paths
from places.unit_lookup import UnitLookup, bare_ward_name, labelled

__all__ = ["bare_ward_name", "import_figures", "parse_value", "template_csv", "template_xlsx"]

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 100_000
MAX_VALUE = Decimal("999999999999.99")
FIGURES_SHEET = "Số liệu"
FIGURES_IMPORTED = "insights.figures_imported"
# Decision 06/QĐ-TTg of 6 January 2022: no official figure of the programme predates it.
FIRST_MONTH = dt.date(2022, 1, 1)

COLUMNS = ("ward", "month", "metric", "value")
_ALIASES = {
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
SPEC = TableSpec(
    aliases=_ALIASES,
    required=COLUMNS,
    max_rows=MAX_ROWS,
    max_bytes=MAX_BYTES,
    sheet=FIGURES_SHEET,
    # A sheet of 100,000 rows of four short cells unpacks to ~15 MB; more is a bomb, or not our sheet.
    max_expanded_bytes=40 * 1024 * 1024,
)
COLUMN_ALIASES = SPEC.aliases
# The headers the template writes: Vietnamese, as the working group's sheets have them.
TEMPLATE_HEADERS = ("xã/phường", "tháng", "chỉ tiêu", "giá trị")


@dataclass
class FigureImportReport(ImportReport):
    """What an import did, or why it did nothing."""

    created: int = 0
    replaced: int = 0
    months: list[str] = field(default_factory=list)
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
        return None, _("Tháng “%(month)s” không hợp lệ; hãy ghi dạng 2026-03 hoặc 03/2026.") % {"month": shorten(text)}
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
        return value, _("Giá trị “%(value)s” không phải là số.") % {"value": shorten(text)}
    if value < 0:
        return value, _("Giá trị %(value)s âm; số liệu không thể âm.") % {"value": text}
    if value > MAX_VALUE:
        return value, _("Giá trị %(value)s quá lớn.") % {"value": shorten(text)}
    if value != value.quantize(Decimal("0.01")):
        return value, _("Giá trị %(value)s có quá 2 chữ số thập phân.") % {"value": shorten(text)}
    return value, ""


def _check_rows(
    *,
    rows: list[tuple[int, dict[str, str]]],
    province: AdministrativeUnit | None,
    allowed_paths: list[str] | None,
    today: dt.date,
    errors: list[RowError],
) -> list[_Row]:
    lookup = UnitLookup(texts=[values["ward"] for _line, values in rows], province=province)
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
            row.ward, problem = lookup.ward(values["ward"])
            if problem:
                row_errors.append(problem)
            elif allowed_paths is not None and not any(row.ward.path.startswith(path) for path in allowed_paths):
                row_errors.append(_("Bạn không được nhập số liệu cho %(ward)s.") % {"ward": labelled(row.ward)})
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
                    "metric": shorten(metric_text),
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


class FiguresImport(TabularImport[list[_Row], FigureImportReport]):
    """A row is (ward, month, metric) → a figure; the file's months replace those figures of its wards and metrics."""

    spec = SPEC

    def __init__(self, *, province: AdministrativeUnit | None, today: dt.date, **kwargs) -> None:
        super().__init__(**kwargs)
        self.province = province
        self.today = today

    def check(self, rows, errors):
        return _check_rows(
            rows=rows, province=self.province, allowed_paths=_allowed_paths(self.user), today=self.today, errors=errors
        )

    def write(self, rows, report):
        provinces = {row.ward.path.split("/")[0] for row in rows}
        basis_before = basis_by_province(province_codes=provinces)
        _write(report=report, rows=rows, filename=self.filename, user=self.user)
        report.warnings = [
            *basis_switch_warnings(before=basis_before, after=basis_by_province(province_codes=provinces)),
            *import_warnings(ward_ids={row.ward.pk for row in rows}, metric_ids={row.metric.pk for row in rows}),
        ]


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
    if isinstance(file, Path):
        filename = filename or file.name
    importer = FiguresImport(province=province, user=user, filename=filename, today=today or timezone.localdate())
    return importer.run(file=file, report=FigureImportReport())


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
    from insights.impact_cache import invalidate_channel_effects

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
    metrics = list(Metric.objects.filter(slug__in=[RESIDENTS_METRIC, IMPACT_METRIC]).order_by("slug"))
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
