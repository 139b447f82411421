"""Fifteen phones of one model on one commune-hall Wi-Fi (one address, one user agent) each finish the guide
once: fifteen conversions, because each tab sends its own random value. One of them tapping again counts no more."""

import re

import pytest

from tests.e2e.conftest import PHONE
from tests.factories.campaigns import GuidePageFactory
from tests.factories.places import WardFactory
from tests.factories.tracking import placement
from tracking.models import Conversion, OverLimitTaps

pytestmark = pytest.mark.django_db(transaction=True)

PHONES = 15


def test_fifteen_phones_behind_one_address_each_count_once(live_server, browser):
    guide = GuidePageFactory(title="Cài đặt ứng dụng VNeID")
    poster = placement(unit=WardFactory(), campaign=guide.get_parent().specific, target_page=guide)
    landing = f"{live_server.url}{guide.url}?qr={poster.short_code}"
    contexts = [browser.new_context(**PHONE, locale="vi-VN") for _ in range(PHONES)]
    try:
        tabs = set()
        for context in contexts:
            page = context.new_page()
            page.goto(landing)
            tab = page.locator("[data-completion-form] input[name=tab]")
            tabs.add(tab.input_value())
            page.locator("[data-completion-form] button[type=submit]").click()
            page.wait_for_url(re.compile(r"/da-lam-xong/cam-on/"))
        assert len(tabs) == PHONES and all(re.fullmatch(r"[0-9a-f]{32}", tab) for tab in tabs)

        # The last phone goes back and taps twice more: the same tab, counted once.
        page = contexts[-1].pages[0]
        for _ in range(2):
            page.goto(landing)
            page.locator("[data-completion-form] button[type=submit]").click()
            page.wait_for_url(re.compile(r"/da-lam-xong/cam-on/"))
    finally:
        for context in contexts:
            context.close()
    assert Conversion.objects.filter(placement=poster).count() == PHONES
    assert not OverLimitTaps.objects.exists()
