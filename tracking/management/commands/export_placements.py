from django.core.management.base import BaseCommand, CommandError

from campaigns.models import CampaignPage
from tracking.exports import write_placements_csv


class Command(BaseCommand):
    help = "Xuất danh sách điểm đặt mã của một chiến dịch ra tệp CSV (UTF-8, mở được bằng Excel)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--campaign", required=True)
        parser.add_argument("--out", required=True, help="Đường dẫn tệp CSV.")
        parser.add_argument("--base-url", default=None, help="Tên miền in trên mã (mặc định WAGTAILADMIN_BASE_URL).")

    def handle(self, *args, campaign: str, out: str, base_url: str | None, **options) -> None:
        campaign_page = CampaignPage.objects.filter(slug=campaign).first()
        if campaign_page is None:
            raise CommandError(f"Không có chiến dịch với slug “{campaign}”.")
        with open(out, "w", encoding="utf-8-sig", newline="") as handle:
            count = write_placements_csv(handle, campaign=campaign_page, base_url=base_url)
        self.stdout.write(f"Đã xuất {count} điểm đặt mã vào {out}.")
