import datetime as dt

from django.utils import timezone
from django_tasks import task

from insights.rollups import rebuild_rollups, update_rollups

# The nightly reconciliation rebuilds these many past days (and today) from the raw events.
RECONCILE_DAYS = 2


@task()
def update_rollups_task() -> dict:
    """Bring the daily and hourly rollups up to date (every minute)."""
    run = update_rollups()
    return {"days": run.days, "pairs": run.pairs, "scan_id": run.scan_id, "full": run.full}


@task()
def reconcile_rollups_task() -> dict:
    """Rebuild the last days from raw events: repairs anything a very late commit slipped past."""
    since = timezone.localdate() - dt.timedelta(days=RECONCILE_DAYS)
    run = rebuild_rollups(since=since)
    return {"since": since.isoformat(), "days": run.days, "rows": run.pairs}


@task()
def refresh_rollout_statuses_task() -> dict:
    """Roll-out plans move on by their dates: approved → active at the first wave, active → finished after the last."""
    from insights.rollout_plans import refresh_statuses

    return {"moved": refresh_statuses()}
