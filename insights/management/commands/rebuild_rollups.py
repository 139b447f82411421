import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from insights.rollups import rebuild_rollups


def parse_day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Ngày không hợp lệ: {value!r} (cần dạng YYYY-MM-DD).") from error


class Command(BaseCommand):
    help = "Tính lại số liệu tổng hợp theo ngày và theo giờ từ lượt quét và kết quả gốc."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--since", help="Chỉ tính lại từ ngày này (YYYY-MM-DD, theo giờ Việt Nam).")

    def handle(self, *args, since: str | None, **options) -> None:
        run = rebuild_rollups(since=parse_day(since) if since else None)
        self.stdout.write(f"Đã tính lại {run.days} ngày, {run.pairs} dòng tổng hợp.")
