from apscheduler.triggers.interval import IntervalTrigger

from core.periodic import periodic_jobs
from tests.periodic_app.tasks import record_heartbeat

periodic_jobs.register(
    job_id="periodic_app.heartbeat",
    task=record_heartbeat,
    trigger=IntervalTrigger(hours=1),
    description="Test heartbeat",
)
