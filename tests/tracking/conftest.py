import shutil

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def clean_spool_and_cache(settings, tmp_path):
    settings.LOA_SCAN_SPOOL_DIR = tmp_path / "spool"
    cache.clear()
    yield
    cache.clear()
    shutil.rmtree(tmp_path / "spool", ignore_errors=True)
