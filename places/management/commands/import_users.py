from functools import partial
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from core.tabular_views import ImportCommand, run_import_command
from places.user_imports import import_users


class Command(ImportCommand):
    help = (
        "Nhập người dùng và phân công từ tệp CSV (UTF-8, phân cách bằng dấu phẩy hoặc chấm phẩy) hoặc XLSX. "
        "Cột: tên đăng nhập, họ và tên, email, mã đơn vị, vai trò. Có một dòng lỗi thì không ghi gì. "
        "Người dùng mới nhận thư đặt mật khẩu."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--as",
            dest="as_user",
            metavar="TÊN_ĐĂNG_NHẬP",
            help="Nhập thay mặt người dùng này: ghi vào nhật ký và chỉ cho phép các đơn vị thuộc phạm vi của họ.",
        )

    def handle(self, *args, file: Path, dry_run: bool, as_user: str | None, **options) -> None:
        importer = None
        if as_user:
            importer = get_user_model().objects.filter(username=as_user).first()
            if importer is None:
                raise CommandError(f"Không có người dùng “{as_user}”.")
        run = partial(import_users, importer=importer, dry_run=dry_run, filename=file.name)
        run_import_command(self, path=file, run=run)
