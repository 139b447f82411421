from django.core.management.base import BaseCommand, CommandError

from campaigns.models import CampaignPage
from places.models import AdministrativeUnit
from tracking.models import Channel
from tracking.services import create_placements


def split(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


class Command(BaseCommand):
    help = (
        "Tạo điểm đặt mã cho một chiến dịch: mọi xã/phường thuộc các đơn vị đã chọn × các kênh. "
        "Chạy lại không tạo trùng."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--campaign", required=True, help="Slug của chiến dịch (tiếng Việt không dấu).")
        parser.add_argument("--units", required=True, help="Mã đơn vị, cách nhau bằng dấu phẩy (mã tỉnh: mọi xã).")
        parser.add_argument("--channels", required=True, help="Mã kênh, cách nhau bằng dấu phẩy.")
        parser.add_argument("--spot", default="", help="Điểm đặt, ví dụ: Nhà văn hóa khối 3.")

    def handle(self, *args, campaign: str, units: str, channels: str, spot: str, **options) -> None:
        campaign_page = CampaignPage.objects.filter(slug=campaign).first()
        if campaign_page is None:
            raise CommandError(f"Không có chiến dịch với slug “{campaign}”.")
        unit_codes, channel_slugs = split(units), split(channels)
        found_units = list(AdministrativeUnit.objects.filter(code__in=unit_codes))
        missing_units = sorted(set(unit_codes) - {unit.code for unit in found_units})
        if missing_units:
            raise CommandError(f"Không có đơn vị với mã: {', '.join(missing_units)}.")
        found_channels = list(Channel.objects.filter(slug__in=channel_slugs))
        missing_channels = sorted(set(channel_slugs) - {channel.slug for channel in found_channels})
        if missing_channels:
            raise CommandError(f"Không có kênh với mã: {', '.join(missing_channels)}.")
        result = create_placements(campaign=campaign_page, units=found_units, channels=found_channels, spot=spot)
        self.stdout.write(f"Tạo mới {len(result.created)} điểm đặt mã; {len(result.existing)} điểm đã có.")
