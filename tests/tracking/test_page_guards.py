import datetime as dt

import pytest
from django.urls import reverse

from campaigns.models import GuidePage
from places.models import AdministrativeUnit
from tests.factories.campaigns import GuidePageFactory
from tests.factories.tracking import placement
from tests.factories.users import UserFactory
from tracking.models import Placement

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="quantri", is_superuser=True))
    return client


@pytest.fixture
def printed_guide(official_units):
    guide = GuidePageFactory(title="Cài đặt VNeID")
    for code in ("24133", "24169"):
        placement(
            unit=AdministrativeUnit.objects.get(code=code),
            campaign=guide.get_parent().specific,
            target_page=guide,
            installed_on=dt.date(2026, 3, 1),
        )
    return guide


def test_the_delete_page_names_how_many_printed_codes_lead_there(admin_client, printed_guide):
    response = admin_client.get(reverse("wagtailadmin_pages:delete", args=[printed_guide.pk]), follow=True)
    assert "2 mã QR đã in dẫn tới trang này" in response.content.decode()


def test_deleting_asks_once_more_then_deletes(admin_client, printed_guide):
    url = reverse("wagtailadmin_pages:delete", args=[printed_guide.pk])
    response = admin_client.post(url)
    assert response.status_code == 200
    assert "2 mã QR đã in dẫn tới trang này" in response.content.decode()
    assert GuidePage.objects.filter(pk=printed_guide.pk).exists()

    response = admin_client.post(url, {"printed_codes_confirmed": "1"})
    assert response.status_code == 302
    assert not GuidePage.objects.filter(pk=printed_guide.pk).exists()
    assert Placement.objects.count() == 2  # the codes stay, and land on the fallback


def test_unpublishing_asks_once_more_then_unpublishes(admin_client, printed_guide):
    url = reverse("wagtailadmin_pages:unpublish", args=[printed_guide.pk])
    response = admin_client.post(url)
    assert "2 mã QR đã in dẫn tới trang này" in response.content.decode()
    printed_guide.refresh_from_db()
    assert printed_guide.live
    admin_client.post(url, {"printed_codes_confirmed": "1"})
    printed_guide.refresh_from_db()
    assert not printed_guide.live


def test_a_page_without_printed_codes_is_deleted_without_a_second_question(admin_client, official_units):
    guide = GuidePageFactory()
    placement(
        unit=AdministrativeUnit.objects.get(code="24133"), campaign=guide.get_parent().specific, target_page=guide
    )
    response = admin_client.post(reverse("wagtailadmin_pages:delete", args=[guide.pk]))
    assert response.status_code == 302


def test_a_campaign_with_codes_cannot_be_deleted(admin_client, printed_guide):
    campaign = printed_guide.get_parent()
    response = admin_client.post(
        reverse("wagtailadmin_pages:delete", args=[campaign.pk]), {"printed_codes_confirmed": "1"}
    )
    assert response.status_code == 409
    assert GuidePage.objects.filter(pk=printed_guide.pk).exists()
