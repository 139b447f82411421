"""Health checks for a load balancer: /healthz (the process answers) and /readyz (its dependencies answer).

/readyz answers 200 or 503 with `{"status": "ok"|"fail"}` to anyone. Local callers (a loopback
address, as core.http.client_ip sees it behind LOA_TRUSTED_PROXY_COUNT proxies) and signed-in
staff (past the second factor where it applies) also get each check's status and latency, error
text and backlogs: error text names database hosts and ports, backlogs tell an outsider how busy
the node is. A spool whose oldest file is older than LOA_SPOOL_MAX_AGE_SECONDS marks the node as
not ready (its drain is stuck).

The storage check reads one small object (written once, when it is missing) and its result is
kept in the process for LOA_READYZ_STORAGE_SECONDS, so that a balancer probing every few seconds,
or anyone calling /readyz in a loop, costs the object storage one request per window and worker.
"""

import ipaddress
import threading
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

from core.http import client_ip
from tracking import spool
from website.two_factor.selectors import is_signed_in_staff

STORAGE_PROBE_NAME = "readyz/probe.txt"
STORAGE_PROBE_CONTENT = b"ok"


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


def probe_storage() -> None:
    """Read the probe object; write it first if it is missing (a fresh bucket or media folder)."""
    if not default_storage.exists(STORAGE_PROBE_NAME):
        default_storage.save(STORAGE_PROBE_NAME, ContentFile(STORAGE_PROBE_CONTENT))
    with default_storage.open(STORAGE_PROBE_NAME, "rb") as probe:
        probe.read(16)


class StorageProbeMemo:
    """The last storage result per process, reused while it is younger than LOA_READYZ_STORAGE_SECONDS."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.clear()

    def clear(self) -> None:
        self.result: dict | None = None
        self.taken_at = 0.0

    def check(self) -> dict:
        with self.lock:  # one probe at a time; the threads that waited reuse its result
            now = time.monotonic()
            if self.result is None or now - self.taken_at >= settings.LOA_READYZ_STORAGE_SECONDS:
                self.result = _timed(probe_storage)
                self.taken_at = now
                return dict(self.result)
            return {**self.result, "cached_for_seconds": round(now - self.taken_at, 1)}


storage_memo = StorageProbeMemo()


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
    "database": lambda: _timed(check_database),
    "cache": lambda: _timed(check_cache),
    "storage": storage_memo.check,
    "scan_spool": lambda: _timed(check_spool),
    "task_queue": lambda: _timed(check_task_queue),
}


def is_local_caller(request: HttpRequest) -> bool:
    try:
        return ipaddress.ip_address(client_ip(request)).is_loopback
    except ValueError:
        return False


def may_see_details(request: HttpRequest) -> bool:
    return is_local_caller(request) or is_signed_in_staff(request=request)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    results = {name: check() for name, check in CHECKS.items()}
    ready = all(result["status"] == "ok" for result in results.values())
    body = {"status": "ok" if ready else "fail"}
    if may_see_details(request):
        body["checks"] = results
    return JsonResponse(body, status=200 if ready else 503)
