"""The scheduler process: fires each registered periodic job on its trigger.

It only enqueues: the work runs in the task worker, so a slow job never
delays the next trigger and the scheduler stays small.
"""

import logging

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from django.conf import settings
from django.db import close_old_connections

from core.periodic import PeriodicJob, PeriodicJobRegistry, periodic_jobs

logger = logging.getLogger(__name__)


def enqueue_periodic_job(job: PeriodicJob) -> None:
    """Enqueue one run of a job; a failure is logged and the scheduler goes on."""
    close_old_connections()
    try:
        result = job.task.enqueue()
    except Exception:
        logger.exception("Periodic job %s could not be enqueued; it will be tried on its next trigger.", job.job_id)
        return
    finally:
        close_old_connections()
    logger.info("Periodic job %s enqueued as %s.", job.job_id, result.id)


def build_scheduler(
    *, registry: PeriodicJobRegistry = periodic_jobs, scheduler_class: type[BaseScheduler] = BlockingScheduler
) -> BaseScheduler:
    """A scheduler with one entry per registered job (missed runs coalesce into one)."""
    scheduler = scheduler_class(timezone=settings.SCHEDULER_TIMEZONE)
    for job in registry:
        scheduler.add_job(
            enqueue_periodic_job,
            trigger=job.trigger,
            args=[job],
            id=job.job_id,
            name=job.description or job.job_id,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=60,
            replace_existing=True,
        )
    return scheduler
