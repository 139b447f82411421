"""Who owns content: a campaign's unit, or nobody but the superusers.

The home page, the services index and the pages of a campaign without an owner unit belong to
no unit: ward and province people may look at them, nothing more. A unit's pages are changed by
that unit's people and by those of the units above it, never by a sibling ward or another
province. Every state-changing request goes through the real admin views as a browser would send
it, and the database is compared before and after; the same requests made by a superuser (or by
the owner's culture office) change it, so a refusal is not a malformed request.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, Revision, TaskState, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from campaigns.approval import APPROVERS_GROUP, EDITORS_GROUP
from campaigns.models import CampaignPage, GuidePage, ServiceIndexPage
from campaigns.permissions import UnitScopedPageMixin
from home.models import HomePage
from places.models import AdministrativeUnit, Role
from tests.campaigns.test_approval import guide_form
from tests.factories.campaigns import CampaignPageFactory, GuidePageFactory, home_page
from tests.factories.users import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

PROVINCE, WARD_A, WARD_B, OTHER_PROVINCE = "66", "24133", "24169", "01"  # Đắk Lắk, Buôn Ma Thuột, Ea Kao, Hà Nội


def person(username: str, group: str, unit: AdministrativeUnit, role: Role):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=group))
    MembershipFactory(user=user, unit=unit, role=role)
    return user


@dataclass
class World:
    units: dict
    pages: dict
    people: dict

    def fresh(self, name: str) -> Page:
        return Page.objects.get(pk=self.pages[name].pk).specific


@pytest.fixture
def world(official_units) -> World:
    units = {code: AdministrativeUnit.objects.get(code=code) for code in (PROVINCE, WARD_A, WARD_B, OTHER_PROVINCE)}
    home = home_page()
    services = ServiceIndexPage(title="Dịch vụ công thiết yếu", slug="dich-vu-cong-thiet-yeu")
    home.add_child(instance=services)
    services.save_revision().publish()

    def campaign_with_guide(key: str, unit: AdministrativeUnit | None) -> dict:
        campaign = CampaignPageFactory(title=f"Chiến dịch {key}", slug=f"chien-dich-{key}", owner_unit=unit)
        guide = GuidePageFactory(parent=campaign, title=f"Hướng dẫn {key}", slug=f"huong-dan-{key}")
        return {f"campaign_{key}": campaign, f"guide_{key}": guide}

    pages = {"home": home, "services": services}
    pages |= campaign_with_guide("quoc-gia", None)
    pages |= campaign_with_guide("tinh", units[PROVINCE])
    pages |= campaign_with_guide("a", units[WARD_A])
    pages |= campaign_with_guide("b", units[WARD_B])
    pages |= campaign_with_guide("ha-noi", units[OTHER_PROVINCE])
    people = {
        "approver_b": person("duyet.eakao", APPROVERS_GROUP, units[WARD_B], Role.APPROVER),
        "editor_b": person("bientap.eakao", EDITORS_GROUP, units[WARD_B], Role.WARD_EDITOR),
        "culture_hanoi": person("vanhoa.hanoi", EDITORS_GROUP, units[OTHER_PROVINCE], Role.CULTURE_OFFICE),
        "culture_daklak": person("vanhoa.daklak", EDITORS_GROUP, units[PROVINCE], Role.CULTURE_OFFICE),
        "approver_a": person("duyet.buonmathuot", APPROVERS_GROUP, units[WARD_A], Role.APPROVER),
        "approver_daklak": person("duyet.daklak", APPROVERS_GROUP, units[PROVINCE], Role.APPROVER),
        "approver_hanoi": person("duyet.hanoi", APPROVERS_GROUP, units[OTHER_PROVINCE], Role.APPROVER),
        "superuser": UserFactory(username="quantri", is_superuser=True),
    }
    return World(units=units, pages=pages, people=people)


def snapshot():
    """What a refused request must leave as it was: every page's place and state, revisions, workflows."""
    pages = Page.objects.order_by("pk").values_list(
        "pk", "path", "live", "has_unpublished_changes", "title", "draft_title", "latest_revision_id", "locked"
    )
    return list(pages), Revision.objects.count(), WorkflowState.objects.count(), TaskState.objects.count()


# --- The requests: each builds a well-formed POST for one page ------------------------------------


def page_form(page: Page, title: str) -> dict:
    if isinstance(page, GuidePage):
        return guide_form(title, slug=page.slug)
    if isinstance(page, HomePage):
        fields = {"title": title, "slug": page.slug, "intro": page.intro, "top_tasks": inline_formset([])}
        return nested_form_data({**fields, "body": rich_text("<p>Nội dung.</p>")})
    if isinstance(page, ServiceIndexPage):
        return nested_form_data({"title": title, "slug": page.slug, "intro": rich_text("<p>Danh mục.</p>")})
    raise AssertionError(f"no form for {type(page).__name__}")


def save_draft(client: Client, page: Page, destination: Page | None):
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), page_form(page, "Bản nháp lạ"))


def publish(client: Client, page: Page, destination: Page | None):
    data = {**page_form(page, "Đã bị xuất bản"), "action-publish": "1"}
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def unpublish(client: Client, page: Page, destination: Page | None):
    return client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]), {})


def delete(client: Client, page: Page, destination: Page | None):
    data = {"confirm_site_name": settings.WAGTAIL_SITE_NAME}
    return client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]), data)


def move(client: Client, page: Page, destination: Page | None):
    return client.post(reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk]))


def copy(client: Client, page: Page, destination: Page | None):
    data = {
        "new_title": "Bản sao lạ",
        "new_slug": "ban-sao-la",
        "new_parent_page": destination.pk,
        "publish_copies": "on",
    }
    return client.post(reverse("wagtailadmin_pages:copy", args=[page.pk]), data)


def add_campaign(client: Client, page: Page, destination: Page | None):
    url = reverse("wagtailadmin_pages:add", args=["campaigns", "campaignpage", page.pk])
    data = nested_form_data(
        {
            "title": "Chiến dịch lạ",
            "slug": "chien-dich-la",
            "owner_unit": destination.pk if destination is not None else "",
            "intro": "",
            "goal": rich_text(""),
            "starts_on": "",
            "ends_on": "",
            "targets": inline_formset([]),
            "fallback_page": "",
        }
    )
    return client.post(url, {**data, "action-publish": "1"})


def add_guide(client: Client, page: Page, destination: Page | None):
    url = reverse("wagtailadmin_pages:add", args=["campaigns", "guidepage", page.pk])
    return client.post(url, {**guide_form("Hướng dẫn lạ", slug="huong-dan-la"), "action-publish": "1"})


Request = Callable[[Client, Page, Page | None], object]
PAGE_ACTIONS: list[Request] = [save_draft, publish, unpublish, copy, move, delete]
SINGLETON_ACTIONS: list[Request] = [save_draft, publish, unpublish, delete]  # neither can be moved nor copied


def requests_against(world: World, who: str) -> list[tuple[str, Request, str, str | None]]:
    """(page, request, what it is, destination page) for everything `who` must not do.

    Moves and copies go to the person's own campaign, where they may add pages: only the page's
    owner can be the reason for the refusal. Their own guide may not go into a page of no unit either.
    """
    own_campaign = {"culture_hanoi": "campaign_ha-noi"}.get(who, "campaign_b")
    own_guide = {"culture_hanoi": "guide_ha-noi"}.get(who, "guide_b")
    others = ["guide_quoc-gia", "guide_tinh", "guide_a"] + (["guide_b"] if who == "culture_hanoi" else [])
    rows = [("home", action, action.__name__, None) for action in SINGLETON_ACTIONS]
    rows += [("services", action, action.__name__, None) for action in SINGLETON_ACTIONS]
    rows += [("home", add_campaign, "thêm chiến dịch dưới trang chủ", None)]
    rows += [("campaign_quoc-gia", add_guide, "thêm hướng dẫn vào chiến dịch không đơn vị", None)]
    for guide in others:
        rows += [(guide, action, action.__name__, own_campaign) for action in PAGE_ACTIONS]
    rows += [(own_guide, move, "chuyển vào chiến dịch không đơn vị", "campaign_quoc-gia")]
    rows += [(own_guide, copy, "chép vào chiến dịch không đơn vị", "campaign_quoc-gia")]
    return rows


@pytest.mark.parametrize("who", ["approver_b", "editor_b", "culture_hanoi"])
def test_nobody_but_the_owner_changes_pages_of_no_unit_or_of_another_unit(client, world, who):
    client.force_login(world.people[who])
    changed, sent = [], 0
    for name, action, label, destination in requests_against(world, who):
        page = world.fresh(name)
        before = snapshot()
        response = action(client, page, world.fresh(destination) if destination else None)
        sent += 1
        # A refusal is a redirect, a 403, or the form again with an error (a copy to a forbidden parent).
        assert response.status_code in {200, 302, 403, 404, 405}, (who, name, label, response.status_code)
        if snapshot() != before:
            changed.append(f"{label} {name}")
    assert sent >= 30
    assert not changed, f"{who} changed: {changed}"


def test_a_superuser_makes_the_same_requests_and_they_take_effect(client, world):
    """The requests above are well formed: the same ones, from a superuser, change the database."""
    client.force_login(world.people["superuser"])
    rows = [
        ("services", save_draft, None),
        ("services", publish, None),
        ("services", unpublish, None),
        ("guide_quoc-gia", save_draft, None),
        ("guide_quoc-gia", publish, None),
        ("guide_quoc-gia", copy, "campaign_b"),
        ("guide_quoc-gia", move, "campaign_b"),
        ("guide_quoc-gia", unpublish, None),
        ("guide_quoc-gia", delete, None),
        ("campaign_quoc-gia", add_guide, None),
        ("services", delete, None),
        ("home", save_draft, None),
        ("home", publish, None),
        ("home", add_campaign, "tinh"),
        ("home", unpublish, None),
        ("home", delete, None),
    ]
    for name, action, destination in rows:
        page = world.fresh(name)
        target = world.units[PROVINCE] if destination == "tinh" else world.fresh(destination) if destination else None
        before = snapshot()
        response = action(client, page, target)
        assert response.status_code == 302, (name, action.__name__, response.status_code)
        assert snapshot() != before, f"{action.__name__} {name} changed nothing"
        if action is add_campaign:
            created = CampaignPage.objects.filter(slug="chien-dich-la", live=True)
            assert created.filter(owner_unit=world.units[PROVINCE]).exists()


def test_the_owning_provinces_culture_office_edits_its_campaign(client, world):
    client.force_login(world.people["culture_daklak"])
    for name in ("guide_tinh", "guide_a"):  # the province's own guide, and a guide of a ward below it
        page = world.fresh(name)
        response = save_draft(client, page, None)
        assert response.status_code == 302
        page = world.fresh(name)
        assert page.has_unpublished_changes and page.draft_title == "Bản nháp lạ"
        assert page.live and page.title == f"Hướng dẫn {name.removeprefix('guide_')}", "a draft went live"
    response = add_guide(client, world.fresh("campaign_tinh"), None)
    assert GuidePage.objects.child_of(world.pages["campaign_tinh"]).filter(slug="huong-dan-la").exists()


def test_a_campaign_names_its_unit_and_only_one_its_editor_writes_for(client, world):
    campaign = world.fresh("campaign_tinh")
    client.force_login(world.people["culture_daklak"])
    edit = reverse("wagtailadmin_pages:edit", args=[campaign.pk])
    data = nested_form_data(
        {
            "title": campaign.title,
            "slug": campaign.slug,
            "intro": "",
            "goal": rich_text(""),
            "starts_on": "",
            "ends_on": "",
            "targets": inline_formset([]),
            "fallback_page": "",
        }
    )
    revisions = Revision.objects.count()
    for owner in ("", world.units[OTHER_PROVINCE].pk):
        response = client.post(edit, {**data, "owner_unit": owner})
        assert response.status_code == 200 and 'name="owner_unit"' in response.content.decode()
        assert Revision.objects.count() == revisions, f"a campaign was saved with owner {owner!r}"
    response = client.post(edit, {**data, "owner_unit": world.units[WARD_A].pk})
    assert response.status_code == 302
    assert Revision.objects.count() == revisions + 1


def test_a_draft_naming_another_unit_does_not_move_the_page_before_approval(world):
    """Permissions follow the published owner: a draft cannot hand a campaign to another unit (or to nobody)."""
    campaign = world.fresh("campaign_a")
    campaign.owner_unit = None
    campaign.save_revision()
    draft = Page.objects.get(pk=campaign.pk).get_latest_revision_as_object()
    assert draft.owner_unit is None
    assert draft.permissions_for_user(world.people["approver_a"]).can_publish()
    assert not draft.permissions_for_user(world.people["approver_b"]).can_publish()


def submit(client: Client, user, page: Page) -> WorkflowState:
    client.force_login(user)
    data = {**guide_form("Bản trình duyệt", slug=page.slug), "action-submit": "1"}
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    state = Page.objects.get(pk=page.pk).current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    return state


def approve(client: Client, user, page: Page, state: WorkflowState):
    client.force_login(user)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.current_task_state.pk])
    return client.post(url, {"comment": "Đồng ý"})


@pytest.mark.parametrize(
    ("page", "submitter", "refused", "allowed"),
    [
        ("guide_quoc-gia", "superuser", ["approver_b", "approver_daklak"], "superuser"),
        ("guide_tinh", "culture_daklak", ["approver_b", "approver_a", "approver_hanoi"], "approver_daklak"),
    ],
)
def test_a_ward_approver_approves_neither_national_nor_province_pages(client, world, page, submitter, refused, allowed):
    guide = world.fresh(page)
    state = submit(client, world.people[submitter], guide)
    for who in refused:
        before = snapshot()
        approve(client, world.people[who], guide, state)
        assert snapshot() == before, f"{who} approved {page}"
    approve(client, world.people[allowed], guide, state)
    guide = world.fresh(page)
    assert guide.live and guide.title == "Bản trình duyệt" and not guide.has_unpublished_changes


@pytest.mark.parametrize(
    ("page", "submitter", "told"),
    [
        ("guide_a", "superuser", {"approver_a", "approver_daklak"}),
        ("guide_tinh", "culture_daklak", {"approver_daklak"}),
        ("guide_quoc-gia", "superuser", set()),
    ],
)
def test_a_submission_is_emailed_only_to_approvers_of_the_pages_unit_and_above(client, world, page, submitter, told):
    mail.outbox.clear()
    submit(client, world.people[submitter], world.fresh(page))
    recipients = {address for message in mail.outbox for address in message.to}
    approvers = {name for name in world.people if name.startswith("approver_")}
    assert recipients & {world.people[name].email for name in approvers} == {world.people[name].email for name in told}
    if told:
        assert any("Bản trình duyệt" in message.subject + message.body for message in mail.outbox)


def test_every_page_type_is_scoped_to_its_unit():
    from wagtail.models import get_page_models

    models = [model for model in get_page_models() if model is not Page]
    assert {model.__name__ for model in models} >= {"HomePage", "ServiceIndexPage", "CampaignPage", "GuidePage"}
    assert [model.__name__ for model in models if not issubclass(model, UnitScopedPageMixin)] == []


def test_a_ward_sees_the_provinces_campaign_and_its_own_but_not_another_wards(client, world):
    client.force_login(world.people["editor_b"])
    html = client.get(reverse("wagtailadmin_explore", args=[world.pages["home"].pk])).content.decode()

    def listed(name: str) -> bool:
        return f'href="{reverse("wagtailadmin_explore", args=[world.pages[name].pk])}"' in html

    assert listed("campaign_b") and listed("campaign_tinh") and listed("campaign_quoc-gia")
    assert not listed("campaign_a") and not listed("campaign_ha-noi")
