import pytest
from django.urls import reverse

from places.models import AdministrativeUnit, DivisionType, UnitLevel
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = UserFactory(username="admin", is_superuser=True)
    client.force_login(admin)
    return client


def test_the_admin_accepts_the_admin_user_through_the_login_form(client):
    UserFactory(username="admin", is_superuser=True, password="mat-khau-quan-tri")
    response = client.post(
        reverse("wagtailadmin_login"), {"username": "admin", "password": "mat-khau-quan-tri"}, follow=True
    )
    assert response.status_code == 200
    assert response.wsgi_request.user.is_authenticated
    assert client.get("/admin/").status_code == 200


def test_the_admin_refuses_a_wrong_password(client):
    UserFactory(username="admin", is_superuser=True, password="mat-khau-quan-tri")
    response = client.post(reverse("wagtailadmin_login"), {"username": "admin", "password": "sai"})
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated


def test_units_are_listed_and_searchable_in_the_admin(admin_client, official_units):
    response = admin_client.get(reverse("wagtailsnippets_places_administrativeunit:list"), {"q": "Ea Kao"})
    assert response.status_code == 200
    assert "Phường Ea Kao" in response.content.decode()


def test_official_units_cannot_be_edited_or_deleted(admin_client, official_units):
    ward = AdministrativeUnit.objects.get(code="24169")
    for view in ("edit", "delete"):
        url = reverse(f"wagtailsnippets_places_administrativeunit:{view}", args=[ward.pk])
        response = admin_client.post(url, {"name": "Đổi tên", "division_type": "thon", "parent": ward.parent_id})
        assert response.status_code in {302, 403}
    ward.refresh_from_db()
    assert ward.name == "Phường Ea Kao"


def test_an_editor_adds_a_village_under_a_ward_and_gets_a_code(admin_client, official_units):
    ward = AdministrativeUnit.objects.get(code="24133")
    response = admin_client.post(
        reverse("wagtailsnippets_places_administrativeunit:add"),
        {"name": "Tổ dân phố 7", "division_type": DivisionType.RESIDENTIAL_GROUP, "parent": ward.pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    village = AdministrativeUnit.objects.get(name="Tổ dân phố 7")
    assert (village.code, village.level, village.path) == ("24133-001", UnitLevel.VILLAGE, "66/24133/24133-001/")


def test_a_village_under_a_province_is_refused_with_a_message(admin_client, official_units):
    province = AdministrativeUnit.objects.get(code="66")
    before = AdministrativeUnit.objects.count()
    response = admin_client.post(
        reverse("wagtailsnippets_places_administrativeunit:add"),
        {"name": "Thôn lạc", "division_type": DivisionType.VILLAGE, "parent": province.pk},
    )
    assert response.status_code == 200
    assert AdministrativeUnit.objects.count() == before
