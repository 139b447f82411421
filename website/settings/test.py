"""Tests: fast hasher, local-memory cache, plain static storage, immediate tasks.

DATABASE_URL is honoured, so the same suite runs on SQLite and PostgreSQL.
"""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "loa-test"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Per test run, so that two runs on one machine never share files.
MEDIA_ROOT = tempfile.mkdtemp(prefix="loa-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"

# A test-only app that registers a periodic job, to prove the scheduler runs registered jobs.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.periodic_app"]  # noqa: F405

LOA_SCAN_SPOOL_DIR = tempfile.mkdtemp(prefix="loa-test-spool-")

# Tests sign staff in with force_login; tests/security turns two-factor login on where it tests it.
LOA_REQUIRE_2FA = False

# Tests change content through the ORM without publishing; the rendered-page cache is
# switched on only by the tests that prove it (tests/website/test_caching.py).
LOA_PAGE_CACHE_SECONDS = 0
# Same for the cached channel-impact estimates (tests/insights/test_impact_cache.py switches it on).
LOA_IMPACT_CACHE_SECONDS = 0
# Same for the kept search results (tests/website/test_page_cache.py switches it on).
LOA_SEARCH_CACHE_SECONDS = 0
