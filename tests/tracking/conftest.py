import shutil

import pytest
from django.core.cache import cache

from tracking.privacy import forget_salt_in_memory
from tracking.selectors import forget_local_codes


@pytest.fixture(autouse=True)
def clean_spool_and_cache(settings, tmp_path):
    settings.LOA_SCAN_SPOOL_DIR = tmp_path / "spool"
    cache.clear()
    forget_local_codes()
    forget_salt_in_memory()
    yield
    cache.clear()
    forget_local_codes()
    forget_salt_in_memory()
    shutil.rmtree(tmp_path / "spool", ignore_errors=True)
