import base64
from io import BytesIO

import qrcode
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode.image.svg import SvgPathImage

DEVICE_NAME = "Ứng dụng xác thực"


def pending_device(*, user) -> TOTPDevice:
    """The user's unconfirmed authenticator (made on first visit to the setup page), kept until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def confirm_device(*, device: TOTPDevice, token: str) -> bool:
    """Confirm a new authenticator with one code from it; other unconfirmed devices of the user go."""
    if not device.verify_token(token):
        return False
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return True


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
