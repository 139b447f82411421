"""Approval before publishing, through the Wagtail admin as editors and approvers use it."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from wagtail.models import Page, WorkflowPage, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from campaigns.approval import APPROVERS_GROUP, EDITORS_GROUP, WORKFLOW_NAME, ensure_approval_workflow
from campaigns.models import GuidePage
from places.models import AdministrativeUnit, Role
from tests.factories.campaigns import CampaignPageFactory, GuidePageFactory
from tests.factories.users import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

WARD_CODE = "24133"  # Phường Buôn Ma Thuột: the editor's and the approver's ward, and the campaigns' owner


@pytest.fixture
def ward(official_units):
    return AdministrativeUnit.objects.get(code=WARD_CODE)


@pytest.fixture
def editor(ward):
    user = UserFactory(username="bientap", email="bientap@example.invalid")
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    MembershipFactory(user=user, unit=ward, role=Role.WARD_EDITOR)
    return user


@pytest.fixture
def approver(ward):
    user = UserFactory(username="lanhdao", email="lanhdao@example.invalid")
    user.groups.add(Group.objects.get(name=APPROVERS_GROUP))
    MembershipFactory(user=user, unit=ward, role=Role.APPROVER)
    return user


def guide_form(title: str, **overrides) -> dict:
    data = {
        "title": title,
        "slug": overrides.pop("slug", "huong-dan-thu"),
        "intro": "Một câu tóm tắt.",
        "estimated_minutes": "10",
        "what_you_need": streamfield([("item", "Thẻ căn cước gắn chip")]),
        "steps": streamfield(
            [
                (
                    "step",
                    {
                        "title": "Mở ứng dụng VNeID",
                        "body": rich_text("<p>Đăng nhập.</p>"),
                        "image": "",
                        "image_alt": "",
                        "callouts": streamfield([]),
                    },
                )
            ]
        ),
        "still_stuck": rich_text(""),
        "review_by": "2030-01-01",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_migrate_seeds_the_groups_and_puts_the_site_under_the_workflow():
    root = Page.get_first_root_node()
    assert WorkflowPage.objects.get(page=root).workflow.name == WORKFLOW_NAME
    approvers = Group.objects.get(name=APPROVERS_GROUP)
    editors = Group.objects.get(name=EDITORS_GROUP)
    editor_page_permissions = set(editors.page_permissions.values_list("permission__codename", flat=True))
    assert editor_page_permissions == {"add_page", "change_page"}
    assert "publish_page" in set(approvers.page_permissions.values_list("permission__codename", flat=True))

    before = (Group.objects.count(), WorkflowPage.objects.count(), editors.page_permissions.count())
    ensure_approval_workflow()
    assert (Group.objects.count(), WorkflowPage.objects.count(), editors.page_permissions.count()) == before


def test_an_editor_cannot_publish_directly(client, editor, ward):
    campaign = CampaignPageFactory(owner_unit=ward)
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["campaigns", "guidepage", campaign.pk])
    response = client.post(url, {**guide_form("Hướng dẫn mới"), "action-publish": "action-publish"})
    assert response.status_code in {302, 403}
    guide = GuidePage.objects.filter(title="Hướng dẫn mới").first()
    assert guide is None or not guide.live


def test_submit_approve_publish_and_an_edit_goes_back_to_review(client, editor, approver, ward):
    campaign = CampaignPageFactory(owner_unit=ward)
    client.force_login(editor)
    add_url = reverse("wagtailadmin_pages:add", args=["campaigns", "guidepage", campaign.pk])
    response = client.post(add_url, {**guide_form("Đăng ký tạm trú"), "action-submit": "action-submit"})
    assert response.status_code == 302
    guide = GuidePage.objects.get(title="Đăng ký tạm trú")
    assert not guide.live
    state = guide.current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    assert any(approver.email in message.to for message in mail.outbox), "the approver was not told"

    # The approver approves: the guide goes live.
    client.force_login(approver)
    task_state = state.current_task_state
    action_url = reverse("wagtailadmin_pages:workflow_action", args=[guide.pk, "approve", task_state.pk])
    response = client.post(action_url, {"comment": "Đồng ý"})
    assert response.status_code in {200, 302}
    guide.refresh_from_db()
    assert guide.live and guide.title == "Đăng ký tạm trú"

    # The editor changes the live guide: the public sees the approved text until it is approved again.
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[guide.pk])
    client.post(edit_url, {**guide_form("Đăng ký tạm trú (sửa)", slug=guide.slug), "action-publish": "1"})
    guide.refresh_from_db()
    assert guide.title == "Đăng ký tạm trú" and guide.has_unpublished_changes
    response = client.post(edit_url, {**guide_form("Đăng ký tạm trú (sửa)", slug=guide.slug), "action-submit": "1"})
    guide.refresh_from_db()
    assert guide.title == "Đăng ký tạm trú"
    assert guide.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_an_approver_can_publish(client, approver, ward):
    guide = GuidePageFactory(live=False, parent=CampaignPageFactory(owner_unit=ward))
    client.force_login(approver)
    edit_url = reverse("wagtailadmin_pages:edit", args=[guide.pk])
    response = client.post(edit_url, {**guide_form("Bản đã duyệt", slug=guide.slug), "action-publish": "1"})
    assert response.status_code == 302
    guide.refresh_from_db()
    assert guide.live and guide.title == "Bản đã duyệt"
