import csv
from typing import TextIO

from django.conf import settings

from tracking.models import Placement

HEADER = ["unit_code", "unit_name", "channel", "spot", "short_code", "numeric_code", "url"]


def scan_url(code: str, *, base_url: str | None = None) -> str:
    """The address printed under a QR code or read out: <site>/q/<code>."""
    return f"{(base_url or settings.WAGTAILADMIN_BASE_URL).rstrip('/')}/q/{code}"


def write_placements_csv(handle: TextIO, *, campaign, base_url: str | None = None) -> int:
    writer = csv.writer(handle)
    writer.writerow(HEADER)
    placements = (
        Placement.objects.filter(campaign=campaign)
        .select_related("unit", "channel")
        .order_by("unit__path", "channel__sort_order", "spot")
    )
    count = 0
    for placement in placements:
        writer.writerow(
            [
                placement.unit.code,
                placement.unit.name,
                placement.channel.slug,
                placement.spot,
                placement.short_code,
                placement.numeric_code or "",
                scan_url(placement.short_code, base_url=base_url),
            ]
        )
        count += 1
    return count
