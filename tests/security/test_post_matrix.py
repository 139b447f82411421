"""The permission matrix for state-changing requests (issue 17, "Make the matrix catch this class").

For every admin URL pattern whose view edits or deletes one object of a unit-bound model (resolved from the
URLconf: the view's `model` and its `pk`), the form is read from the superuser's GET (a valid form), then
POSTed, with each person's own CSRF token and a client that enforces CSRF, against ward B's object by one
person per refusal class. Nothing may change: row counts of every table and a checksum of the rows of the
objects' tables (the unit tree only where a request could change it: villages and the two wards) are
compared before and after, not only the status code. Patterns whose view has no `post` are counted as GET-only.

The second test covers, against ward B's objects (or the installation's, for people who must not change them):
page views of ward B's guide and of its draft in moderation (the editor form: save, publish, submit, cancel the
workflow, approve; delete, unpublish, lock, unlock, privacy, position, move and copy to ward A, add a child,
revert, unschedule, the workflow's approve/reject, removing the workflow; the admin API's page actions), the same
on the home page and the services index for ward B's approver and editor and the province's culture office ("no
owner" means superuser only); create views whose form names ward B's unit or campaign; the edit and delete views
of an image, a document and a media file (only their uploader and superusers may change them: editors and
approvers hold "add" and "choose" in the root collection); and wagtail-localize's views on ward B's translation
(submit, update, stop, edit a string, machine translate, convert to alias, and its editor's publish). Each create
form and the main page, media and translation requests are proven valid by the superuser's own POST, last, which
must change the database (else a refusal proves nothing).

Not covered, and why: the snippet choosers' create views (they post the same form classes as the add views
covered here); the pack request (its form needs a set of formats this test does not fill yet); the print order's
create view and the PO upload (not filled yet); the admin's settings, users, groups, sites, locales, workflows and
tasks (superuser-only models with no unit: refused by Django's model permissions, walked by GET in
test_permission_matrix.py).
"""

import datetime as dt
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field

import pytest
import wagtail_factories
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import connection
from django.db.models import Q, QuerySet
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from wagtail import blocks
from wagtail.documents.models import Document
from wagtail.fields import StreamField
from wagtail.images.models import Image
from wagtail.models import Locale, Page, PageLogEntry, Revision, TaskState, WorkflowState
from wagtail.test.utils.form_data import rich_text
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtailmedia.models import get_media_model

from campaigns.approval import APPROVERS_GROUP, EDITORS_GROUP, ensure_approval_workflow
from campaigns.models import ServiceIndexPage
from insights.models import BroadcastAiring
from languages.translations import translate_page
from media_kit.models import PrintFormat, PrintOrder, PrintOrderLine, PrintTemplate
from places.models import AdministrativeUnit, Role
from tests.factories.campaigns import CampaignPageFactory, GuidePageFactory, home_page
from tests.factories.places import ServicePointFactory, VillageFactory
from tests.factories.tracking import loudspeaker_channel, placement
from tests.factories.users import MembershipFactory, UserFactory
from tests.security.forms import _FormReader, form_from_get, form_on_page, post_form
from tests.security.people import OTHER_PROVINCE, PROVINCE, WARD_A, WARD_B, member_of

pytestmark = [pytest.mark.django_db, pytest.mark.matrix]


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def ward_b_objects():
    ward_b = AdministrativeUnit.objects.get(code=WARD_B)
    campaign = CampaignPageFactory(title="Chiến dịch phường B", owner_unit=ward_b)
    channel = loudspeaker_channel()
    template = PrintTemplate.objects.filter(campaign__isnull=False).first()
    objects = {
        BroadcastAiring: BroadcastAiring.objects.create(
            channel=channel, unit=ward_b, aired_at=timezone.now(), note="Bản tin B"
        ),
        AdministrativeUnit: VillageFactory(parent=ward_b, name="Thôn B"),
        apps.get_model("places", "ServicePoint"): ServicePointFactory(unit=ward_b, name="Một cửa B"),
        apps.get_model("places", "Membership"): MembershipFactory(
            user=UserFactory(username="nguoi.b"), unit=ward_b, role=Role.VIEWER
        ),
        apps.get_model("tracking", "Placement"): placement(unit=ward_b, campaign=campaign, spot="Nhà văn hóa B"),
    }
    if template is not None:
        objects[PrintTemplate] = template
    # A submitted print order of ward B: approve, printing, delivered, cancel, re-order and "đã treo" are POSTed.
    order = PrintOrder.objects.create(
        campaign=campaign, unit=ward_b, delivery_address="Kho B", submitted_by=UserFactory(username="bientap.b")
    )
    PrintOrderLine.objects.create(
        order=order, print_format=PrintFormat.objects.get(slug="ap-phich-a3"), ward=ward_b, quantity=5
    )
    objects[PrintOrder] = order
    return objects


def _count_sql() -> str:
    """One statement that counts the rows of every managed table (a round trip per snapshot, not one per table)."""
    quote = connection.ops.quote_name
    tables = sorted({model._meta.db_table for model in apps.get_models() if model._meta.managed})
    # Table names come from the models, not from input.
    return "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables)  # noqa: S608


def snapshot(tables) -> tuple:
    """Row counts of every table, and a checksum of the rows of the tables under test (models or querysets)."""
    with connection.cursor() as cursor:
        cursor.execute(_count_sql())
        counts = cursor.fetchone()
    digest = hashlib.sha256()
    for table in tables:
        queryset = table if isinstance(table, QuerySet) else table._default_manager.all()
        for row in queryset.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return counts, digest.hexdigest()


def unit_rows() -> QuerySet:
    """The rows of the unit tree that a request could change: the villages and the two wards (not 10,000 units)."""
    return AdministrativeUnit.objects.filter(Q(is_official=False) | Q(code__in=[WARD_A, WARD_B]))


def csrf_token(client: Client) -> str:
    for url in ("/admin/", "/admin/login/"):
        client.get(url)
        if "csrftoken" in client.cookies:
            return client.cookies["csrftoken"].value
    raise AssertionError("no CSRF cookie")


def test_nobody_changes_another_units_object(official_units, capsys):
    objects = ward_b_objects()
    people = {
        "ward editor of ward A": member_of(WARD_A, Role.WARD_EDITOR, "bientap.a"),
        "ward approver of ward A": member_of(WARD_A, Role.APPROVER, "duyet.a"),
        "culture office of Hà Nội": member_of(OTHER_PROVINCE, Role.CULTURE_OFFICE, "vanhoa.hn"),
        "viewer of ward B": member_of(WARD_B, Role.VIEWER, "xem.b"),
        "service-point staff of ward A": member_of(WARD_A, Role.SERVICE_POINT_STAFF, "canbo.a"),
        "anonymous": None,
    }
    clients = {}
    for name, user in people.items():
        client = Client(enforce_csrf_checks=True)
        if user:
            client.force_login(user)
        clients[name] = (client, csrf_token(client))
    superuser = Client()
    superuser.force_login(UserFactory(username="quantri", is_superuser=True))

    tables = [unit_rows() if model is AdministrativeUnit else model for model in objects]
    targets, get_only, problems, requests = [], 0, [], 0
    for pattern, entry in walk(get_resolver().url_patterns):
        view = getattr(entry.callback, "view_class", None)
        model = (getattr(entry.callback, "view_initkwargs", {}) or {}).get("model") or getattr(view, "model", None)
        if not pattern.startswith("admin/") or model not in objects or not re.search(r"<int:pk>", pattern):
            continue
        if not hasattr(view, "post") and not hasattr(view, "delete"):
            get_only += 1
            continue
        url = "/" + pattern.replace("<int:pk>", str(objects[model].pk))
        targets.append(url)
        page = superuser.get(url)
        fields = form_on_page(page.content.decode()) if page.status_code == 200 else {}
        for person, (client, token) in clients.items():
            for method in ("post", "delete") if hasattr(view, "delete") else ("post",):
                before = snapshot(tables)
                if method == "post":
                    response = post_form(client, url, fields, csrfmiddlewaretoken=token)
                else:
                    response = client.delete(url, HTTP_X_CSRFTOKEN=token)
                requests += 1
                if snapshot(tables) != before:
                    problems.append(f"{person}: {method.upper()} {url} changed the database ({response.status_code})")
                elif 200 <= response.status_code < 300 and (person == "anonymous" or method == "delete"):
                    # A refused form re-shown with errors is a 200 for staff; anonymous or DELETE never is.
                    problems.append(f"{person}: {method.upper()} {url} answered {response.status_code}")
    with capsys.disabled():
        print(
            f"\nPOST matrix: {len(targets)} URLs (+{get_only} GET-only), {len(objects)} objects, "
            f"{len(people)} people, {requests} requests; unexpected: {len(problems)}"
        )
    assert targets, "the matrix reached no URL"
    assert not problems, "\n".join(problems)


# --- Pages, create views, images, documents, media and translations -------------------------------------------

PAGE_TABLES = [Page, Revision, WorkflowState, TaskState, PageLogEntry]
TRANSLATION_TABLES = [Translation, TranslationSource, StringTranslation, Page, Revision]
MEDIA_TABLES = [Image, Document, get_media_model()]
# Who may change an image, a document or a media file: they sit in the root collection, where editors and approvers
# hold only "add" and "choose" (campaigns.approval): Wagtail lets such a person change what they uploaded
# themselves, and nothing else. So the uploader (ward B's editor here) and superusers; nobody else.
UPLOADER = "bientap.b"


@dataclass
class Attempts:
    clients: dict
    problems: list = field(default_factory=list)
    urls: set = field(default_factory=set)
    methods: Counter = field(default_factory=Counter)
    people: set = field(default_factory=set)
    requests: int = 0

    def post(self, person: str, url: str, data=None, *, tables, kind: str = "form", method: str = "post"):
        """One state-changing request as `person`: a change in the database (or a 2xx to anonymous) is a problem."""
        client, token = self.clients[person]
        before = snapshot(tables)
        if kind == "json":
            response = client.post(url, json.dumps(data or {}), content_type="application/json", HTTP_X_CSRFTOKEN=token)
        else:
            response = post_form(client, url, data or {}, csrfmiddlewaretoken=token)
        self.requests += 1
        self.urls.add(url)
        self.people.add(person)
        self.methods[f"{method}:{kind}"] += 1
        label = f"{person}: POST {url}" + (f" {sorted(data)[:3]}…" if kind == "json" and data else "")
        if snapshot(tables) != before:
            self.problems.append(f"{label} changed the database ({response.status_code})")
        elif response.status_code >= 500 or (
            200 <= response.status_code < 300 and (person == "anonymous" or kind == "json")
        ):
            self.problems.append(f"{label} answered {response.status_code}")
        return response


def clients_for(people: dict) -> dict:
    clients = {}
    for name, user in people.items():
        client = Client(enforce_csrf_checks=True)
        if user:
            client.force_login(user)
        clients[name] = (client, csrf_token(client))
    return clients


def with_group(user, name: str):
    user.groups.add(Group.objects.get(name=name))
    return user


def page_world():
    """Ward A's and ward B's campaigns, ward B's guide (live, translated into English), its draft in moderation, a
    locked page, the home page and the services index (no owner: the installation's own)."""
    ward_a, ward_b = (AdministrativeUnit.objects.get(code=code) for code in (WARD_A, WARD_B))
    campaign_a = CampaignPageFactory(title="Chiến dịch phường A", owner_unit=ward_a)
    campaign_b = CampaignPageFactory(title="Chiến dịch phường B", owner_unit=ward_b)
    guide = GuidePageFactory(parent=campaign_b, title="Hướng dẫn phường B", slug="huong-dan-b")
    revision = guide.save_revision()
    revision.approved_go_live_at = timezone.now() + dt.timedelta(days=3)  # a scheduled revision: "unschedule"
    revision.save()
    draft = GuidePageFactory(parent=campaign_b, title="Bản nháp phường B", slug="nhap-b", live=False)
    starter = UserFactory(username="bientap.b2")
    draft.save_revision(user=starter)
    workflow_state = ensure_approval_workflow().workflow.start(draft, starter)
    locked = GuidePageFactory(parent=campaign_b, title="Trang khóa phường B", slug="khoa-b")
    Page.objects.filter(pk=locked.pk).update(locked=True, locked_at=timezone.now())
    english = translate_page(page=guide, language_code="en", strings={})
    translation = Translation.objects.get(source__object_id=guide.translation_key, target_locale__language_code="en")
    home = home_page()
    index = ServiceIndexPage.objects.first() or home.add_child(
        instance=ServiceIndexPage(title="Dịch vụ công thiết yếu", slug="dich-vu")
    )
    return {
        "campaign_a": campaign_a,
        "campaign_b": campaign_b,
        "guide": guide,
        "revision": revision,
        "draft": draft,
        "task_state": workflow_state.current_task_state,
        "locked": locked,
        "english": english,
        "translation": translation,
        "home": home,
        "index": index,
    }


def page_requests(pages: dict, superuser: Client):
    """(url, data, kind) of every state-changing page view, against ward B's pages and the installation's."""
    guide, draft, campaign_a = pages["guide"], pages["draft"], pages["campaign_a"]

    def editor_form(page):
        response = superuser.get(f"/admin/pages/{page.pk}/edit/")
        reader = _FormReader()
        reader.feed(response.content.decode())
        # The editor's form (the one with the title); its CSRF token sits outside it in some templates.
        forms = [form["fields"] for form in reader.forms if "title" in form["fields"]]
        assert forms, f"no editor form on /admin/pages/{page.pk}/edit/ ({response.status_code})"
        # A StreamField's inputs are drawn by the editor's script: they are made here from the page's value.
        fields = dict(forms[0])
        specific = page.specific
        for model_field in specific._meta.get_fields():
            if isinstance(model_field, StreamField):
                name = model_field.name
                fields.pop(name, None)
                fields.update(block_form_data(model_field.stream_block, getattr(specific, name), name))
        return fields

    for page, actions in (
        (guide, ("", "action-publish", "action-submit")),
        (draft, ("", "action-publish", "action-cancel-workflow", "action-workflow-action")),
        (pages["home"], ("", "action-publish")),
        (pages["index"], ("", "action-publish")),
    ):
        fields = editor_form(page)
        for action in actions:
            extra = {action: [action]} if action else {}
            if action == "action-workflow-action":
                extra["workflow-action-name"] = ["approve"]
            yield (
                ("ward" if page not in (pages["home"], pages["index"]) else "national"),
                (
                    f"/admin/pages/{page.pk}/edit/",
                    {**fields, **extra},
                    "form",
                ),
            )
    for scope, page in (("ward", guide), ("ward", draft), ("national", pages["home"]), ("national", pages["index"])):
        base = f"/admin/pages/{page.pk}"
        yield scope, (f"{base}/delete/", {}, "form")
        yield scope, (f"{base}/unpublish/", {"include_descendants": ["on"]}, "form")
        yield scope, (f"{base}/lock/", {}, "form")
        yield scope, (f"{base}/privacy/", {"restriction_type": ["login"]}, "form")
        yield scope, (f"{base}/set_position/?position=0", {}, "form")
        yield scope, (f"{base}/move/{campaign_a.pk}/confirm/", {}, "form")
        copy = form_from_get(superuser, f"{base}/copy/")
        yield (
            scope,
            (f"{base}/copy/", {**copy, "new_parent_page": [str(campaign_a.pk)], "new_slug": ["ban-sao"]}, "form"),
        )
        yield scope, (f"/admin/pages/add/campaigns/guidepage/{page.pk}/", {"title": ["Trang mới"]}, "form")
        for action, data in (
            ("publish", {}),
            ("unpublish", {}),
            ("delete", {}),
            ("move", {"destination_page_id": campaign_a.pk}),
            ("copy", {"destination_page_id": campaign_a.pk, "slug": "ban-sao-api"}),
            ("copy_for_translation", {"locale": "km"}),
        ):
            yield scope, (f"/admin/api/main/pages/{page.pk}/action/{action}/", data, "json")
    # A translation's edit view is wagtail-localize's editor (its script posts the action).
    for data in ({"action": ["publish"]}, {"action-publish": ["action-publish"]}):
        yield "ward", (f"/admin/pages/{pages['english'].pk}/edit/", data, "form")
    yield "ward", (f"/admin/pages/{pages['locked'].pk}/unlock/", {}, "form")
    revision = pages["revision"]
    yield "ward", (f"/admin/pages/{guide.pk}/revisions/{revision.pk}/unschedule/", {}, "form")
    yield "ward", (f"/admin/pages/{guide.pk}/revisions/{revision.pk}/revert/", editor_form(guide), "form")
    task_state = pages["task_state"]
    for action in ("approve", "reject"):
        url = f"/admin/pages/workflow/action/{draft.pk}/{action}/{task_state.pk}/"
        yield "ward", (url, {"comment": ["Đồng ý"]}, "form")
    yield "ward", (f"/admin/workflows/remove/{pages['campaign_b'].pk}/", {}, "form")


def block_form_data(block, value, prefix: str) -> dict[str, list[str]]:
    """The fields the editor's script would post for a block's value (stream, list, struct, rich text, chooser)."""
    data = {}
    if isinstance(block, blocks.StreamBlock):
        children = list(value or [])
        data[f"{prefix}-count"] = [str(len(children))]
        for index, child in enumerate(children):
            item = f"{prefix}-{index}"
            data.update({f"{item}-type": [child.block_type], f"{item}-deleted": [""], f"{item}-order": [str(index)]})
            data[f"{item}-id"] = [child.id or ""]
            data.update(block_form_data(child.block, child.value, f"{item}-value"))
    elif isinstance(block, blocks.ListBlock):
        items = list(value.bound_blocks) if value is not None else []
        data[f"{prefix}-count"] = [str(len(items))]
        for index, child in enumerate(items):
            item = f"{prefix}-{index}"
            data.update({f"{item}-deleted": [""], f"{item}-order": [str(index)], f"{item}-id": [child.id or ""]})
            data.update(block_form_data(block.child_block, child.value, f"{item}-value"))
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            data.update(block_form_data(child_block, value.get(name) if value else None, f"{prefix}-{name}"))
    elif isinstance(block, blocks.RichTextBlock):
        data[prefix] = [rich_text(value.source if value else "")]
    elif isinstance(block, blocks.BooleanBlock):
        if value:
            data[prefix] = ["on"]
    elif isinstance(block, blocks.ChooserBlock):
        data[prefix] = [str(value.pk) if value is not None else ""]
    else:
        prepared = block.get_prep_value(value) if value is not None else ""
        data[prefix] = ["" if prepared is None else str(prepared)]
    return data


def translation_requests(pages: dict, superuser: Client):
    translation, english = pages["translation"], pages["english"]
    km = Locale.objects.get_or_create(language_code="km")[0]
    yield f"/admin/localize/submit/page/{pages['guide'].pk}/", {"locales": [str(km.pk)]}, "form"
    update = form_from_get(superuser, f"/admin/localize/update/{translation.source_id}/")
    yield f"/admin/localize/update/{translation.source_id}/", {**update, "publish_translations": ["on"]}, "form"
    yield f"/admin/localize/translate/{translation.pk}/disable/", {}, "form"
    segment = StringSegment.objects.filter(source=translation.source).order_by("pk").first()
    yield (
        f"/admin/localize/translate/{translation.pk}/strings/{segment.string_id}/edit/",
        {"value": ["Hướng dẫn (đã sửa)"]},
        "form",
    )
    yield f"/admin/localize/translate/{translation.pk}/machine_translate/", {}, "form"
    yield f"/admin/localize/page/{english.pk}/convert_to_alias/", {}, "form"


def media_requests(superuser: Client, uploader):
    image = wagtail_factories.ImageFactory(title="Ảnh áp phích B", uploaded_by_user=uploader)
    document = wagtail_factories.DocumentFactory(
        title="Tài liệu B", uploaded_by_user=uploader, file__filename="tai-lieu-b.txt", file__data=b"Noi dung"
    )
    media = get_media_model().objects.create(
        title="Bản tin loa B",
        type="audio",
        duration=30,
        file=ContentFile(b"ID3", name="ban-tin-b.mp3"),
        uploaded_by_user=uploader,
    )
    for edit, others in (
        (
            f"/admin/images/{image.pk}/",
            (f"/admin/images/{image.pk}/delete/", f"/admin/images/multiple/{image.pk}/delete/"),
        ),
        (
            f"/admin/documents/edit/{document.pk}/",
            (f"/admin/documents/delete/{document.pk}/", f"/admin/documents/multiple/{document.pk}/delete/"),
        ),
        (f"/admin/media/edit/{media.pk}/", (f"/admin/media/delete/{media.pk}/",)),
    ):
        fields = form_from_get(superuser, edit)
        yield edit, {**fields, "title": ["Đã đổi"]}, "form"
        for url in others:
            yield url, {}, "form"
    yield f"/admin/images/multiple/{image.pk}/", {f"image-{image.pk}-title": ["Đã đổi"]}, "form"
    yield f"/admin/documents/multiple/{document.pk}/", {f"doc-{document.pk}-title": ["Đã đổi"]}, "form"


# Create views whose form names a unit (or a campaign, which has one): the field, and what else the form needs.
CREATE_VIEWS = {
    "/admin/snippets/places/servicepoint/add/": {"unit": "ward_b", "name": "Một cửa mới", "address": "Số 1"},
    "/admin/snippets/places/administrativeunit/add/": {"parent": "ward_b", "name": "Thôn mới"},
    "/admin/snippets/places/membership/add/": {"unit": "ward_b", "user": "nobody", "role": Role.VIEWER},
    "/admin/snippets/tracking/placement/add/": {"unit": "ward_b", "campaign": "campaign_b", "channel": "channel"},
    "/admin/broadcastairing/new/": {"unit": "ward_b", "channel": "channel", "aired_at": "2026-11-02 08:00"},
    "/admin/snippets/media_kit/printtemplate/add/": {"campaign": "campaign_b", "headline": "Khẩu hiệu", "body": "B"},
    "/admin/insights/reports/new/": {"unit": WARD_B, "month": "2026-10"},
}


def create_requests(superuser: Client, values: dict):
    """(url, data) for each create view: the superuser's form with ward B's unit (or campaign) and what it needs."""
    for url, changes in CREATE_VIEWS.items():
        data = form_from_get(superuser, url)
        for name, value in changes.items():
            data[name] = [str(values.get(value, value))]
        yield url, data


def test_nobody_changes_another_units_pages_media_translations_or_creates(official_units, capsys):
    """Page views (ward B's guide, draft in moderation, translation; the home page and the services index), create
    views with ward B's unit, images, documents and media, and wagtail-localize's views: nothing changes."""
    pages = page_world()
    editor_b = with_group(member_of(WARD_B, Role.WARD_EDITOR, UPLOADER), EDITORS_GROUP)
    ward_people = {
        "ward editor of ward A": with_group(member_of(WARD_A, Role.WARD_EDITOR, "bientap.a"), EDITORS_GROUP),
        "ward approver of ward A": with_group(member_of(WARD_A, Role.APPROVER, "duyet.a"), APPROVERS_GROUP),
        "culture office of Hà Nội": member_of(OTHER_PROVINCE, Role.CULTURE_OFFICE, "vanhoa.hn"),
        "viewer of ward B": member_of(WARD_B, Role.VIEWER, "xem.b"),
        "service-point staff of ward A": member_of(WARD_A, Role.SERVICE_POINT_STAFF, "canbo.a"),
        "anonymous": None,
    }
    # "No owner" means superuser only (finding 6): the people closest to the installation's pages.
    national_people = {
        "ward approver of ward B": with_group(member_of(WARD_B, Role.APPROVER, "duyet.b"), APPROVERS_GROUP),
        "ward editor of ward B": editor_b,
        "culture office of Đắk Lắk": with_group(member_of(PROVINCE, Role.CULTURE_OFFICE, "vanhoa.dl"), APPROVERS_GROUP),
    }
    attempts = Attempts(clients=clients_for({**ward_people, **national_people}))
    superuser = Client()
    superuser.force_login(UserFactory(username="quantri", is_superuser=True))

    page_list = list(page_requests(pages, superuser))
    for scope, (url, data, kind) in page_list:
        for person in ward_people if scope == "ward" else national_people:
            attempts.post(person, url, data, tables=PAGE_TABLES, kind=kind)
    translation_list = list(translation_requests(pages, superuser))
    for url, data, kind in translation_list:
        for person in ("ward editor of ward A", "culture office of Hà Nội", "viewer of ward B", "anonymous"):
            attempts.post(person, url, data, tables=TRANSLATION_TABLES, kind=kind)
    media_people = [*ward_people, "ward approver of ward B"]
    media_list = list(media_requests(superuser, editor_b))
    for url, data, kind in media_list:
        for person in media_people:
            attempts.post(person, url, data, tables=MEDIA_TABLES, kind=kind)

    ward_b = AdministrativeUnit.objects.get(code=WARD_B)
    values = {
        "ward_b": ward_b.pk,
        "village_b": VillageFactory(parent=ward_b, name="Thôn B").pk,
        "campaign_b": pages["campaign_b"].pk,
        "channel": loudspeaker_channel().pk,
        "nobody": UserFactory(username="nguoi.moi").pk,
    }
    creates = list(create_requests(superuser, values))
    for url, data in creates:
        for person in ("ward editor of ward A", "culture office of Hà Nội"):
            attempts.post(person, url, data, tables=[unit_rows()])
    # The same forms are valid: the superuser's own POST creates what the others could not (else the test proves
    # nothing). Last, as it changes the database.
    not_valid, checked = [], len(creates)
    superuser_token = csrf_token(superuser)
    for url, data in creates:
        before = snapshot([])
        response = post_form(superuser, url, data, csrfmiddlewaretoken=superuser_token)
        if snapshot([]) == before:
            not_valid.append(f"{url}: {response.status_code} {errors_on(response)}")
    # So do the main page, translation and media requests: the superuser's own POST changes what the others' did not.
    guide, draft = pages["guide"], pages["draft"]
    controls = [
        (media_list, MEDIA_TABLES, ("/admin/images/", "/admin/documents/edit/", "/admin/media/edit/")),
        (translation_list, TRANSLATION_TABLES, ("/admin/localize/submit/", "/admin/localize/update/", "/disable/")),
        (
            [request for _scope, request in page_list],
            PAGE_TABLES,
            (
                f"/admin/pages/{guide.pk}/edit/",
                f"/admin/pages/{guide.pk}/lock/",
                f"/admin/pages/{guide.pk}/copy/",
                f"/admin/pages/workflow/action/{draft.pk}/approve/",
            ),
        ),
    ]
    for requests, tables, prefixes in controls:
        for prefix in prefixes:
            checked += 1
            url, data, _kind = next(
                request for request in requests if request[0].startswith(prefix) or prefix in request[0]
            )
            before = snapshot(tables)
            response = post_form(superuser, url, data, csrfmiddlewaretoken=superuser_token)
            if snapshot(tables) == before:
                not_valid.append(f"{url}: {response.status_code} {errors_on(response)}")

    with capsys.disabled():
        print(
            f"\nPOST matrix (pages, creates, media, translations): {len(attempts.urls)} URLs, "
            f"methods {dict(attempts.methods)}, {len(attempts.people)} people, "
            f"{len(pages) + 3 + len(values)} objects, {attempts.requests} requests "
            f"(+{checked} superuser controls); "
            f"unexpected: {len(attempts.problems)}"
        )
    assert not attempts.problems, "\n".join(attempts.problems)
    assert not not_valid, "requests that change nothing even for the superuser:\n" + "\n".join(not_valid)


def errors_on(response) -> str:
    body = response.content.decode("utf-8", "replace")
    return " | ".join(re.findall(r'class="error-message"[^>]*>\s*(?:<[^>]+>\s*)*([^<]+)', body))[:300]
