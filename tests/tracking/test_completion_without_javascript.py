"""How `qr` travels without JavaScript: never in the page; the completion view reads it from the form, else from
the landing page's address that our same-origin Referrer-Policy sends as Referer. No cookie, no session."""

import re

import pytest
from django.urls import reverse

from places.models import AdministrativeUnit
from tests.factories.campaigns import GuidePageFactory
from tests.factories.tracking import placement
from tracking.models import Conversion

pytestmark = pytest.mark.django_db

SITE = "http://testserver"
PHONE = "Mozilla/5.0 (Linux; Android 10; SM-A105F) Mobile Safari/537.36"


@pytest.fixture
def guide():
    return GuidePageFactory(title="Kích hoạt định danh điện tử mức độ 2")


@pytest.fixture
def poster(guide, official_units):
    return placement(
        unit=AdministrativeUnit.objects.get(code="24169"), campaign=guide.get_parent().specific, target_page=guide
    )


def page_form(client, url: str) -> dict:
    html = client.get(url).content.decode()
    form = html.split("data-completion-form", 1)[1].split("</form>", 1)[0]
    return dict(re.findall(r'name="(\w+)" value="([^"]*)"', form))


def say_done(client, fields: dict, *, referer: str | None, origin: str | None = SITE, ip: str = "203.0.113.9"):
    headers = {"HTTP_USER_AGENT": PHONE, "REMOTE_ADDR": ip}
    if origin:
        headers["HTTP_ORIGIN"] = origin
    if referer:
        headers["HTTP_REFERER"] = referer
    return client.post(reverse("completion"), fields, **headers)


def test_without_javascript_the_code_comes_from_the_landing_address(client, guide, poster):
    landing = f"{guide.url}?qr={poster.short_code}&xa=24169"
    fields = page_form(client, landing)
    assert fields["qr"] == ""
    response = say_done(client, fields, referer=SITE + landing, origin=None)
    assert response.status_code == 303
    conversion = Conversion.objects.get()
    assert (conversion.placement, conversion.unit.code) == (poster, "24169")
    assert not response.cookies and not client.session.keys()


def test_the_forms_code_wins_over_the_referer(client, guide, poster, official_units):
    other = placement(unit=AdministrativeUnit.objects.get(code="24133"), campaign=poster.campaign, target_page=guide)
    fields = {**page_form(client, guide.url), "qr": other.short_code}
    say_done(client, fields, referer=f"{SITE}{guide.url}?qr={poster.short_code}")
    assert Conversion.objects.get().placement == other


@pytest.mark.parametrize(
    "referer",
    [
        None,
        f"{SITE}/khac/",  # another page of the site: the citizen followed a link, the code stayed behind
        "https://evil.example/?qr={code}",  # another site's address carries nothing
        "http://testserver.evil.example/?qr={code}",
    ],
)
def test_any_other_way_counts_as_not_through_a_code(client, guide, poster, referer):
    fields = page_form(client, guide.url)
    say_done(client, fields, referer=referer.format(code=poster.short_code) if referer else None)
    assert Conversion.objects.get().placement is None


def test_the_thank_you_page_keeps_the_ward_for_the_next_guides_never_the_code(client, guide, poster):
    sibling = GuidePageFactory(parent=guide.get_parent(), title="Đăng nhập Cổng dịch vụ công")
    landing = f"{SITE}{guide.url}?qr={poster.short_code}&xa=24169"
    response = say_done(client, page_form(client, guide.url), referer=landing)
    assert "xa=24169" in response["Location"] and poster.short_code not in response["Location"]
    thanks = client.get(response["Location"]).content.decode()
    assert f'href="{sibling.url}?xa=24169"' in thanks
    forged = client.get(f"{reverse('completion_thanks')}?trang={guide.pk}&xa=%22%3E%3Cscript%3E").content.decode()
    assert "<script>" not in forged and f'href="{sibling.url}"' in forged
