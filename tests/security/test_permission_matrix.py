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

Every URL pattern gets an object (of ward A and of ward B when the object belongs to a unit; one national
object otherwise: a channel, a locale, an image…) or a stated reason in `NOT_FILLED`; a pattern with neither fails
the test. No answer may be a server error (5xx).

It prints a summary. It is slow (a few thousand requests), so it runs in the PostgreSQL job of
`.ci/run` only (marker `matrix`).
"""

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pytest
import wagtail_factories
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Collection, Locale, Page, Site, Task
from wagtail_localize.models import Translation
from wagtailmedia.models import get_media_model

from campaigns.approval import APPROVERS_GROUP, EDITORS_GROUP, ensure_approval_workflow
from campaigns.models import Metric
from insights.dashboard_tables import table_slugs
from insights.models import BroadcastAiring, MonthlyReport, RolloutPlan, RolloutStatus, RolloutWard
from languages.translations import translate_page
from media_kit.models import Pack, PrintFormat, PrintOrder, PrintOrderLine, PrintTemplate
from media_kit.orders import print_shop_token
from places.models import AdministrativeUnit, Membership, Role, ServicePoint
from search.models import PinnedSearchResult, SearchSynonym
from tests.factories.campaigns import CampaignPageFactory, GuidePageFactory, PublicServiceFactory
from tests.factories.places import ServicePointFactory, VillageFactory
from tests.factories.tracking import loudspeaker_channel, placement
from tests.factories.users import MembershipFactory, UserFactory
from tests.website.admin_text import KNOWN_GAPS, untranslated
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
CROSS_UNIT_BROWSING = re.compile(
    r"^admin/(pages/(\(\?P<parent_page_id>|<int:parent_page_id>)|choose"
    # The administrative tree is reference data that the government publishes (names, codes, parents): anyone on
    # the staff may read and choose any unit; what a unit protects is editing its villages, which the walk checks.
    r"|snippets/places/administrativeunit/inspect/|snippets/choose/places/administrativeunit/chosen/)"
)
# The readiness probe answers 503 when a dependency is not ready; in this walk, the scans it makes leave a spool
# that no worker drains, and the probe rightly reports it after a few minutes.
NOT_READY_IS_AN_ANSWER = {"readyz"}


# Admin URLs whose 2xx answer is not the admin's own text, so not read for English strings.
NOT_ADMIN_TEXT = {
    # The public page in the translation's language (the English translation shows the site's English words).
    "wagtail_localize:preview_translation",
}
# English that no catalogue can reach: Wagtail's Locale model has no verbose name, so Django derives "locales"
# from the class name; it shows only to superusers, in the breadcrumb of a locale's history and usage pages.
NO_CATALOGUE_REACHES = {
    "Locales",
    # The same model, singular: the subtitle of "add a locale" and a heading of a group's permissions (superusers).
    "Locale",
    # wagtail-localize's LocaleSynchronization.enabled has no verbose name: Django derives the label from the field's
    # name, on the superuser's locale form.
    "Enabled",
    # Wagtail's page-permission and workflow forms declare a `page` chooser field without a label: Django derives
    # "Page" (a visually hidden label, superusers' group and workflow forms).
    "Page",
}


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
    skipped: Counter = field(default_factory=Counter)  # patterns not filled, with a reason (NOT_FILLED)
    unfilled: set = field(default_factory=set)  # patterns neither filled nor given a reason: a failure


def member(username: str, unit, role: Role, *groups: str):
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
    loudspeaker = loudspeaker_channel()
    approval = ensure_approval_workflow()
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
        airing = BroadcastAiring.objects.create(
            channel=loudspeaker, unit=unit, aired_at=timezone.now(), note=f"Bản tin {secret}"
        )
        report = MonthlyReport.objects.create(unit=unit, month=dt.date(2026, 10, 1), requested_by=culture)
        # A roll-out plan of the ward (its name is private to the ward's readers) with one ward row.
        rollout = RolloutPlan.objects.create(
            name=f"Kế hoạch {secret}",
            campaign=campaign,
            unit=unit,
            metric=Metric.objects.order_by("pk").first() or Metric.objects.create(slug="m", name="VNeID"),
            waves=2,
            wave_length=1,
            first_wave_start=dt.date(2027, 1, 4),
            seed=20261203,
            effect_size=5,
        )
        rollout.channels.add(loudspeaker)
        RolloutWard.objects.create(plan=rollout, unit=unit, wave=1, planned_start=dt.date(2027, 1, 4))
        # A finished plan as well: the dashboard's headline names it, to the ward's readers only.
        finished = RolloutPlan.objects.create(
            name=f"Kết quả {secret}",
            campaign=campaign,
            unit=unit,
            metric=rollout.metric,
            waves=2,
            wave_length=1,
            first_wave_start=dt.date(2026, 1, 5),
            seed=20261203,
            effect_size=5,
            status=RolloutStatus.FINISHED,
        )
        finished.channels.add(loudspeaker)
        template = PrintTemplate.objects.create(campaign=campaign, headline=f"Khẩu hiệu {letter}", body="Nội dung")
        draft.save_revision()
        workflow_state = approval.workflow.start(draft, culture)
        translate_page(page=guide, language_code="en", strings={})
        translation = Translation.objects.get(
            source__object_id=guide.translation_key, target_locale__language_code="en"
        )
        objects.update(
            {
                ("unit", letter): unit,
                ("village", letter): VillageFactory(parent=unit, name=f"Thôn {letter}"),
                ("airing", letter): airing,
                ("report", letter): report,
                ("rolloutplan", letter): rollout,
                ("template", letter): template,
                ("user", letter): quiet,
                ("workflowstate", letter): workflow_state,
                ("taskstate", letter): workflow_state.current_task_state,
                ("translation", letter): translation,
            }
        )
        markers[letter] = [secret, poster.short_code, secret.lower()]
    guide_a = objects[("guide", "A")]
    objects.update(
        {
            # National objects (no unit): walked once, for every person.
            ("channel", None): loudspeaker,
            ("printformat", None): PrintFormat.objects.order_by("pk").first(),
            ("metric", None): Metric.objects.order_by("pk").first() or Metric.objects.create(slug="m", name="VNeID"),
            ("publicservice", None): PublicServiceFactory(),
            ("searchsynonym", None): SearchSynonym.objects.create(terms="giấy khai sinh, khai sinh"),
            ("pinnedsearchresult", None): PinnedSearchResult.objects.create(query="lam cccd", page=guide_a),
            ("image", None): wagtail_factories.ImageFactory(title="Ảnh áp phích"),
            ("document", None): wagtail_factories.DocumentFactory(title="Tài liệu hướng dẫn"),
            ("media", None): get_media_model().objects.create(
                title="Bản tin loa", type="audio", duration=30, file=ContentFile(b"ID3", name="ban-tin.mp3")
            ),
            ("redirect", None): Redirect.objects.create(old_path="/huong-dan-cu", redirect_link="/"),
            ("collection", None): Collection.get_first_root_node(),
            ("locale", None): Locale.get_default(),
            ("site", None): Site.objects.order_by("pk").first(),
            ("group", None): Group.objects.get(name=EDITORS_GROUP),
            ("workflow", None): approval.workflow,
            ("task", None): Task.objects.filter(workflow_tasks__workflow=approval.workflow).first(),
        }
    )
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

# What a `pk` names, by the URL's name: (fragment of the URL name, kind of object). The first match wins.
PK_KINDS = [
    ("insights_rollout", "rolloutplan"),
    ("broadcastairing:", "airing"),
    ("administrativeunit", "village"),
    ("places_unit_language", "unit"),
    ("printtemplate", "template"),
    ("printformat", "printformat"),
    ("campaigns_metric", "metric"),
    ("publicservice", "publicservice"),
    ("wagtailapi:services", "publicservice"),
    ("searchsynonym", "searchsynonym"),
    ("pinnedsearchresult", "pinnedsearchresult"),
    ("tracking_channel", "channel"),
    ("documents", "document"),
    ("wagtaildocs", "document"),
    ("images", "image"),
    ("wagtailimages", "image"),
    ("wagtailadmin_collections", "collection"),
    ("wagtailadmin_workflows:edit_task", "task"),
    ("wagtailadmin_workflows:disable_task", "task"),
    ("wagtailadmin_workflows:enable_task", "task"),
    ("wagtailadmin_workflows", "workflow"),
    ("wagtaillocales", "locale"),
    ("wagtailsites", "site"),
    ("wagtailusers_groups", "group"),
    ("wagtailusers_users", "user"),
]
# Other parameters, by name: the kind of object, or a value that names no object.
PARAMETER_KINDS = {
    "report_id": "report",
    "placement_id": "placement",
    "template_id": "template",
    "image_id": "image",
    "document_id": "document",
    "doc_id": "document",
    "media_id": "media",
    "redirect_id": "redirect",
    "collection_id": "collection",
    "task_state_id": "taskstate",
    "workflow_state_id": "workflowstate",
    "task_id": "task",
    "workflow_pk": "workflow",
    "translation_id": "translation",
    "user_id": "user",
}
PLAIN_VALUES = {
    "app_label": "tracking",
    "model_name": "placement",
    "content_type_app_name": "tracking",
    "app_name": "tracking",
    "content_type_model_name": "placement",
    "fmt": "csv",
    "kind": "pdf",
    "action": "delete",
    "action_name": "approve",
    "filter_spec": "original",
    "mode": "",
    "revision_id_a": "earliest",
    "revision_id_b": "latest",
    "media_type": "audio",
    "wave": "1",
}
# Patterns the matrix does not fill, and why (a pattern neither filled nor listed here fails the test).
UPLOADING = "an upload in progress exists only between two requests of its uploader"
EDITING_SESSION = "an editing session is opened by the page editor's script; POST only"
NO_SETTINGS = "Loa registers no settings model: the route answers 404 for every name"
NOT_FILLED = {
    "wagtail_serve": "the page tree's catch-all: each guide's and draft's public URL is walked instead (extra_urls)",
    "wagtaildocs_serve": "a document's file: the document's own URL is walked instead (extra_urls)",
    "wagtailadmin_password_reset_confirm": "a token that exists only in a reset email",
    "wagtailimages:create_multiple_from_uploaded_image": UPLOADING,
    "wagtailimages:delete_upload_multiple": UPLOADING,
    "wagtaildocs:create_multiple_from_uploaded_document": UPLOADING,
    "wagtaildocs:delete_upload_multiple": UPLOADING,
    "wagtailadmin_editing_sessions:ping": EDITING_SESSION,
    "wagtailadmin_editing_sessions:release": EDITING_SESSION,
    "wagtailcore_authenticate_with_password": "Loa restricts no page by password (no PageViewRestriction anywhere)",
    "wagtaildocs_authenticate_with_password": "Loa restricts no collection by password (no CollectionViewRestriction)",
    "wagtailsettings:edit": NO_SETTINGS,
    "wagtailsettings:preview_on_edit": NO_SETTINGS,
    "wagtail_localize:edit_string_translation": "a segment open in wagtail-localize's editor (its script POSTs)",
    "wagtail_localize:edit_override": "Loa's pages have no overridable segment (no image or link blocks to override)",
}


def object_for(name: str, url_name: str, world: World, letter: str):
    """(value, ward letter or None) for a URL parameter, or None when the matrix has none to give."""
    objects = world.objects
    if name == "destination_id":
        return objects[("campaign", letter)].pk, letter
    if name in PAGE_PARAMETERS:
        kind = "draft" if ("draft" in url_name or "workflow" in url_name) and "revisions" not in url_name else "guide"
        return objects[(kind, letter)].pk, letter
    if name == "revision_id":
        return objects[("revision", letter)].pk, letter
    if name == "pack_id":
        return objects[("pack", letter)].pk, letter
    if name == "campaign_id":  # the pack form's sample picture: the ward's campaign
        return objects[("campaign", letter)].pk, letter
    if name == "unit_code":  # …for that ward
        return objects[("unit", letter)].code, letter
    if name == "token":  # the print shop's public link: it needs no account, so it is bound to no ward
        return print_shop_token(objects[("printorder", letter)]), None
    if name == "change_id":
        return objects[("targetchange", letter)].pk, letter
    if name == "translation_source_id":
        return objects[("translation", letter)].source_id, letter
    if name == "code":
        if url_name == "scan":
            return objects[("placement", letter)].short_code, None
        return objects[("unit", letter)].code, None
    if name == "slug" and url_name == "insights_export":
        return table_slugs()[0], None
    if name == "format_slug":
        return objects[("printformat", None)].slug, None
    if name in PARAMETER_KINDS:
        return _object(world, PARAMETER_KINDS[name], letter)
    if name in {"pk", "object_id"}:
        for kind in ("placement", "servicepoint", "membership", "targetchange", "pack", "printorder"):
            if f"_{kind}:" in url_name or url_name.endswith(f"_{kind}"):
                return objects[(kind, letter)].pk, letter
        for fragment, kind in PK_KINDS:
            if fragment in url_name:
                return _object(world, kind, letter)
        if "snippets_api_detail" in url_name or "submit_snippet_translation" in url_name:
            return objects[("placement", letter)].pk, letter  # app_label/model_name name a placement
        if url_name.startswith("wagtailadmin_pages") or "page" in url_name:
            return objects[("guide", letter)].pk, letter
        return None
    if name in PLAIN_VALUES:
        return PLAIN_VALUES[name], None
    return None


def _object(world: World, kind: str, letter: str):
    if (kind, letter) in world.objects:
        return world.objects[(kind, letter)].pk, letter
    return world.objects[(kind, None)].pk, None


def extra_urls(world: World):
    """Public URLs that the catch-all patterns (pages, documents) stand for."""
    for letter in ("A", "B"):
        for kind in ("guide", "draft"):
            yield world.objects[(kind, letter)].url or f"/{kind}-{letter}-has-no-url/", "wagtail_serve", None, "page"
    yield world.objects[("document", None)].url, "wagtaildocs_serve", None, "document"


def concrete_urls(world: World):
    """(url, url name, ward letter the URL is bound to or None, pattern) for every admin and public route."""
    for pattern, url_name in walk(get_resolver().url_patterns):
        if NOT_WALKED.search(pattern) or pattern.startswith(("static/", "media/", "__")):
            continue
        if url_name in NOT_FILLED:
            world.skipped[url_name] += 1
            continue
        parameters = [match.group("name") or match.group("rname") for match in PARAMETER.finditer(pattern)]
        for letter in ["A", "B"] if parameters else [None]:
            values, bound = {}, None
            for parameter in parameters:
                found = object_for(parameter, url_name, world, letter)
                if found is None:
                    world.unfilled.add(f"{url_name} ({pattern}): no object for {parameter}")
                    break
                values[parameter], ward = found
                bound = bound or ward
            else:
                path = PARAMETER.sub(
                    lambda match, v=values: str(v[match.group("name") or match.group("rname")]), pattern
                )
                path = path.replace("^", "").replace("$", "").replace("\\", "").replace("/?", "/")
                if "(" in path or "[" in path or "?" in path:
                    world.unfilled.add(f"{url_name} ({pattern}): too irregular to fill")
                    break
                yield "/" + path, url_name, bound, pattern
                if bound is None:
                    break  # a national object: once is enough
                continue
            break
    yield from extra_urls(world)


def test_nobody_reaches_what_is_not_theirs(world, capsys):
    urls = list(concrete_urls(world))
    clients = {}
    for person, user in world.people.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        clients[person] = client

    problems, statuses = [], Counter()
    english = defaultdict(set)  # English admin string → where it shows (issue 20: the admin in Vietnamese)
    read = {}  # a page's text is checked once, however many people get the same bytes
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
            if response.status_code >= 500 and not (response.status_code == 503 and url_name in NOT_READY_IS_AN_ANSWER):
                problems.append(f"{person} GET {url} answered {response.status_code} ({url_name})")
                continue
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
            if (
                body
                and is_admin
                and person != "anonymous"
                and response["Content-Type"].startswith("text/html")
                and url_name not in NOT_ADMIN_TEXT
            ):
                if body not in read:
                    read[body] = untranslated(body) - KNOWN_GAPS - NO_CATALOGUE_REACHES
                for text in read[body]:
                    english[text].add(f"{person} {url}")
            if body:
                leaked = [marker for marker in hidden if marker in body]
                if leaked:
                    problems.append(f"{person} saw {leaked} on {url} ({url_name})")

    with capsys.disabled():
        print(f"\npermission matrix: {len(urls)} URLs × {len(clients)} people = {sum(statuses.values())} requests")
        for person in world.people:
            counts = {f"{kind}xx": statuses[(person, kind)] for kind in (2, 3, 4, 5) if statuses[(person, kind)]}
            print(f"  {person:<15} {counts}")
        print(f"  patterns not walked, each with its reason in NOT_FILLED: {len(world.skipped)}")
        print(f"  patterns neither walked nor explained: {len(world.unfilled)}; unexpected answers: {len(problems)}")
        print(f"  admin pages read for English: {len(read)} distinct; English strings: {len(english)}")
    assert not world.unfilled, "\n".join(sorted(world.unfilled))
    assert not problems, "\n".join(problems[:80])
    report = [f"{text!r}: {', '.join(sorted(where)[:3])}" for text, where in sorted(english.items())]
    assert not english, f"{len(english)} English strings on the admin:\n" + "\n".join(report)


def test_the_matrix_walks_the_unit_scoped_admin(world):
    """The walk above must actually reach the per-object views it claims to check."""
    names = {url_name for _url, url_name, bound, _pattern in concrete_urls(world) if bound}
    assert "wagtailsnippets_tracking_placement:edit" in names
    assert "wagtailsnippets_places_servicepoint:edit" in names
    assert "wagtailsnippets_places_membership:edit" in names
    assert "wagtailadmin_pages:edit" in names
    assert "media_kit_pack" in names
    assert "media_kit_pack_sample" in names
    assert {"media_kit_printorder:detail", "media_kit_printorder:sheet_xlsx"} <= names
    # Finding 1 of issue 17 (airings) and the objects added with it: each walked for both wards.
    for name in (
        "broadcastairing:edit",
        "broadcastairing:delete",
        "wagtailsnippets_places_administrativeunit:edit",
        "wagtailsnippets_media_kit_printtemplate:edit",
        "insights_report",
        "insights_rollout",
        "insights_rollout_approve",
        "insights_rollout_redraw",
        "insights_rollout_delete",
        "insights_rollout_wave",
        "wagtail_localize:preview_translation",
        "wagtailadmin_pages:workflow_action",
        "wagtailusers_users:edit",
        "tracking_record_installation",
    ):
        assert name in names, name
    assert not world.unfilled, sorted(world.unfilled)
    assert set(world.skipped) == set(NOT_FILLED) - {name for name in NOT_FILLED if name not in world.skipped}
    assert Page.objects.filter(title__contains="BIMATAQ7", live=False).exists()
    assert ServicePoint.objects.filter(unit=world.units["A"]).exists()
    assert Membership.objects.filter(user__username="nguoi.bimataq7").exists()
