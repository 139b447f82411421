"""Journey 6: editor-controlled fields full of cross-site scripting payloads execute nothing in a real browser,
neither for a citizen reading the guide nor for an editor opening it in the admin's editor.

A payload that ran would open a dialog (alert) or write the console marker (console.log('XSS-FIRED'))."""

import json

import pytest
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.rich_text import RichText

from campaigns.blocks import STEP_TEXT_FEATURES
from campaigns.models import CampaignPage
from places.models import AdministrativeUnit, ServicePoint
from tests.e2e.conftest import PHONE, log_in
from tests.factories.campaigns import GuidePageFactory, step
from tests.security.xss_payloads import PAYLOADS

pytestmark = pytest.mark.django_db(transaction=True)

MARKER = "XSS-FIRED"
MARKED = [
    f"<img src=x onerror=console.log('{MARKER}')>",
    f"<svg onload=console.log('{MARKER}')>",
    f"\"><script>console.log('{MARKER}')</script>",
    f"<details open ontoggle=console.log('{MARKER}')>",
    f"' onfocus='console.log(\"{MARKER}\")' autofocus x='",
    f"<iframe srcdoc=\"<script>parent.console.log('{MARKER}')</script>\">",
]
ALL = [*MARKED, *PAYLOADS]


def rich_text(text: str) -> str:
    """What Wagtail's rich text editor stores when an editor types `text` (and links it to `text`)."""
    block = {"key": "a1b2c", "type": "unstyled", "depth": 0, "text": text, "inlineStyleRanges": [], "data": {}}
    block["entityRanges"] = [{"offset": 0, "length": len(text), "key": 0}]
    entities = {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": text}}}
    contentstate = {"blocks": [block], "entityMap": entities}
    return ContentstateConverter(features=STEP_TEXT_FEATURES).to_database_format(json.dumps(contentstate))


def watch(page, fired: list) -> None:
    def on_dialog(dialog):
        if dialog.type == "beforeunload":  # the admin editor's "leave without saving?" is no payload
            dialog.accept()
            return
        fired.append(f"{dialog.type} dialog on {page.url}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("console", lambda message: MARKER in message.text and fired.append(f"console on {page.url}"))


def payload_guide():
    campaign = CampaignPage.objects.get(locale__language_code="vi")  # the demo campaign: the province's
    guide = GuidePageFactory(
        parent=campaign,
        title=" ".join(MARKED)[:255],
        intro=" ".join(ALL)[:300],
        what_you_need=[("item", payload[:200]) for payload in ALL],
        steps=[step(payload[:160], rich_text(payload)) for payload in ALL],
    )
    guide.still_stuck = RichText("".join(rich_text(payload) for payload in MARKED))
    guide.save_revision().publish()
    ward = AdministrativeUnit.objects.get(code="24133")
    for payload in MARKED:
        ServicePoint.objects.create(unit=ward, name=payload[:200], address=payload, opening_hours=payload)
    return guide


def test_payloads_in_a_guide_run_neither_for_a_citizen_nor_in_the_admin_editor(demo, browser):
    guide = payload_guide()
    fired = []

    citizen = browser.new_context(**PHONE, locale="vi-VN")
    page = citizen.new_page()
    watch(page, fired)
    page.goto(f"{demo.url}{guide.url}?xa=24133")
    page.wait_for_load_state("networkidle")
    page.locator(".steps-toggle-all").click()
    page.mouse.move(10, 10)
    page.mouse.move(180, 400)
    assert page.locator(".step-body").count() == len(ALL)
    assert MARKED[0] in page.locator(".step-title").first.inner_text()  # shown as text
    page.goto(f"{demo.url}/xa/24133/")
    page.wait_for_load_state("networkidle")
    citizen.close()

    editor = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="vi-VN")
    page = editor.new_page()
    watch(page, fired)
    log_in(page, demo.url, "vanhoa.daklak")  # the demo campaign's owner: Đắk Lắk's culture office
    page.goto(f"{demo.url}/admin/pages/{guide.pk}/edit/")
    page.wait_for_load_state("networkidle")
    assert page.locator("#id_title").input_value() == guide.title
    assert page.locator('[data-contentpath="steps"] [data-contentpath="title"] input').count() == len(ALL)
    page.goto(f"{demo.url}/admin/pages/{guide.get_parent().pk}/")
    page.wait_for_load_state("networkidle")
    editor.close()

    assert fired == []
