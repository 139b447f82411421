import threading

from apscheduler.schedulers.background import BackgroundScheduler
from django.core.management.base import BaseCommand

from core.periodic import periodic_jobs
from core.scheduler import build_scheduler


class Command(BaseCommand):
    help = "Chạy bộ lập lịch: đưa các việc định kỳ vào hàng đợi theo lịch của chúng. Chỉ chạy một tiến trình."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--list", dest="list_jobs", action="store_true", help="Liệt kê các việc định kỳ rồi thoát.")
        parser.add_argument(
            "--max-seconds",
            type=float,
            default=None,
            help="Dừng sau số giây này (để kiểm tra); mặc định chạy mãi.",
        )

    def handle(self, *args, list_jobs: bool, max_seconds: float | None, **options) -> None:
        jobs = [*periodic_jobs]
        if list_jobs:
            for job in jobs:
                self.stdout.write(f"{job.job_id}\t{job.trigger}\t{job.description}")
            return
        self.stdout.write(f"Bộ lập lịch: {len(jobs)} việc định kỳ.")
        if max_seconds is None:
            build_scheduler().start()
            return
        scheduler = build_scheduler(scheduler_class=BackgroundScheduler)
        scheduler.start()
        threading.Event().wait(max_seconds)
        scheduler.shutdown(wait=True)
