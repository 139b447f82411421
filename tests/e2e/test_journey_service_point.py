"""Journey 4: service-point staff, on a phone, log an assisted registration; the dashboard counts it."""

import re

import pytest

from insights.rollups import update_rollups
from tests.e2e.conftest import PHONE, dashboard_figures, doc_screenshot, log_in
from tracking.models import Conversion, ConversionSource, Placement

pytestmark = pytest.mark.django_db(transaction=True)

BUON_MA_THUOT = "24133"


def test_service_point_staff_log_an_assisted_registration_that_the_dashboard_counts(demo, browser):
    leaflet = Placement.objects.get(unit__code=BUON_MA_THUOT, channel__slug="to-roi", spot="")
    office = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    dashboard = office.new_page()
    log_in(dashboard, demo.url, "vanhoa.daklak")
    before = dashboard_figures(dashboard, demo.url, unit_code=BUON_MA_THUOT, channel_name="Tờ rơi")
    existing = set(Conversion.objects.values_list("pk", flat=True))
    phone = browser.new_context(**PHONE, locale="vi-VN")
    page = phone.new_page()

    # The form asks for a login first, then comes back.
    page.goto(demo.url + "/ho-tro/ghi-nhan/")
    assert "/admin/login/" in page.url
    page.locator("#id_username").fill("canbo.buonmathuot")
    page.locator("#id_password").fill("mat-khau-thu-nghiem-e2e")
    page.get_by_role("button", name=re.compile("Đăng nhập|Sign in")).click()
    page.wait_for_url(re.compile(r"/ho-tro/ghi-nhan/$"))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    doc_screenshot(page, "diem-dich-vu-bieu-mau", full_page=True)

    page.get_by_label("Kích hoạt định danh điện tử mức độ 2").check()
    page.get_by_label("Người dân biết qua đâu?").select_option(label="Tờ rơi")
    # The citizen shows the leaflet: the code printed under its QR, typed in lower case with spaces.
    page.get_by_label("Mã in dưới QR (nếu có)").fill(f" {leaflet.short_code.lower()} ")
    page.get_by_role("button", name="Ghi nhận").click()
    page.wait_for_load_state()
    assert page.get_by_role("status").inner_text() == "Đã ghi nhận. Cảm ơn bạn!"
    doc_screenshot(page, "diem-dich-vu-da-ghi-nhan")
    phone.close()

    conversion = Conversion.objects.exclude(pk__in=existing).get()
    assert conversion.source == ConversionSource.ASSISTED
    assert conversion.placement == leaflet
    assert conversion.unit.code == BUON_MA_THUOT
    assert conversion.recorded_by.username == "canbo.buonmathuot"

    update_rollups()  # the worker's periodic job
    after = dashboard_figures(dashboard, demo.url, unit_code=BUON_MA_THUOT, channel_name="Tờ rơi")
    assert after["conversions"] - before["conversions"] == 1, (before, after)
    assert after["channel_conversions"] - before["channel_conversions"] == 1, (before, after)
    assert after["scans"] == before["scans"]
    office.close()
