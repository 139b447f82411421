"""The public site runs under a CSP without 'unsafe-inline': its pages must not need inline
scripts, event handler attributes or inline styles, or the browser would drop them."""

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Page

from tests.security.html_checks import active_content, is_local

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo_site():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def public_paths() -> list[str]:
    pages = [page.url for page in Page.objects.live().filter(depth__gt=1).specific() if page.url]
    return [*pages, "/xa/24133/", "/xa/24169/", "/khong-co-trang-nay/", "/tim-kiem/?q=vneid"]


def test_every_public_page_of_the_demo_works_without_inline_script_or_style(client, demo_site):
    paths = public_paths()
    assert len(paths) >= 8  # home, campaign, guides, video, services, ward pages, 404, search
    for path in paths:
        response = client.get(path)
        assert response.status_code in {200, 404}, path
        assert "unsafe-inline" not in response["Content-Security-Policy"], path
        page = active_content(response.content.decode())
        assert page.inline_scripts == [], path
        assert page.event_handlers == [], path
        assert page.dangerous_urls == [], path
        assert page.style_attributes == [], path
        assert page.style_elements == [], path
        assert all(is_local(src) for src in page.script_sources), path


def test_json_ld_is_a_data_block_that_the_policy_does_not_need_to_allow(client, demo_site):
    guide = next(page for page in Page.objects.live().specific() if page.specific_class.__name__ == "GuidePage")
    page = active_content(client.get(guide.url).content.decode())
    data_blocks = [script for script in page.scripts if not script.executable]
    assert [script.attributes["type"] for script in data_blocks] == ["application/ld+json"]


def test_the_standalone_error_page_style_is_allowed_by_its_hash():
    html = (PROJECT / "website" / "templates" / "500.html").read_text(encoding="utf-8")
    styles = re.findall(r"<style>(.*?)</style>", html, re.S)
    assert len(styles) == 1
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"], (
        "500.html changed: put its new hash in ERROR_PAGE_STYLE_HASH (website/settings/base.py)"
    )


def test_static_scripts_use_no_eval():
    for script in (PROJECT / "website" / "static").rglob("*.js"):
        source = script.read_text(encoding="utf-8")
        assert not re.search(r"\beval\(|new Function\(|setTimeout\(\s*['\"]", source), script
