"""The printer's cover sheet, read from a pack generated through the admin: printed items only, totals equal to
the manifest's, money the Vietnamese way, and quantities of 0 flagged on the sheet and on the pack page."""

import csv
import html
import io
import os
import re
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse
from pypdf import PdfReader

from media_kit.models import Pack, PrintFormat
from tests.factories.users import UserFactory
from tracking.models import Placement
from tracking.services import create_placement

pytestmark = pytest.mark.django_db

PRINTED = ("ap-phich-a3", "to-nhan-dan-a4")
FORMATS = (*PRINTED, "kich-ban-loa")


@pytest.fixture
def official(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user = UserFactory(username="vanhoa", is_superuser=True)
    client.force_login(user)
    return user


def generate(client, campaign) -> tuple[Pack, zipfile.ZipFile]:
    response = client.post(
        reverse("media_kit_pack_request"),
        {
            "campaign": campaign.pk,
            "formats": [PrintFormat.objects.get(slug=slug).pk for slug in FORMATS],
            "unit_codes": "24133,24169",
            "channel_kich-ban-loa": "loa-truyen-thanh",
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    pack = Pack.objects.latest("pk")
    download = client.get(reverse("media_kit_pack_download", args=[pack.pk]))
    return pack, zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))


def money(value: int) -> str:
    """Written out by hand, the way a Vietnamese invoice writes it: 2.700.000 đ."""
    return f"{value:,}".replace(",", ".") + " đ"


def test_the_cover_sheet_totals_equal_the_manifest_and_quantities_of_zero_are_flagged(
    client, official, print_template, ward, official_units
):
    campaign = print_template.campaign
    # Prices agreed with the print shop: one ward's poster and two of its stickers' spots; the rest stay at 0.
    poster = create_placement(
        campaign=campaign, unit=ward, channel=PrintFormat.objects.get(slug="ap-phich-a3").channels.get()
    )
    poster.quantity, poster.unit_cost_vnd = 150, 18_000
    poster.save()
    desk = PrintFormat.objects.get(slug="to-nhan-dan-a4").channels.get()
    for spot, quantity in (("Bàn Một cửa", 1_200), ("Cửa ra vào", 40)):
        sticker = create_placement(campaign=campaign, unit=ward, channel=desk, spot=spot)
        sticker.quantity, sticker.unit_cost_vnd = quantity, 2_500
        sticker.save()

    pack, archive = generate(client, campaign)
    rows = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))
    printed = [row for row in rows if row["format"] in PRINTED]
    quantity = sum(int(row["quantity"]) for row in printed)
    cost = sum(int(row["quantity"]) * int(row["unit_cost_vnd"]) for row in printed)
    assert (quantity, cost) == (150 + 1_240, 150 * 18_000 + 1_240 * 2_500)

    cover = archive.read("bia-cho-nha-in.pdf")
    if keep := os.environ.get("LOA_KEEP_RENDERS"):  # to look at the sheet by hand
        Path(keep, "bia-cho-nha-in.pdf").write_bytes(cover)
    text = " ".join(PdfReader(io.BytesIO(cover)).pages[0].extract_text().split())
    assert f"Tổng cộng {quantity:,} {money(cost)}".replace(",", ".") in text  # "Tổng cộng 1.390 5.800.000 đ"
    assert "2.700.000 đ" in text and "Kịch bản" not in text  # the loudspeaker script is not the print shop's
    # Per format: the files (a sticker sheet is one file per ward, whatever its codes) and the money.
    assert re.search(r"Áp-phích A3 .*? 2 150 2\.700\.000 đ", text)
    assert re.search(r"Tờ nhãn dán A4 .*? 2 1\.240 3\.100\.000 đ", text)
    zero = [row for row in printed if row["quantity"] == "0"]
    assert len(zero) == 1 + 2 + 4  # the other ward's poster, two spots here, four there
    assert f"Cảnh báo: {len(zero)} mã có số lượng in bằng 0" in text

    page = html.unescape(client.get(reverse("media_kit_pack", args=[pack.pk])).content.decode())
    warnings = re.findall(r"data-quantity-warning>Cảnh báo: (.*?)</p>", page)
    assert len(warnings) == 2 and "Phường Ea Kao" in warnings[0] + warnings[1]
    assert {warning.split(" mã ")[0] for warning in warnings} == {
        "Áp-phích A3: 1",  # the poster of Ea Kao
        "Tờ nhãn dán A4 (bàn, cửa, bãi xe): 6",  # the stickers: two spots here, four there
    }
    assert Placement.objects.filter(campaign=campaign, quantity=0, printed_at__isnull=False).count() >= len(zero)
