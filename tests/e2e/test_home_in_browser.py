from urllib.parse import urlparse

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo")
    return live_server


def test_the_home_page_loads_on_a_phone_using_only_the_site_itself(demo_site, phone):
    page = phone.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    response = page.goto(demo_site.url + "/")
    page.wait_for_load_state("networkidle")

    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("h1").inner_text() == "Định danh điện tử và dịch vụ công trực tuyến"
    site_host = urlparse(demo_site.url).netloc
    assert requested, "the browser made no request at all"
    assert [url for url in requested if urlparse(url).netloc != site_host] == []
    # The self-hosted font is the one that renders Vietnamese text.
    assert page.evaluate("document.fonts.check('16px \"Be Vietnam Pro\"', 'Định danh')")
    assert page.evaluate("[...document.fonts].some(f => f.family.includes('Be Vietnam Pro') && f.status === 'loaded')")
    # No horizontal scrolling on a 360 px screen.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_home_page_reads_the_same_without_javascript(demo_site, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto(demo_site.url + "/")
        assert "Cài ứng dụng VNeID trên điện thoại." in page.content()
        page.keyboard.press("Tab")
        assert page.locator(".skip-link").evaluate("element => element === document.activeElement")
    finally:
        context.close()
