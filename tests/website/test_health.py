import pytest
from django.contrib.auth.models import Permission
from django.core.cache import caches
from django.db import connections
from django.test import override_settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories.users import UserFactory
from tests.periodic_app.tasks import record_heartbeat
from tests.website.counting_storage import CountingFileSystemStorage
from website.health import storage_memo

pytestmark = pytest.mark.django_db

DEAD_REDIS = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
}


@pytest.fixture(autouse=True)
def media_and_spool(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LOA_SCAN_SPOOL_DIR = tmp_path / "spool"
    storage_memo.clear()  # each test starts with no remembered storage result
    yield tmp_path
    storage_memo.clear()


PUBLIC = {"REMOTE_ADDR": "203.0.113.7"}


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


def test_a_public_caller_gets_only_the_status(client):
    response = client.get("/readyz", **PUBLIC)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_a_forged_forwarded_address_does_not_make_a_caller_local(client, settings):
    # Behind one proxy the proxy's own entry counts; what the client wrote before it does not.
    settings.LOA_TRUSTED_PROXY_COUNT = 1
    forged = client.get("/readyz", HTTP_X_FORWARDED_FOR="127.0.0.1, 203.0.113.7", REMOTE_ADDR="10.0.0.2")
    assert forged.json() == {"status": "ok"}
    local = client.get("/readyz", HTTP_X_FORWARDED_FOR="127.0.0.1", REMOTE_ADDR="10.0.0.2")
    assert "checks" in local.json()


def test_signed_in_staff_see_the_details_and_a_half_signed_in_session_does_not(client, settings):
    settings.LOA_REQUIRE_2FA = True
    editor = UserFactory(username="bientap")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert set(client.get("/readyz", **PUBLIC).json()["checks"]) >= {"database", "scan_spool", "task_queue"}

    TOTPDevice.objects.create(user=editor, name="Điện thoại", confirmed=True)  # now a code is due, not given
    assert client.get("/readyz", **PUBLIC).json() == {"status": "ok"}
    citizen_like = UserFactory(username="khong-quyen")
    client.force_login(citizen_like)
    assert client.get("/readyz", **PUBLIC).json() == {"status": "ok"}


def test_repeated_calls_within_the_window_do_not_touch_the_storage(client, settings, media_and_spool):
    counting = {"BACKEND": "tests.website.counting_storage.CountingFileSystemStorage"}
    settings.STORAGES = {**settings.STORAGES, "default": counting}
    settings.LOA_READYZ_STORAGE_SECONDS = 60
    CountingFileSystemStorage.calls.clear()

    first = client.get("/readyz")
    assert first.status_code == 200 and first.json()["checks"]["storage"]["status"] == "ok"
    after_first = list(CountingFileSystemStorage.calls)
    assert after_first and not [call for call in after_first if call.startswith("delete")]
    media = media_and_spool / "media"
    assert [p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file()] == ["readyz/probe.txt"]

    for _ in range(20):
        assert client.get("/readyz", **PUBLIC).status_code == 200
    again = client.get("/readyz").json()["checks"]["storage"]
    assert again["status"] == "ok" and "cached_for_seconds" in again
    assert CountingFileSystemStorage.calls == after_first, "no storage call within the window"

    # Once the probe object exists, a probe reads it: no write, no delete.
    settings.LOA_READYZ_STORAGE_SECONDS = 0
    CountingFileSystemStorage.calls.clear()
    client.get("/readyz")
    assert CountingFileSystemStorage.calls == ["exists readyz/probe.txt", "open readyz/probe.txt"]
    assert len([p for p in media.rglob("*") if p.is_file()]) == 1


def _unreachable_database(connection):
    settings_dict = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        settings_dict["NAME"] = "/nonexistent-folder/loa.sqlite3"
    else:
        settings_dict.update(HOST="127.0.0.1", PORT="1")  # nothing listens on port 1
    return type(connection)(settings_dict, alias=connection.alias)


def test_a_failing_database_gives_503_and_tells_the_public_nothing(client):
    healthy = connections["default"]
    broken = _unreachable_database(healthy)
    connections["default"] = broken
    try:
        public = client.get("/readyz", **PUBLIC)
        local = client.get("/readyz")
    finally:
        connections["default"] = healthy
        broken.close()
    assert public.status_code == 503
    assert public.json() == {"status": "fail"}
    for secret in ("127.0.0.1", "port", "nonexistent", "files", "waiting", "Error"):
        assert secret not in public.content.decode()
    assert local.status_code == 503
    assert local.json()["checks"]["database"]["status"] == "fail"
    assert local.json()["checks"]["database"]["error"]
