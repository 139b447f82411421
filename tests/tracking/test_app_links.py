import pytest

from places.models import AdministrativeUnit
from tests.factories.campaigns import GuidePageFactory
from tests.factories.tracking import ChannelFactory, placement
from tracking.models import ChannelKind

pytestmark = pytest.mark.django_db


def test_guides_in_the_api_carry_the_app_channels_tracked_address(client, official_units):
    guide = GuidePageFactory(title="Cài đặt VNeID")
    other = GuidePageFactory(title="Đăng ký tạm trú", parent=guide.get_parent())
    app = ChannelFactory(slug="app-cong-dan-so", name="App công dân số", kind=ChannelKind.DIGITAL, province_wide=True)
    code = placement(
        unit=AdministrativeUnit.objects.get(code="66"),
        channel=app,
        campaign=guide.get_parent().specific,
        target_page=guide,
        spot=guide.title,
    ).short_code

    detail = client.get(f"/api/v2/pages/{guide.pk}/").json()
    assert detail["app_url"] == f"http://testserver/q/{code}"
    listing = {item["id"]: item for item in client.get("/api/v2/pages/").json()["items"]}
    assert listing[guide.pk]["app_url"] == f"http://testserver/q/{code}"
    assert listing[other.pk]["app_url"] is None

    response = client.get(f"/q/{code}")
    assert response.status_code == 302 and response["Location"].startswith(guide.url)
