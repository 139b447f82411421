"""The Content-Security-Policy as the browser enforces it: nothing on the public pages or in the
admin's editor is refused (a refused script would silently break the page)."""

from wagtail.models import Page

from tests.e2e.conftest import log_in

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


def violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations")


def open_page(context, url: str):
    page = context.new_page()
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Security Policy" in message.text else None)
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, refused


def test_public_pages_run_under_the_policy_without_a_refusal(demo, browser):
    context = browser.new_context(locale="vi-VN")
    guide = next(p for p in Page.objects.live().specific() if type(p).__name__ == "GuidePage")
    for path in ["/", guide.url, "/xa/24133/"]:
        page, refused = open_page(context, demo.url + path)
        assert page.evaluate("document.querySelector('script[src]') !== null") or path == "/xa/24133/"
        assert violations(page) == [] and refused == [], path
        page.close()
    context.close()


def test_the_admin_editor_and_its_preview_work_under_the_admin_policy(demo, browser):
    context = browser.new_context(locale="vi-VN")
    page, refused = open_page(context, demo.url + "/admin/login/")
    log_in(page, demo.url, "vanhoa.daklak")
    guide = next(p for p in Page.objects.live().specific() if type(p).__name__ == "GuidePage")
    page.goto(f"{demo.url}/admin/pages/{guide.pk}/edit/")
    page.wait_for_load_state("networkidle")
    # The editor's scripts ran: the StreamField of steps was built by JavaScript.
    page.locator("[data-streamfield-stream-container]").first.wait_for(timeout=15000)
    # The preview panel frames the page from the same origin.
    page.locator('[data-side-panel-toggle="preview"]').click()
    page.locator("#w-preview-iframe").wait_for(timeout=15000)
    preview = page.frame_locator("#w-preview-iframe")
    preview.locator("h1").first.wait_for(timeout=15000)
    assert guide.title in preview.locator("h1").first.inner_text()
    assert violations(page) == [] and refused == []
    context.close()
