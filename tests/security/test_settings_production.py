"""The production settings, loaded in a fresh interpreter with their required environment."""

import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path
from types import SimpleNamespace

PROJECT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "9f3Jq2vX8pL0wR5tY7uI1oP4aS6dF8gH0jK2lZ4xC6vB8nM"
NAMES = [
    "LOA_REQUIRE_2FA",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_EXPIRE_AT_BROWSER_CLOSE",
    "SESSION_COOKIE_AGE",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
]

PRINT_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({{name: getattr(settings, name) for name in {names}}}))
"""


def run_python(code: str, *, settings_module: str, **env: str) -> subprocess.CompletedProcess:
    clean_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "REDIS_", "AWS_", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_", "LOA_"))
    }
    clean_env.update(DJANGO_SETTINGS_MODULE=settings_module, **env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=PROJECT,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@cache
def production_settings(**env: str) -> SimpleNamespace:
    code = PRINT_SETTINGS.format(names=NAMES)
    result = run_python(
        code, settings_module="website.settings.production", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="loa.example.vn", **env
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return SimpleNamespace(**values)


def test_production_requires_two_factor_login_and_redirects_to_https():
    production = production_settings()
    assert production.LOA_REQUIRE_2FA is True
    assert production.SECURE_SSL_REDIRECT is True
    assert production.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
    assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE
    assert production.SESSION_COOKIE_HTTPONLY and production.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert production.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert production.X_FRAME_OPTIONS == "DENY"


def test_media_on_object_storage_adds_only_the_buckets_origin_to_the_policy():
    production = production_settings(AWS_STORAGE_BUCKET_NAME="loa-media", AWS_S3_CUSTOM_DOMAIN="media.loa.example.vn")
    directives = production.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert directives["img-src"] == ["'self'", "data:", "https://media.loa.example.vn"]
    assert directives["media-src"] == ["'self'", "https://media.loa.example.vn"]
    assert directives["script-src"] == ["'self'"]


def test_check_deploy_passes_at_warning_level():
    result = run_python(
        "from django.core.management import call_command\ncall_command('check', deploy=True, fail_level='WARNING')\n",
        settings_module="website.settings.production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="loa.example.vn",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout + result.stderr
