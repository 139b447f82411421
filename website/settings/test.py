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
LOA_SEARCH_SPOOL_DIR = tempfile.mkdtemp(prefix="loa-test-search-spool-")

# Tests sign staff in with force_login; tests/security turns two-factor login on where it tests it.
LOA_REQUIRE_2FA = False

# Tests change content through the ORM without publishing; the rendered-page cache is
# switched on only by the tests that prove it (tests/website/test_caching.py).
LOA_PAGE_CACHE_SECONDS = 0
# Same for the cached channel-impact estimates (tests/insights/test_impact_cache.py switches it on).
LOA_IMPACT_CACHE_SECONDS = 0
# Same for the kept search results (tests/website/test_page_cache.py switches it on).
LOA_SEARCH_CACHE_SECONDS = 0

# `make test` lints the migrations added after 2 December 2026 (django-migration-linter, a dev requirement):
# the ones before are history, applied everywhere. The linter lists what `git diff` adds since that commit of
# main, run from the project root (its default is this settings folder, where no migration lives).
INSTALLED_APPS = [*INSTALLED_APPS, "django_migration_linter"]
MIGRATION_LINTER_OPTIONS = {
    "git_commit_id": "41d8ed7288cf08c758c914804ed7e7d219ec2712",
    "project_root_path": str(BASE_DIR),  # noqa: F405
    "no_cache": True,
    # Reviewed: both columns have a default in the database (db_default), so the previous release can still insert
    # during a deploy; the linter reads SQLite's table rebuild (and a multi-line DEFAULT) as a bare NOT NULL column.
    # Also reviewed: 0007_print_orders' new column has a db_default too; 0007_rollout_plans only adds constraints to
    # the tables it creates (SQLite rebuilds them, which the linter reads as new NOT NULL columns; PostgreSQL passes).
    "ignore_name": ["0005_what_to_bring", "0006_pack_preflight", "0007_print_orders", "0007_rollout_plans"],
}
