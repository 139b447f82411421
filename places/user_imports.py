"""Import users and their memberships (who acts in which role for which unit) from a CSV or XLSX file.

The admin view, the `import_users` command and the tests all call `import_users()`, a declaration on
the tabular import pipeline (core/tabular.py): one bad row and nothing is written, and the report lists
every problem by line.

New users get no password: they receive an e-mail with a link to Wagtail's "set a new password"
page, sent once the import has been committed.
"""

import os
from dataclasses import dataclass, field
from typing import IO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from core.exports import csv_bytes
from core.tabular import ImportReport, RowError, TableSpec, TabularImport, check_required
from core.tabular import shorten as _shorten
from core.text import fold_label
from places.audit import USERS_IMPORTED, log_import
from places.models import AdministrativeUnit, Membership, Role
from places.selectors import membership_paths, units_for_user
from places.unit_lookup import UnitLookup

MAX_ROWS = 2000
COLUMNS = ("username", "full_name", "email", "unit_code", "role")
SPEC = TableSpec(
    aliases={
        "username": ("username", "ten_dang_nhap", "tên đăng nhập"),
        "full_name": ("full_name", "ho_ten", "ho_va_ten", "họ tên", "họ và tên"),
        "email": ("email", "e-mail", "thư điện tử"),
        "unit_code": ("unit_code", "ma_don_vi", "mã đơn vị"),
        "role": ("role", "vai_tro", "vai trò"),
    },
    required=COLUMNS,
    max_rows=MAX_ROWS,
    max_bytes=1024 * 1024,
)
COLUMN_ALIASES = SPEC.aliases

# Only these roles may import users, and only for units under their own.
IMPORTER_ROLES = (Role.CULTURE_OFFICE,)


def role_lookup() -> dict[str, Role]:
    """Folded role value or label -> role: "ward_editor", "Biên tập viên xã/phường", "BIEN TAP VIEN XA/PHUONG"."""
    lookup = {}
    for role in Role:
        lookup[fold_label(role.value)] = role
        lookup[fold_label(str(role.label))] = role
    return lookup


def may_import_users(user: AbstractBaseUser) -> bool:
    """Superusers, and members of a culture office (for the units under it)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or units_for_user(user=user, roles=IMPORTER_ROLES).exists()


@dataclass
class UserImportReport(ImportReport):
    users_created: int = 0
    users_existing: int = 0
    memberships_created: int = 0
    memberships_unchanged: int = 0
    emailed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One sentence for the operator, in Vietnamese."""
        if self.errors:
            return self.errors_summary()
        counts = {
            "users_created": self.users_created,
            "users_existing": self.users_existing,
            "memberships_created": self.memberships_created,
            "memberships_unchanged": self.memberships_unchanged,
        }
        if self.dry_run:
            return (
                _(
                    "Kiểm tra xong, chưa ghi gì: sẽ tạo %(users_created)s người dùng mới "
                    "(%(users_existing)s người dùng đã có), %(memberships_created)s phân công mới, "
                    "%(memberships_unchanged)s phân công đã có."
                )
                % counts
            )
        return (
            _(
                "Đã nhập: %(users_created)s người dùng mới (đã gửi thư đặt mật khẩu), %(users_existing)s người dùng "
                "đã có; %(memberships_created)s phân công mới, %(memberships_unchanged)s phân công đã có."
            )
            % counts
        )


@dataclass
class _UserRow:
    line: int
    username: str
    full_name: str
    email: str
    unit_code: str
    role_text: str
    role: Role | None = None
    unit: AdministrativeUnit | None = None
    user: AbstractBaseUser | None = None


def _check_values(*, row: _UserRow, roles: dict[str, Role], errors: list[RowError]) -> None:
    User = get_user_model()
    if row.username:
        max_length = User._meta.get_field(User.USERNAME_FIELD).max_length
        try:
            UnicodeUsernameValidator()(row.username)
            if len(row.username) > max_length:
                raise ValidationError("too long")
        except ValidationError:
            errors.append(
                RowError(
                    row.line,
                    _(
                        "Tên đăng nhập “%(username)s” không hợp lệ: tối đa %(max)s ký tự, chỉ gồm chữ, số "
                        "và các dấu @ . + - _ (không có dấu cách)."
                    )
                    % {"username": _shorten(row.username), "max": max_length},
                )
            )
    if len(row.full_name) > User._meta.get_field("first_name").max_length:
        errors.append(RowError(row.line, _("Họ và tên dài quá %(max)s ký tự.") % {"max": 150}))
    if row.email:
        try:
            validate_email(row.email)
        except ValidationError:
            errors.append(
                RowError(row.line, _("Địa chỉ thư điện tử “%(email)s” không hợp lệ.") % {"email": _shorten(row.email)})
            )
            row.email = ""
        else:
            row.email = BaseUserManager.normalize_email(row.email)
    if row.role_text:
        row.role = roles.get(fold_label(row.role_text))
        if row.role is None:
            errors.append(
                RowError(
                    row.line,
                    _("Vai trò “%(role)s” không có. Chọn một trong: %(choices)s.")
                    % {
                        "role": _shorten(row.role_text),
                        "choices": "; ".join(f"{role.label} ({role.value})" for role in Role),
                    },
                )
            )


def _resolve_units(*, rows: list[_UserRow], importer: AbstractBaseUser | None, errors: list[RowError]) -> None:
    lookup = UnitLookup(texts=[row.unit_code for row in rows])
    paths = None if importer is None else membership_paths(user=importer, roles=IMPORTER_ROLES)
    for row in rows:
        if not row.unit_code:
            continue
        unit = lookup.by_code(row.unit_code)
        if unit is None:
            errors.append(RowError(row.line, lookup.unknown_code(row.unit_code)))
        elif paths is not None and not any(unit.path.startswith(path) for path in paths):
            errors.append(
                RowError(
                    row.line,
                    _(
                        "Bạn không được phân công cho %(unit)s (mã %(code)s); chỉ nhập được người dùng cho "
                        "các đơn vị thuộc Phòng Văn hóa – Thông tin của bạn."
                    )
                    % {"unit": unit.name, "code": unit.code},
                )
            )
        else:
            row.unit = unit


def _first_line(seen: dict[str, int], key: str, line: int) -> int | None:
    """The line where `key` was seen first, or None (and `key` is remembered on this line)."""
    first = seen.setdefault(key, line)
    return None if first == line else first


def _check_duplicates(*, rows: list[_UserRow], errors: list[RowError]) -> None:
    usernames: dict[str, int] = {}
    emails: dict[str, int] = {}
    for row in rows:
        user_line = _first_line(usernames, row.username.casefold(), row.line) if row.username else None
        if user_line is not None:
            message = _("Tên đăng nhập “%(username)s” trùng với dòng %(line)s.")
            errors.append(RowError(row.line, message % {"username": _shorten(row.username), "line": user_line}))
        email_line = _first_line(emails, row.email.casefold(), row.line) if row.email else None
        # The same person twice: the username's message says it.
        if email_line is not None and email_line != user_line:
            message = _("Địa chỉ thư điện tử “%(email)s” trùng với dòng %(line)s.")
            errors.append(RowError(row.line, message % {"email": _shorten(row.email), "line": email_line}))


def _match_existing_users(*, rows: list[_UserRow], errors: list[RowError]) -> None:
    """An existing username is that user only if the e-mail agrees: never hand someone's account to another."""
    User = get_user_model()
    # Case-insensitive: "NguyenVanA" must not become a second account beside "nguyenvana".
    usernames = {row.username.lower() for row in rows if row.username}
    by_username = {
        user.username_lower: user
        for user in User.objects.annotate(username_lower=Lower(User.USERNAME_FIELD)).filter(
            username_lower__in=usernames
        )
    }
    emails = {row.email.lower() for row in rows if row.email}
    by_email = {
        user.email_lower: user
        for user in User.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=emails)
    }
    for row in rows:
        if not row.username:
            continue
        existing = by_username.get(row.username.lower())
        if existing is not None:
            if row.email and existing.email.lower() != row.email.lower():
                errors.append(
                    RowError(
                        row.line,
                        _(
                            "Đã có người dùng “%(username)s” với địa chỉ thư điện tử khác; không nhập để tránh giao "
                            "tài khoản cho người khác. Hãy kiểm tra lại tên đăng nhập hoặc địa chỉ thư."
                        )
                        % {"username": existing.get_username()},
                    )
                )
            else:
                row.user = existing
            continue
        owner = by_email.get(row.email.lower()) if row.email else None
        if owner is not None:
            errors.append(
                RowError(
                    row.line,
                    _("Địa chỉ thư điện tử “%(email)s” đã thuộc người dùng “%(username)s”.")
                    % {"email": _shorten(row.email), "username": owner.get_username()},
                )
            )


def _apply(*, rows: list[_UserRow], report: UserImportReport) -> list[AbstractBaseUser]:
    User = get_user_model()
    created_users = []
    seen_existing = set()
    existing = set(
        Membership.objects.filter(user__in={row.user for row in rows if row.user is not None}).values_list(
            "user_id", "unit_id", "role"
        )
    )
    for row in rows:
        if row.user is None:
            report.users_created += 1
        elif row.user.pk not in seen_existing:
            seen_existing.add(row.user.pk)
            report.users_existing += 1
        if row.user is not None and (row.user.pk, row.unit.pk, row.role.value) in existing:
            report.memberships_unchanged += 1
        else:
            report.memberships_created += 1
    if report.dry_run:
        return []
    for row in rows:
        if row.user is None:
            # No password: the new user sets one through the e-mailed link. Never staff or superuser.
            row.user = User.objects.create_user(
                username=row.username, email=row.email, password=None, first_name=row.full_name, last_name=""
            )
            created_users.append(row.user)
        # Through the model, so that the groups and Wagtail's log follow (places/signals.py).
        Membership.objects.get_or_create(user=row.user, unit=row.unit, role=row.role)
    return created_users


class UserImport(TabularImport[list[_UserRow], UserImportReport]):
    """A row is (user, unit, role) → a membership, and a new user (without a password) where none matches."""

    spec = SPEC

    def check(self, rows, errors):
        users = [
            _UserRow(
                line=line,
                username=values["username"],
                full_name=values["full_name"],
                email=values["email"],
                unit_code=values["unit_code"],
                role_text=values["role"],
            )
            for line, values in rows
        ]
        roles = role_lookup()
        for (line, values), row in zip(rows, users, strict=True):
            check_required(values, line=line, spec=SPEC, errors=errors)
            _check_values(row=row, roles=roles, errors=errors)
        scope = None if self.user is None or self.user.is_superuser else self.user
        _resolve_units(rows=users, importer=scope, errors=errors)
        _check_duplicates(rows=users, errors=errors)
        _match_existing_users(rows=users, errors=errors)
        return users

    def write(self, rows, report):
        created_users = _apply(rows=rows, report=report)
        if report.dry_run:
            return
        log_import(
            action=USERS_IMPORTED,
            units=[row.unit for row in rows],
            user=self.user,
            filename=self.filename,
            counts={
                "users_created": report.users_created,
                "users_existing": report.users_existing,
                "memberships_created": report.memberships_created,
                "memberships_unchanged": report.memberships_unchanged,
            },
        )
        user_ids = [user.pk for user in created_users]
        report.emailed = [user.email for user in created_users]
        # Only once the users exist for good: a rolled-back import sends nothing.
        transaction.on_commit(lambda: send_password_set_emails(user_ids=user_ids))


def import_users(
    *,
    file: IO[bytes] | bytes,
    importer: AbstractBaseUser | None,
    dry_run: bool = False,
    filename: str = "",
) -> UserImportReport:
    """Create users and memberships from a CSV or XLSX file; all or nothing.

    Columns (Vietnamese header names accepted, see COLUMN_ALIASES): username, full name, e-mail,
    unit code, role (a value of places.models.Role or its Vietnamese label, in any case, with or
    without diacritics). A row for an existing username (same e-mail) adds the membership to that
    user; a membership that exists already is left alone. New users are created without a password
    and get an e-mail with a link to set one, sent after the import is committed.

    `importer` is the admin user doing the import: unless a superuser, every unit must be under one
    of their culture-office memberships. None means the command line (the server's operator).
    """
    filename = filename or os.path.basename(getattr(file, "name", "") or "")
    return UserImport(user=importer, filename=filename).run(file=file, report=UserImportReport(dry_run=dry_run))


def password_set_url(user: AbstractBaseUser) -> str:
    """Wagtail's "set a new password" page for this user, valid for PASSWORD_RESET_TIMEOUT (3 days by default)."""
    path = reverse(
        "wagtailadmin_password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return f"{settings.WAGTAILADMIN_BASE_URL}{path}"


def send_password_set_emails(*, user_ids: list[int]) -> int:
    """Send each new user the link to set their password; returns how many were sent."""
    users = list(get_user_model().objects.filter(pk__in=user_ids).prefetch_related("memberships__unit"))
    if not users:
        return 0
    days = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
    messages = []
    for user in users:
        duties = "\n".join(
            f"- {Role(membership.role).label}: {membership.unit.name}" for membership in user.memberships.all()
        )
        body = _(
            "Xin chào %(name)s,\n\n"
            "Bạn vừa được cấp tài khoản trên trang quản trị Loa với tên đăng nhập: %(username)s\n"
            "Vai trò của bạn:\n%(duties)s\n\n"
            "Hãy đặt mật khẩu cho tài khoản tại đường dẫn sau (có hiệu lực trong %(days)s ngày, dùng được một lần):\n"
            "%(url)s\n\n"
            "Nếu bạn không chờ đợi thư này, hãy bỏ qua nó; tài khoản sẽ không dùng được khi chưa đặt mật khẩu.\n"
        ) % {
            "name": user.get_full_name() or user.get_username(),
            "username": user.get_username(),
            "duties": duties,
            "days": days,
            "url": password_set_url(user),
        }
        messages.append(EmailMessage(subject=_("Tài khoản Loa của bạn: hãy đặt mật khẩu"), body=body, to=[user.email]))
    with get_connection() as connection:
        return connection.send_messages(messages)


def user_template_csv() -> bytes:
    """A CSV with the header and one sample row, UTF-8 with a BOM so that Excel shows Vietnamese correctly."""
    sample = ["nguyenvanan", "Nguyễn Văn An", "nguyenvanan@example.gov.vn", "24133", str(Role.WARD_EDITOR.label)]
    return csv_bytes(header=[COLUMN_ALIASES[column][-1] for column in COLUMNS], rows=[sample])
