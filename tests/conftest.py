import pytest

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
