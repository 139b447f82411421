"""Journey 2: a ward editor writes a guide with two steps and a screenshot and submits it; the ward's approver
approves it; it is live. The editor never had a way to publish it. The new guide's form opens without an error,
and the action reads "Gửi duyệt". On the way the browser reads, once their scripts have drawn them, the login and
password-reset pages, the page editor and the image chooser: no English string of the packages' catalogues
(tests/website/admin_text.py; the test client's walk reads only the HTML the server sends)."""

import io
import re

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from campaigns.models import GuidePage
from places.models import AdministrativeUnit
from tests.e2e.conftest import doc_screenshot, log_in
from tests.factories.campaigns import CampaignPageFactory, home_page
from tests.website.admin_text import KNOWN_GAPS, untranslated

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Đăng ký thường trú trực tuyến cho con"
STEPS = [
    ("Đăng nhập Cổng dịch vụ công", "Dùng tài khoản VNeID mức độ 2 của cha hoặc mẹ."),
    ("Nộp hồ sơ đăng ký thường trú", "Chọn thủ tục, điền tờ khai và gửi đi."),
]
IMAGE_TITLE = "Màn hình đăng nhập Cổng dịch vụ công"
IMAGE_ALT = "Màn hình đăng nhập với nút Đăng nhập bằng VNeID"
SCOLDING = re.compile(r"ít nhất|minimum|bắt buộc|required", re.IGNORECASE)
CUT_LABELS = """() => [...document.querySelectorAll('.sidebar-menu-item__link span')]
    .filter(el => !el.children.length && !el.closest('.w-sr-only') && el.textContent.trim())
    .filter(el => el.scrollWidth > el.clientWidth + 1)
    .map(el => el.textContent.trim())"""


def screenshot_image():
    buffer = io.BytesIO()
    PILImage.new("RGB", (360, 640), (30, 90, 160)).save(buffer, format="PNG")
    return get_image_model().objects.create(title=IMAGE_TITLE, file=ImageFile(buffer, name="dang-nhap.png"))


def english_drawn(page, locator=None) -> set[str]:
    """The packages' English strings in what the browser shows now (the DOM after the scripts ran)."""
    page.wait_for_load_state("networkidle")
    element = locator if locator is not None else page.locator("html")
    return untranslated(element.evaluate("el => el.outerHTML")) - KNOWN_GAPS


def assert_sign_in_pages_vietnamese(browser, base_url: str) -> None:
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    for path in ("/admin/login/", "/admin/password_reset/"):
        page.goto(base_url + path)
        assert english_drawn(page) == set(), path
    context.close()


def open_editor(browser, base_url: str, username: str):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="vi-VN")
    page = context.new_page()
    log_in(page, base_url, username)
    return context, page


def test_an_editor_writes_and_submits_a_guide_the_approver_publishes_it(demo, browser):
    ward = AdministrativeUnit.objects.get(code="24133")
    campaign = CampaignPageFactory(title="Chiến dịch của phường Buôn Ma Thuột", owner_unit=ward, parent=home_page())
    screenshot_image()
    assert_sign_in_pages_vietnamese(browser, demo.url)

    context, page = open_editor(browser, demo.url, "bientap.buonmathuot")
    # Every label of the sidebar fits: none is cut off with an ellipsis (screen-reader-only text aside).
    page.locator(".sidebar-menu-item__link").first.wait_for()
    cut = page.evaluate(CUT_LABELS)
    assert page.evaluate("document.querySelectorAll('.sidebar-menu-item__link').length") > 8
    assert cut == [], cut
    page.goto(f"{demo.url}/admin/pages/add/campaigns/guidepage/{campaign.pk}/")
    # The new form does not scold before anything is typed (it used to say "Bước: cần ít nhất 1 mục" twice): the
    # StreamFields are drawn by the editor's script, so wait for them, then read what the form shows.
    page.locator('[data-contentpath="steps"] button.c-sf-add-button').first.wait_for()
    page.wait_for_load_state("networkidle")
    form_text = page.locator("form#page-edit-form").inner_text()
    assert not SCOLDING.search(form_text), SCOLDING.search(form_text).group(0)
    assert english_drawn(page) == set(), "the new guide's editor"
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_intro").fill("Cha mẹ đăng ký thường trú cho con ngay trên điện thoại.")

    steps = page.locator('[data-contentpath="steps"]').first
    add = steps.locator("button.c-sf-add-button")
    if page.locator('[data-contentpath="steps"] [data-contentpath="title"]').count() == 0:
        add.first.click()
    add.last.click()
    titles = page.locator('[data-contentpath="steps"] [data-contentpath="title"] input')
    bodies = page.locator('[data-contentpath="steps"] [data-contentpath="body"] [contenteditable="true"]')
    titles.nth(1).wait_for()
    for index, (title, body) in enumerate(STEPS):
        titles.nth(index).fill(title)
        bodies.nth(index).click()
        page.keyboard.type(body)

    # A screenshot on the first step, chosen in the image chooser, with its alt text.
    first_step = page.locator('[data-contentpath="steps"] [data-contentpath="image"]').first
    first_step.get_by_role("button").first.click()
    page.locator(".modal").get_by_text(IMAGE_TITLE).first.wait_for()
    chooser = page.locator(".modal").filter(has_text=IMAGE_TITLE).first
    assert english_drawn(page, chooser) == set(), "the image chooser"
    page.locator(".modal").get_by_text(IMAGE_TITLE).first.click()
    page.locator(".modal.show").wait_for(state="detached")  # the chooser closed: its fade would veil the screenshot
    page.locator(".modal-backdrop").wait_for(state="detached")
    page.locator('[data-contentpath="steps"] [data-contentpath="image_alt"] input').first.fill(IMAGE_ALT)
    doc_screenshot(page, "bien-tap-soan-huong-dan")
    # Wagtail 8 saves drafts by itself while one types (WAGTAIL_AUTOSAVE_INTERVAL): let the last autosave land
    # (it turns the add form into the new page's edit form) before submitting.
    page.wait_for_timeout(1500)
    page.wait_for_load_state("networkidle")

    # The editor may save and submit; there is no publish action for them.
    assert page.locator('button[name="action-publish"]').count() == 0
    page.locator("footer .w-dropdown__toggle, [data-side-panel-toggle] ~ * .w-dropdown__toggle").first.click()
    assert page.locator('button[name="action-publish"]').count() == 0
    assert page.locator('button[name="action-submit"]').inner_text().strip() == "Gửi duyệt"  # as the user guide says
    page.locator('button[name="action-submit"]').click()
    page.wait_for_url(re.compile(rf"/admin/pages/{campaign.pk}/(\?.*)?$"))
    assert TITLE in page.locator(".messages").inner_text()
    doc_screenshot(page, "bien-tap-da-gui-duyet")

    guide = GuidePage.objects.get(title=TITLE)
    assert not guide.live
    assert guide.current_workflow_state is not None
    assert page.request.get(demo.url + campaign.url + guide.slug + "/").status == 404
    # Even a publish request made by hand is refused: the page stays a draft.
    edit_url = f"{demo.url}/admin/pages/{guide.pk}/edit/"
    page.goto(edit_url)
    with page.expect_navigation():
        page.evaluate(
            """() => {
                const form = document.querySelector('form[data-edit-form], #page-edit-form, form[method=post]');
                const action = document.createElement('input');
                action.type = 'hidden'; action.name = 'action-publish'; action.value = 'action-publish';
                form.appendChild(action);
                form.submit();
            }"""
        )
    page.wait_for_load_state()
    guide.refresh_from_db()
    assert not guide.live
    context.close()

    # The approver finds it on the admin's home page, under the pages awaiting their review, and approves it.
    context, page = open_editor(browser, demo.url, "duyet.buonmathuot")
    page.goto(demo.url + "/admin/")
    awaiting = page.locator("tr", has_text=TITLE)
    doc_screenshot(page, "lanh-dao-cho-duyet")
    approve = awaiting.locator('button[data-workflow-action-url*="/approve/"]:not([data-launch-modal])')
    if not approve.is_visible():
        awaiting.locator("[data-w-dropdown-target=toggle], .w-dropdown__toggle").first.click()
    with page.expect_navigation():
        approve.click()
    page.wait_for_load_state()
    guide.refresh_from_db()
    assert guide.live
    context.close()

    citizen = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    page = citizen.new_page()
    response = page.goto(demo.url + guide.url)
    assert response.status == 200
    assert page.locator("h1").inner_text() == TITLE
    assert page.locator(".step-title").all_inner_texts()[1].endswith(STEPS[1][0])
    image = page.locator(".step-body img").first
    assert image.get_attribute("alt") == IMAGE_ALT
    image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle(), timeout=10000)
    citizen.close()
