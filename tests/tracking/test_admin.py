import pytest
from django.urls import reverse

from places.models import AdministrativeUnit
from tests.factories.campaigns import CampaignPageFactory
from tests.factories.tracking import loudspeaker_channel, poster_channel
from tests.factories.users import UserFactory
from tracking.models import Placement

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="quantri", is_superuser=True))
    return client


def test_bulk_creation_previews_the_count_then_creates(admin_client, official_units):
    campaign = CampaignPageFactory()
    data = {
        "campaign": campaign.pk,
        "unit_codes": "24133, 24169",
        "channels": [poster_channel().pk, loudspeaker_channel().pk],
    }
    url = reverse("tracking_bulk_placements")

    response = admin_client.post(url, {**data, "preview": "1"})
    assert response.status_code == 200
    assert "Sẽ tạo 4 điểm đặt mã mới trong tổng số 4" in response.content.decode()
    assert not Placement.objects.exists()

    response = admin_client.post(url, {**data, "confirm": "1"})
    assert response.status_code == 302
    assert Placement.objects.filter(campaign=campaign).count() == 4
    assert Placement.objects.filter(numeric_code__isnull=False).count() == 2


def test_bulk_creation_names_unknown_unit_codes(admin_client, official_units):
    campaign = CampaignPageFactory()
    response = admin_client.post(
        reverse("tracking_bulk_placements"),
        {"campaign": campaign.pk, "unit_codes": "24133, 99999", "channels": [poster_channel().pk], "confirm": "1"},
    )
    assert response.status_code == 200
    assert "Không có đơn vị với mã: 99999." in response.content.decode()
    assert not Placement.objects.exists()


def test_staff_without_the_permission_cannot_bulk_create(client, official_units):
    client.force_login(UserFactory(username="nhanvien"))
    assert client.get(reverse("tracking_bulk_placements")).status_code in {302, 403}


def test_a_placement_added_in_the_admin_gets_its_codes(admin_client, official_units):
    campaign = CampaignPageFactory()
    ward = AdministrativeUnit.objects.get(code="24133")
    response = admin_client.post(
        reverse("wagtailsnippets_tracking_placement:add"),
        {
            "campaign": campaign.pk,
            "unit": ward.pk,
            "channel": loudspeaker_channel().pk,
            "spot": "Cụm loa tổ dân phố 5",
            "target_page": campaign.pk,
            "target_url": "",
            "quantity": "0",
            "unit_cost_vnd": "0",
            "status": "active",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    placement = Placement.objects.get(spot="Cụm loa tổ dân phố 5")
    assert len(placement.short_code) == 6 and len(placement.numeric_code) == 6


@pytest.mark.parametrize(
    "target_url",
    ["https://evil.example/", "javascript:alert(1)", "//evil.example/", "http://dichvucong.gov.vn/"],
)
def test_a_target_outside_the_government_hosts_is_refused(admin_client, official_units, target_url):
    campaign = CampaignPageFactory()
    response = admin_client.post(
        reverse("wagtailsnippets_tracking_placement:add"),
        {
            "campaign": campaign.pk,
            "unit": AdministrativeUnit.objects.get(code="24133").pk,
            "channel": poster_channel().pk,
            "spot": "",
            "target_page": "",
            "target_url": target_url,
            "quantity": "0",
            "unit_cost_vnd": "0",
            "status": "active",
        },
    )
    assert response.status_code == 200
    assert not Placement.objects.exists()
