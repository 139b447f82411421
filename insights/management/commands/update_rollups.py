import logging
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections, connection

from insights.rollups import update_rollups
from tracking.services import drain_scans

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Cập nhật số liệu tổng hợp (bảng điều khiển) từ lượt quét và kết quả mới. "
        "`make run` chạy lệnh này bên cạnh máy chủ phát triển, "
        "để lượt quét hiện lên bảng điều khiển trong vòng một phút."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--every",
            type=float,
            default=0,
            metavar="GIÂY",
            help="Chạy mãi, cứ mỗi GIÂY giây một lần (mặc định: chạy một lần rồi dừng).",
        )
        parser.add_argument(
            "--drain",
            action="store_true",
            help="Trước mỗi lần cập nhật, chuyển các lượt quét trong tệp đệm của máy này vào cơ sở dữ liệu.",
        )

    def handle(self, *args, every: float, drain: bool, **options) -> None:
        if every <= 0:
            self.run_once(drain=drain)
            return
        while True:
            if not connection.in_atomic_block:  # (inside a test's transaction the connection must stay)
                close_old_connections()
            try:
                self.run_once(drain=drain, quiet=True)
            except DatabaseError:
                # The database is busy or away: the next round catches up (both steps are idempotent).
                logger.warning("Rollups not updated: the database did not answer; retrying in %s s.", every)
            time.sleep(every)

    def run_once(self, *, drain: bool, quiet: bool = False) -> None:
        drained = drain_scans() if drain else None
        run = update_rollups()
        newest = (run.scan_id, run.conversion_id)
        # In a loop, say something only when new scans or conversions arrived (a run recomputes recent days anyway).
        if quiet and newest == getattr(self, "newest", None) and not (drained and drained.inserted):
            return
        self.newest = newest
        moved = f"{drained.inserted} lượt quét từ tệp đệm; " if drained else ""
        self.stdout.write(f"Đã cập nhật số liệu tổng hợp: {moved}{run.pairs} dòng của {run.days} ngày.")
