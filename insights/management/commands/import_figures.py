from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.tabular_views import finish_command
from insights.figures_import import import_figures
from places.models import AdministrativeUnit, UnitLevel


class Command(BaseCommand):
    help = (
        "Nhập số liệu chính thức (xã/phường, tháng, chỉ tiêu, giá trị) từ tệp CSV hoặc XLSX. "
        "Một dòng lỗi thì không ghi gì; nhập lại một tháng sẽ thay số liệu của tháng đó."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="Tệp .csv (UTF-8) hoặc .xlsx")
        parser.add_argument("--province", help="Mã tỉnh/thành phố (ví dụ 66), để tìm xã/phường theo tên.")

    def handle(self, *args, file: Path, province: str | None, **options) -> None:
        if not file.is_file():
            raise CommandError(f"Không thấy tệp {file}.")
        unit = None
        if province:
            unit = AdministrativeUnit.objects.filter(code=province, level=UnitLevel.PROVINCE).first()
            if unit is None:
                raise CommandError(f"Không có tỉnh/thành phố với mã {province!r}.")
        report = import_figures(file=file, province=unit)
        finish_command(self, report)
