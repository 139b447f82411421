import logging
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections, connection

from tracking.services import drain_scans

logger = logging.getLogger(__name__)


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
        # One per app server: the spool is on this node's disk, which another node's worker cannot read.
        while True:
            if not connection.in_atomic_block:  # (inside a test's transaction the connection must stay)
                close_old_connections()
            try:
                result = drain_scans(include_current=all)
            except DatabaseError:
                # The database is away: the events stay in the spool and the next round replays them.
                logger.warning("Scan spool not drained: the database did not answer; retrying in %s s.", every)
            else:
                if result.files:
                    self.report(result)
            time.sleep(every)

    def report(self, result) -> None:
        self.stdout.write(
            f"Đã đọc {result.files} tệp, {result.read} sự kiện: thêm {result.inserted}, bỏ qua {result.skipped}."
        )
