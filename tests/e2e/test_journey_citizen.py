"""Journeys 1 and 5: a citizen scans a printed code, reads the guide (in the ward's language once that is published)
with the ward's help desk, says "Tôi đã làm xong", and the culture office's dashboard counts it; the same without
JavaScript."""

import csv
import io
import re
import zipfile
from urllib.parse import parse_qs, urlparse

import pytest

from campaigns.models import CampaignPage, GuidePage
from insights.rollups import update_rollups
from media_kit.models import PrintFormat
from media_kit.packs import build_pack
from places.models import AdministrativeUnit
from tests.e2e.conftest import PHONE, dashboard_figures, doc_screenshot, log_in
from tracking.models import Channel, Conversion, Placement, ScanEvent
from tracking.services import drain_scans

pytestmark = pytest.mark.django_db(transaction=True)

EA_KAO = "24169"  # the demo ward whose default language is Ê Đê (rad); the demo guide's Ê Đê page is still a draft
GUIDE_SLUG = "cai-dat-vneid"
POSTER_FORMAT = "ap-phich-a3"
POSTER_CHANNEL = "ap-phich"


def poster_url_from_pack(*, ward_code: str) -> str:
    """The scan address printed on the ward's A3 poster, read from the generated pack's manifest.csv."""
    campaign = CampaignPage.objects.get(locale__language_code="vi")
    ward = AdministrativeUnit.objects.get(code=ward_code)
    guide = GuidePage.objects.get(slug=GUIDE_SLUG, locale__language_code="vi")
    # The demo's printed codes lead to the campaign's main guide, this one.
    poster = Placement.objects.get(campaign=campaign, unit=ward, channel__slug=POSTER_CHANNEL, spot="")
    assert poster.target_page_id == guide.pk
    pack = build_pack(campaign=campaign, formats=[PrintFormat.objects.get(slug=POSTER_FORMAT)], units=[ward])
    with zipfile.ZipFile(io.BytesIO(pack.content)) as archive:
        rows = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))
    assert [(row["unit_code"], row["channel"]) for row in rows] == [(ward_code, POSTER_CHANNEL)]
    return rows[0]["url"]


def test_a_citizen_scans_a_poster_reads_the_guide_and_the_dashboard_counts_it(demo, browser):
    printed = poster_url_from_pack(ward_code=EA_KAO)
    scan_path = urlparse(printed).path
    assert re.fullmatch(r"/q/[A-Za-z0-9-]+", scan_path)
    placement = Placement.objects.get(short_code=scan_path.rsplit("/", 1)[1])
    poster = Channel.objects.get(slug=POSTER_CHANNEL).name
    office = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    dashboard = office.new_page()
    log_in(dashboard, demo.url, "vanhoa.daklak")
    before = dashboard_figures(dashboard, demo.url, unit_code=EA_KAO, channel_name=poster)
    scans_before = ScanEvent.objects.filter(placement=placement).count()
    conversions_before = Conversion.objects.filter(placement=placement).count()

    phone = browser.new_context(**PHONE, locale="vi-VN")
    page = phone.new_page()
    page.goto(demo.url + scan_path)

    # The guide with the code and the ward carried along; in Vietnamese, since the ward's language (Ê Đê) has
    # no published translation yet (a draft waits for its translator).
    landed = urlparse(page.url)
    assert landed.path == GuidePage.objects.get(slug=GUIDE_SLUG, locale__language_code="vi").url, page.url
    assert parse_qs(landed.query) == {"qr": [scan_path.rsplit("/", 1)[1]], "xa": [EA_KAO]}
    assert page.locator("html").get_attribute("lang") == "vi"
    help_desk = page.locator(".help-desk")
    assert "Ea Kao" in help_desk.locator("h2").inner_text()
    assert help_desk.locator(".service-point").count() == 2

    # Steps: the first is open; "show all" opens every one.
    bodies = page.locator(".step-body")
    steps = bodies.count()
    assert steps >= 3
    assert not bodies.nth(steps - 1).is_visible()
    page.locator(".steps-toggle-all").click()
    assert all(bodies.nth(index).is_visible() for index in range(steps))
    doc_screenshot(page, "nguoi-dan-huong-dan")

    page.locator("[data-completion-form] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/da-lam-xong/cam-on/"))
    assert page.locator("h1").count() == 1
    phone.close()

    # What the worker's periodic jobs do: drain the spooled scans, bring the rollups up to date.
    drain_scans(include_current=True)
    update_rollups()
    assert ScanEvent.objects.filter(placement=placement).count() == scans_before + 1
    assert Conversion.objects.filter(placement=placement).count() == conversions_before + 1

    after = dashboard_figures(dashboard, demo.url, unit_code=EA_KAO, channel_name=poster)
    assert {name: after[name] - before[name] for name in after} == {
        "scans": 1,
        "conversions": 1,
        "channel_scans": 1,
        "channel_conversions": 1,
    }, (before, after)
    office.close()


def test_without_javascript_a_citizen_reads_every_step_and_says_done(demo, browser):
    guide = GuidePage.objects.get(slug=GUIDE_SLUG, locale__language_code="vi")
    placement = Placement.objects.get(unit__code="24133", channel__slug="to-roi", spot="")
    context = browser.new_context(**PHONE, java_script_enabled=False, locale="vi-VN")
    page = context.new_page()
    before = set(Conversion.objects.values_list("pk", flat=True))
    page.goto(f"{demo.url}{guide.url}?qr={placement.short_code}&xa=24133")

    bodies = page.locator(".step-body")
    assert bodies.count() == len(guide.steps)
    for index in range(bodies.count()):
        assert bodies.nth(index).is_visible()
        assert bodies.nth(index).inner_text().strip()
    assert page.locator(".step-toggle").count() == 0

    page.get_by_role("button", name="Tôi đã làm xong").click()
    page.wait_for_url(re.compile(r"/da-lam-xong/cam-on/"))
    context.close()
    conversion = Conversion.objects.exclude(pk__in=before).get()
    assert conversion.placement == placement
    assert conversion.guide_id == guide.pk
