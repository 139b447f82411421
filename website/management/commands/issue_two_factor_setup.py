from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import timezone

from website.two_factor.services import SETUP_CODE_HOURS, issue_setup_code


class Command(BaseCommand):
    help = (
        "Cấp mã cài đặt xác thực hai bước cho một người dùng: dùng được một lần, hết hạn sau --hours giờ "
        f"(mặc định {SETUP_CODE_HOURS}). Mã chỉ in ra một lần; hệ thống chỉ lưu bản băm."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--hours", type=int, default=SETUP_CODE_HOURS)

    def handle(self, *args, username: str, hours: int, **options) -> None:
        if not 1 <= hours <= 24 * 14:
            raise CommandError("--hours phải từ 1 đến 336.")
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as missing:
            raise CommandError(f"Không có người dùng '{username}'.") from missing
        issued = issue_setup_code(user=user, hours=hours)
        expires = timezone.localtime(issued.expires_at).strftime("%H:%M %d/%m/%Y")
        setup_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("loa_two_factor_setup")
        self.stdout.write(f"Mã cài đặt cho '{username}': {issued.code}")
        self.stdout.write(f"Dùng được một lần, đến {expires}. Đăng nhập bằng mật khẩu rồi mở {setup_url}.")
