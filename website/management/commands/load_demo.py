import os
import time

from django.core.management.base import BaseCommand

from campaigns import demo as campaigns_demo
from campaigns import demo_content
from home.demo import load_home_page, set_top_tasks
from insights import demo as insights_demo
from languages.demo import load_translations
from media_kit.demo import load_print_template
from places import demo as places_demo
from tracking import demo as tracking_demo


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu: toàn bộ đơn vị hành chính, trang chủ, người dùng mẫu của hai phường, điểm hỗ trợ mẫu, "
        "chiến dịch mẫu với hướng dẫn, video và danh mục dịch vụ công. "
        "Chạy lại nhiều lần không tạo trùng."
    )

    def handle(self, *args, **options) -> None:
        started = time.monotonic()
        units = places_demo.load_units()
        self.stdout.write(
            f"Đơn vị hành chính: {units.created} mới, {units.updated} cập nhật, {units.unchanged} không đổi."
        )

        home = load_home_page()
        self.stdout.write(f"Trang chủ: {home.title}")

        users = places_demo.load_users(password=os.environ.get("LOA_DEMO_PASSWORD") or None)
        if users.created:
            self.stdout.write(f"Người dùng mẫu mới: {', '.join(users.created)}")
            if not os.environ.get("LOA_DEMO_PASSWORD"):
                self.stdout.write(self.style.WARNING(f"Mật khẩu của người dùng mẫu (chỉ in một lần): {users.password}"))

        points = places_demo.load_service_points()
        self.stdout.write(f"Điểm hỗ trợ mẫu mới: {points}")

        content = campaigns_demo.load_content(home=home)
        self.stdout.write(f"Nội dung chiến dịch mới: {len(content.created)}")
        set_top_tasks(home=home, slugs=demo_content.HOME["top_tasks"])

        placements = tracking_demo.load_placements(
            campaign=content.campaign, ward_codes=list(places_demo.DEMO_WARD_CODES.values())
        )
        self.stdout.write(f"Điểm đặt mã mới: {len(placements.created)} (đã có {len(placements.existing)})")
        load_print_template(campaign=content.campaign)
        insights_started = time.monotonic()
        insights = insights_demo.load_insights(
            campaign=content.campaign, ward_codes=list(places_demo.DEMO_WARD_CODES.values())
        )
        self.stdout.write(
            f"Hiệu quả: {insights.scans} lượt quét, {insights.conversions} kết quả, "
            f"{insights.figures} số liệu chính thức, {insights.airings} lượt phát sóng mới "
            f"({time.monotonic() - insights_started:.1f} giây)."
        )
        translations = load_translations()
        self.stdout.write(f"Bản dịch mẫu mới: {', '.join(translations.created) or 'không'}")
        if translations.withdrawn:
            self.stdout.write(f"Gỡ bản dịch chưa dịch đã lỡ xuất bản: {', '.join(translations.withdrawn)}")
        self.stdout.write(self.style.SUCCESS(f"Xong dữ liệu mẫu trong {time.monotonic() - started:.1f} giây."))
