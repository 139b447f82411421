"""Health checks for a load balancer: /healthz (the process answers) and /readyz (its dependencies answer).

/readyz reports each check's status and latency as JSON and answers 503 when a check fails.
The scan spool's backlog and the task queue's backlog are reported, and a spool whose oldest
file is older than LOA_SPOOL_MAX_AGE_SECONDS marks the node as not ready (its drain is stuck).
"""

import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks_db.models import DBTaskResult

from tracking import spool


def _timed(check: Callable[[], dict | None]) -> dict:
    started = time.perf_counter()
    try:
        details = check() or {}
        status = details.pop("status", "ok")
    except Exception as error:  # a health check reports every failure, whatever its kind
        details, status = {"error": f"{type(error).__name__}: {error}"[:300]}, "fail"
    return {"status": status, "latency_ms": round((time.perf_counter() - started) * 1000, 1), **details}


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_cache() -> None:
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    if cache.get(key) != "1":
        raise RuntimeError("the cache did not return what was written")
    cache.delete(key)
    # Behind the circuit breaker (core/resilient_cache.py) the write above may have gone to this
    # process's own memory: Redis is then away, and the node is not ready.
    breaker_open = getattr(cache, "breaker_open", None)
    if breaker_open is not None and breaker_open():
        raise RuntimeError("Redis unreachable: this process is using its own memory")


def check_storage() -> None:
    name = default_storage.save(f"readyz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    default_storage.delete(name)


def check_spool() -> dict:
    files, oldest_minute = spool.backlog()
    age = None
    if oldest_minute:
        # Spool files are named by the UTC minute they were opened in (tracking/spool.py).
        oldest = datetime.strptime(oldest_minute, "%Y%m%d%H%M").replace(tzinfo=UTC)
        age = max(0, int((timezone.now() - oldest).total_seconds()))
    stuck = age is not None and age > settings.LOA_SPOOL_MAX_AGE_SECONDS
    return {"status": "fail" if stuck else "ok", "files": files, "oldest_age_seconds": age}


def check_task_queue() -> dict:
    waiting = DBTaskResult.objects.filter(status="READY").count()
    return {"waiting": waiting}


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "storage": check_storage,
    "scan_spool": check_spool,
    "task_queue": check_task_queue,
}


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    results = {name: _timed(check) for name, check in CHECKS.items()}
    ready = all(result["status"] == "ok" for result in results.values())
    return JsonResponse({"status": "ok" if ready else "fail", "checks": results}, status=200 if ready else 503)
