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
    # Wagtail's "search all pages" box: absent from the HTML of those who have no pages to search.
    searches_pages = 'role="search"' in body and 'placeholder="Tìm trong mọi trang…"' in body
    assert searches_pages == (kind in PAGE_WORKERS), kind
    assert 'value="Search"' not in body


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


# --- Menus: what a role cannot use is not in the page at all ------------------------------------------------


def menu_urls(body: str) -> set[str]:
    """Every URL of the sidebar's menu (Wagtail renders it as JSON for its script)."""
    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', body, re.S)
    return set(re.findall(r'"url": "([^"]*)"', props.group(1)))


DESK_URL, TARGET_CHANGES_URL = "/ho-tro/ghi-nhan/", "/admin/tracking/target-changes/"
TRANSLATION_REPORTS = ("/admin/reports/translation-status/", "/admin/localize/reports/translations/")
PAGE_REPORT = "/admin/reports/guides-past-review/"
LISTINGS = (
    "/admin/snippets/tracking/channel/",
    "/admin/snippets/places/servicepoint/",
    "/admin/snippets/campaigns/metric/",
)


def test_the_routes_named_here_are_the_real_ones():
    assert reverse("assisted_registration") == DESK_URL
    assert reverse("tracking_target_changes") == TARGET_CHANGES_URL
    assert (
        reverse("website_translation_status"),
        reverse("wagtail_localize:translations_report"),
    ) == TRANSLATION_REPORTS
    assert reverse("campaigns_guides_past_review") == PAGE_REPORT
    assert (
        tuple(
            reverse(f"wagtailsnippets_{model}:list")
            for model in ("tracking_channel", "places_servicepoint", "campaigns_metric")
        )
        == LISTINGS
    )


def test_service_point_staff_see_their_form_and_nothing_unrelated(client, ward):
    staff = person("service_point_staff", ward)
    body = home_of(client, staff)
    assert DESK_URL in menu_urls(body)
    for url in (TARGET_CHANGES_URL, PAGE_REPORT, *TRANSLATION_REPORTS, *LISTINGS):
        assert url not in body, url
    # And the views refuse them as the menu does.
    for url in (TARGET_CHANGES_URL, PAGE_REPORT, TRANSLATION_REPORTS[0], *LISTINGS):
        assert client.get(url).status_code in {302, 403}, url


def test_viewers_see_the_dashboard_but_no_target_changes_nor_translation_reports(client, ward):
    viewer = person("viewer", ward)
    body = home_of(client, viewer)
    urls = menu_urls(body)
    assert reverse("insights_dashboard") in urls
    for url in (TARGET_CHANGES_URL, PAGE_REPORT, *TRANSLATION_REPORTS, DESK_URL):
        assert url not in body, url
    assert client.get(TARGET_CHANGES_URL).status_code in {302, 403}
    assert client.get(TRANSLATION_REPORTS[0]).status_code in {302, 403}


@pytest.mark.parametrize("kind", ["culture_office", "ward_editor", "approver", "superuser"])
def test_those_who_work_on_pages_keep_the_reports_and_target_changes(client, ward, kind):
    urls = menu_urls(home_of(client, person(kind, ward)))
    assert {TARGET_CHANGES_URL, PAGE_REPORT, *TRANSLATION_REPORTS} <= urls
    # The desk lets a superuser in (every ward is theirs), and so does the menu.
    assert (DESK_URL in urls) == (kind == "superuser")
    assert client.get(TARGET_CHANGES_URL).status_code == 200


def test_each_role_sees_in_the_menu_what_it_may_open_and_nothing_it_may_not(client, ward):
    """All the menu's items, as the superuser sees them, opened by each person: an item the person may not open is
    absent from their page's HTML (not only refused), an item they see opens."""
    everything = {url for url in menu_urls(home_of(client, person("superuser", ward))) if url.startswith("/")}
    assert len(everything) > 15, everything
    findings = []
    for kind in EXPECTED.keys() - {"superuser"}:
        user = person(kind, ward)
        body = home_of(client, user)
        shown = menu_urls(body)
        # Wagtail's script configuration names its API and base routes for everybody (not an item anyone sees).
        page = re.sub(r'<script id="wagtail-config" type="application/json">.*?</script>', "", body, flags=re.S)
        for url in sorted(everything):
            status = client.get(url).status_code
            if url in shown and status != 200:
                findings.append(f"{kind} sees {url} in the menu but gets {status}")
            # As a whole address (in a link or the menu's JSON): "/admin/pages/" is the start of other routes.
            if status in {302, 403} and f'"{url}"' in page:
                at = page.index(f'"{url}"')
                near = page[at - 100 : at + 40]
                findings.append(f"{kind} may not open {url} ({status}), yet the page has it: {near}")
    assert not findings, "\n".join(findings)


def test_the_admin_carries_loas_name_not_wagtails(client, ward):
    body = home_of(client, person("ward_editor", ward))
    title = re.search(r"<title>(.*?)</title>", body, re.S).group(1)
    assert title.strip().endswith("- Loa") and "Wagtail" not in title
    logo = re.search(r"<template data-wagtail-sidebar-branding-logo>(.*?)</template>", body, re.S).group(1)
    assert 'class="loa-sidebar-logo"' in logo and "Loa" in logo
