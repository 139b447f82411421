"""Editor-controlled text comes out as text: every payload in every field, on the public pages,
in the admin, and in the print material's HTML.

Each page is compared with the same page rendered from harmless text: if escaping works, a
payload changes only text, never the elements or attributes a browser would build. On top of
that no page may have an event-handler attribute, a javascript:/data: URL or a script element
that is not ours."""

import datetime as dt
import itertools
import json
import re
from collections import Counter

import pytest
from django.core.cache import cache
from django.urls import reverse
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from campaigns.blocks import STEP_TEXT_FEATURES
from campaigns.models import CampaignTarget, Metric, PublicService, ServiceIndexPage, VideoChapter
from home.models import HomeTopTask
from media_kit.models import PrintFormat, PrintTemplate
from media_kit.rendering.context import material_for
from media_kit.rendering.pdf import page_html
from media_kit.rendering.script import render_script
from places.models import AdministrativeUnit, ServicePoint
from tests.factories.campaigns import CampaignPageFactory, GuidePageFactory, VideoPageFactory, home_page, step
from tests.security.html_checks import active_content
from tests.security.xss_payloads import PAYLOADS
from tracking.models import Channel, ChannelKind
from tracking.services import create_placement

pytestmark = pytest.mark.django_db

HARMLESS = "Kích hoạt tài khoản định danh điện tử"
# Tags whose number may follow the text (paragraphs and line breaks of multi-line text).
TEXT_LAYOUT_TAGS = {"p", "br"}
# Wagtail's rich text drops a link's href when it is a javascript: or data: URL (the link stays).
SANITISED_ATTRIBUTES = {("a", "href")}


HARMLESS_NUMBERS = itertools.count()


def harmless(count: int) -> list[str]:
    """Distinct harmless texts (the services page offers a filter with each distinct agency)."""
    return [f"Cài VNeID {next(HARMLESS_NUMBERS)}" for _ in range(count)]


def rich_text(text: str) -> str:
    """What Wagtail's rich text editor stores when an editor types `text` and links it to `text`."""
    contentstate = {
        "blocks": [
            {
                "key": "a1b2c",
                "type": "unstyled",
                "depth": 0,
                "text": text,
                "inlineStyleRanges": [{"offset": 0, "length": len(text), "style": "BOLD"}],
                "entityRanges": [{"offset": 0, "length": len(text), "key": 0}],
                "data": {},
            }
        ],
        "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": text}}},
    }
    return ContentstateConverter(features=STEP_TEXT_FEATURES).to_database_format(json.dumps(contentstate))


def packed(payloads: list[str], limit: int) -> list[list[str]]:
    """The payloads in groups whose text, joined with spaces, fits in `limit` characters."""
    groups: list[list[str]] = [[]]
    for payload in payloads:
        if groups[-1] and len(" ".join([*groups[-1], payload])) > limit:
            groups.append([])
        groups[-1].append(payload)
    return groups


# A group of payloads, joined, fits the long single fields (page titles, service and help desk
# names: 200 characters and more); repeatable things (steps, chapters, services, help desks,
# channels, placements, metrics) get one payload each, padded to SLOTS so that every group
# renders the same elements as the harmless baseline.
PAGE_GROUPS = packed(PAYLOADS, 200)
SLOTS = max(len(group) for group in PAGE_GROUPS)
# A print template's call to action holds 80.
PRINT_GROUPS = packed(PAYLOADS, 80)


class Content:
    """One of everything an editor can name; fill() puts a group of payloads in every text field."""

    def __init__(self):
        self.ward = AdministrativeUnit.objects.get(code="24133")
        self.home = home_page()
        self.campaign = CampaignPageFactory(parent=self.home, slug="chien-dich-xss")
        self.guide = GuidePageFactory(parent=self.campaign, slug="huong-dan-xss")
        self.video = VideoPageFactory(parent=self.campaign, slug="video-xss", embed_url="")
        self.services = ServiceIndexPage.objects.child_of(self.home).first()
        if self.services is None:
            self.services = ServiceIndexPage(title="Dịch vụ công", slug="dich-vu-cong-xss")
            self.home.add_child(instance=self.services)
        HomeTopTask.objects.create(home=self.home, page=self.guide, sort_order=0)
        self.template = PrintTemplate.objects.create(campaign=self.campaign, headline="x", body="x")
        self.count = 0

    def fill(self, texts: list[str]) -> None:
        joined = " ".join(texts)
        texts = texts + harmless(SLOTS - len(texts))
        for page, extra in [
            (self.home, {"intro": joined, "body": rich_text(joined)}),
            (self.campaign, {"intro": joined, "goal": rich_text(joined), "search_description": joined}),
            (self.services, {"intro": rich_text(joined)}),
            (self.video, {"intro": joined, "transcript": rich_text(joined)}),
            (
                self.guide,
                {
                    "intro": joined,
                    "still_stuck": rich_text(joined),
                    "what_you_need": [("item", text) for text in texts],
                    "steps": [step(text, rich_text(text), callouts=[{"kind": "tip", "text": text}]) for text in texts],
                },
            ),
        ]:
            page.title = joined
            for field, value in extra.items():
                setattr(page, field, value)
            page.save()
        self.replace_named_things(texts, joined=joined)
        self.fill_print_template(texts[0])
        cache.clear()

    def replace_named_things(self, texts: list[str], *, joined: str) -> None:
        VideoChapter.objects.filter(video=self.video).delete()
        PublicService.objects.all().delete()
        ServicePoint.objects.filter(unit=self.ward).delete()
        type(self.placement_model()).objects.filter(campaign=self.campaign).delete()
        CampaignTarget.objects.filter(campaign=self.campaign).delete()
        Channel.objects.filter(slug__startswith="kenh-xss-").delete()
        Metric.objects.filter(slug__startswith="chi-tieu-xss-").delete()
        for slot, text in enumerate(texts):
            self.count += 1
            unique = f"{text} {self.count}"
            # The first service and help desk carry the whole group in their long fields: their editors are checked.
            long_text = joined if slot == 0 else text
            VideoChapter.objects.create(
                video=self.video, start_seconds=self.count, title=text, guide=self.guide, step_number=1
            )
            PublicService.objects.create(name=f"{long_text} {self.count}", agency=text, guide=self.guide)
            ServicePoint.objects.create(
                unit=self.ward,
                name=long_text if slot == 0 else unique,
                address=long_text,
                opening_hours=long_text,
                hotline=text[:40],
                map_link=long_text,
            )
            channel = Channel.objects.create(slug=f"kenh-xss-{self.count}", name=unique, kind=ChannelKind.PRINT)
            create_placement(campaign=self.campaign, unit=self.ward, channel=channel, spot=text)
            metric = Metric.objects.create(
                slug=f"chi-tieu-xss-{self.count}", name=unique, unit=text[:60], description=text
            )
            CampaignTarget.objects.create(
                campaign=self.campaign, metric=metric, target_percent=80, deadline=dt.date(2026, 12, 31)
            )

    def placement_model(self):
        from tracking.models import Placement

        return Placement()

    def fill_print_template(self, text: str) -> None:
        PrintTemplate.objects.filter(pk=self.template.pk).update(
            headline=text,
            body=text,
            step_1=text,
            step_2=text,
            step_3=text,
            step_4=text,
            call_to_action=text,
            footer=text,
            script_intro=text,
        )

    def public_paths(self) -> list[str]:
        return [
            "/",
            self.campaign.url,
            self.guide.url,
            f"{self.guide.url}?xa=24133",
            self.video.url,
            self.services.url,
            "/xa/24133/",
        ]

    def admin_paths(self) -> list[tuple[str, str]]:
        """(kind of page, address): the page listings and editors, and the editor of every service and help desk."""
        snippet = "wagtailsnippets_{}:{}".format
        placement = type(self.placement_model()).objects.filter(campaign=self.campaign).first()
        fixed = [
            reverse("wagtailadmin_explore", args=[self.campaign.pk]),
            reverse("wagtailadmin_pages:edit", args=[self.guide.pk]),
            reverse("wagtailadmin_pages:edit", args=[self.video.pk]),
            reverse("wagtailadmin_pages:edit", args=[self.campaign.pk]),
            reverse("wagtailadmin_pages:edit", args=[self.home.pk]),
            reverse(snippet("campaigns_publicservice", "list")),
            reverse(snippet("campaigns_metric", "list")),
            reverse(snippet("places_servicepoint", "list")),
            reverse(snippet("tracking_channel", "list")),
            reverse(snippet("tracking_placement", "list")),
            reverse(snippet("tracking_placement", "inspect"), args=[placement.pk]),
            reverse(snippet("media_kit_printtemplate", "list")),
            reverse(snippet("media_kit_printtemplate", "inspect"), args=[self.template.pk]),
        ]
        first_service = PublicService.objects.order_by("pk").first()
        first_point = ServicePoint.objects.filter(unit=self.ward).order_by("pk").first()
        per_object = [
            reverse(snippet("campaigns_publicservice", "edit"), args=[first_service.pk]),
            reverse(snippet("places_servicepoint", "edit"), args=[first_point.pk]),
        ]
        # Placements, services and help desks are made anew for each group: their pages share a key.
        return [(path if "/pages/" in path else re.sub(r"/\d+/", "/N/", path), path) for path in [*fixed, *per_object]]

    def print_html(self) -> str:
        return page_html(self.material())

    def material(self):
        return material_for(
            print_format=PrintFormat.objects.get(slug="ap-phich-a3"),
            template=PrintTemplate.objects.get(pk=self.template.pk),
            placement=type(self.placement_model()).objects.filter(campaign=self.campaign).first(),
        )


def shape(html: str) -> tuple:
    """What a browser builds from the page, text aside: elements with their attribute names."""
    page = active_content(html)
    elements = Counter(
        (tag, tuple(sorted(name for name in attributes if (tag, name) not in SANITISED_ATTRIBUTES)))
        for tag, attributes in page.tags
        if tag not in TEXT_LAYOUT_TAGS
    )
    return elements, len(page.scripts)


def assert_inert(html: str, where: str) -> None:
    page = active_content(html)
    assert page.event_handlers == [], where
    assert page.dangerous_urls == [], where
    for script in page.inline_scripts:
        assert "alert" not in script.text, where
    for script in page.scripts:
        assert not (script.attributes.get("src") or "").startswith(("//", "http", "data:")), where


@pytest.fixture
def content(official_units):
    return Content()


def get_html(client, path: str, **query: str) -> str:
    response = client.get(path, query)
    assert response.status_code == 200, path
    return response.content.decode()


def test_payloads_are_many_and_real():
    assert len(PAYLOADS) >= 50
    assert sum("<script" in p.lower() for p in PAYLOADS) >= 8
    assert sum(" on" in p.lower() or "/on" in p.lower() for p in PAYLOADS) >= 15
    assert sum("javascript:" in p.lower() for p in PAYLOADS) >= 8


def test_every_payload_is_text_on_every_public_page(client, content):
    content.fill(harmless(1))
    baseline = {path: shape(get_html(client, path)) for path in content.public_paths()}
    for group in PAGE_GROUPS:
        content.fill(group)
        for path in content.public_paths():
            html = get_html(client, path)
            where = f"{path} with {group!r}"
            assert_inert(html, where)
            assert shape(html) == baseline[path], where
    search_baseline = shape(get_html(client, "/tim-kiem/", q=HARMLESS))
    for payload in PAYLOADS:
        # The search page repeats the query.
        response = client.get("/tim-kiem/", {"q": payload})
        if response.status_code == 200:
            html = response.content.decode()
            assert_inert(html, f"search for {payload!r}")
            assert shape(html)[1] == search_baseline[1], f"search for {payload!r}"


def test_every_payload_is_text_in_the_admin(admin_client, content):
    content.fill(harmless(1))
    baseline = {kind: shape(get_html(admin_client, path)) for kind, path in content.admin_paths()}
    for group in PAGE_GROUPS:
        content.fill(group)
        for kind, path in content.admin_paths():
            html = get_html(admin_client, path)
            where = f"{path} with {group!r}"
            assert_inert(html, where)
            assert shape(html) == baseline[kind], where


def test_every_payload_is_text_in_the_print_material(content):
    content.fill([HARMLESS])
    baseline = shape(content.print_html())
    for group in PRINT_GROUPS:
        text = " ".join(group)
        content.fill_print_template(text)
        html = content.print_html()
        # WeasyPrint runs no script, but it would fetch an injected <img>, <link> or url(): the same check.
        assert_inert(html, text)
        assert shape(html) == baseline, text
        assert text in render_script(content.material())  # the loudspeaker script is plain text, kept as typed


@pytest.mark.parametrize(
    "html",
    [
        '<p>An toàn</p><script>alert("XSS")</script>',
        '<p onclick="alert(1)">bấm</p>',
        '<p><a href="javascript:alert(1)">bấm</a></p>',
        '<p><a href=" jav&#x09;ascript:alert(1)">bấm</a></p>',
        '<p><img src="x" onerror="alert(1)"/></p>',
        '<iframe src="https://xss.example/"></iframe><p>x</p>',
        '<p style="background:url(javascript:alert(1))">x</p>',
        '<svg onload="alert(1)"></svg><p>x</p>',
        '<p><a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a></p>',
    ],
)
def test_the_rich_text_editor_keeps_only_its_whitelist(html):
    """What an editor gets when such HTML reaches the editor (an import, an old page) and is saved."""
    converter = ContentstateConverter(features=STEP_TEXT_FEATURES)
    saved = converter.to_database_format(converter.from_database_format(html))
    page = active_content(saved)
    assert page.scripts == [] and page.event_handlers == [] and page.dangerous_urls == []
    assert page.style_attributes == []
    assert {tag for tag, _attributes in page.tags} <= {"p", "a", "b", "i", "ol", "ul", "li", "br"}


def test_a_typed_payload_is_stored_as_text_by_the_rich_text_editor():
    for payload in PAYLOADS:
        saved = active_content(rich_text(payload))
        assert saved.scripts == [] and saved.event_handlers == [] and saved.dangerous_urls == [], payload
        assert {tag for tag, _attributes in saved.tags} <= {"p", "a", "b"}, payload
