from django.core.management.base import BaseCommand

from core.spool import drain_forever
from search.services import drain_search_log


class Command(BaseCommand):
    help = "Ghi các lượt tìm kiếm đang nằm trong tệp đệm của máy này vào nhật ký tìm kiếm (mỗi tệp đúng một lần)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--all", action="store_true", help="Lấy cả tệp của phút hiện tại (khi đã dừng máy chủ web)."
        )
        parser.add_argument(
            "--every", type=float, default=0, metavar="GIÂY", help="Chạy mãi, cứ mỗi GIÂY giây một lần."
        )

    def handle(self, *args, all: bool, every: float, **options) -> None:
        if every <= 0:
            self.report(drain_search_log(include_current=all))
            return
        drain_forever(lambda: drain_search_log(include_current=all), every=every, report=self.report, what="Search")

    def report(self, result) -> None:
        self.stdout.write(
            f"Đã đọc {result.files} tệp: {result.searches} lượt tìm, bỏ qua {result.skipped} dòng hỏng, "
            f"{result.already_applied} tệp đã ghi từ trước."
        )
