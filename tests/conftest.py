import io

import pytest
from django.core.management import call_command
from django.test import TestCase

from places.models import AdministrativeUnit
from places.services import load_official_units


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the 3,355 official units once per test database; each test's transaction rolls back over them."""
    with django_db_blocker.unblock():
        load_official_units()


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
