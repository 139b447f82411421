"""Production's task path: the scheduler enqueues into the database queue, `db_worker` runs it."""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from core.periodic import periodic_jobs
from core.scheduler import enqueue_periodic_job
from tests.periodic_app import tasks as test_tasks

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_QUEUE
    test_tasks.run_count = 0
    yield
    test_tasks.run_count = 0


# Transactional: the scheduler closes stale connections around each enqueue, as a long-running
# process must, and a connection inside a test's open transaction counts as stale.
@pytest.mark.django_db(transaction=True)
def test_a_periodic_job_waits_in_the_database_queue_until_the_worker_runs_it(database_queue):
    enqueue_periodic_job(periodic_jobs.get("periodic_app.heartbeat"))

    queued = DBTaskResult.objects.get()
    assert queued.status == "READY"
    assert queued.task_path == "tests.periodic_app.tasks.record_heartbeat"
    assert test_tasks.run_count == 0, "enqueueing must not run the job"

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert test_tasks.run_count == 1
