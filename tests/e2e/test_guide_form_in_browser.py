"""A new guide's form opens without scolding: no error before anything is typed (Wagtail's editor used to show
"Bước: cần ít nhất 1 mục" twice), and the missing step is said in Vietnamese when the guide is sent for approval,
from the action that reads "Gửi duyệt"."""

import re

import pytest

from places.models import AdministrativeUnit
from tests.e2e.conftest import log_in
from tests.factories.campaigns import CampaignPageFactory, home_page

pytestmark = pytest.mark.django_db(transaction=True)

SCOLDING = re.compile(r"ít nhất|minimum|bắt buộc|required", re.IGNORECASE)


def test_a_new_guide_form_opens_without_errors_and_asks_for_a_step_on_submit(demo, browser):
    ward = AdministrativeUnit.objects.get(code="24133")
    campaign = CampaignPageFactory(title="Chiến dịch phường Buôn Ma Thuột", owner_unit=ward, parent=home_page())
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="vi-VN")
    page = context.new_page()
    log_in(page, demo.url, "bientap.buonmathuot")
    page.goto(f"{demo.url}/admin/pages/add/campaigns/guidepage/{campaign.pk}/")
    # The StreamFields are drawn by the editor's script: wait for their add buttons.
    page.locator('[data-contentpath="steps"] button.c-sf-add-button').first.wait_for()
    page.wait_for_load_state("networkidle")
    form_text = page.locator("form#page-edit-form").inner_text()
    assert not SCOLDING.search(form_text), SCOLDING.search(form_text).group(0)
    assert page.locator("form#page-edit-form .error-message, form#page-edit-form .help-critical").count() == 0

    page.locator("#id_title").fill("Khai báo tạm vắng")
    page.locator("#id_intro").fill("Khai báo tạm vắng trên điện thoại.")
    page.locator("footer [data-w-dropdown-target='toggle'], footer .dropdown-toggle").first.click()
    submit = page.locator('button[name="action-submit"]')
    assert submit.inner_text().strip() == "Gửi duyệt"
    submit.click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Hướng dẫn cần ít nhất một bước").first.is_visible()
    assert "minimum number" not in page.content()
    context.close()
