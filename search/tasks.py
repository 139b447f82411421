from django_tasks import task

from search.services import drain_search_log


@task()
def drain_search_spool() -> dict:
    """Add spooled citizen searches to the weekly log (closed files only; the current minute is still written)."""
    result = drain_search_log()
    return {"files": result.files, "searches": result.searches, "skipped": result.skipped}
