"""The permission matrix: every admin URL and every public endpoint, for every kind of person.

The URLs come from Django's resolver, not from a list typed here: a view added tomorrow is
walked tomorrow. Each URL that takes an object is filled with an object of ward A and then
of ward B (a page, a placement, a service point, a membership, a target change, a pack…).
For each person the test asserts:

- no 2xx on a URL bound to an object of a unit the person does not cover;
- no 2xx on any admin URL for an anonymous visitor (but the login and password-reset pages);
- no 2xx response anywhere (listings, dashboards, choosers, reports, public pages) that shows
  a private marker of a unit the person does not cover: a placement's spot, a draft's title,
  a membership's username, a target change's address.

It prints a summary. It is slow (a few thousand requests), so it runs in the PostgreSQL job of
`.ci/run` only (marker `matrix`).
"""

import re
from collections import Counter
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.models import Page

from campaigns.approval import APPROVERS_GROUP, EDITORS_GROUP
from media_kit.models import Pack, PrintFormat, PrintOrder, PrintOrderLine
from media_kit.orders import print_shop_token
from places.models import AdministrativeUnit, Membership, Role, ServicePoint
from tests.factories.campaigns import CampaignPageFactory, GuidePageFactory
from tests.factories.places import ServicePointFactory
from tests.factories.tracking import placement
from tests.factories.users import MembershipFactory, UserFactory
from tracking.target_changes import request_target_change

pytestmark = [pytest.mark.django_db, pytest.mark.matrix]

WARDS = {"A": "24133", "B": "24169"}
PROVINCE = "66"

# Admin pages an anonymous visitor must be able to open.
ANONYMOUS_ADMIN_ALLOWED = re.compile(r"^admin/(login|password_reset|otp|two-factor|hai-buoc|jsi18n)")
# GETs with side effects or that end the session: not walked.
NOT_WALKED = re.compile(
    r"(logout|axes|/session|^admin/sprite|^admin/icons|^admin/dismissibles|^admin/error-test|^admin/failwhale)"
)
# Page-tree browsing is open to every editor in Wagtail (explore permission); the pages' own
# content and actions are what a unit protects. A draft's title must still not leak (markers).
CROSS_UNIT_BROWSING = re.compile(r"^admin/(pages/(\(\?P<parent_page_id>|<int:parent_page_id>)|choose)")


def says_nothing(url_name: str, body: str) -> bool:
    """A 2xx that shows nothing of the object: Wagtail's publish-time check when no workflow is in progress."""
    return url_name.endswith("confirm_workflow_cancellation") and '"no_confirmation_needed"' in body


@dataclass
class World:
    units: dict
    people: dict
    covers: dict  # person → set of ward letters whose private things they may see
    objects: dict  # (kind, letter) → object
    markers: dict  # letter → list of private strings
    skipped: Counter = field(default_factory=Counter)


def member(username: str, unit, role: Role, *groups: str):
    from django.contrib.auth.models import Group

    user = UserFactory(username=username)
    MembershipFactory(user=user, unit=unit, role=role)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def world(official_units) -> World:
    units = {letter: AdministrativeUnit.objects.get(code=code) for letter, code in WARDS.items()}
    province = AdministrativeUnit.objects.get(code=PROVINCE)
    culture = member("vanhoa.tinh", province, Role.CULTURE_OFFICE)
    objects, markers = {}, {}
    for letter, unit in units.items():
        secret = f"BIMAT{letter}Q7"
        campaign = CampaignPageFactory(title=f"Chiến dịch phường {letter}", owner_unit=unit)
        guide = GuidePageFactory(
            parent=campaign, title=f"Hướng dẫn phường {letter}", slug=f"huong-dan-{letter.lower()}"
        )
        draft = GuidePageFactory(parent=campaign, title=f"Bản nháp {secret}", slug=f"nhap-{letter.lower()}", live=False)
        revision = guide.save_revision()
        poster = placement(unit=unit, campaign=campaign, target_page=guide, spot=f"Nhà văn hóa {secret}")
        # Through the service, so that Wagtail's log holds an entry naming the placement (and its spot).
        change = request_target_change(
            placement=poster, to_page=None, to_url=f"https://dichvucong.gov.vn/{secret.lower()}", user=culture
        )
        point = ServicePointFactory(unit=unit, name=f"Bộ phận Một cửa phường {letter}")
        quiet = UserFactory(username=f"nguoi.{secret.lower()}")
        membership = MembershipFactory(user=quiet, unit=unit, role=Role.VIEWER)
        pack = Pack.objects.create(campaign=campaign, unit_codes=unit.code, requested_by=culture)
        # A print order whose delivery address is private to the ward (its print-shop link: not yet approved).
        order = PrintOrder.objects.create(
            campaign=campaign, unit=unit, delivery_address=f"Kho {secret}", submitted_by=culture
        )
        PrintOrderLine.objects.create(
            order=order, print_format=PrintFormat.objects.get(slug="ap-phich-a3"), ward=unit, quantity=5
        )
        objects.update(
            {
                ("campaign", letter): campaign,
                ("guide", letter): guide,
                ("draft", letter): draft,
                ("revision", letter): revision,
                ("placement", letter): poster,
                ("targetchange", letter): change,
                ("servicepoint", letter): point,
                ("membership", letter): membership,
                ("pack", letter): pack,
                ("printorder", letter): order,
            }
        )
        markers[letter] = [secret, poster.short_code, secret.lower()]
    people = {
        "anonymous": None,
        "editor_a": member("bientap.a", units["A"], Role.WARD_EDITOR),
        "staff_a": member("canbo.a", units["A"], Role.SERVICE_POINT_STAFF),
        "editor_b": member("bientap.b", units["B"], Role.WARD_EDITOR),
        "approver_b": member("duyet.b", units["B"], Role.APPROVER),
        "culture_office": culture,
        "superuser": UserFactory(username="quantri", is_superuser=True),
    }
    # Editors and approvers join the page groups through their memberships (places.roles);
    # make sure of it here, so that the matrix tests the unit rules and not a missing group.
    for name, group in (("editor_a", EDITORS_GROUP), ("editor_b", EDITORS_GROUP), ("approver_b", APPROVERS_GROUP)):
        from django.contrib.auth.models import Group

        people[name].groups.add(Group.objects.get(name=group))
    covers = {
        "anonymous": set(),
        "editor_a": {"A"},
        "staff_a": {"A"},
        "editor_b": {"B"},
        "approver_b": {"B"},
        "culture_office": {"A", "B"},
        "superuser": {"A", "B"},
    }
    return World(units=units, people=people, covers=covers, objects=objects, markers=markers)


def walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), f"{namespace}:{entry.name}" if namespace else (entry.name or "")


PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\(\?P<(?P<rname>\w+)>[^)]*\)")

PAGE_PARAMETERS = {"page_id", "parent_page_id", "page_to_move_id", "page_pk", "destination_id", "pk_page"}


def object_for(name: str, url_name: str, world: World, letter: str):
    """The object of ward `letter` that a URL parameter names, or None when this test has none to give."""
    if name == "destination_id":
        return world.objects[("campaign", letter)].pk, letter
    if name in PAGE_PARAMETERS:
        kind = "draft" if "revisions" not in url_name and "draft" in url_name else "guide"
        return world.objects[(kind, letter)].pk, letter
    if name in {"revision_id"}:
        return world.objects[("revision", letter)].pk, letter
    if name == "pack_id":
        return world.objects[("pack", letter)].pk, letter
    if name == "token":  # the print shop's public link: it needs no account, so it is bound to no ward
        return print_shop_token(world.objects[("printorder", letter)]), None
    if name == "change_id":
        return world.objects[("targetchange", letter)].pk, letter
    if name in {"pk", "object_id"}:
        for kind in ("placement", "servicepoint", "membership", "targetchange", "pack", "printorder"):
            if f"_{kind}:" in url_name or url_name.endswith(f"_{kind}"):
                return world.objects[(kind, letter)].pk, letter
        if url_name.startswith("wagtailadmin_pages") or "page" in url_name:
            return world.objects[("guide", letter)].pk, letter
        return None
    if name == "app_label":
        return "tracking", None
    if name == "model_name":
        return "placement", None
    if name in {"content_type_app_name", "app_name"}:
        return "tracking", None
    if name == "content_type_model_name":
        return "placement", None
    return None


def concrete_urls(world: World):
    """(url, url name, ward letter the URL is bound to or None) for every admin and public route."""
    for pattern, url_name in walk(get_resolver().url_patterns):
        if NOT_WALKED.search(pattern) or pattern.startswith(("static/", "media/", "__")):
            continue
        parameters = [match.group("name") or match.group("rname") for match in PARAMETER.finditer(pattern)]
        letters = ["A", "B"] if parameters else [None]
        for letter in letters:
            values, bound = {}, None
            for parameter in parameters:
                found = object_for(parameter, url_name, world, letter)
                if found is None:
                    break
                values[parameter], ward = found
                bound = bound or ward
            else:
                path = PARAMETER.sub(
                    lambda match, v=values: str(v[match.group("name") or match.group("rname")]), pattern
                )
                path = path.replace("^", "").replace("$", "").replace("\\", "")
                if "(" in path or "[" in path or "?" in path:
                    world.skipped["pattern too irregular to fill"] += 1
                    break
                yield "/" + path, url_name, bound, pattern
                continue
            world.skipped["no object for a parameter"] += 1
            break


def test_nobody_reaches_what_is_not_theirs(world, capsys):
    urls = list(concrete_urls(world))
    clients = {}
    for person, user in world.people.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        clients[person] = client

    problems, statuses = [], Counter()
    for person, client in clients.items():
        hidden = [
            marker for letter in ("A", "B") if letter not in world.covers[person] for marker in world.markers[letter]
        ]
        for url, url_name, bound, pattern in urls:
            is_admin = url.startswith("/admin/")
            try:
                response = client.get(url, HTTP_USER_AGENT="Mozilla/5.0 (matrix)")
            except Exception as error:  # a view that crashes is a finding too
                problems.append(f"{person} GET {url} raised {type(error).__name__}: {error}")
                continue
            statuses[(person, response.status_code // 100)] += 1
            if not 200 <= response.status_code < 300:
                continue
            if person == "anonymous" and is_admin and not ANONYMOUS_ADMIN_ALLOWED.match(url.lstrip("/")):
                problems.append(f"anonymous got {response.status_code} on {url} ({url_name})")
                continue
            textual = response.get("Content-Type", "").startswith(("text/", "application/json"))
            body = response.content.decode("utf-8", "replace") if textual and not response.streaming else ""
            foreign = bound is not None and bound not in world.covers[person] and is_admin
            if foreign and not CROSS_UNIT_BROWSING.match(pattern) and not says_nothing(url_name, body):
                problems.append(f"{person} got {response.status_code} on ward {bound}'s {url} ({url_name})")
                continue
            if body:
                leaked = [marker for marker in hidden if marker in body]
                if leaked:
                    problems.append(f"{person} saw {leaked} on {url} ({url_name})")

    with capsys.disabled():
        print(f"\npermission matrix: {len(urls)} URLs × {len(clients)} people = {sum(statuses.values())} requests")
        for person in world.people:
            counts = {f"{kind}xx": statuses[(person, kind)] for kind in (2, 3, 4, 5) if statuses[(person, kind)]}
            print(f"  {person:<15} {counts}")
        print(f"  routes not walked: {dict(world.skipped)}; unexpected: {len(problems)}")
    assert not problems, "\n".join(problems[:80])


def test_the_matrix_walks_the_unit_scoped_admin(world):
    """The walk above must actually reach the per-object views it claims to check."""
    names = {url_name for _url, url_name, bound, _pattern in concrete_urls(world) if bound}
    assert "wagtailsnippets_tracking_placement:edit" in names
    assert "wagtailsnippets_places_servicepoint:edit" in names
    assert "wagtailsnippets_places_membership:edit" in names
    assert "wagtailadmin_pages:edit" in names
    assert "media_kit_pack" in names
    assert {"media_kit_printorder:detail", "media_kit_printorder:sheet_xlsx"} <= names
    assert Page.objects.filter(title__contains="BIMATAQ7", live=False).exists()
    assert ServicePoint.objects.filter(unit=world.units["A"]).exists()
    assert Membership.objects.filter(user__username="nguoi.bimataq7").exists()
