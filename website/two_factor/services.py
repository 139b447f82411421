"""Writes of two-factor login: setup codes issued by an administrator, authenticators, backup codes.

An authenticator is never set up with the password alone: the user first types a setup code that
an administrator issued (website/two_factor/issuing.py says who may issue for whom). The code is
stored as a hash, works once and expires. Setting up an authenticator replaces the user's earlier
devices (a lost or new phone) and gives ten backup codes, shown once.
"""

import base64
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from io import BytesIO

import qrcode
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode.image.svg import SvgPathImage

from website.two_factor.models import TwoFactorSetupCode

DEVICE_NAME = "Ứng dụng xác thực"
BACKUP_DEVICE_NAME = "Mã dự phòng"
BACKUP_CODE_COUNT = 10
SETUP_CODE_HOURS = 72
# Letters and digits that cannot be mistaken for one another when read out or copied by hand.
SETUP_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
SETUP_CODE_LENGTH = 16  # about 79 bits: guessing is hopeless, so a fast hash is enough to store it


@dataclass(frozen=True)
class IssuedSetupCode:
    code: str
    expires_at: datetime


def normalise_code(raw: str) -> str:
    """What the person typed, without spaces and dashes, in upper case (setup codes are read out in groups)."""
    return "".join(raw.split()).replace("-", "").upper()


def _hash(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode("ascii", "ignore")).hexdigest()


def _grouped(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def issue_setup_code(*, user, issued_by=None, hours: int = SETUP_CODE_HOURS) -> IssuedSetupCode:
    """A new setup code for the user, valid for `hours`; the user's earlier unused codes stop working.

    The code itself is returned once and never stored.
    """
    code = "".join(secrets.choice(SETUP_CODE_ALPHABET) for _ in range(SETUP_CODE_LENGTH))
    expires_at = timezone.now() + timedelta(hours=hours)
    with transaction.atomic():
        TwoFactorSetupCode.objects.filter(user=user, used_at__isnull=True).delete()
        TwoFactorSetupCode.objects.create(user=user, code_hash=_hash(code), issued_by=issued_by, expires_at=expires_at)
    return IssuedSetupCode(code=_grouped(code), expires_at=expires_at)


def redeem_setup_code(*, user, code: str) -> bool:
    """Use the user's setup code: True once for a valid, unexpired code of this user, False otherwise."""
    normalised = normalise_code(code)
    if len(normalised) != SETUP_CODE_LENGTH:
        return False
    now = timezone.now()
    used = TwoFactorSetupCode.objects.filter(
        user=user, code_hash=_hash(normalised), used_at__isnull=True, expires_at__gt=now
    ).update(used_at=now)
    return used == 1


def new_pending_device(*, user) -> TOTPDevice:
    """A fresh unconfirmed authenticator for the user (earlier unconfirmed ones go)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def pending_device(*, user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def confirm_device(*, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm a new authenticator with one code from it. It replaces the user's other devices, and
    the user gets new backup codes (returned, to be shown once). None when the code is wrong."""
    if not device.verify_token(token):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return regenerate_backup_codes(user=device.user)


def regenerate_backup_codes(*, user) -> list[str]:
    """Ten new single-use backup codes for the user; the earlier ones stop working."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def backup_codes_left(*, user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def secret_for_typing(*, device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for authenticator apps without a camera."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(*, device: TOTPDevice) -> str:
    """The otpauth:// URL as an inline SVG (no image request, no third party)."""
    image = qrcode.make(device.config_url, image_factory=SvgPathImage, box_size=16, border=4)
    buffer = BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode("utf-8")
    return svg[svg.index("<svg") :]
