import datetime as dt
import logging
import time

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger
from django.core.management import call_command

from core.periodic import PeriodicJobRegistry, periodic_jobs
from core.scheduler import build_scheduler, enqueue_periodic_job
from tests.periodic_app import tasks as test_tasks


@pytest.fixture
def heartbeat():
    test_tasks.ran.clear()
    test_tasks.run_count = 0
    return test_tasks


def wait_for(condition, *, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def test_jobs_in_an_apps_periodic_jobs_module_are_found_at_start_up():
    job = periodic_jobs.get("periodic_app.heartbeat")
    assert job.task is test_tasks.record_heartbeat
    assert isinstance(job.trigger, IntervalTrigger)


def test_the_scheduler_runs_a_registered_job_on_its_trigger_and_not_before(heartbeat):
    registry = PeriodicJobRegistry()
    fire_at = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1.5)
    registry.register(job_id="test.once", task=heartbeat.record_heartbeat, trigger=DateTrigger(run_date=fire_at))

    scheduler = build_scheduler(registry=registry, scheduler_class=BackgroundScheduler)
    scheduler.start()
    try:
        time.sleep(0.5)
        assert not heartbeat.ran.is_set(), "the job ran before its trigger"
        assert heartbeat.ran.wait(timeout=5), "the job did not run on its trigger"
        assert dt.datetime.now(dt.UTC) >= fire_at
    finally:
        scheduler.shutdown(wait=True)
    assert heartbeat.run_count == 1


def test_an_interval_job_runs_again_and_again(heartbeat):
    registry = PeriodicJobRegistry()
    registry.register(job_id="test.interval", task=heartbeat.record_heartbeat, trigger=IntervalTrigger(seconds=0.3))
    scheduler = build_scheduler(registry=registry, scheduler_class=BackgroundScheduler)
    scheduler.start()
    try:
        assert wait_for(lambda: heartbeat.run_count >= 3, timeout=5)
    finally:
        scheduler.shutdown(wait=True)


def test_the_command_lists_the_registered_jobs(capsys):
    call_command("run_scheduler", "--list")
    assert "periodic_app.heartbeat" in capsys.readouterr().out


def test_the_command_runs_the_globally_registered_job(heartbeat, monkeypatch):
    # Make the test app's hourly job due now, then let the command run for a moment.
    job = periodic_jobs.get("periodic_app.heartbeat")
    soon = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=0.5)
    monkeypatch.setitem(
        periodic_jobs._jobs, job.job_id, type(job)(job_id=job.job_id, task=job.task, trigger=DateTrigger(soon))
    )
    call_command("run_scheduler", "--max-seconds", "2.5")
    assert heartbeat.run_count == 1


def test_a_job_that_cannot_be_enqueued_is_logged_and_the_scheduler_goes_on(db, caplog, monkeypatch):
    job = periodic_jobs.get("periodic_app.heartbeat")

    def refuse(*args, **kwargs):
        raise ConnectionError("queue unreachable")

    monkeypatch.setattr(type(job.task), "enqueue", refuse)
    with caplog.at_level(logging.ERROR, logger="core.scheduler"):
        enqueue_periodic_job(job)
    assert "periodic_app.heartbeat" in caplog.text


def test_the_registry_refuses_what_it_cannot_schedule():
    registry = PeriodicJobRegistry()
    with pytest.raises(TypeError):
        registry.register(job_id="plain", task=lambda: None, trigger=IntervalTrigger(seconds=1))
    with pytest.raises(TypeError):
        registry.register(job_id="no-trigger", task=test_tasks.record_heartbeat, trigger="*/5 * * * *")
