"""The language switcher keeps the context (ward, code, anchor) and serves only translated, published pages."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.operations import translate_object

from languages.translations import start_translation
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

SITE = "http://testserver"


def switch_links(html: str) -> dict[str, str]:
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return {
        lang: unescape(href) for href, lang in re.findall(r'<a href="([^"]+)" data-language-link lang="([^"]+)"', nav)
    }


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_the_switcher_links_carry_the_ward_but_never_the_code(client, official_units, guide, en_guide):
    html = client.get(f"{guide.url}?qr=ABCDEF&xa=24133").content.decode()
    assert "ABCDEF" not in html
    links = switch_links(html)
    assert query(links["en"]) == {"den": [en_guide.url], "xa": ["24133"]}
    # The same on a page that is not a Wagtail page, whose address is carried into the other prefixes.
    desk = client.get("/xa/24133/?qr=ABCDEF&xa=24169").content.decode()
    assert "ABCDEF" not in desk
    assert query(switch_links(desk)["en"]) == {"den": ["/en/xa/24133/"], "xa": ["24169"]}


def test_without_javascript_the_switch_takes_the_code_and_ward_from_the_page_it_came_from(client, guide, en_guide):
    landing = f"{SITE}{guide.url}?qr=ABCDEF&xa=24133"
    response = client.get(reverse("switch_language"), {"den": en_guide.url}, HTTP_REFERER=landing)
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == en_guide.url
    assert query(response["Location"]) == {"qr": ["ABCDEF"], "xa": ["24133"]}
    assert "no-store" in response["Cache-Control"] and not response.cookies


def test_with_javascript_the_links_own_code_and_ward_come_first(client, guide, en_guide):
    response = client.get(
        reverse("switch_language"),
        {"den": en_guide.url, "xa": "24169", "qr": "FROMJS"},
        HTTP_REFERER=f"{SITE}{guide.url}?qr=OLDONE&xa=24133",
    )
    assert query(response["Location"]) == {"xa": ["24169"], "qr": ["FROMJS"]}


@pytest.mark.parametrize(
    "referer", ["https://evil.example/?qr=EVILQR&xa=24133", "http://testserver.evil.example/?qr=EVILQR", "garbage"]
)
def test_a_referer_from_another_site_carries_nothing(client, guide, en_guide, referer):
    response = client.get(reverse("switch_language"), {"den": en_guide.url}, HTTP_REFERER=referer)
    assert response["Location"] == en_guide.url


@pytest.mark.parametrize("den", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:x", ""])
def test_the_switch_never_leads_to_another_site(client, db, den):
    response = client.get(reverse("switch_language"), {"den": den, "xa": "24133"})
    assert response["Location"] == "/?xa=24133"


def test_bad_codes_in_the_referer_are_dropped_not_carried(client, guide, en_guide):
    referer = f"{SITE}{guide.url}?qr=%3Cscript%3E&xa=%22%3E"
    response = client.get(reverse("switch_language"), {"den": en_guide.url}, HTTP_REFERER=referer)
    assert response["Location"] == en_guide.url


def test_an_unpublished_translation_is_never_served_the_vietnamese_page_is_with_the_notice(
    client, guide, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft = start_translation(page=guide, language_code="rad")
    draft.refresh_from_db()
    assert not draft.live and draft.title == guide.title
    response = client.get(f"/rad{guide.url}")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="rad">' in html and "translation-notice" in html
    assert '<main id="noi-dung" class="container" tabindex="-1" lang="vi">' in html
    # The switcher and a scan lead nowhere near the draft.
    assert query(switch_links(client.get(guide.url).content.decode())["rad"])["den"] == [f"/rad{guide.url}"]


def test_starting_a_translation_in_the_admin_publishes_nothing(guide, django_capture_on_commit_callbacks):
    """wagtail-localize's "Translate" would publish a copy of the Vietnamese text at once; here it makes a draft."""
    with django_capture_on_commit_callbacks(execute=True):
        translate_object(guide, [Locale.objects.get(language_code="km")])
    khmer = guide.get_translation(Locale.objects.get(language_code="km"))
    assert not khmer.live


def test_the_report_tells_a_draft_translation_from_a_published_one(
    client, guide, en_guide, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        start_translation(page=guide, language_code="rad")
    client.force_login(UserFactory(is_superuser=True))
    html = client.get(reverse("website_translation_status")).content.decode()
    row = html.split(f">{guide.title}</a>", 1)[1].split("</tr>", 1)[0]
    states = dict(re.findall(r'data-language="([^"]+)" data-state="([^"]+)"', row))
    assert states == {"en": "translated", "km": "missing", "rad": "draft", "hnj": "missing"}
    assert "Đang dịch, chưa xuất bản" in row
