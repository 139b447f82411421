"""Social posts come with ready share text (the link written out: a phone cannot scan its own screen),
saved beside the image in the pack and shown on the pack page."""

import csv
import html
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import translation

from media_kit.models import Pack, PrintFormat, PrintTemplateTranslation
from media_kit.rendering.context import material_for
from media_kit.rendering.share import render_share_text
from tests.factories.tracking import placement
from tests.factories.users import UserFactory
from tracking.models import Channel

pytestmark = pytest.mark.django_db

POST = "bai-dang-1080x1080"


@pytest.fixture
def official(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.LOA_PUBLIC_BASE_URL = "https://loa.daklak.gov.vn"
    user = UserFactory(username="vanhoa", is_superuser=True)
    client.force_login(user)
    return user


def generate(client, print_template, channel: str, formats=(POST,)) -> Pack:
    data = {
        "campaign": print_template.campaign.pk,
        "formats": [PrintFormat.objects.get(slug=slug).pk for slug in formats],
        "unit_codes": "24133",
        f"channel_{POST}": channel,
        "channel_slide-1920x1080": "bang-dien-tu",
    }
    response = client.post(reverse("media_kit_pack_request"), data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    return Pack.objects.latest("pk")


def pack_files(client, pack: Pack) -> zipfile.ZipFile:
    download = client.get(reverse("media_kit_pack_download", args=[pack.pk]))
    return zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))


@pytest.mark.parametrize(("channel", "hashtags"), [("zalo", False), ("facebook", True)])
def test_the_post_comes_with_share_text_and_its_link_beside_the_image_and_on_the_pack_page(
    client, official, print_template, ward, channel, hashtags
):
    pack = generate(client, print_template, channel)
    archive = pack_files(client, pack)
    (row,) = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))
    assert row["file_name"] == f"24133-phuong-buon-ma-thuot/{POST}.png"
    assert row["share_text_file"] == f"24133-phuong-buon-ma-thuot/{POST}-{channel}.txt"
    text = archive.read(row["share_text_file"]).decode("utf-8")
    assert row["url"].startswith("https://loa.daklak.gov.vn/q/")
    assert f"Xem hướng dẫn từng bước trên điện thoại: {row['url']}\n" in text  # the link, not only the code
    assert text.startswith(print_template.headline.upper())
    assert "Đường dây nóng: 0262 3852 100" in text and "Thứ Hai – Thứ Sáu, 7:30–17:00" in text
    assert ("#VNeID" in text) is hashtags

    page = html.unescape(client.get(reverse("media_kit_pack", args=[pack.pk])).content.decode())
    assert "Lời đăng kèm bài mạng xã hội" in page
    assert text.strip() in page and row["url"] in page


def test_a_screen_slide_gets_no_share_text(client, official, print_template, ward):
    pack = generate(client, print_template, "zalo", formats=("slide-1920x1080",))
    archive = pack_files(client, pack)
    assert not [name for name in archive.namelist() if name.endswith(".txt")]
    assert "Lời đăng kèm" not in client.get(reverse("media_kit_pack", args=[pack.pk])).content.decode()


def test_a_ward_whose_image_failed_gets_no_share_text_on_the_page(client, official, print_template, ward):
    pack = generate(client, print_template, "zalo")
    pack.failures = [{"unit_code": "24133", "unit_name": ward.name, "format": POST, "reason": "Kiểm tra trước in"}]
    pack.save(update_fields=["failures"])
    assert "data-share-text" not in client.get(reverse("media_kit_pack", args=[pack.pk])).content.decode()


def test_a_ward_whose_language_our_catalogue_has_gets_the_fixed_lines_in_it_after_the_vietnamese(
    official, print_template, ward
):
    """Read from the renderer, not from a pack: the share text's matter only (the bilingual post's layout is
    tested in test_bilingual_fit)."""
    ward.default_language = "en"
    ward.save()
    PrintTemplateTranslation.objects.create(
        template=print_template, language="en", headline="Activate your electronic identity", body="It is free."
    )
    post = PrintFormat.objects.get(slug=POST)
    zalo = Channel.objects.get(slug="zalo")
    made = placement(unit=ward, channel=zalo, campaign=print_template.campaign)
    with translation.override("en"):  # whatever the admin's language, Vietnamese comes first
        text = render_share_text(material_for(print_format=post, template=print_template, placement=made))
    url = f"https://loa.daklak.gov.vn/q/{made.short_code}"
    assert text.startswith(print_template.headline.upper()) and "Activate your electronic identity It is free." in text
    assert f"Xem hướng dẫn từng bước trên điện thoại: {url}\nSee the step-by-step guide on your phone: {url}\n" in text
    assert "Đường dây nóng: 0262 3852 100.\nNeed help? Bộ phận Một cửa phường Buôn Ma Thuột, Số 1 đường Lê Duẩn" in text
    assert text.rstrip().endswith("Hotline: 0262 3852 100.\n\nUBND phường Buôn Ma Thuột – Tổ công tác Đề án 06")
