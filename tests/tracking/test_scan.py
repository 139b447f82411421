import datetime as dt
import logging
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from places.models import AdministrativeUnit
from tests.factories.campaigns import CampaignPageFactory, GuidePageFactory
from tests.factories.tracking import loudspeaker_channel, placement
from tracking.models import DailySalt, PlacementStatus, ScanEvent
from tracking.privacy import daily_salt
from tracking.services import drain_scans

pytestmark = pytest.mark.django_db

PHONE = (
    "Mozilla/5.0 (Linux; Android 10; SM-A105F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"
)
ZALO_IN_APP = PHONE + " Zalo android/12345 ZaloTheme/light ZaloLanguage/vi"


@pytest.fixture
def ward(official_units):
    return AdministrativeUnit.objects.get(code="24133")


@pytest.fixture
def guide():
    return GuidePageFactory(title="Cài đặt ứng dụng VNeID")


@pytest.fixture
def poster(ward, guide):
    return placement(unit=ward, campaign=guide.get_parent().specific, target_page=guide)


def scan(client, path: str, **headers):
    return client.get(path, HTTP_USER_AGENT=headers.pop("ua", PHONE), REMOTE_ADDR="203.0.113.7", **headers)


def location(response) -> tuple[str, dict]:
    parts = urlsplit(response["Location"])
    return parts.path, parse_qs(parts.query)


def stored_events() -> list[ScanEvent]:
    drain_scans(include_current=True)
    return list(ScanEvent.objects.order_by("occurred_at"))


def test_a_short_code_redirects_to_its_guide_with_the_code_and_the_ward(client, poster, guide):
    response = scan(client, f"/q/{poster.short_code}")
    assert response.status_code == 302
    path, query = location(response)
    assert path == guide.url
    assert query == {"qr": [poster.short_code], "xa": ["24133"]}
    [event] = stored_events()
    assert event.placement == poster and event.device_class == "mobile" and not event.is_bot


@pytest.mark.parametrize("variant", ["lower", "slash", "both"])
def test_case_and_trailing_slash_do_not_matter(client, poster, variant):
    code = poster.short_code.lower() if variant in {"lower", "both"} else poster.short_code
    suffix = "/" if variant in {"slash", "both"} else ""
    response = scan(client, f"/q/{code}{suffix}")
    assert response.status_code == 302
    assert location(response)[1]["qr"] == [poster.short_code]


def test_a_numeric_code_for_the_loudspeaker_resolves_too(client, ward, guide):
    loudspeaker = placement(unit=ward, channel=loudspeaker_channel(), target_page=guide)
    assert loudspeaker.numeric_code and loudspeaker.numeric_code.isdigit()
    response = scan(client, f"/q/{loudspeaker.numeric_code}")
    assert response.status_code == 302
    assert location(response)[1]["qr"] == [loudspeaker.numeric_code]


@pytest.mark.parametrize("code", ["ZZZZZZ", "999999", "abc", "%2F%2Fevil.example", "A" * 40, "..%2F..", "<script>"])
def test_an_unknown_or_malformed_code_is_a_vietnamese_404(client, poster, code):
    response = scan(client, f"/q/{code}")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
    assert stored_events() == []


def test_a_retired_placement_lands_on_the_campaign_fallback_and_still_counts(client, poster):
    poster.status = PlacementStatus.RETIRED
    poster.save()
    response = scan(client, f"/q/{poster.short_code}")
    assert location(response)[0] == poster.campaign.url
    [event] = stored_events()
    assert event.placement == poster and event.landed_on_fallback


def test_an_unpublished_or_deleted_target_lands_on_the_fallback(client, poster, guide):
    fallback = GuidePageFactory(title="Trang dự phòng", parent=poster.campaign)
    campaign = poster.campaign.specific
    campaign.fallback_page = fallback
    campaign.save_revision().publish()

    scan(client, f"/q/{poster.short_code}")  # cache the live target
    guide.unpublish()
    assert location(scan(client, f"/q/{poster.short_code}"))[0] == fallback.url
    guide.delete()
    assert location(scan(client, f"/q/{poster.short_code}"))[0] == fallback.url
    assert [event.landed_on_fallback for event in stored_events()] == [False, True, True]


def test_an_expired_placement_lands_on_the_fallback(client, poster):
    poster.active_until = timezone.localdate() - dt.timedelta(days=1)
    poster.save()
    assert location(scan(client, f"/q/{poster.short_code}"))[0] == poster.campaign.url


def test_a_changed_target_is_followed_at_once(client, poster, guide):
    scan(client, f"/q/{poster.short_code}")
    other = GuidePageFactory(title="Đăng ký tạm trú", parent=poster.campaign)
    poster.target_page = other
    poster.save()
    assert location(scan(client, f"/q/{poster.short_code}"))[0] == other.url


@pytest.mark.parametrize(
    "user_agent",
    [
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "TelegramBot (like TwitterBot)",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0",
        "Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)",
        "Zalo",
        "",
    ],
)
def test_bots_and_previews_are_redirected_but_never_counted_as_citizens(client, poster, user_agent):
    response = scan(client, f"/q/{poster.short_code}", ua=user_agent)
    assert response.status_code == 302
    [event] = stored_events()
    assert event.is_bot and event.device_class == "bot" and event.visitor_hash == ""


def test_zalos_in_app_browser_is_a_citizen(client, poster):
    scan(client, f"/q/{poster.short_code}", ua=ZALO_IN_APP)
    [event] = stored_events()
    assert not event.is_bot and event.device_class == "mobile"


def test_head_requests_are_flagged(client, poster):
    response = client.head(f"/q/{poster.short_code}", HTTP_USER_AGENT=PHONE)
    assert response.status_code == 302
    [event] = stored_events()
    assert event.is_head


def test_only_get_and_head_are_answered(client, poster):
    assert client.post(f"/q/{poster.short_code}").status_code == 405


def test_a_repeat_within_30_minutes_is_flagged_when_drained(client, poster):
    scan(client, f"/q/{poster.short_code}")
    scan(client, f"/q/{poster.short_code}")
    client.get(f"/q/{poster.short_code}", HTTP_USER_AGENT=PHONE, REMOTE_ADDR="198.51.100.20")
    events = stored_events()
    assert [event.is_repeat for event in events] == [False, True, False]
    assert events[0].visitor_hash == events[1].visitor_hash != events[2].visitor_hash


def test_the_language_of_the_phone_is_kept_not_the_header(client, poster):
    scan(client, f"/q/{poster.short_code}", HTTP_ACCEPT_LANGUAGE="km-KH,km;q=0.9,vi;q=0.8")
    [event] = stored_events()
    assert event.language == "km"


def test_with_a_warm_cache_a_scan_does_at_most_2_queries_and_renders_no_template(
    client, poster, django_assert_max_num_queries
):
    scan(client, f"/q/{poster.short_code}")
    with django_assert_max_num_queries(2):
        response = scan(client, f"/q/{poster.short_code}")
    assert response.status_code == 302
    assert not response.templates
    assert not response.cookies


def test_database_write_mode_inserts_each_scan(client, poster, settings, django_assert_max_num_queries):
    settings.LOA_SCAN_WRITE_MODE = "database"
    scan(client, f"/q/{poster.short_code}")
    with django_assert_max_num_queries(2):
        scan(client, f"/q/{poster.short_code}")
    assert ScanEvent.objects.filter(placement=poster).count() == 2


def test_no_ip_address_or_user_agent_is_stored_or_logged(client, poster, caplog, tmp_path):
    secret_agent = PHONE + " ThuNghiemRieng/9.9"
    with caplog.at_level(logging.DEBUG):
        for _ in range(3):
            client.get(f"/q/{poster.short_code}", HTTP_USER_AGENT=secret_agent, REMOTE_ADDR="203.0.113.77")
        client.get(f"/q/{poster.short_code}", HTTP_USER_AGENT=secret_agent, HTTP_X_FORWARDED_FOR="198.51.100.99")
    spooled = b"".join(path.read_bytes() for path in (tmp_path / "spool").glob("*"))
    assert spooled and b"203.0.113.77" not in spooled and b"ThuNghiemRieng" not in spooled
    stored_events()
    dump = tmp_path / "dump.json"
    call_command("dumpdata", "--exclude", "contenttypes", "--exclude", "auth.permission", output=str(dump))
    text = dump.read_text(encoding="utf-8")
    for secret in ("203.0.113.77", "198.51.100.99", "ThuNghiemRieng", "SM-A105F"):
        assert secret not in text
        assert secret not in caplog.text


def test_at_most_two_salts_exist_and_each_day_has_its_own():
    days = [dt.date(2026, 11, 20), dt.date(2026, 11, 21), dt.date(2026, 11, 22)]
    salts = [daily_salt(day) for day in days]
    assert len(set(salts)) == 3
    assert sorted(DailySalt.objects.values_list("day", flat=True)) == days[1:]
    assert daily_salt(days[2]) == salts[2]


def test_scans_keep_redirecting_while_the_database_is_down_and_are_restored_exactly_once(
    transactional_db, client, official_units, settings
):
    if connection.vendor != "postgresql":
        pytest.skip("An in-memory SQLite test database cannot be taken down; this runs on PostgreSQL in CI.")
    ward = AdministrativeUnit.objects.get(code="24133")
    guide = GuidePageFactory(parent=CampaignPageFactory())
    poster = placement(unit=ward, campaign=guide.get_parent().specific, target_page=guide)
    settings.LOA_SCAN_WRITE_MODE = "database"  # the harder case: it must fall back to the spool
    scan(client, f"/q/{poster.short_code}")  # warm the code cache and today's salt
    assert ScanEvent.objects.count() == 1

    broken = {"PORT": "1"}  # nothing listens there: every query fails as with a stopped server
    saved = {key: connection.settings_dict.get(key) for key in broken}
    connection.close()
    connection.settings_dict.update(broken)
    try:
        for _ in range(25):
            response = scan(client, f"/q/{poster.short_code}")
            assert response.status_code == 302
            assert location(response)[0] == guide.url
    finally:
        connection.close()
        connection.settings_dict.update(saved)

    first = drain_scans(include_current=True)
    again = drain_scans(include_current=True)
    assert (first.inserted, again.inserted) == (25, 0)
    assert ScanEvent.objects.filter(placement=poster).count() == 26
