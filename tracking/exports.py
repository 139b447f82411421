from typing import TextIO

from django.conf import settings

from core.exports import write_csv
from tracking.models import Placement

HEADER = ["unit_code", "unit_name", "channel", "spot", "short_code", "numeric_code", "url"]


def scan_url(code: str, *, base_url: str | None = None) -> str:
    """The address printed under a QR code or read out: <site>/q/<code>."""
    return f"{(base_url or public_base_url()).rstrip('/')}/q/{code}"


def public_base_url() -> str:
    """LOA_PUBLIC_BASE_URL, the address printed and encoded; the admin's address when it is not set."""
    return getattr(settings, "LOA_PUBLIC_BASE_URL", "") or settings.WAGTAILADMIN_BASE_URL


def write_placements_csv(handle: TextIO, *, campaign, base_url: str | None = None) -> int:
    placements = (
        Placement.objects.filter(campaign=campaign)
        .select_related("unit", "channel")
        .order_by("unit__path", "channel__sort_order", "spot")
    )
    rows = (
        [
            placement.unit.code,
            placement.unit.name,
            placement.channel.slug,
            placement.spot,
            placement.short_code,
            placement.numeric_code or "",
            scan_url(placement.short_code, base_url=base_url),
        ]
        for placement in placements
    )
    return write_csv(handle, header=HEADER, rows=rows)
