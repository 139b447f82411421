from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from campaigns.models import CampaignPage
from media_kit.models import PrintFormat
from media_kit.packs import PackError, build_pack
from places.models import AdministrativeUnit


def split(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


class Command(BaseCommand):
    help = "Tạo bộ ấn phẩm (ZIP) cho một chiến dịch: mỗi xã/phường một thư mục, kèm manifest.csv và bìa cho nhà in."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--campaign", required=True)
        parser.add_argument("--formats", required=True, help="Mã định dạng, cách nhau bằng dấu phẩy.")
        parser.add_argument("--units", required=True, help="Mã đơn vị (mã tỉnh: mọi xã, phường).")
        parser.add_argument("--out", required=True)
        parser.add_argument(
            "--channel", action="append", default=[], help="Kênh cho định dạng nhiều kênh: dinh-dang=kenh."
        )

    def handle(self, *args, campaign, formats, units, out, channel, **options) -> None:
        campaign_page = CampaignPage.objects.filter(slug=campaign).first()
        if campaign_page is None:
            raise CommandError(f"Không có chiến dịch với slug “{campaign}”.")
        format_slugs, unit_codes = split(formats), split(units)
        found_formats = list(PrintFormat.objects.filter(slug__in=format_slugs))
        if missing := sorted(set(format_slugs) - {fmt.slug for fmt in found_formats}):
            raise CommandError(f"Không có định dạng: {', '.join(missing)}.")
        found_units = list(AdministrativeUnit.objects.filter(code__in=unit_codes))
        if missing := sorted(set(unit_codes) - {unit.code for unit in found_units}):
            raise CommandError(f"Không có đơn vị với mã: {', '.join(missing)}.")
        choices = dict(item.split("=", 1) for item in channel if "=" in item)
        try:
            result = build_pack(
                campaign=campaign_page, formats=found_formats, units=found_units, channel_choices=choices
            )
        except PackError as error:
            raise CommandError(str(error)) from error
        Path(out).write_bytes(result.content)
        self.stdout.write(f"Đã tạo {out}: {len(result.rows)} tệp, {len(result.failures)} chưa tạo được.")
        for failure in result.failures:
            self.stdout.write(f"  {failure['unit_code']} {failure['format']}: {failure['reason']}")
