from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from insights.report_rendering import render_report_pdf, render_report_xlsx
from insights.reports import ReportError, build_monthly_report, parse_month
from places.models import AdministrativeUnit

RENDERERS = {".pdf": render_report_pdf, ".xlsx": render_report_xlsx}


class Command(BaseCommand):
    help = "Lập báo cáo tháng của một đơn vị (PDF hoặc XLSX theo đuôi tệp)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--unit", required=True, help="Mã đơn vị: tỉnh (66) hoặc xã/phường (24133)")
        parser.add_argument("--month", required=True, help="Tháng báo cáo, dạng NNNN-TT (2026-10)")
        parser.add_argument("--out", required=True, help="Tệp kết quả: .pdf hoặc .xlsx")
        parser.add_argument(
            "--chia-se",
            action="store_true",
            dest="shared",
            help="Bản để chia sẻ (số lượt làm tròn đến bội số của 5); mặc định là bản nội bộ, số liệu chính xác",
        )

    def handle(self, *args, unit: str, month: str, out: str, shared: bool = False, **options) -> None:
        path = Path(out)
        renderer = RENDERERS.get(path.suffix.lower())
        if renderer is None:
            raise CommandError(f"Tệp kết quả phải có đuôi .pdf hoặc .xlsx (nhận được “{path.name}”).")
        found = AdministrativeUnit.objects.filter(code=unit.strip()).first()
        if found is None:
            raise CommandError(f"Không có đơn vị với mã {unit}.")
        try:
            data = build_monthly_report(unit=found, month=parse_month(month), shared=shared)
        except ReportError as error:
            raise CommandError(str(error)) from error
        content = renderer(data)
        try:
            path.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Không ghi được tệp {path}: {error}") from error
        self.stdout.write(
            f"Đã lập báo cáo tháng {data.month:%m/%Y} của {found.name} ({data.copy_label}): "
            f"{path} ({len(content):,} byte)"
        )
