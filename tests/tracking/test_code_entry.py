"""/q/: typing a code heard on the loudspeaker or radio leads where a scan leads, and counts once."""

import re
from urllib.parse import quote

import pytest

from places.models import AdministrativeUnit
from tests.factories.campaigns import GuidePageFactory, home_page
from tests.factories.tracking import loudspeaker_channel, placement
from tracking.models import ScanEvent
from tracking.services import drain_scans

pytestmark = pytest.mark.django_db

PHONE = (
    "Mozilla/5.0 (Linux; Android 10; SM-A105F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"
)


@pytest.fixture
def guide():
    return GuidePageFactory(title="Cài đặt ứng dụng VNeID")


@pytest.fixture
def loudspeaker(official_units, guide):
    item = placement(
        unit=AdministrativeUnit.objects.get(code="24133"),
        channel=loudspeaker_channel(),
        campaign=guide.get_parent().specific,
        target_page=guide,
    )
    item.numeric_code = "100482"  # zeros inside: a code is text, never a number
    item.save()
    return item


def typed(client, value: str, **headers):
    return client.get(f"/q/?ma={quote(value)}", HTTP_USER_AGENT=PHONE, REMOTE_ADDR="203.0.113.7", **headers)


def stored_events() -> list[ScanEvent]:
    drain_scans(include_current=True)
    return list(ScanEvent.objects.all())


@pytest.mark.parametrize("path", ["/q/", "/q"])
def test_the_page_offers_a_form_that_works_without_javascript(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    form = html.split('<form class="code-entry"', 1)[1].split("</form>", 1)[0]
    assert 'method="get"' in form and 'action="/q/"' in form
    field = re.search(r"<input id=\"ma\"[^>]*>", form).group(0)
    # A text field with the digit keypad: type=number would drop leading zeros and refuse letters.
    assert 'type="text"' in field and 'inputmode="numeric"' in field and 'name="ma"' in field
    assert "<script" not in html.split("<main", 1)[1]
    assert len(response.content) <= 30 * 1024
    # Nothing from another host: every src and href is on the site itself.
    assert not re.findall(r'(?:src|href)="(?:https?:)?//', html)


def test_the_letters_keyboard_is_one_link_away_and_letters_are_accepted(client, official_units, guide):
    poster = placement(
        unit=AdministrativeUnit.objects.get(code="24133"), campaign=guide.get_parent().specific, target_page=guide
    )
    html = client.get("/q/").content.decode()
    assert 'href="/q/?chu=1"' in html
    letters = client.get("/q/?chu=1").content.decode()
    assert 'inputmode="text"' in letters
    response = typed(client, poster.short_code.lower()[:3] + " " + poster.short_code.lower()[3:])
    assert response.status_code == 302 and response["Location"].startswith(guide.url)


@pytest.mark.parametrize("spoken", ["100482", "100 482", "10-04-82", " 1 0 0 - 4 8 2 ", "100–482", "100.482"])
def test_a_typed_numeric_code_reaches_the_scan_landing_page_and_counts_once(client, loudspeaker, guide, spoken):
    scanned = client.get(f"/q/{loudspeaker.numeric_code}", HTTP_USER_AGENT=PHONE, REMOTE_ADDR="198.51.100.1")
    response = typed(client, spoken)
    assert response.status_code == 302
    assert response["Location"] == scanned["Location"]
    assert response["Location"] == f"{guide.url}?qr=100482&xa=24133"
    assert response["Cache-Control"] == "no-store"
    events = stored_events()
    assert len(events) == 2  # the scan and the typed code: one event each
    assert {event.placement_id for event in events} == {loudspeaker.pk}
    assert not any(event.is_bot or event.is_head for event in events)


def test_the_whole_address_typed_in_the_box_works_too(client, loudspeaker, guide):
    response = typed(client, "loa.example.vn/q/100482")
    assert response.status_code == 302 and response["Location"].startswith(guide.url)


def test_typed_codes_follow_the_scan_counting_rules(client, loudspeaker):
    """A link preview is counted as a bot and a repeat within 30 minutes as a repeat, as for a scan."""
    typed(client, "100 482")
    typed(client, "100 482")
    client.get("/q/?ma=100482", HTTP_USER_AGENT="facebookexternalhit/1.1")
    events = stored_events()
    assert len(events) == 3
    assert sum(event.is_bot for event in events) == 1
    assert sum(event.is_repeat for event in events) == 1


@pytest.mark.parametrize(
    "value",
    ["048291", "0100482", "999999", "10048", "1004820", "ABCDEF", "'; DROP TABLE--", "100\x00482", "9" * 5000],
)
def test_an_unknown_or_malformed_code_re_shows_the_form_with_a_clear_message(client, loudspeaker, value):
    response = typed(client, value)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy mã" in html and 'role="alert"' in html
    assert 'aria-invalid="true"' in html
    assert response["Cache-Control"] == "no-store"
    assert "\x00" not in html and len(response.content) <= 30 * 1024
    assert stored_events() == []


def test_an_empty_submission_asks_for_the_code(client):
    response = client.get("/q/?ma=+++")
    assert response.status_code == 200
    assert "Bạn chưa nhập mã" in response.content.decode()


def test_the_typed_value_is_shown_back_escaped(client, loudspeaker):
    html = typed(client, '<script>alert("x")</script>').content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_a_post_is_not_accepted(client):
    assert client.post("/q/", {"ma": "100482"}).status_code == 405


def test_the_home_page_links_to_the_form(client):
    home_page()
    html = client.get("/").content.decode()
    assert re.search(r'<a href="/q/">Nhập mã nghe trên loa/đài</a>', html)
