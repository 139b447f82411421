"""Tests: fast hasher, local-memory cache, plain static storage, immediate tasks.

DATABASE_URL is honoured, so the same suite runs on SQLite and PostgreSQL.
"""

from .base import *  # noqa: F403
from .base import BASE_DIR

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "loa-test"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

MEDIA_ROOT = BASE_DIR / ".test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"

# A test-only app that registers a periodic job, to prove the scheduler runs registered jobs.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.periodic_app"]  # noqa: F405

LOA_SCAN_SPOOL_DIR = BASE_DIR / ".test-spool"
