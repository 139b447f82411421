import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils.html import escape

from tests.languages.conftest import EN_TITLE, RAD_TITLE

pytestmark = pytest.mark.django_db

LANGUAGES = ["vi", "en", "km", "rad", "hnj"]


def prefix(language: str) -> str:
    return "" if language == "vi" else f"/{language}"


def html_lang(html: str) -> str:
    return re.search(r'<html lang="([^"]+)"', html).group(1)


def switcher(html: str) -> dict[str, str]:
    """The language switcher's links: language → (the page it leads to, current?).

    Every link goes through the switch view, which keeps the visit's ward and code (languages/views.py).
    """
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    links = re.findall(
        r'<a href="([^"]+)" data-language-link lang="([^"]+)" hreflang="([^"]+)"( aria-current="true")?>', nav
    )
    targets = {}
    for href, lang, hreflang, current in links:
        assert lang == hreflang
        parts = urlsplit(unescape(href))
        assert parts.path == reverse("switch_language")
        targets[lang] = (parse_qs(parts.query)["den"][0], bool(current))
    return targets


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_renders_in_every_language_under_its_prefix(client, guide, language):
    response = client.get(f"{prefix(language)}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html_lang(html) == language
    assert switcher(html)[language][1], "the current language is marked with aria-current"


@pytest.mark.parametrize("language", ["en", "rad"])
def test_a_translated_guide_is_served_in_its_language(client, en_guide, rad_guide, language):
    translated = {"en": en_guide, "rad": rad_guide}[language]
    assert translated.url.startswith(f"/{language}/")
    response = client.get(translated.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html_lang(html) == language
    assert escape({"en": EN_TITLE, "rad": RAD_TITLE}[language]) in html
    assert "translation-notice" not in html


@pytest.mark.parametrize("language", ["km", "hnj"])
def test_an_untranslated_guide_falls_back_to_vietnamese_with_a_notice(client, guide, en_guide, language):
    response = client.get(f"/{language}{guide.url}")
    assert response.status_code == 200
    html = response.content.decode()
    assert html_lang(html) == language
    assert "Cài đặt ứng dụng VNeID" in html
    assert "translation-notice" in html
    assert '<main id="noi-dung" class="container" tabindex="-1" lang="vi">' in html


def test_the_fallback_notice_is_in_the_requested_language_when_the_interface_is(client, guide, rad_guide):
    # English has a translated tree (the home page and campaign as aliases) but not this guide.
    other = guide.get_parent().specific
    response = client.get(f"/en{other.url}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "This page has not been translated into English yet; showing the Vietnamese version." in html


def test_an_ancestor_kept_as_an_alias_of_the_vietnamese_page_shows_the_notice(client, guide, rad_guide):
    campaign = rad_guide.get_parent().specific
    assert campaign.alias_of_id == guide.get_parent().pk
    response = client.get(campaign.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html_lang(html) == "rad"
    assert "translation-notice" in html


def test_the_vietnamese_page_has_no_notice(client, guide, en_guide):
    html = client.get(guide.url).content.decode()
    assert html_lang(html) == "vi"
    assert "translation-notice" not in html


def test_a_path_that_exists_in_no_language_is_still_404(client, guide):
    assert client.get("/rad/khong-co-trang-nay/").status_code == 404
    assert client.get("/khong-co-trang-nay/").status_code == 404


def test_the_switcher_links_each_language_to_its_translation_or_to_the_fallback(client, guide, en_guide, rad_guide):
    links = switcher(client.get(guide.url).content.decode())
    assert list(links) == LANGUAGES
    assert links["vi"] == (guide.url, True)
    assert links["en"] == (en_guide.url, False)
    assert links["rad"] == (rad_guide.url, False)
    assert links["km"] == (f"/km{guide.url}", False)
    assert links["hnj"] == (f"/hnj{guide.url}", False)
    # From a fallback page the links are the same, the current one marked.
    fallback_links = switcher(client.get(f"/km{guide.url}").content.decode())
    assert fallback_links["km"] == (f"/km{guide.url}", True)
    assert fallback_links["vi"] == (guide.url, False)
    assert fallback_links["en"] == (en_guide.url, False)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_ward_help_desk_is_translated_under_every_prefix(client, official_units, language):
    response = client.get(f"{prefix(language)}/xa/24133/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html_lang(html) == language
    links = switcher(html)
    assert links == {code: (f"{prefix(code)}/xa/24133/", code == language) for code in LANGUAGES}


@pytest.mark.parametrize("path", ["/en/q/ABC123", "/rad/admin/", "/en/healthz", "/km/readyz", "/en/api/v2/pages/"])
def test_the_scan_redirect_admin_api_and_health_checks_stay_outside_the_prefixes(client, path):
    # (Django's APPEND_SLASH may first add a slash; the address still leads nowhere.)
    assert client.get(path, follow=True).status_code == 404


def test_unprefixed_service_paths_still_answer(client, db):
    assert client.get("/healthz").status_code == 200
    assert client.get("/api/v2/pages/").status_code == 200
