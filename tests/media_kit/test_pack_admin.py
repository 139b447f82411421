import io
import re
import zipfile

import pytest
from django.urls import reverse

from media_kit.models import Pack, PackStatus, PrintFormat
from tests.factories.users import UserFactory
from tracking.models import Placement

pytestmark = pytest.mark.django_db


@pytest.fixture
def official(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user = UserFactory(username="vanhoa", is_superuser=True, email="vanhoa@example.invalid")
    client.force_login(user)
    return user


def request_pack(client, print_template, codes="24133,24169"):
    return client.post(
        reverse("media_kit_pack_request"),
        {
            "campaign": print_template.campaign.pk,
            "formats": [
                PrintFormat.objects.get(slug="ap-phich-a3").pk,
                PrintFormat.objects.get(slug="slide-1920x1080").pk,
            ],
            "unit_codes": codes,
            "channel_slide-1920x1080": "bang-dien-tu",
        },
    )


def test_an_official_requests_a_pack_watches_it_and_downloads_it(
    client, official, print_template, ward, official_units
):
    response = request_pack(client, print_template)
    pack = Pack.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("media_kit_pack", args=[pack.pk])
    assert pack.channel_choices == {"slide-1920x1080": "bang-dien-tu"}

    page = client.get(response["Location"]).content.decode()
    assert 'value="100"' in page and "Đã tạo 4/4 tệp" in page
    assert 'http-equiv="refresh"' not in page  # finished: the page stops refreshing itself

    download = client.get(reverse("media_kit_pack_download", args=[pack.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert {"24133-phuong-buon-ma-thuot/ap-phich-a3.pdf", "24169-phuong-ea-kao/slide-1920x1080.png"} <= set(
        archive.namelist()
    )


def test_a_running_pack_page_refreshes_itself_without_javascript(client, official, print_template, ward):
    pack = Pack.objects.create(
        campaign=print_template.campaign,
        unit_codes="24133",
        status=PackStatus.RUNNING,
        done=1,
        total=4,
        requested_by=official,
    )
    page = client.get(reverse("media_kit_pack", args=[pack.pk])).content.decode()
    assert 'http-equiv="refresh"' in page and 'value="25"' in page


def test_unknown_unit_codes_are_named_and_no_pack_is_made(client, official, print_template, official_units):
    response = request_pack(client, print_template, codes="24133,99999")
    assert response.status_code == 200
    assert "Không có đơn vị với mã: 99999." in response.content.decode()
    assert not Pack.objects.exists()


def test_another_users_pack_is_not_served(client, official, print_template, ward):
    request_pack(client, print_template, codes="24133")
    pack = Pack.objects.get()
    client.force_login(UserFactory(username="nguoi-khac", is_staff=True))
    assert client.get(reverse("media_kit_pack_download", args=[pack.pk])).status_code in {302, 403}
    client.logout()
    response = client.get(reverse("media_kit_pack_download", args=[pack.pk]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_template_page_previews_every_format(client, official, print_template, ward):
    inspect = client.get(reverse("wagtailsnippets_media_kit_printtemplate:inspect", args=[print_template.pk]))
    html = inspect.content.decode()
    assert inspect.status_code == 200 and "Xem thử từng định dạng" in html
    preview_url = reverse("media_kit_preview", args=[print_template.pk, "ap-phich-a3"])
    assert preview_url in html
    response = client.get(preview_url)
    assert response["Content-Type"] == "image/png" and response.content.startswith(b"\x89PNG")
    script = client.get(reverse("media_kit_preview", args=[print_template.pk, "kich-ban-loa"]))
    assert "KỊCH BẢN ĐỌC TRÊN LOA" in script.content.decode()
    assert not Pack.objects.exists() and not Placement.objects.exists()  # a preview issues no code


def breadcrumbs(page: str) -> list[str]:
    """The visible words of the admin header's breadcrumbs (the slim header has no other title)."""
    start = page.index("<nav", page.index("w-slim-header"))
    nav = page[start : page.index("</nav>", start)]
    return [" ".join(text.split()) for text in re.findall(r">([^<>]+)<", nav) if text.strip()]


def test_the_pack_pages_headers_name_the_page_not_the_home(client, official, print_template, ward):
    request_page = client.get(reverse("media_kit_pack_request")).content.decode()
    assert breadcrumbs(request_page)[-1] == "Tạo bộ ấn phẩm"
    pack = Pack.objects.create(campaign=print_template.campaign, unit_codes="24133", requested_by=official)
    page = client.get(reverse("media_kit_pack", args=[pack.pk])).content.decode()
    crumbs = [crumb for crumb in breadcrumbs(page) if crumb != ":"]
    assert crumbs == ["Trang Chủ", "Tạo bộ ấn phẩm", f"Bộ ấn phẩm số {pack.pk}", print_template.campaign.title]
    assert f"<title>Bộ ấn phẩm số {pack.pk}: {print_template.campaign.title}" in page
