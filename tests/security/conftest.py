import pytest

from places.models import AdministrativeUnit
from tests.factories.campaigns import GuidePageFactory
from tests.factories.tracking import placement
from tests.factories.users import UserFactory


@pytest.fixture
def guide(db):
    return GuidePageFactory(title="Cài đặt ứng dụng VNeID")


@pytest.fixture
def scan_code(guide, official_units):
    return placement(unit=AdministrativeUnit.objects.get(code="24133"), campaign=guide.get_parent().specific).short_code


@pytest.fixture
def superuser(db):
    return UserFactory(username="quantri", is_superuser=True, password="mat-khau-quan-tri-1")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client
