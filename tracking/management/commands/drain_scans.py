from django.core.management.base import BaseCommand

from core.spool import drain_forever
from tracking.services import drain_scans


class Command(BaseCommand):
    help = "Chuyển các lượt quét đang nằm trong tệp đệm vào cơ sở dữ liệu (chạy lại nhiều lần không nhân đôi)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--all", action="store_true", help="Lấy cả tệp của phút hiện tại (khi đã dừng máy chủ web)."
        )
        parser.add_argument(
            "--every",
            type=float,
            default=0,
            metavar="GIÂY",
            help=(
                "Chạy mãi, cứ mỗi GIÂY giây một lần. Mỗi máy chủ web chạy một tiến trình như vậy: "
                "tệp đệm nằm trên đĩa của chính máy đó."
            ),
        )

    def handle(self, *args, all: bool, every: float, **options) -> None:
        if every <= 0:
            self.report(drain_scans(include_current=all))
            return
        drain_forever(lambda: drain_scans(include_current=all), every=every, report=self.report, what="Scan")

    def report(self, result) -> None:
        self.stdout.write(
            f"Đã đọc {result.files} tệp, {result.read} sự kiện: thêm {result.inserted}, bỏ qua {result.skipped}."
        )
