from django_tasks import task

from tracking.services import drain_scans


@task()
def drain_scan_spool() -> dict:
    """Move spooled scans into the database (closed files only; the current minute is still being written)."""
    result = drain_scans()
    return {"files": result.files, "inserted": result.inserted, "skipped": result.skipped}
