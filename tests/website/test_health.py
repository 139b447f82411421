import pytest
from django.core.cache import caches
from django.test import override_settings
from django.utils import timezone

from tests.periodic_app.tasks import record_heartbeat

pytestmark = pytest.mark.django_db

DEAD_REDIS = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
}


@pytest.fixture(autouse=True)
def media_and_spool(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LOA_SCAN_SPOOL_DIR = tmp_path / "spool"
    return tmp_path


def test_healthz_answers_while_the_process_lives(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"


def test_readyz_reports_every_dependency_with_its_latency(client):
    response = client.get("/readyz")
    data = response.json()
    assert response.status_code == 200 and data["status"] == "ok"
    assert set(data["checks"]) == {"database", "cache", "storage", "scan_spool", "task_queue"}
    for check in data["checks"].values():
        assert check["status"] == "ok" and check["latency_ms"] >= 0
    assert data["checks"]["scan_spool"]["files"] == 0
    assert "no-cache" in response["Cache-Control"]


def test_a_cache_that_does_not_answer_makes_the_node_not_ready(client):
    with override_settings(CACHES=DEAD_REDIS):
        response = client.get("/readyz")
        caches["default"].close()
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["cache"]["status"] == "fail" and "Connection" in checks["cache"]["error"]
    assert checks["database"]["status"] == "ok"


def test_storage_that_refuses_writes_makes_the_node_not_ready(client, settings, media_and_spool):
    blocker = media_and_spool / "not-a-folder"
    blocker.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = blocker
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"]["status"] == "fail"


def test_a_growing_spool_is_reported_and_a_stuck_one_fails(client, settings, media_and_spool):
    spool = media_and_spool / "spool"
    spool.mkdir()
    recent = timezone.now().strftime("%Y%m%d%H%M")
    (spool / f"{recent}-web1-1.jsonl").write_text("{}\n")
    check = client.get("/readyz").json()["checks"]["scan_spool"]
    assert check["status"] == "ok" and check["files"] == 1

    old = (timezone.now() - timezone.timedelta(minutes=30)).strftime("%Y%m%d%H%M")
    (spool / f"{old}-web1-1.jsonl").write_text("{}\n")
    response = client.get("/readyz")
    check = response.json()["checks"]["scan_spool"]
    assert response.status_code == 503
    assert check["status"] == "fail" and check["files"] == 2 and check["oldest_age_seconds"] >= 29 * 60


def test_the_task_queue_backlog_is_counted(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    record_heartbeat.enqueue()
    record_heartbeat.enqueue()
    assert client.get("/readyz").json()["checks"]["task_queue"]["waiting"] == 2
