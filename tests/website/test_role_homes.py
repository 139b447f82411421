"""Each role's admin home shows that person's work first, and none of Wagtail's panels that do not fit them.

Seven people log in through the test client: the five roles of places.Role, a superuser and a staff member
without any role. Panels are found by the ids their `{% panel %}` renders (`<id>-heading`).
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import WorkflowState

from campaigns.approval import APPROVERS_GROUP, EDITORS_GROUP
from campaigns.models import GuidePage
from places.models import AdministrativeUnit, Role
from tests.campaigns.test_approval import guide_form
from tests.factories.campaigns import CampaignPageFactory
from tests.factories.users import MembershipFactory, UserFactory
from tracking.assisted import ASSISTED_ACTIONS
from tracking.desk import NOT_ASKED, record_assisted_registration

pytestmark = pytest.mark.django_db

WARD = "24133"  # Phường Buôn Ma Thuột
PROVINCE = "66"  # Đắk Lắk

DESK, DASHBOARD, TARGET_CHANGES, PACKS, IMPORTS = (
    "loa-desk",
    "loa-dashboard",
    "loa-target-changes",
    "loa-packs",
    "loa-figure-imports",
)
RETURNED, DRAFTS, PAST_REVIEW, AWAITING = "loa-returned", "loa-drafts", "loa-past-review", "awaiting-review"
# Wagtail's own: the page counts of the site summary and the page search.
WAGTAIL_RECENT_EDITS = "recent-edits"
ALL_PANELS = {DESK, DASHBOARD, TARGET_CHANGES, PACKS, IMPORTS, RETURNED, DRAFTS, PAST_REVIEW, AWAITING}

EXPECTED = {
    "culture_office": {DASHBOARD, TARGET_CHANGES, PACKS, IMPORTS, RETURNED, DRAFTS, PAST_REVIEW},
    "ward_editor": {RETURNED, DRAFTS, PAST_REVIEW},
    "service_point_staff": {DESK},
    "approver": {AWAITING, TARGET_CHANGES},
    "viewer": {DASHBOARD},
    "superuser": {DASHBOARD, TARGET_CHANGES, PACKS, IMPORTS, RETURNED, DRAFTS, PAST_REVIEW, AWAITING},
    "no_role": set(),
}
PAGE_WORKERS = {"culture_office", "ward_editor", "approver", "superuser"}


@pytest.fixture
def ward(official_units):
    return AdministrativeUnit.objects.get(code=WARD)


def person(kind: str, ward: AdministrativeUnit):
    if kind == "superuser":
        return UserFactory(username="quantri", is_superuser=True)
    user = UserFactory(username=kind.replace("_", "."))
    if kind == "no_role":
        user.groups.add(Group.objects.get(name=EDITORS_GROUP))  # a group, but no membership: no panel of ours
        return user
    role = Role(kind)
    unit = AdministrativeUnit.objects.get(code=PROVINCE) if role == Role.CULTURE_OFFICE else ward
    MembershipFactory(user=user, unit=unit, role=role)
    # The page groups of the approval workflow follow the membership in production (campaigns/apps.py).
    if role == Role.WARD_EDITOR:
        user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    if role == Role.APPROVER:
        user.groups.add(Group.objects.get(name=APPROVERS_GROUP))
    return user


def home_of(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def panels_in(body: str) -> set[str]:
    return {name for name in ALL_PANELS | {WAGTAIL_RECENT_EDITS} if f'id="{name}-heading"' in body}


def panel_html(body: str, name: str) -> str:
    start = body.index(f'id="{name}-heading"')
    return body[start : body.index("</section>", start)]


def panel_text(body: str, name: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", panel_html(body, name)))


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_each_role_sees_its_own_panels_and_no_others(client, ward, kind):
    body = home_of(client, person(kind, ward))
    assert panels_in(body) == EXPECTED[kind]
    # Wagtail's "most recent edits" is replaced by the drafts panel; its page counts and page search only
    # for those who work on pages.
    assert WAGTAIL_RECENT_EDITS not in panels_in(body)
    assert ('class="w-summary"' in body) == (kind in PAGE_WORKERS)


def test_a_page_sent_back_shows_on_the_editors_home_and_waits_on_the_approvers_first(client, ward):
    editor, approver = person("ward_editor", ward), person("approver", ward)
    campaign = CampaignPageFactory(owner_unit=ward)
    client.force_login(editor)
    add_url = reverse("wagtailadmin_pages:add", args=["campaigns", "guidepage", campaign.pk])
    assert client.post(add_url, {**guide_form("Đăng ký thường trú"), "action-submit": "1"}).status_code == 302
    guide = GuidePage.objects.get(title="Đăng ký thường trú")

    body = home_of(client, approver)
    assert "Đăng ký thường trú" in panel_text(body, AWAITING)
    task_state = guide.current_workflow_state.current_task_state
    reject = reverse("wagtailadmin_pages:workflow_action", args=[guide.pk, "reject", task_state.pk])
    assert client.post(reject, {"comment": "Sửa bước 2"}).status_code in {200, 302}
    assert guide.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES

    body = home_of(client, editor)
    assert "Đăng ký thường trú" in panel_text(body, RETURNED)
    assert "Không có nội dung nào đang chờ bạn duyệt" in panel_text(home_of(client, approver), AWAITING)


def test_a_draft_and_a_guide_past_review_show_on_the_editors_home(client, ward):
    editor = person("ward_editor", ward)
    campaign = CampaignPageFactory(owner_unit=ward)
    client.force_login(editor)
    add_url = reverse("wagtailadmin_pages:add", args=["campaigns", "guidepage", campaign.pk])
    form = guide_form("Khai báo tạm vắng", slug="tam-vang", review_by="2020-01-01")
    assert client.post(add_url, form).status_code == 302  # saved as a draft

    body = home_of(client, editor)
    assert "Khai báo tạm vắng" in panel_text(body, DRAFTS)
    assert "Khai báo tạm vắng" in panel_text(body, PAST_REVIEW)
    # Another ward's editor sees neither.
    other = UserFactory(username="bientap.khac")
    MembershipFactory(user=other, unit=AdministrativeUnit.objects.get(code="24169"), role=Role.WARD_EDITOR)
    other.groups.add(Group.objects.get(name=EDITORS_GROUP))
    assert "Khai báo tạm vắng" not in home_of(client, other)


def test_the_desk_panel_links_the_form_and_counts_today(client, ward):
    staff = person("service_point_staff", ward)
    body = home_of(client, staff)
    assert f'href="{reverse("assisted_registration")}"' in panel_html(body, DESK)
    record_assisted_registration(user=staff, unit=ward, action=ASSISTED_ACTIONS[0][0], heard_from=NOT_ASKED)
    text = panel_text(home_of(client, staff), DESK)
    assert "Bạn ghi hôm nay 1" in text and "Cả điểm hôm nay 1" in text
