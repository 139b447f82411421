"""Development: `make run` on SQLite with local media, tasks run immediately."""

import os

from .base import *  # noqa: F403
from .base import LOGGING, TASK_BACKENDS, env_bool

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-use-in-production"
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
INTERNAL_IPS = ["127.0.0.1"]

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

TASKS = {"default": {"BACKEND": TASK_BACKENDS[os.environ.get("TASK_BACKEND", "immediate") or "immediate"]}}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

LOGGING["loggers"]["django.server"]["level"] = "INFO"

# `make run`: a scan is inserted at once (the spool waits for its minute to close before it is drained),
# and scripts/run.sh refreshes the rollups beside the server, so the demo's dashboard moves within a minute.
# A failed insert still falls back to the spool, which the same loop drains. LOA_SCAN_WRITE_MODE=spool
# tries the production path (base.py checks the value).
LOA_SCAN_WRITE_MODE = os.environ.get("LOA_SCAN_WRITE_MODE", "").strip() or "database"
# Likewise a search shows in the zero-result report at once.
LOA_SEARCH_LOG_WRITE_MODE = os.environ.get("LOA_SEARCH_LOG_WRITE_MODE", "").strip() or "database"

# `make run` signs the demo users in with a password only; LOA_REQUIRE_2FA=true tries the real thing.
LOA_REQUIRE_2FA = env_bool("LOA_REQUIRE_2FA", False)

# runserver serves static files itself when DEBUG is on; WhiteNoise is for production.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
