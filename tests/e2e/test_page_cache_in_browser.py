"""The full-page cache in a real browser: two codes of one ward share the kept guide, and "Tôi đã làm xong"
still credits each code, with JavaScript (sessionStorage) and without (the same-origin Referer)."""

import re
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache

from campaigns.models import CampaignPage, GuidePage
from places.models import AdministrativeUnit
from places.selectors import forget_unit_codes
from tests.e2e.conftest import PHONE, PHONE_USER_AGENT
from tracking.models import Channel, Conversion
from tracking.services import create_placement

pytestmark = pytest.mark.django_db(transaction=True)


def test_codes_sharing_a_kept_page_are_each_credited_with_and_without_javascript(demo, browser, settings):
    settings.LOA_PAGE_CACHE_SECONDS = 300
    cache.clear()
    forget_unit_codes()
    campaign = CampaignPage.objects.get(slug="kich-hoat-dinh-danh-dien-tu-muc-do-2", locale__language_code="vi")
    guide = GuidePage.objects.child_of(campaign).get(slug="kich-hoat-dinh-danh-muc-do-2")
    ward = AdministrativeUnit.objects.get(code="24133")
    poster = Channel.objects.get(slug="ap-phich")
    seen = []
    for number, javascript in enumerate((True, True, False, False)):
        placement = create_placement(
            campaign=campaign, unit=ward, channel=poster, spot=f"Bộ nhớ đệm {number}", target_page=guide
        )
        agent = PHONE_USER_AGENT.replace("SM-A115F", f"SM-A1{number}5F")
        context = browser.new_context(**{**PHONE, "user_agent": agent}, java_script_enabled=javascript, locale="vi-VN")
        page = context.new_page()
        response = page.goto(f"{demo.url}/q/{placement.short_code}")
        assert urlsplit(page.url).path == guide.url
        seen.append(response.headers.get("x-loa-page-cache"))
        assert placement.short_code not in response.text()  # the server's HTML (the script adds it in the page)
        page.get_by_role("button", name="Tôi đã làm xong").click()
        page.wait_for_url(re.compile(r"/da-lam-xong/cam-on/"))
        context.close()
        conversion = Conversion.objects.order_by("-pk").first()
        assert conversion.placement == placement, (number, javascript)
    assert seen == ["miss", "hit", "hit", "hit"]
    cache.clear()
