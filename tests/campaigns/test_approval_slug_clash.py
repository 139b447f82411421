"""Approving a draft whose new address another page took while it waited: a clear Vietnamese message, and
nothing changes (the page, its workflow, the other page, no email), instead of an HTTP 500.

A live page's new slug lives only in its draft, so Wagtail checks it against no sibling until the approval
publishes it."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry, PageLogEntry, Revision, TaskState, WorkflowState

from tests.campaigns.test_approval import approver, editor, guide_form, ward  # noqa: F401  (fixtures)
from tests.factories.campaigns import CampaignPageFactory, GuidePageFactory

pytestmark = pytest.mark.django_db

REFUSED = "Chưa duyệt được “Đăng ký tạm trú”: địa chỉ “tam-tru” của bản nháp đã được trang “Tạm trú” cùng cấp"


@pytest.fixture
def clash(client, editor, approver, ward):  # noqa: F811
    """A live guide whose draft moves it to /tam-tru/, submitted; then a superuser publishes a page there."""
    campaign = CampaignPageFactory(owner_unit=ward)
    guide = GuidePageFactory(parent=campaign, title="Đăng ký tạm trú", slug="dang-ky-tam-tru")
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[guide.pk])
    response = client.post(edit_url, {**guide_form("Đăng ký tạm trú", slug="tam-tru"), "action-submit": "1"})
    assert response.status_code == 302
    guide.refresh_from_db()
    assert (guide.slug, guide.get_latest_revision().content["slug"]) == ("dang-ky-tam-tru", "tam-tru")
    holder = GuidePageFactory(parent=campaign, title="Tạm trú", slug="tam-tru")
    client.force_login(approver)
    mail.outbox.clear()
    return guide, holder


def snapshot(guide, holder) -> dict:
    guide.refresh_from_db()
    holder.refresh_from_db()
    state = guide.current_workflow_state
    return {
        "guide": (guide.live, guide.slug, guide.url_path, guide.has_unpublished_changes, guide.live_revision_id),
        "holder": (holder.live, holder.slug, holder.url_path),
        "workflow": (state.pk, state.status) if state else None,
        "task": (state.current_task_state.pk, state.current_task_state.status) if state else None,
        "revisions": Revision.objects.count(),
        "logs": (PageLogEntry.objects.count(), ModelLogEntry.objects.count()),
        "task_states": list(TaskState.objects.values_list("pk", "status")),
        "mail": len(mail.outbox),
    }


def approve_url(guide) -> str:
    task_state = guide.current_workflow_state.current_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[guide.pk, "approve", task_state.pk])


def test_approving_a_draft_whose_address_was_taken_says_why_and_changes_nothing(client, clash):
    guide, holder = clash
    before = snapshot(guide, holder)
    assert before["workflow"][1] == WorkflowState.STATUS_IN_PROGRESS

    response = client.post(approve_url(guide), {"comment": "Đồng ý"})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[guide.pk])
    assert snapshot(guide, holder) == before
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert REFUSED in page.content.decode()


def test_the_dashboards_scripted_approve_button_gets_the_same_message(client, clash):
    guide, holder = clash
    before = snapshot(guide, holder)
    response = client.post(approve_url(guide), {"comment": ""}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200
    assert response.json()["step"] == "success"
    assert snapshot(guide, holder) == before
    assert REFUSED in client.get(response.json()["redirect"]).content.decode()


def test_approving_from_the_editor_is_a_form_error(client, clash):
    guide, holder = clash
    before = snapshot(guide, holder)
    edit_url = reverse("wagtailadmin_pages:edit", args=[guide.pk])
    form = {**guide_form("Đăng ký tạm trú", slug="tam-tru"), "action-workflow-action": "1"}
    response = client.post(edit_url, {**form, "workflow-action-name": "approve"})
    assert response.status_code == 200
    assert "đã được một trang cùng cấp sử dụng" in response.content.decode()
    after = snapshot(guide, holder)
    assert {key: value for key, value in after.items() if key != "revisions"} == {
        key: value for key, value in before.items() if key != "revisions"
    }
    assert after["revisions"] == before["revisions"]


def test_once_the_address_is_free_again_the_same_approval_publishes(client, clash):
    guide, holder = clash
    client.post(approve_url(guide), {"comment": ""})
    holder.delete()
    response = client.post(approve_url(guide), {"comment": "Đồng ý"})
    assert response.status_code == 302
    guide.refresh_from_db()
    assert guide.live and guide.slug == "tam-tru" and not guide.has_unpublished_changes
    assert guide.current_workflow_state is None
