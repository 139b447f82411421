"""The page editor as the user guide describes it: "Gửi duyệt" (and "Gửi duyệt lại" after changes were asked
for), and a guide without steps refused on submission in Vietnamese, while a draft without steps is kept."""

import html
import json
import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import streamfield

from campaigns.models import GuidePage
from tests.campaigns.test_approval import approver, editor, guide_form, ward  # noqa: F401 (fixtures)
from tests.factories.campaigns import CampaignPageFactory

pytestmark = pytest.mark.django_db

SUBMIT = re.compile(r'<button[^>]*name="action-submit"[^>]*>(.*?)</button>', re.S)


def submit_label(body: str) -> str:
    return re.sub(r"<[^>]+>|\s+", " ", SUBMIT.search(body).group(1)).strip()


def test_the_submit_action_says_gui_duyet_then_gui_duyet_lai(client, editor, approver, ward):  # noqa: F811
    campaign = CampaignPageFactory(owner_unit=ward)
    client.force_login(editor)
    add_url = reverse("wagtailadmin_pages:add", args=["campaigns", "guidepage", campaign.pk])
    body = client.get(add_url).content.decode()
    assert submit_label(body) == "Gửi duyệt"
    assert "Thực hiện" not in body

    client.post(add_url, {**guide_form("Đăng ký khai sinh"), "action-submit": "1"})
    guide = GuidePage.objects.get(title="Đăng ký khai sinh")
    client.force_login(approver)
    task_state = guide.current_workflow_state.current_task_state
    client.post(reverse("wagtailadmin_pages:workflow_action", args=[guide.pk, "reject", task_state.pk]), {})

    client.force_login(editor)
    assert submit_label(client.get(reverse("wagtailadmin_pages:edit", args=[guide.pk])).content.decode()) == (
        "Gửi duyệt lại"
    )


def test_a_guide_without_steps_is_kept_as_a_draft_and_refused_on_submission(client, editor, ward):  # noqa: F811
    campaign = CampaignPageFactory(owner_unit=ward)
    client.force_login(editor)
    add_url = reverse("wagtailadmin_pages:add", args=["campaigns", "guidepage", campaign.pk])
    no_steps = guide_form("Khai báo lưu trú", slug="luu-tru", steps=streamfield([]))

    response = client.post(add_url, {**no_steps, "action-submit": "1"})
    assert response.status_code == 200
    # The StreamField's errors travel as JSON in the page, for the editor's script to draw.
    body = html.unescape(response.content.decode())
    assert json.dumps("Hướng dẫn cần ít nhất một bước")[1:-1] in body
    assert "minimum number" not in body and json.dumps("ít nhất 1 mục")[1:-1] not in body
    assert not GuidePage.objects.filter(slug="luu-tru").exists()

    assert client.post(add_url, no_steps).status_code == 302  # "Lưu bản nháp": a draft may have no step yet
    assert GuidePage.objects.filter(slug="luu-tru", live=False).exists()
