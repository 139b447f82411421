import shutil

import pytest
from django.core.cache import cache

from languages.translations import translate_page
from tests.factories.campaigns import GuidePageFactory
from tracking.selectors import forget_local_codes

# Test strings only: they stand for a translator's work and are marked as such, since
# nobody here writes Ê Đê (minority languages are translated by people).
RAD_TITLE = "[rad: bản dịch thử nghiệm] Cài đặt ứng dụng VNeID"
EN_TITLE = "Install the VNeID app"


@pytest.fixture(autouse=True)
def clean_scan_cache(settings, tmp_path):
    settings.LOA_SCAN_SPOOL_DIR = tmp_path / "spool"
    cache.clear()
    forget_local_codes()
    yield
    cache.clear()
    forget_local_codes()
    shutil.rmtree(tmp_path / "spool", ignore_errors=True)


@pytest.fixture
def guide(db):
    return GuidePageFactory(title="Cài đặt ứng dụng VNeID", slug="cai-dat-vneid")


def translated(page, *, language_code: str, strings: dict[str, str], capture):
    # wagtail-localize publishes when the transaction commits; a test's transaction never does.
    with capture(execute=True):
        translation = translate_page(page=page, language_code=language_code, strings=strings)
    translation.refresh_from_db()
    return translation


@pytest.fixture
def en_guide(guide, django_capture_on_commit_callbacks):
    return translated(
        guide, language_code="en", strings={guide.title: EN_TITLE}, capture=django_capture_on_commit_callbacks
    )


@pytest.fixture
def rad_guide(guide, django_capture_on_commit_callbacks):
    return translated(
        guide, language_code="rad", strings={guide.title: RAD_TITLE}, capture=django_capture_on_commit_callbacks
    )
