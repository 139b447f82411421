"""The citizen loop on the demo, through the test client: every printed or broadcast code → its landing page
with the ward's help desk → "Tôi đã làm xong" → a conversion credited to that code and its ward.

Without JavaScript: the completion form's `qr` is empty (the page is the same for every code), and the
completion view reads the code from the landing page's address, sent as Referer.
"""

import io
import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse

from campaigns.models import CampaignPage, GuidePage, VideoPage
from places.models import AdministrativeUnit, UnitLevel
from tracking.demo import PRINTED_OR_BROADCAST
from tracking.models import Conversion, Placement
from tracking.services import create_placement

pytestmark = pytest.mark.django_db

SITE = "http://testserver"
PHONE = "Mozilla/5.0 (Linux; Android 11; SM-A115F) AppleWebKit/537.36 Chrome/120.0.0.0 Mobile Safari/537.36"
CITY_WARD = "24133"  # Phường Buôn Ma Thuột: where a citizen of a province-wide code says they live


@pytest.fixture
def demo(settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path / "media"
    # wagtail-localize publishes when the transaction commits, as `make run`'s load_demo does.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())
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


def test_every_printed_or_broadcast_demo_code_is_credited_with_its_ward(client, demo):
    placements = list(
        Placement.objects.filter(channel__kind__in=PRINTED_OR_BROADCAST).select_related(
            "unit", "channel", "unit__parent"
        )
    )
    wards = {p.unit.code for p in placements if p.unit.level == UnitLevel.WARD}
    assert len(placements) >= 30 and len(wards) >= 6 and any(p.unit.level == UnitLevel.PROVINCE for p in placements)
    city_ward = AdministrativeUnit.objects.get(code=CITY_WARD)
    for number, placement in enumerate(placements):
        citizen = Citizen(client, number)
        code = placement.numeric_code or placement.short_code
        landing, html = citizen.scan(code)
        assert code not in html
        assert GuidePage.objects.filter(pk=placement.target_page_id).exists(), placement
        if placement.unit.level == UnitLevel.PROVINCE:  # a province-wide code: the citizen picks their ward
            assert f"Chọn xã/phường ở {placement.unit.name}" in html, placement
            landing, html = citizen.pick_ward(landing, html, CITY_WARD)
            assert parse_qs(urlsplit(landing).query)["qr"] == [code]
            expected = city_ward.name
        else:
            expected = placement.unit.name
        assert help_desk_heading(html) == f"Hỗ trợ gần bạn: {expected}", (placement, landing)
        before = Conversion.objects.count()
        citizen.say_done(landing, html)
        conversion = Conversion.objects.order_by("-pk").first()
        assert Conversion.objects.count() == before + 1
        assert (conversion.placement_id, conversion.unit_id) == (placement.pk, placement.unit_id), placement
        assert conversion.guide_id == placement.target_page_id


def test_every_kind_of_target_shows_the_help_desk_and_credits_the_code(client, demo):
    ward = AdministrativeUnit.objects.get(code="24169")
    channel = Placement.objects.filter(unit=ward, channel__slug="ap-phich").first().channel
    targets = {
        "campaign": demo,
        "guide": GuidePage.objects.child_of(demo).get(slug="dang-ky-tam-tru-truc-tuyen"),
        "video": VideoPage.objects.child_of(demo).get(),
    }
    for number, (kind, page) in enumerate(targets.items()):
        placement = create_placement(campaign=demo, unit=ward, channel=channel, spot=f"Thử {kind}", target_page=page)
        citizen = Citizen(client, 100 + number)
        landing, html = citizen.scan(placement.short_code)
        assert urlsplit(landing).path == page.url
        assert help_desk_heading(html) == "Hỗ trợ gần bạn: Phường Ea Kao", kind
        citizen.say_done(landing, html)
        conversion = Conversion.objects.order_by("-pk").first()
        assert (conversion.placement, conversion.unit, conversion.guide_id) == (placement, ward, page.pk), kind


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
    assert conversion.guide_id == guide.get_translation(english_locale()).pk


def english_locale():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="en")
