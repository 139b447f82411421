"""The pack form's sample picture per format: a real page of the first ward, small, cached, for pack makers only."""

import html
import io
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from PIL import Image

from media_kit.models import PrintFormat
from media_kit.samples import sample_key, sample_material
from places.models import AdministrativeUnit, Role
from tests.factories.users import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

MAX_SAMPLE_BYTES = 150 * 1024


def sample_url(print_template, slug: str, unit_code: str = "24133") -> str:
    return reverse("media_kit_pack_sample", args=[print_template.campaign.pk, slug, unit_code])


def member(username: str, code: str, role: Role):
    user = UserFactory(username=username)
    MembershipFactory(user=user, unit=AdministrativeUnit.objects.get(code=code), role=role)
    return user


@pytest.fixture
def official(client, official_units):
    cache.clear()
    user = UserFactory(username="vanhoa", is_superuser=True)
    client.force_login(user)
    return user


def test_the_preview_shows_one_sample_per_visual_format(client, official, print_template, ward):
    formats = [PrintFormat.objects.get(slug=slug).pk for slug in ("ap-phich-a3", "bai-dang-1080x1080", "kich-ban-loa")]
    response = client.post(
        reverse("media_kit_pack_request"),
        {
            "campaign": print_template.campaign.pk,
            "formats": formats,
            "channel_kich-ban-loa": "loa-truyen-thanh",
            "channel_bai-dang-1080x1080": "facebook",
            "unit_codes": "24133, 24169",
            "xem_truoc": "1",
        },
    )
    page = html.unescape(response.content.decode())
    assert response.status_code == 200, page[-2000:]
    samples = page.split("data-pack-samples")[1]
    sources = re.findall(r'<img src="([^"]+)"', samples)
    # The loudspeaker script is text: no picture. The first ward of the pack is the sample.
    assert sources == [
        sample_url(print_template, "ap-phich-a3", "24133"),
        sample_url(print_template, "bai-dang-1080x1080", "24133"),
    ]
    assert "Áp-phích A3 – Phường Buôn Ma Thuột" in samples


@pytest.mark.parametrize(
    ("slug", "ratio"),
    [("ap-phich-a3", 297 / 420), ("bang-ron-500x80", 5000 / 800), ("bai-dang-1080x1080", 1.0)],
)
def test_each_sample_is_a_small_png_of_the_formats_trimmed_page(client, official, print_template, ward, slug, ratio):
    response = client.get(sample_url(print_template, slug))
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "image/png"
    png = response.content
    assert len(png) <= MAX_SAMPLE_BYTES, len(png)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert abs(max(image.size) - 560) <= 1
    # Trimmed: the page's proportions, not those of the sheet with bleed and crop marks.
    assert image.width / image.height == pytest.approx(ratio, rel=0.02)
    # A real page: the campaign's colour band is there, not a blank sheet.
    colours = image.convert("RGB").getcolors(maxcolors=4096)
    assert colours is not None and len(colours) > 8
    red = sum(count for count, (r, g, b) in colours if r > 130 and g < 60 and b < 60)
    assert red > image.width * image.height * 0.02


def test_a_sample_is_rendered_once_per_version_of_what_it_shows(client, official, print_template, ward):
    url = sample_url(print_template, "ap-phich-a3")
    first = client.get(url).content
    poster = PrintFormat.objects.get(slug="ap-phich-a3")
    key = sample_key(sample_material(template=print_template, print_format=poster, unit=ward))
    assert cache.get(key) == first
    # Served from the cache, not rendered again: what the cache holds is what the next request gets.
    marker = first[:-1] + b"\x00"
    cache.set(key, marker)
    assert client.get(url).content == marker
    # A new headline is a new version of the template: a new key, and a page rendered for it.
    print_template.headline = "Đăng ký tài khoản định danh điện tử"
    print_template.save()
    changed = sample_key(sample_material(template=print_template, print_format=poster, unit=ward))
    assert changed != key
    fresh = client.get(url).content
    assert fresh not in (first, marker) and Image.open(io.BytesIO(fresh)).format == "PNG"


def test_only_people_who_make_packs_for_the_ward_see_its_sample(client, print_template, ward, official_units):
    cache.clear()
    url_a = sample_url(print_template, "ap-phich-a3", "24133")
    url_b = sample_url(print_template, "ap-phich-a3", "24169")
    assert client.get(url_a)["Location"].startswith("/admin/login/")
    editor = member("bientap.a", "24133", Role.WARD_EDITOR)
    client.force_login(editor)
    assert client.get(url_a)["Content-Type"] == "image/png"
    assert refused(client.get(url_b))
    for username, role in (("duyet.a", Role.APPROVER), ("motcua.a", Role.SERVICE_POINT_STAFF), ("xem.a", Role.VIEWER)):
        client.force_login(member(username, "24133", role))
        assert refused(client.get(url_a)), role


def refused(response) -> bool:
    """Wagtail's admin answers a PermissionDenied with a redirect to the admin home and a message."""
    return (
        response.status_code in (302, 403)
        and response.get("Location", "/admin/") == "/admin/"
        and not (response.get("Content-Type", "").startswith("image/"))
    )
