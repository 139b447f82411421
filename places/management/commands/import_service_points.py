from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.tabular_views import finish_command
from places.imports import import_service_points


class Command(BaseCommand):
    help = (
        "Nhập điểm hỗ trợ người dân từ tệp CSV (UTF-8, phân cách bằng dấu phẩy hoặc chấm phẩy) hoặc XLSX. "
        "Cột bắt buộc: unit_code, name, address, hours, hotline; tùy chọn: kind, map_link. "
        "Có một dòng lỗi thì không ghi gì. Nhập lại cùng tệp không tạo trùng."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="Đường dẫn tệp CSV.")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra tệp, không ghi gì.")

    def handle(self, *args, file: Path, dry_run: bool, **options) -> None:
        try:
            with file.open("rb") as csv_file:
                report = import_service_points(file=csv_file, dry_run=dry_run)
        except OSError as error:
            raise CommandError(f"Không mở được tệp “{file}”: {error.strerror or error}.") from error
        finish_command(self, report)
