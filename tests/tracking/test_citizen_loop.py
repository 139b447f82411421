"""The citizen loop on the demo, through the test client: every printed or broadcast code → its landing page
with the ward's help desk → "Tôi đã làm xong" → a conversion credited to that code and its ward.

Without JavaScript: the completion form's `qr` is empty (the page is the same for every code), and the
completion view reads the code from the landing page's address, sent as Referer.
"""

import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale

from campaigns.models import CampaignPage, GuidePage, VideoPage
from insights.rollups import update_rollups
from places.models import AdministrativeUnit, UnitLevel
from tests.factories.users import UserFactory
from tests.insights.dashboard_html import read_tables
from tracking.demo import PRINTED_OR_BROADCAST
from tracking.models import Channel, Conversion, Placement
from tracking.services import create_placement, drain_scans

pytestmark = pytest.mark.django_db

SITE = "http://testserver"
PHONE = "Mozilla/5.0 (Linux; Android 11; SM-A115F) AppleWebKit/537.36 Chrome/120.0.0.0 Mobile Safari/537.36"
CITY_WARD = "24133"  # Phường Buôn Ma Thuột: where a citizen of a province-wide code says they live


@pytest.fixture
def demo(demo_for_module):
    return CampaignPage.objects.get(slug="kich-hoat-dinh-danh-dien-tu-muc-do-2", locale__language_code="vi")


class Citizen:
    """One phone (its own address, so that no rate limit of another's taps applies), without JavaScript."""

    def __init__(self, client, number: int):
        self.client = client
        self.headers = {"HTTP_USER_AGENT": PHONE, "REMOTE_ADDR": f"198.51.100.{number % 250 + 1}"}

    def get(self, url: str, *, referer: str | None = None):
        headers = dict(self.headers)
        if referer:
            headers["HTTP_REFERER"] = referer if referer.startswith("http") else SITE + referer
        return self.client.get(url, **headers)

    def scan(self, code: str) -> tuple[str, str]:
        """The landing address and its HTML."""
        response = self.get(f"/q/{code}")
        assert response.status_code == 302, code
        landing = response["Location"]
        page = self.get(landing)
        assert page.status_code == 200, landing
        return landing, page.content.decode()

    def pick_ward(self, landing: str, html: str, ward_code: str) -> tuple[str, str]:
        """The ward picker's two GET steps from a page without a ward, as the buttons and forms do."""
        start = re.search(r'<a class="button" href="([^"]+)">', html.split('class="ward-picker"', 1)[1])
        picker = start.group(1).replace("&amp;", "&")
        step = self.get(picker, referer=landing)
        if step.status_code == 302:  # the code moves from the Referer into the picker's own address
            picker = step["Location"]
            step = self.get(picker)
        assert step.status_code == 200
        back_to = re.search(r'name="tiep" value="([^"]+)"', step.content.decode()).group(1)
        chosen = self.get(f"{'/chon-xa/'}?{urlencode({'tiep': back_to, 'xa': ward_code})}", referer=picker)
        assert chosen.status_code == 302
        page = self.get(chosen["Location"])
        assert page.status_code == 200
        return chosen["Location"], page.content.decode()

    def say_done(self, landing: str, html: str):
        form = html.split("data-completion-form", 1)[1].split("</form>", 1)[0]
        fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form))
        assert fields["qr"] == "", "the code is never written into the page"
        response = self.client.post(
            reverse("completion"), fields, HTTP_ORIGIN=SITE, HTTP_REFERER=SITE + landing, **self.headers
        )
        assert response.status_code == 303
        return response


def help_desk_heading(html: str) -> str:
    match = re.search(r'<h2 id="ho-tro-gan-ban">([^<]+)</h2>', html)
    return match.group(1) if match else ""


def _counts(row: dict[str, str]) -> tuple[int, int]:
    return tuple(int(re.sub(r"\D", "", row[name]) or 0) for name in ("Lượt quét", "Chuyển đổi qua mã"))


def dashboard_counts(office, unit_code: str) -> dict[tuple[str, str], tuple[int, int]]:
    """The culture office's dashboard for one unit, as (scans, conversions through a code) per row of its
    channel table, ("kênh", channel), and of its ward table, ("xã", ward code)."""
    response = office.get("/admin/insights/", {"unit": unit_code})
    assert response.status_code == 200
    tables, _empty = read_tables(response.content.decode())
    counts = {("kênh", row["Kênh"]): _counts(row) for row in tables.get("theo-kenh", [])}
    counts.update({("xã", row["Mã"]): _counts(row) for row in tables.get("theo-xa", [])})
    return counts


@pytest.fixture
def office(db):
    office = Client()
    office.force_login(UserFactory(username="quantri-vong-lap", is_superuser=True))
    return office


def test_every_printed_or_broadcast_code_and_every_kind_of_target_is_credited_and_counted(client, office, demo):
    """Every demo code of a printed or broadcast channel, plus a poster of Ea Kao leading to each kind of page
    (campaign, guide, video): scan → the ward's help desk → "Tôi đã làm xong" → a conversion of that code and
    its unit; then one round of the rollups, and the dashboard's scans and conversions have risen by one per code:
    the province's, channel by channel and ward by ward, and, channel by channel, those of the wards where the
    three kinds of target and the city's codes are (the dashboard of each of the 43 units would cost a minute and
    more of the run for the same rows)."""
    demo_codes = list(Placement.objects.filter(channel__kind__in=PRINTED_OR_BROADCAST).values_list("pk", flat=True))
    ea_kao = AdministrativeUnit.objects.get(code="24169")
    poster = Channel.objects.get(slug="ap-phich")
    kinds = {
        "campaign": demo,
        "guide": GuidePage.objects.child_of(demo).get(slug="dang-ky-tam-tru-truc-tuyen"),
        "video": VideoPage.objects.child_of(demo).get(),
    }
    for kind, page in kinds.items():
        create_placement(campaign=demo, unit=ea_kao, channel=poster, spot=f"Thử {kind}", target_page=page)
    placements = list(
        Placement.objects.filter(channel__kind__in=PRINTED_OR_BROADCAST).select_related(
            "unit", "channel", "unit__parent"
        )
    )
    wards = {p.unit.code for p in placements if p.unit.level == UnitLevel.WARD}
    assert len(placements) >= 30 and len(wards) >= 6 and any(p.unit.level == UnitLevel.PROVINCE for p in placements)
    assert {type(p.target_page.specific) for p in placements} == {CampaignPage, GuidePage, VideoPage}
    province = next(p.unit for p in placements if p.unit.level == UnitLevel.PROVINCE)
    units = {unit.code: unit for unit in (province, ea_kao, AdministrativeUnit.objects.get(code=CITY_WARD))}
    drain_scans(include_current=True)
    update_rollups()
    before = {code: dashboard_counts(office, code) for code in units}

    city_ward = AdministrativeUnit.objects.get(code=CITY_WARD)
    for number, placement in enumerate(placements):
        citizen = Citizen(client, number)
        code = placement.numeric_code or placement.short_code
        landing, html = citizen.scan(code)
        assert code not in html
        assert urlsplit(landing).path == placement.target_page.url
        if placement.pk in demo_codes:  # the demo's own codes lead to guides
            assert GuidePage.objects.filter(pk=placement.target_page_id).exists(), placement
        if placement.unit.level == UnitLevel.PROVINCE:  # a province-wide code: the citizen picks their ward
            assert f"Chọn xã/phường ở {placement.unit.name}" in html, placement
            landing, html = citizen.pick_ward(landing, html, CITY_WARD)
            assert parse_qs(urlsplit(landing).query)["qr"] == [code]
            expected = city_ward.name
        else:
            expected = placement.unit.name
        assert help_desk_heading(html) == f"Hỗ trợ gần bạn: {expected}", (placement, landing)
        before_count = Conversion.objects.count()
        citizen.say_done(landing, html)
        conversion = Conversion.objects.order_by("-pk").first()
        assert Conversion.objects.count() == before_count + 1
        assert (conversion.placement_id, conversion.unit_id) == (placement.pk, placement.unit_id), placement
        assert conversion.guide_id == placement.target_page_id

    # One round of `make run`'s loop (or of the worker's periodic jobs): the spool drained, the rollups updated.
    drain_scans(include_current=True)
    update_rollups()
    for unit_code, unit in units.items():
        after = dashboard_counts(office, unit_code)
        rows = {("kênh", p.channel.name) for p in placements}
        if unit == province:
            rows |= {("xã", code) for code in wards}
        for row in rows:
            kind, name = row
            codes = sum(
                1
                for p in placements
                if p.unit.path.startswith(unit.path) and name == (p.channel.name if kind == "kênh" else p.unit.code)
            )
            was, now = before[unit_code].get(row, (0, 0)), after.get(row, (0, 0))
            rose = tuple(b - a for a, b in zip(was, now, strict=True))
            assert rose == (codes, codes), (unit.name, row, was, now)


def switcher_links(html: str) -> dict[str, str]:
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return {
        lang: href.replace("&amp;", "&") for href, lang in re.findall(r'<a href="([^"]+)"[^>]* lang="([^"]+)"', nav)
    }


def test_switching_language_keeps_the_help_desk_and_the_attribution(client, demo):
    guide = GuidePage.objects.child_of(demo).get(slug="cai-dat-vneid")
    placement = Placement.objects.get(unit__code=CITY_WARD, channel__slug="pa-no", spot="")
    assert placement.target_page_id == guide.pk
    citizen = Citizen(client, 200)
    landing, html = citizen.scan(placement.short_code)
    links = switcher_links(html)
    assert all(placement.short_code not in link for link in links.values())

    # English: the guide is translated; the help desk is there, in English.
    switched = citizen.get(links["en"], referer=landing)
    assert switched.status_code == 302 and "no-store" in switched["Cache-Control"] and not switched.cookies
    english = switched["Location"]
    assert english.startswith("/en/")
    assert parse_qs(urlsplit(english).query) == {"xa": [CITY_WARD], "qr": [placement.short_code]}
    english_html = citizen.get(english).content.decode()
    assert '<html lang="en">' in english_html and "Install the VNeID app" in english_html
    assert help_desk_heading(english_html) == "Help near you: Phường Buôn Ma Thuột"

    # And back to Vietnamese from the English page, then to Ê Đê (not translated: Vietnamese with the notice).
    back = citizen.get(switcher_links(english_html)["vi"], referer=english)["Location"]
    assert urlsplit(back).path == guide.url
    assert parse_qs(urlsplit(back).query) == {"xa": [CITY_WARD], "qr": [placement.short_code]}
    ede = citizen.get(switcher_links(english_html)["rad"], referer=english)["Location"]
    ede_html = citizen.get(ede).content.decode()
    assert "translation-notice" in ede_html and "Chờ người dịch" not in ede_html
    assert "Buôn Ma Thuột" in help_desk_heading(ede_html)

    citizen.say_done(english, english_html)
    conversion = Conversion.objects.order_by("-pk").first()
    assert (conversion.placement, conversion.unit.code) == (placement, CITY_WARD)
    assert conversion.guide_id == guide.get_translation(Locale.objects.get(language_code="en")).pk
