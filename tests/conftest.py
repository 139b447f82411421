import io
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import TestCase
from django.utils import translation
from pytest_django.fixtures import validate_django_db

from places.models import AdministrativeUnit
from places.services import load_official_units
from tests import db_snapshot

_first_state = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the 3,355 official units once per test database; each test's transaction rolls back over them.

    The database's state then (with what migrations seed) is copied, and put back after each transactional test
    (pytest_runtest_teardown below), so that no test depends on running before a transactional one."""
    with django_db_blocker.unblock():
        load_official_units()
        if db_snapshot.supported():
            _first_state.update(snapshot=db_snapshot.take(), blocker=django_db_blocker)


def _is_transactional(item) -> bool:
    """As pytest-django decides it (pytest_django.fixtures._django_db_helper)."""
    marker = item.get_closest_marker("django_db")
    if marker is not None and (validate_django_db(marker)[0] or validate_django_db(marker)[1]):
        return True
    names = getattr(item, "fixturenames", ())
    return any(name in names for name in ("transactional_db", "live_server", "django_db_reset_sequences"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test's data is committed and pytest-django empties every table after it: put the first
    state back for the tests that follow on this worker (not after the last test: the database goes then)."""
    result = yield
    if nextitem is not None and _first_state and _is_transactional(item):
        with _first_state["blocker"].unblock():
            db_snapshot.restore(_first_state["snapshot"])
    return result


@pytest.fixture(autouse=True)
def empty_spools():
    """Each test starts with empty scan and search spools. The folders belong to the test process (test settings),
    which runs many test files under pytest-xdist: a scan another test spooled and never drained would otherwise
    be drained by a later test, and credited to whichever placement has its id then (ids come back after a
    rollback)."""
    for folder in (Path(settings.LOA_SCAN_SPOOL_DIR), Path(settings.LOA_SEARCH_SPOOL_DIR)):
        if not folder.is_dir():
            continue
        for entry in folder.iterdir():
            if entry.is_dir():
                shutil.rmtree(entry)
            else:
                entry.unlink(missing_ok=True)


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's default language. A request through the test client runs in the test's own
    thread, and LocaleMiddleware leaves the page's language active after it: a test that visited /rad/… left the
    next test on that worker reversing and redirecting to Ê Đê addresses (/rad/ho-tro/ghi-nhan/)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def official_units(db):
    """The official unit tree. A transactional test (live server) flushes it; reload it then."""
    if not AdministrativeUnit.objects.filter(is_official=True).exists():
        load_official_units()
    return AdministrativeUnit.objects.filter(is_official=True)


@pytest.fixture(scope="module")
def demo_for_module(django_db_setup, django_db_blocker):
    """`load_demo` once for a test module, inside a transaction rolled back at its end (as a TestCase's
    setUpTestData); each test runs in a savepoint within it, as any test does. Not for transactional tests."""
    with django_db_blocker.unblock():
        atomics = TestCase._enter_atomics()
        try:
            # wagtail-localize publishes when the transaction commits, as `make run`'s load_demo does.
            with TestCase.captureOnCommitCallbacks(execute=True):
                call_command("load_demo", stdout=io.StringIO())
            yield
        finally:
            TestCase._rollback_atomics(atomics)
