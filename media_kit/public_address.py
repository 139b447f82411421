"""The address the printed codes carry, and why production refuses a loopback or private one."""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from tracking.exports import public_base_url


def address_problem(url: str) -> str:
    """Why citizens' phones could not open `url` from a poster ("" when they could)."""
    host = (urlsplit(url).hostname or "").lower()
    if not host:
        return _("Địa chỉ “%(url)s” không có tên miền.") % {"url": url}
    if host == "localhost" or host.endswith(".localhost") or host.endswith(".local") or "." not in host:
        return _("“%(host)s” chỉ là địa chỉ nội bộ của máy chủ.") % {"host": host}
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return ""
    if address.is_loopback or address.is_private or address.is_link_local or address.is_unspecified:
        return _("“%(host)s” là địa chỉ nội bộ, điện thoại của người dân không mở được.") % {"host": host}
    return ""


def refusal() -> str:
    """The message that stops a pack under production settings ("" when the address is public)."""
    if not getattr(settings, "LOA_REFUSE_PRIVATE_PUBLIC_URL", False):
        return ""
    problem = address_problem(public_base_url())
    if not problem:
        return ""
    return _(
        "Không tạo bộ ấn phẩm: mã QR sẽ mang địa chỉ %(url)s. %(problem)s "
        "Hãy đặt LOA_PUBLIC_BASE_URL là tên miền công khai của cổng (ví dụ https://loa.daklak.gov.vn)."
    ) % {"url": public_base_url(), "problem": problem}
