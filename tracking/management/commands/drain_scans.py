from django.core.management.base import BaseCommand

from tracking.services import drain_scans


class Command(BaseCommand):
    help = "Chuyển các lượt quét đang nằm trong tệp đệm vào cơ sở dữ liệu (chạy lại nhiều lần không nhân đôi)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--all", action="store_true", help="Lấy cả tệp của phút hiện tại (khi đã dừng máy chủ web)."
        )

    def handle(self, *args, all: bool, **options) -> None:
        result = drain_scans(include_current=all)
        self.stdout.write(
            f"Đã đọc {result.files} tệp, {result.read} sự kiện: thêm {result.inserted}, bỏ qua {result.skipped}."
        )
