import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

ADMIN_USERNAME = "admin"


class Command(BaseCommand):
    help = (
        "Tạo tài khoản quản trị 'admin' nếu chưa có. Mật khẩu lấy từ LOA_ADMIN_PASSWORD, "
        "hoặc được sinh ngẫu nhiên và in ra một lần. Tài khoản đã có thì giữ nguyên."
    )

    def handle(self, *args, **options) -> None:
        User = get_user_model()
        if User.objects.filter(username=ADMIN_USERNAME).exists():
            self.stdout.write(f"Tài khoản quản trị '{ADMIN_USERNAME}' đã có; giữ nguyên.")
            return
        password = os.environ.get("LOA_ADMIN_PASSWORD") or secrets.token_urlsafe(16)
        User.objects.create_superuser(username=ADMIN_USERNAME, email="admin@example.invalid", password=password)
        if os.environ.get("LOA_ADMIN_PASSWORD"):
            self.stdout.write(self.style.SUCCESS(f"Đã tạo '{ADMIN_USERNAME}' với mật khẩu từ LOA_ADMIN_PASSWORD."))
        else:
            self.stdout.write(
                self.style.WARNING(f"Đã tạo '{ADMIN_USERNAME}'. Mật khẩu (chỉ in một lần, hãy ghi lại): {password}")
            )
