from functools import partial
from pathlib import Path

from core.tabular_views import ImportCommand, run_import_command
from places.imports import import_service_points


class Command(ImportCommand):
    help = (
        "Nhập điểm hỗ trợ người dân từ tệp CSV (UTF-8, phân cách bằng dấu phẩy hoặc chấm phẩy) hoặc XLSX. "
        "Cột bắt buộc: unit_code, name, address, hours, hotline; tùy chọn: kind, map_link. "
        "Có một dòng lỗi thì không ghi gì. Nhập lại cùng tệp không tạo trùng."
    )

    def handle(self, *args, file: Path, dry_run: bool, **options) -> None:
        run_import_command(self, path=file, run=partial(import_service_points, dry_run=dry_run))
