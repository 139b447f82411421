import pytest
from django.urls import reverse

from places.models import AdministrativeUnit, Role
from places.services import grant_membership
from tests.factories.tracking import ChannelFactory, placement
from tests.factories.users import UserFactory
from tracking.models import ChannelKind, Conversion, ConversionSource

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward(official_units):
    return AdministrativeUnit.objects.get(code="24169")


@pytest.fixture
def staff(ward):
    user = UserFactory(username="canbo.eakao", is_staff=False)
    grant_membership(user=user, unit=ward, role=Role.SERVICE_POINT_STAFF)
    return user


@pytest.fixture
def loudspeaker():
    return ChannelFactory(slug="loa-truyen-thanh", name="Loa truyền thanh cơ sở", kind=ChannelKind.SOUND)


def test_staff_log_an_assisted_level_2_activation_for_their_ward(client, staff, ward, loudspeaker):
    client.force_login(staff)
    url = reverse("assisted_registration")
    page = client.get(url, HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 10) Mobile")
    assert page.status_code == 200 and "Người dân biết qua đâu?" in page.content.decode()
    response = client.post(url, {"ward": ward.pk, "action": "vneid_level_2", "heard_from": "loa-truyen-thanh"})
    assert response.status_code == 302
    [conversion] = Conversion.objects.all()
    assert conversion.source == ConversionSource.ASSISTED and conversion.unit == ward
    assert conversion.heard_from == loudspeaker and conversion.recorded_by == staff
    assert "Đã ghi nhận" in client.get(url).content.decode()


def test_a_code_the_citizen_shows_credits_its_placement(client, staff, ward, loudspeaker):
    poster = placement(unit=ward)
    client.force_login(staff)
    client.post(
        reverse("assisted_registration"),
        {"ward": ward.pk, "action": "dvc_account", "heard_from": "scanned", "code": poster.short_code.lower()},
    )
    conversion = Conversion.objects.get()
    assert conversion.placement == poster and conversion.heard_from_code


def test_an_unknown_code_is_refused_with_a_message_and_nothing_is_saved(client, staff, ward):
    client.force_login(staff)
    response = client.post(
        reverse("assisted_registration"),
        {"ward": ward.pk, "action": "dvc_account", "heard_from": "scanned", "code": "ZZZZZZ"},
    )
    assert response.status_code == 200
    assert "Không có mã này" in response.content.decode()
    assert not Conversion.objects.exists()


def test_staff_cannot_log_for_another_ward(client, staff, official_units):
    other = AdministrativeUnit.objects.get(code="24133")
    client.force_login(staff)
    response = client.post(
        reverse("assisted_registration"), {"ward": other.pk, "action": "vneid_level_2", "heard_from": "scanned"}
    )
    assert response.status_code == 200
    assert not Conversion.objects.exists()


def test_users_without_a_service_point_membership_are_refused(client, official_units):
    editor = UserFactory(username="bientap")
    grant_membership(user=editor, unit=AdministrativeUnit.objects.get(code="24169"), role=Role.WARD_EDITOR)
    client.force_login(editor)
    assert client.get(reverse("assisted_registration")).status_code == 403
    client.logout()
    assert client.get(reverse("assisted_registration")).status_code == 302
