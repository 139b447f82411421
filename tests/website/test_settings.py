"""The settings modules, loaded in fresh interpreters with a controlled environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "9f3Jq2vX8pL0wR5tY7uI1oP4aS6dF8gH0jK2lZ4xC6vB8nM"

PRINT_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "debug": settings.DEBUG,
    "database": settings.DATABASES["default"],
    "cache": settings.CACHES["default"]["BACKEND"],
    "storage": settings.STORAGES["default"],
    "tasks": settings.TASKS["default"]["BACKEND"],
    "language": settings.LANGUAGE_CODE,
    "time_zone": settings.TIME_ZONE,
    "use_tz": settings.USE_TZ,
    "email": settings.EMAIL_BACKEND,
    "from_email": settings.DEFAULT_FROM_EMAIL,
    "admin_base_url": settings.WAGTAILADMIN_BASE_URL,
}, default=str))
"""


def run_python(code: str, *, settings_module: str, **env: str) -> subprocess.CompletedProcess:
    clean_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "REDIS_", "AWS_", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_", "EMAIL_"))
    }
    clean_env.update(DJANGO_SETTINGS_MODULE=settings_module, **env)
    setup = "import django; django.setup()\n"
    return subprocess.run(
        [sys.executable, "-c", setup + code],
        cwd=PROJECT,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_of(settings_module: str, **env: str) -> dict:
    result = run_python(PRINT_SETTINGS, settings_module=settings_module, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_refuses_to_start_without_a_secret_key():
    result = run_python("", settings_module="website.settings.production", ALLOWED_HOSTS="loa.example.vn")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize("key", ["short", "dev-only-insecure-key-never-use-in-production" + "x" * 10])
def test_production_refuses_a_short_or_development_key(key):
    result = run_python("", settings_module="website.settings.production", SECRET_KEY=key, ALLOWED_HOSTS="x.vn")
    assert result.returncode != 0
    assert "too short or is a development key" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_python("", settings_module="website.settings.production", SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_production_passes_the_deploy_checks_with_its_secrets():
    result = run_python(
        "from django.core.management import call_command\ncall_command('check', deploy=True, fail_level='WARNING')\n",
        settings_module="website.settings.production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="loa.example.vn",
    )
    assert result.returncode == 0, result.stderr


def test_defaults_are_sqlite_in_wal_mode_with_immediate_transactions_and_local_everything():
    values = settings_of("website.settings.dev")
    database = values["database"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"].endswith("db.sqlite3")
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert values["cache"].endswith("LocMemCache")
    assert values["storage"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert values["tasks"].endswith("ImmediateBackend")
    assert values["email"].endswith("console.EmailBackend")
    assert (values["language"], values["time_zone"], values["use_tz"]) == ("vi", "Asia/Ho_Chi_Minh", True)


def test_base_settings_are_safe_on_their_own():
    values = settings_of("website.settings.base", SECRET_KEY=GOOD_KEY)
    assert values["debug"] is False
    assert values["tasks"] == "django_tasks_db.DatabaseBackend"
    assert values["email"].endswith("smtp.EmailBackend")


def test_integrations_switch_on_when_their_variables_are_present():
    values = settings_of(
        "website.settings.production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="loa.example.vn",
        DATABASE_URL="postgres://loa:secret@db.internal:5432/loa",
        REDIS_URL="redis://cache.internal:6379/1",
        AWS_STORAGE_BUCKET_NAME="loa-media",
        AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000",
        DEFAULT_FROM_EMAIL="Loa <loa@example.vn>",
        WAGTAILADMIN_BASE_URL="https://loa.example.vn/",
    )
    assert values["database"]["ENGINE"] == "django.db.backends.postgresql"
    assert (values["database"]["HOST"], values["database"]["NAME"]) == ("db.internal", "loa")
    assert values["cache"] == "core.resilient_cache.CircuitBreakerRedisCache"  # django-redis with a circuit breaker
    storage = values["storage"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "loa-media"
    assert storage["OPTIONS"]["file_overwrite"] is False
    assert storage["OPTIONS"]["querystring_expire"] <= 300
    assert values["from_email"] == "Loa <loa@example.vn>"
    assert values["admin_base_url"] == "https://loa.example.vn"


def test_a_malformed_boolean_is_refused_with_its_name():
    result = run_python("", settings_module="website.settings.dev", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_a_sqlite_file_database_runs_in_wal_mode_with_immediate_transactions(tmp_path, monkeypatch, django_db_blocker):
    import sqlite3

    from django.db import connections, transaction

    from website.settings.base import database_from_env

    path = tmp_path / "loa.sqlite3"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    defaults = {"TIME_ZONE": None, "ATOMIC_REQUESTS": False, "AUTOCOMMIT": True, "CONN_HEALTH_CHECKS": False}
    monkeypatch.setitem(connections.settings, "wal_probe", {**defaults, **database_from_env(), "TEST": {}})
    other_process = sqlite3.connect(path, timeout=0.2, isolation_level=None)
    with django_db_blocker.unblock():
        probe = connections["wal_probe"]
        try:
            with probe.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode")
                assert cursor.fetchone()[0] == "wal"
                cursor.execute("CREATE TABLE scan (id INTEGER PRIMARY KEY)")
            with transaction.atomic(using="wal_probe"), probe.cursor() as cursor:
                # Only a read so far, yet IMMEDIATE already holds the write lock: another
                # writer waits (here: gives up after 0.2 s) instead of deadlocking later.
                cursor.execute("SELECT count(*) FROM scan")
                with pytest.raises(sqlite3.OperationalError, match="locked"):
                    other_process.execute("INSERT INTO scan DEFAULT VALUES")
                # WAL: readers are never blocked by the writer.
                assert other_process.execute("SELECT count(*) FROM scan").fetchone() == (0,)
            other_process.execute("INSERT INTO scan DEFAULT VALUES")
        finally:
            probe.close()
            other_process.close()
