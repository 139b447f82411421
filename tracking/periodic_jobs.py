from apscheduler.triggers.interval import IntervalTrigger

from core.periodic import periodic_jobs
from tracking.tasks import drain_scan_spool

periodic_jobs.register(
    job_id="tracking.drain_scan_spool",
    task=drain_scan_spool,
    trigger=IntervalTrigger(seconds=30),
    description="Chuyển lượt quét từ tệp đệm vào cơ sở dữ liệu",
)
