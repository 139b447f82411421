"""Import service points (where citizens get help) from a CSV or XLSX file.

The admin view, the `import_service_points` command and the tests all call `import_service_points()`,
a declaration on the tabular import pipeline (core/tabular.py): the file is checked whole before
anything is written, one bad row and nothing is saved, and the report lists every problem by line.
"""

import os
import re
from dataclasses import dataclass
from typing import IO

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from wagtail.models import ReferenceIndex

from core.exports import csv_bytes
from core.tabular import ImportReport, RowError, TableSpec, TabularImport, check_required, header_key, shorten
from places.audit import SERVICE_POINTS_IMPORTED, log_import
from places.models import AdministrativeUnit, ServicePoint, ServicePointKind, UnitLevel
from places.signals import service_points_imported
from places.unit_lookup import UnitLookup

MAX_ROWS = 5000
BATCH_SIZE = 500
REQUIRED_COLUMNS = ("unit_code", "name", "address", "hours", "hotline")
OPTIONAL_COLUMNS = ("kind", "map_link")

SPEC = TableSpec(
    # Header names people type in a spreadsheet, Vietnamese with and without diacritics.
    aliases={
        "unit_code": ("unit_code", "ma_don_vi", "mã đơn vị"),
        "name": ("name", "ten", "tên", "tên điểm"),
        "address": ("address", "dia_chi", "địa chỉ"),
        "hours": ("hours", "opening_hours", "gio_lam_viec", "giờ làm việc"),
        "hotline": ("hotline", "duong_day_nong", "đường dây nóng"),
        "kind": ("kind", "loai_diem", "loại điểm"),
        "map_link": ("map_link", "chi_duong", "chỉ đường"),
    },
    required=REQUIRED_COLUMNS,
    max_rows=MAX_ROWS,
    # Far more than MAX_ROWS ordinary rows need (a few hundred bytes each); it keeps a wrong upload out of memory.
    max_bytes=10 * 1024 * 1024,
)
COLUMN_ALIASES = SPEC.aliases

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


@dataclass
class ServicePointImportReport(ImportReport):
    created: int = 0
    updated: int = 0
    unchanged: int = 0

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


def index_new_points(points: list[ServicePoint]) -> None:
    """Record new points in Wagtail's reference index (the unit's "usage" lists them), in one insert.

    Wagtail indexes one object per call, with three queries each; a new point has no references yet, so
    its rows are exactly those that `ReferenceIndex.create_or_update_for_object` would insert. An update
    never changes a point's unit (the unit is part of what matches it), so updated points keep theirs.
    """
    if not points or not ReferenceIndex.is_indexed(ServicePoint):
        return
    content_type = ContentType.objects.get_for_model(ServicePoint, for_concrete_model=False)
    ReferenceIndex.objects.bulk_create(
        [
            ReferenceIndex(
                content_type=content_type,
                base_content_type=content_type,
                object_id=point.pk,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for point in points
            for to_content_type_id, to_object_id, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(point)
            )
        ],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,
    )


@dataclass
class _Row:
    line: int
    values: dict[str, str]  # ServicePoint field name -> cleaned value
    unit: AdministrativeUnit


def _kind_lookup() -> dict[str, str]:
    lookup = {}
    for value, label in ServicePointKind.choices:
        lookup[header_key(value)] = value
        lookup[header_key(str(label))] = value
    return lookup


def _check_values(*, line: int, values: dict[str, str], kinds: dict[str, str], errors: list[RowError]) -> None:
    """Lengths, hotline and kind of one row; the kind is replaced by its value."""
    for column, field_name in FIELD_OF_COLUMN.items():
        value = values.get(field_name)
        if value is None or field_name == "kind":
            continue
        max_length = ServicePoint._meta.get_field(field_name).max_length
        if len(value) > max_length:
            errors.append(
                RowError(
                    line,
                    _("Cột %(column)s dài %(length)s ký tự, quá giới hạn %(max)s ký tự.")
                    % {"column": SPEC.label(column), "length": len(value), "max": max_length},
                )
            )
    hotline = values["hotline"]
    if hotline and not HOTLINE_PATTERN.fullmatch(hotline):
        errors.append(
            RowError(
                line,
                _(
                    "Đường dây nóng “%(hotline)s” chỉ được gồm chữ số, dấu cách, dấu chấm, dấu gạch ngang, "
                    "dấu ngoặc đơn và dấu + ở đầu."
                )
                % {"hotline": shorten(hotline)},
            )
        )
    if "kind" not in values:
        return
    kind = values["kind"]
    if not kind:
        values["kind"] = ServicePointKind.ONE_STOP_DESK.value
    elif header_key(kind) in kinds:
        values["kind"] = kinds[header_key(kind)]
    else:
        errors.append(
            RowError(
                line,
                _("Loại điểm “%(kind)s” không có trong danh mục. Chọn một trong: %(choices)s.")
                % {
                    "kind": shorten(kind),
                    "choices": "; ".join(str(label) for _value, label in ServicePointKind.choices),
                },
            )
        )


def _unit_problem(code: str, unit: AdministrativeUnit | None, allowed: set[int] | None) -> str | None:
    if unit is None:
        return UnitLookup.unknown_code(code)
    if unit.level not in (UnitLevel.WARD, UnitLevel.VILLAGE):
        return _(
            "Mã “%(code)s” là %(unit)s, cấp tỉnh/thành phố; điểm hỗ trợ người dân phải thuộc một "
            "xã/phường/đặc khu (hoặc thôn/khối/tổ dân phố). Hãy ghi mã xã/phường (5 chữ số)."
        ) % {"code": code, "unit": unit.name}
    if allowed is not None and unit.pk not in allowed:
        # A ward's editor imports for their own ward only: the same rule as the service-point editor.
        return _("Bạn không phụ trách %(unit)s (mã %(code)s): không nhập được điểm của đơn vị này.") % {
            "unit": unit.name,
            "code": unit.code,
        }
    return None


class ServicePointImport(TabularImport[list[_Row], ServicePointImportReport]):
    """A row is (unit, name) → a service point: created, updated where a value differs, or left alone."""

    spec = SPEC

    def _allowed_units(self) -> set[int] | None:
        if self.user is None:
            return None
        from places.permissions import service_point_permission_policy

        return set(service_point_permission_policy.units_user_may_use(self.user, "add").values_list("pk", flat=True))

    def check(self, rows, errors):
        lookup = UnitLookup(texts=[values["unit_code"] for _line, values in rows])
        allowed = self._allowed_units()
        kinds = _kind_lookup()
        checked: list[_Row] = []
        first_line: dict[tuple[int, str], int] = {}
        for line, cells in rows:
            check_required(cells, line=line, spec=SPEC, errors=errors)
            values = {FIELD_OF_COLUMN[column]: cells[column] for column in FIELD_OF_COLUMN if column in cells}
            _check_values(line=line, values=values, kinds=kinds, errors=errors)
            code = cells["unit_code"]
            if not code:
                continue
            unit = lookup.by_code(code)
            problem = _unit_problem(code, unit, allowed)
            if problem:
                errors.append(RowError(line, problem))
                continue
            if values["name"]:
                key = (unit.pk, values["name"])
                if key in first_line:
                    errors.append(
                        RowError(
                            line,
                            _("Trùng mã đơn vị và tên điểm với dòng %(line)s (“%(name)s”, %(unit)s).")
                            % {"line": first_line[key], "name": values["name"], "unit": unit.name},
                        )
                    )
                first_line.setdefault(key, line)
            checked.append(_Row(line=line, values=values, unit=unit))
        return checked

    def write(self, rows, report):
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
        # In bulk, a few queries per 500 points: what a save per point would do besides is done once below.
        ServicePoint.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
        fields = sorted({name for _point, changed in to_update for name in changed})
        if fields:
            ServicePoint.objects.bulk_update([point for point, _changed in to_update], fields, batch_size=BATCH_SIZE)
        index_new_points(to_create)
        service_points_imported.send(sender=ServicePoint, points=[*to_create, *(p for p, _c in to_update)])
        log_import(
            action=SERVICE_POINTS_IMPORTED,
            units=[row.unit for row in rows],
            user=self.user,
            filename=self.filename,
            counts={"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
        )


def import_service_points(
    *,
    file: IO[bytes] | bytes,
    dry_run: bool = False,
    user: AbstractBaseUser | None = None,
    filename: str = "",
) -> ServicePointImportReport:
    """Create or update service points from a CSV or XLSX file; all or nothing.

    The header row names the columns `unit_code, name, address, hours, hotline` and optionally
    `kind` and `map_link` (Vietnamese header names are accepted too, see COLUMN_ALIASES). A row
    matches an existing service point by (unit, name): it is updated when a value differs, left
    alone when none does, created otherwise. A column that the file leaves out is not touched on
    update; an empty `kind` cell means "Bộ phận Một cửa". `user` (None: the command line) may
    import only for the units the service-point policy lets them add to.

    Every row is checked before anything is written. If any row is bad, nothing is written and
    the report lists every problem with its line (the header is line 1). With `dry_run`, the
    counts say what would happen and nothing is written. An import that writes is recorded in
    Wagtail's log (who, when, which file, the counts).
    """
    filename = filename or os.path.basename(getattr(file, "name", "") or "")
    importer = ServicePointImport(user=user, filename=filename)
    return importer.run(file=file, report=ServicePointImportReport(dry_run=dry_run))


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
