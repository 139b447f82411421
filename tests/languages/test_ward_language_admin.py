import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.log_actions import registry

from places.models import AdministrativeUnit, Role
from tests.factories.users import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def editor_of(ward: AdministrativeUnit):
    user = UserFactory()
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_administrativeunit"),
    )
    MembershipFactory(user=user, unit=ward, role=Role.WARD_EDITOR)
    return user


def test_an_editor_sets_the_default_language_of_an_official_ward(client, official_units):
    ward = AdministrativeUnit.objects.get(code="24169")
    client.force_login(editor_of(ward))
    url = reverse("places_unit_language", args=[ward.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Ê Đê" in page.content.decode()

    response = client.post(url, {"default_language": "rad"})
    assert response.status_code == 302
    ward.refresh_from_db()
    assert ward.default_language == "rad"
    assert ward.name == "Phường Ea Kao"  # nothing else of an official unit changes
    assert registry.get_logs_for_instance(ward).filter(action="wagtail.edit").exists()


def test_an_editor_of_another_ward_may_not(client, official_units):
    ward = AdministrativeUnit.objects.get(code="24169")
    client.force_login(editor_of(AdministrativeUnit.objects.get(code="24133")))
    response = client.post(reverse("places_unit_language", args=[ward.pk]), {"default_language": "rad"})
    assert response.status_code in {302, 403}
    ward.refresh_from_db()
    assert ward.default_language == "vi"


def test_an_unknown_language_is_refused(client, official_units):
    ward = AdministrativeUnit.objects.get(code="24169")
    client.force_login(UserFactory(is_superuser=True))
    response = client.post(reverse("places_unit_language", args=[ward.pk]), {"default_language": "fr"})
    assert response.status_code == 200
    ward.refresh_from_db()
    assert ward.default_language == "vi"


def test_the_unit_list_offers_the_language_action(client, official_units):
    client.force_login(UserFactory(is_superuser=True))
    response = client.get(reverse("wagtailsnippets_places_administrativeunit:list"), {"q": "Ea Kao"})
    ward = AdministrativeUnit.objects.get(code="24169")
    assert reverse("places_unit_language", args=[ward.pk]) in response.content.decode()
