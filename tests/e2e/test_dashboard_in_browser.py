"""The insights dashboard in a real browser with JavaScript off: filters by GET, tables and SVG charts shown."""

import os

import pytest

from tests.e2e.conftest import doc_screenshot, log_in
from tests.factories.insights_dashboard import october_fixture

pytestmark = pytest.mark.django_db(transaction=True)


def without_demo_activity() -> None:
    """The demo brings weeks of scans and six months of figures; this test counts a month of its own."""
    from insights.models import AdoptionFigure, BroadcastAiring, DailyPlacementRollup, HourlyPlacementScans
    from tracking.models import Conversion, ScanEvent

    # Events first: deleting a counted conversion recomputes its placement-day from the raw events still there
    # (insights.signals), which would write rollup rows again after they were deleted.
    for model in (Conversion, ScanEvent, DailyPlacementRollup, HourlyPlacementScans, AdoptionFigure, BroadcastAiring):
        model.objects.all().delete()


def test_the_culture_office_filters_the_dashboard_without_javascript(demo, browser):
    without_demo_activity()
    october_fixture()
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, demo.url, "vanhoa.daklak")
    page.goto(demo.url + "/admin/insights/")
    page.locator("#id_unit").select_option("66")
    page.locator("#id_start").fill("2026-10-01")
    page.locator("#id_end").fill("2026-10-31")
    page.get_by_role("button", name="Xem số liệu").click()
    assert "start=2026-10-01" in page.url and "unit=66" in page.url
    assert page.get_by_role("heading", name="Hiệu quả truyền thông").is_visible()

    channels = page.locator('table[data-table="theo-kenh"]')
    assert channels.locator("tr", has_text="Áp-phích").locator("td").nth(4).inner_text() == "203"
    chart = page.get_by_role("img", name="Lượt quét và chuyển đổi qua mã theo kênh")
    assert chart.is_visible() and chart.bounding_box()["width"] > 300
    assert page.locator('[data-total="scans"]').inner_text() == "233"
    doc_screenshot(page, "bang-hieu-qua-truyen-thong", full_page=True)
    if os.environ.get("LOA_INSIGHTS_SCREENSHOT"):
        page.screenshot(path=os.environ["LOA_INSIGHTS_SCREENSHOT"], full_page=True)
    context.close()
