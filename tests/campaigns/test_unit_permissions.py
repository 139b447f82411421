"""Pages belong to a unit: a ward's editors write only their ward's pages, its approvers approve only those.

Every action goes through the real admin views, as a person's browser would send it.
"""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from campaigns.approval import APPROVERS_GROUP, EDITORS_GROUP
from campaigns.models import GuidePage
from campaigns.permissions import unit_of_page
from places.models import AdministrativeUnit, Role
from tests.campaigns.test_approval import guide_form
from tests.factories.campaigns import CampaignPageFactory, GuidePageFactory, home_page
from tests.factories.users import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def person(username: str, group: str, unit: AdministrativeUnit, role: Role):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=group))
    MembershipFactory(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def units(official_units):
    return {code: AdministrativeUnit.objects.get(code=code) for code in ("66", "24133", "24169")}


@pytest.fixture
def pages(units):
    campaign_a = CampaignPageFactory(title="Chiến dịch phường Buôn Ma Thuột", owner_unit=units["24133"])
    campaign_b = CampaignPageFactory(title="Chiến dịch phường Ea Kao", owner_unit=units["24169"])
    return {
        "campaign_a": campaign_a,
        "guide_a": GuidePageFactory(parent=campaign_a, title="Hướng dẫn của phường A", slug="huong-dan-a"),
        "campaign_b": campaign_b,
        "guide_b": GuidePageFactory(parent=campaign_b, title="Hướng dẫn của phường B", slug="huong-dan-b"),
    }


@pytest.fixture
def people(units):
    return {
        "editor_a": person("bientap.a", EDITORS_GROUP, units["24133"], Role.WARD_EDITOR),
        "editor_b": person("bientap.b", EDITORS_GROUP, units["24169"], Role.WARD_EDITOR),
        "approver_a": person("duyet.a", APPROVERS_GROUP, units["24133"], Role.APPROVER),
        "approver_b": person("duyet.b", APPROVERS_GROUP, units["24169"], Role.APPROVER),
        "approver_province": person("duyet.tinh", APPROVERS_GROUP, units["66"], Role.APPROVER),
    }


def test_a_guide_belongs_to_the_unit_of_its_campaign(pages, units):
    assert unit_of_page(pages["guide_a"]) == units["24133"]
    assert unit_of_page(pages["campaign_b"]) == units["24169"]
    assert unit_of_page(home_page()) is None


@pytest.mark.parametrize(
    "view", ["edit", "history", "revisions_index", "copy", "move", "delete", "unpublish", "lock", "preview_on_edit"]
)
def test_an_editor_of_ward_b_gets_no_view_of_a_ward_a_page(client, pages, people, view):
    guide = pages["guide_a"]
    client.force_login(people["editor_b"])
    response = client.get(reverse(f"wagtailadmin_pages:{view}", args=[guide.pk]))
    assert response.status_code in {302, 403, 404, 405}, response.status_code
    if response.status_code == 302:
        assert reverse("wagtailadmin_pages:edit", args=[guide.pk]) not in response["Location"]


def test_an_editor_of_ward_a_edits_their_own_page(client, pages, people):
    client.force_login(people["editor_a"])
    assert client.get(reverse("wagtailadmin_pages:edit", args=[pages["guide_a"].pk])).status_code == 200


def test_an_editor_of_ward_b_cannot_change_or_add_under_ward_a(client, pages, people):
    guide = pages["guide_a"]
    client.force_login(people["editor_b"])
    client.post(
        reverse("wagtailadmin_pages:edit", args=[guide.pk]),
        {**guide_form("Đã bị sửa trộm", slug=guide.slug), "action-submit": "1"},
    )
    guide.refresh_from_db()
    assert guide.title == "Hướng dẫn của phường A"
    assert not guide.has_unpublished_changes

    add = reverse("wagtailadmin_pages:add", args=["campaigns", "guidepage", pages["campaign_a"].pk])
    client.post(add, {**guide_form("Trang lạ", slug="trang-la"), "action-submit": "1"})
    assert not GuidePage.objects.filter(slug="trang-la").exists()


def test_an_editors_direct_posts_to_publish_unpublish_revert_move_and_copy_are_refused(client, pages, people):
    guide = pages["guide_a"]
    first_revision = guide.save_revision()
    first_revision.publish()
    client.force_login(people["editor_a"])
    edit = reverse("wagtailadmin_pages:edit", args=[guide.pk])

    client.post(edit, {**guide_form("Xuất bản thẳng", slug=guide.slug), "action-publish": "1"})
    guide.refresh_from_db()
    assert guide.title == "Hướng dẫn của phường A", "an editor published without approval"

    client.post(reverse("wagtailadmin_pages:unpublish", args=[guide.pk]), {})
    guide.refresh_from_db()
    assert guide.live, "an editor unpublished a page"

    revert = reverse("wagtailadmin_pages:revisions_revert", args=[guide.pk, first_revision.pk])
    client.post(revert, {**guide_form("Quay lại và xuất bản", slug=guide.slug), "action-publish": "1"})
    guide.refresh_from_db()
    assert guide.live and guide.title == "Hướng dẫn của phường A"

    move = reverse("wagtailadmin_pages:move_confirm", args=[guide.pk, pages["campaign_b"].pk])
    client.post(move)
    guide.refresh_from_db()
    assert guide.get_parent().pk == pages["campaign_a"].pk, "an editor moved a page into another ward"

    copies_before = Page.objects.count()
    client.post(
        reverse("wagtailadmin_pages:copy", args=[guide.pk]),
        {
            "new_title": "Bản sao",
            "new_slug": "ban-sao",
            "new_parent_page": pages["campaign_b"].pk,
            "publish_copies": "on",
        },
    )
    assert Page.objects.count() == copies_before, "an editor copied a page into another ward"


def submitted(client, editor, guide) -> WorkflowState:
    client.force_login(editor)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[guide.pk]),
        {**guide_form("Bản trình duyệt", slug=guide.slug), "action-submit": "1"},
    )
    guide.refresh_from_db()
    state = guide.current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    return state


def approve(client, approver, guide, state):
    client.force_login(approver)
    url = reverse("wagtailadmin_pages:workflow_action", args=[guide.pk, "approve", state.current_task_state.pk])
    return client.post(url, {"comment": "Đồng ý"})


def test_an_approver_of_ward_b_cannot_approve_a_ward_a_page(client, pages, people):
    guide = pages["guide_a"]
    state = submitted(client, people["editor_a"], guide)
    response = approve(client, people["approver_b"], guide, state)
    assert response.status_code in {302, 403}
    guide.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert guide.title == "Hướng dẫn của phường A"

    fresh = Client()  # no flash message left over from the editor's session
    fresh.force_login(people["approver_b"])
    dashboard = fresh.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[guide.pk]) not in dashboard
    own = Client()
    own.force_login(people["approver_a"])
    assert reverse("wagtailadmin_pages:edit", args=[guide.pk]) in own.get(reverse("wagtailadmin_home")).content.decode()
    assert "Bản trình duyệt" not in dashboard, "ward B's approver is shown ward A's page to review"


@pytest.mark.parametrize("who", ["approver_a", "approver_province"])
def test_the_wards_approver_or_the_provinces_approves(client, pages, people, who):
    guide = pages["guide_a"]
    state = submitted(client, people["editor_a"], guide)
    approve(client, people[who], guide, state)
    guide.refresh_from_db()
    assert guide.live and guide.title == "Bản trình duyệt"


def test_an_approver_of_ward_b_cannot_publish_a_ward_a_page_directly(client, pages, people):
    guide = pages["guide_a"]
    client.force_login(people["approver_b"])
    client.post(
        reverse("wagtailadmin_pages:edit", args=[guide.pk]),
        {**guide_form("Xuất bản hộ", slug=guide.slug), "action-publish": "1"},
    )
    guide.refresh_from_db()
    assert guide.title == "Hướng dẫn của phường A"
