"""The one registry of periodic jobs.

Each app declares its jobs in a `periodic_jobs.py` module (found at start-up
like `wagtail_hooks.py`):

    from apscheduler.triggers.interval import IntervalTrigger
    from core.periodic import periodic_jobs

    periodic_jobs.register(
        job_id="tracking.drain_scans",
        task=drain_scans,  # a django-tasks @task
        trigger=IntervalTrigger(seconds=30),
        description="Move spooled scans into the database",
    )

`manage.py run_scheduler` enqueues each job on its trigger; the task worker
(`manage.py db_worker`) runs it. Run exactly one scheduler per installation.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from apscheduler.triggers.base import BaseTrigger
from django.utils.module_loading import autodiscover_modules
from django_tasks.base import Task


@dataclass(frozen=True)
class PeriodicJob:
    job_id: str
    task: Task
    trigger: BaseTrigger
    description: str = ""


class PeriodicJobRegistry:
    def __init__(self) -> None:
        self._jobs: dict[str, PeriodicJob] = {}

    def register(self, *, job_id: str, task: Task, trigger: BaseTrigger, description: str = "") -> PeriodicJob:
        if not isinstance(task, Task):
            raise TypeError(f"Periodic job {job_id!r} must be a django-tasks task (decorate it with @task).")
        if not isinstance(trigger, BaseTrigger):
            raise TypeError(f"Periodic job {job_id!r} needs an APScheduler trigger, not {trigger!r}.")
        existing = self._jobs.get(job_id)
        if existing is not None and existing.task.module_path != task.module_path:
            raise ValueError(f"Periodic job id {job_id!r} is already used by {existing.task.module_path}.")
        job = PeriodicJob(job_id=job_id, task=task, trigger=trigger, description=description)
        self._jobs[job_id] = job
        return job

    def unregister(self, job_id: str) -> None:
        self._jobs.pop(job_id, None)

    def get(self, job_id: str) -> PeriodicJob:
        return self._jobs[job_id]

    def __iter__(self) -> Iterator[PeriodicJob]:
        return iter(sorted(self._jobs.values(), key=lambda job: job.job_id))

    def __len__(self) -> int:
        return len(self._jobs)


periodic_jobs = PeriodicJobRegistry()


def autodiscover_periodic_jobs() -> None:
    autodiscover_modules("periodic_jobs")
