import pytest

from media_kit.models import PrintFormat, PrintTemplate
from places.models import AdministrativeUnit
from tests.factories.campaigns import CampaignPageFactory
from tests.factories.places import ServicePointFactory
from tests.factories.tracking import ChannelFactory, placement
from tracking.models import ChannelKind

HEADLINE = "Kích hoạt định danh điện tử mức độ 2"
BODY = "Mang thẻ căn cước gắn chip đến Công an xã, phường để được kích hoạt. Nhanh, miễn phí, an toàn."
STEPS = ["Cài ứng dụng VNeID", "Đến Công an xã, phường", "Nhập mã kích hoạt", "Làm thủ tục trực tuyến"]


@pytest.fixture
def print_template(db):
    campaign = CampaignPageFactory(title=HEADLINE)
    return PrintTemplate.objects.create(
        campaign=campaign,
        headline=HEADLINE,
        body=BODY,
        step_1=STEPS[0],
        step_2=STEPS[1],
        step_3=STEPS[2],
        step_4=STEPS[3],
        footer="UBND phường Buôn Ma Thuột – Tổ công tác Đề án 06",
    )


@pytest.fixture
def ward(official_units):
    unit = AdministrativeUnit.objects.get(code="24133")
    ServicePointFactory(
        unit=unit,
        name="Bộ phận Một cửa phường Buôn Ma Thuột",
        address="Số 1 đường Lê Duẩn",
        opening_hours="Thứ Hai – Thứ Sáu, 7:30–17:00",
        hotline="0262 3852 100",
    )
    return unit


def format_named(slug: str) -> PrintFormat:
    return PrintFormat.objects.get(slug=slug)


@pytest.fixture
def placement_for(print_template, ward):
    def make(print_format: PrintFormat, unit=None):
        channel = print_format.channels.first() or ChannelFactory(slug="ap-phich", kind=ChannelKind.PRINT)
        return placement(unit=unit or ward, channel=channel, campaign=print_template.campaign)

    return make
