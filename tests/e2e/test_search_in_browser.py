import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo")  # pages are indexed when each save commits
    return live_server


def test_suggestions_appear_without_diacritics_and_lead_to_the_guide(demo_site, phone):
    page = phone.new_page()
    problems = []
    # Script errors and Content-Security-Policy violations; failed loads are checked by URL below.
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and not message.text.startswith("Failed to load resource")
            and problems.append(message.text)
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and not response.url.endswith("/favicon.ico")
            and problems.append(f"{response.status} {response.url}")
        ),
    )
    page.goto(demo_site.url + "/")

    # A citizen pauses mid-word: the list first answers "dang ky t" (another guide leads it), then the whole query.
    # Wait for the list that answers the whole query, as a busy machine can show the earlier one late.
    page.locator("#tim-kiem-trang-chu").press_sequentially("dang ky t", delay=30)
    page.wait_for_timeout(600)
    page.locator("#tim-kiem-trang-chu").press_sequentially("am", delay=30)
    answered = page.locator('.search-suggestions[data-query="dang ky tam"]')
    suggestion = answered.locator("a", has_text="Đăng ký tạm trú trực tuyến")
    suggestion.wait_for(timeout=5000)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == suggestion.first.inner_text()
    with page.expect_navigation():
        suggestion.first.click()
    assert page.locator("h1").inner_text() == "Đăng ký tạm trú trực tuyến"
    assert problems == []  # no script error, no Content-Security-Policy violation


def test_without_javascript_the_form_submits_to_the_results_page(demo_site, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto(demo_site.url + "/")
        page.locator("#tim-kiem-trang-chu").fill("KICH HOAT VNEID MUC 2")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "/tim-kiem/?q=KICH+HOAT+VNEID+MUC+2" in page.url
        first = page.locator(".search-result h2 a").first
        assert first.inner_text() == "Kích hoạt tài khoản định danh điện tử mức độ 2"
        assert page.locator(".search-result mark").count() >= 1
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        context.close()
