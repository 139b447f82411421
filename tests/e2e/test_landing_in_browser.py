"""The citizen loop on a phone, with and without JavaScript: a code leading to each kind of page (campaign, guide,
video) lands with the ward's help desk, and "Tôi đã làm xong" credits the code. The ward picker and the language
switch in the browser. Every other demo code goes through the test client (tests/tracking/test_citizen_loop.py).

With LOA_LANDING_SHOTS=<folder> the test saves phone-sized screenshots of a landing page there.
"""

import os
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from campaigns.models import CampaignPage, GuidePage, VideoPage
from places.models import AdministrativeUnit
from tests.e2e.conftest import PHONE, PHONE_USER_AGENT
from tracking.models import Channel, Conversion, Placement
from tracking.services import create_placement

pytestmark = pytest.mark.django_db(transaction=True)

CITY_WARD = "24133"  # Phường Buôn Ma Thuột
SHOTS = os.environ.get("LOA_LANDING_SHOTS")


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def phone_context(browser, *, javascript: bool):
    # One user agent per context: without JavaScript the completion's de-duplication falls back to the address
    # and user agent, and these are different phones.
    agent = PHONE_USER_AGENT.replace("SM-A115F", "SM-A115F" if javascript else "SM-A125F")
    return browser.new_context(**{**PHONE, "user_agent": agent}, java_script_enabled=javascript, locale="vi-VN")


def test_each_kind_of_target_with_and_without_javascript(demo, browser):
    campaign = CampaignPage.objects.get(slug="kich-hoat-dinh-danh-dien-tu-muc-do-2", locale__language_code="vi")
    ward = AdministrativeUnit.objects.get(code=CITY_WARD)
    poster = Channel.objects.get(slug="ap-phich")
    targets = {
        "campaign": campaign,
        "guide": GuidePage.objects.child_of(campaign).get(slug="kich-hoat-dinh-danh-muc-do-2"),
        "video": VideoPage.objects.child_of(campaign).get(),
    }
    for kind, target in targets.items():
        placement = create_placement(
            campaign=campaign, unit=ward, channel=poster, spot=f"Thử {kind}", target_page=target
        )
        for javascript in (True, False):
            context = phone_context(browser, javascript=javascript)
            page = context.new_page()
            page.goto(f"{demo.url}/q/{placement.short_code}")
            assert urlsplit(page.url).path == target.url
            help_desk = page.locator(".help-desk")
            assert "Phường Buôn Ma Thuột" in help_desk.locator("h2").inner_text()
            assert help_desk.locator(".service-point").count() >= 1
            if kind == "guide" and javascript:
                shot(page, "trang-huong-dan-co-noi-ho-tro")
            qr = page.locator("[data-completion-form] input[name=qr]")
            assert qr.input_value() == (placement.short_code if javascript else "")
            before = Conversion.objects.count()
            page.get_by_role("button", name="Tôi đã làm xong").click()
            page.wait_for_url(re.compile(r"/da-lam-xong/cam-on/"))
            context.close()
            assert Conversion.objects.count() == before + 1, (kind, javascript)
            conversion = Conversion.objects.order_by("-pk").first()
            assert (conversion.placement, conversion.unit, conversion.guide_id) == (placement, ward, target.pk)


def test_a_province_wide_code_asks_for_the_ward_and_the_language_switch_keeps_everything(demo, browser):
    """Provincial TV: the citizen picks their ward (typing without diacritics), then reads the guide in English."""
    tv = Placement.objects.get(channel__slug="truyen-hinh-dia-phuong")
    context = phone_context(browser, javascript=True)
    page = context.new_page()
    page.goto(f"{demo.url}/q/{tv.short_code}")
    assert page.locator(".help-desk").count() == 0
    picker = page.locator(".ward-picker")
    assert "Chọn xã/phường của bạn" in picker.inner_text()
    shot(page, "trang-huong-dan-chon-xa")
    picker.get_by_role("link", name="Chọn xã/phường ở Đắk Lắk").click()
    page.locator("#tim-ten").fill("buon ma thuot")  # the script filters the list as the citizen types
    visible = page.locator("#danh-sach li:not([hidden]) button")
    assert visible.all_inner_texts() == ["Phường Buôn Ma Thuột"]
    shot(page, "chon-xa-phuong")
    visible.first.click()
    page.wait_for_url(re.compile(r"xa=24133"))
    assert "Phường Buôn Ma Thuột" in page.locator(".help-desk h2").inner_text()
    shot(page, "trang-huong-dan-sau-khi-chon-xa")

    # English, from step 3: the anchor, the ward and the code come along.
    page.goto(page.url.split("#")[0] + "#buoc-3")
    page.locator(".language-switcher a[lang=en]").click()
    page.wait_for_url(re.compile(r"/en/"))
    landed = urlsplit(page.url)
    assert landed.fragment == "buoc-3"
    assert parse_qs(landed.query)["xa"] == [CITY_WARD]
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Phường Buôn Ma Thuột" in page.locator(".help-desk h2").inner_text()
    before = Conversion.objects.count()
    page.get_by_role("button", name="I have finished").click()
    page.wait_for_url(re.compile(r"/da-lam-xong/cam-on/"))
    context.close()
    assert Conversion.objects.count() == before + 1
    assert Conversion.objects.order_by("-pk").first().placement == tv
