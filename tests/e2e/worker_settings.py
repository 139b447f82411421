"""Settings of the real task worker that journey 3 starts (`manage.py db_worker`): the test settings with the
database task backend, and the live server's media folder, so that the pack the worker saves is the one the
live server serves. The database comes from DATABASE_URL, which the test points at its test database."""

import os

from website.settings.test import *  # noqa: F403
from website.settings.test import TASK_BACKENDS

TASKS = {"default": {"BACKEND": TASK_BACKENDS["database"]}}
MEDIA_ROOT = os.environ["LOA_E2E_MEDIA_ROOT"]
