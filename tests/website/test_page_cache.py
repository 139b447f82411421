"""The full-page cache ahead of Wagtail's routing (campaigns/page_cache.py), the kept search results, and
the Redis circuit breaker (core/resilient_cache.py), through the test client as a phone or an editor sees them.

The kept pages are counted in the local-memory cache the tests use (its entries are what Redis would hold).
"""

import logging
import re
import time
from urllib.parse import urlsplit

import pytest
from django.contrib import messages
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.page_cache import KEY_PREFIX
from languages.translations import translate_page
from places.models import AdministrativeUnit
from places.selectors import forget_unit_codes
from search.models import SearchQueryLog
from search.services import drain_search_log
from search.versioning import bump_search_version
from tests.factories.campaigns import GuidePageFactory
from tests.factories.places import ServicePointFactory
from tests.factories.tracking import placement
from tests.factories.users import UserFactory
from tests.private_redis import private_redis_server
from tracking.models import Conversion
from tracking.selectors import forget_local_codes
from website import csp

pytestmark = pytest.mark.django_db

PHONE = "Mozilla/5.0 (Linux; Android 10; SM-A105F) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"
CITY, EA_KAO = "24133", "24169"  # Phường Buôn Ma Thuột, Phường Ea Kao (Đắk Lắk)


def kept_pages() -> list[str]:
    return [key for key in cache._cache if f":{KEY_PREFIX}:" in key]


@pytest.fixture
def page_cache(settings):
    settings.LOA_PAGE_CACHE_SECONDS = 300
    cache.clear()
    forget_unit_codes()
    forget_local_codes()
    yield
    cache.clear()
    forget_unit_codes()


@pytest.fixture
def guide(db):
    return GuidePageFactory(title="Cài đặt ứng dụng VNeID")


def phone_get(client, path, params=None, **headers):
    return client.get(path, params or {}, HTTP_USER_AGENT=PHONE, **headers)


# --- hits -------------------------------------------------------------------------------------------


def test_a_hit_runs_no_query_and_renders_no_template(
    client, guide, page_cache, official_units, django_assert_num_queries
):
    first = phone_get(client, guide.url, {"xa": CITY, "qr": "ABC234"})
    assert first.templates and first["X-Loa-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        hit = phone_get(client, guide.url, {"xa": CITY, "qr": "XYZ789", "utm_source": "zalo", "fbclid": "IwAR0"})
    assert hit.status_code == 200 and hit["X-Loa-Page-Cache"] == "hit"
    assert hit.templates == []
    assert hit.content == first.content
    assert "Phường Buôn Ma Thuột" in hit.content.decode() and "XYZ789" not in hit.content.decode()
    assert "public" in hit["Cache-Control"]
    # Headers of the middleware outside the cache still reach the phone.
    assert "Content-Security-Policy" in hit and hit["X-Frame-Options"]
    assert client.head(guide.url, {"xa": CITY}, HTTP_USER_AGENT=PHONE)["X-Loa-Page-Cache"] == "hit"


def test_a_hit_for_any_code_in_a_ward_is_one_cache_round_trip(client, guide, page_cache, official_units, monkeypatch):
    """The cost of `?qr=<code>&xa=<ward>` once kept: `xa` is checked without a query or a cache call (the unit
    codes are kept in the process), and the page and the content version come in one `get_many`."""
    backend = caches["default"]
    policy = phone_get(client, guide.url, {"xa": CITY})["Content-Security-Policy"]
    phone_get(client, guide.url, {"xa": EA_KAO})
    calls, depth = [], [0]

    def counted(name, method):
        def call(*args, **kwargs):  # top-level calls only (local memory's get_many calls its own get)
            if not depth[0]:
                calls.append(name)
            depth[0] += 1
            try:
                return method(*args, **kwargs)
            finally:
                depth[0] -= 1

        return call

    for name in ("get", "get_many", "set", "set_many", "add", "get_or_set", "has_key", "incr", "delete", "touch"):
        monkeypatch.setattr(backend, name, counted(name, getattr(backend, name)))
    policy_parts = csp.AdminAwareCSPMiddleware.get_policy_parts
    monkeypatch.setattr(csp.AdminAwareCSPMiddleware, "get_policy_parts", counted("csp", policy_parts))
    for number in range(20):
        ward = CITY if number % 2 else EA_KAO
        with CaptureQueriesContext(connection) as queries:
            hit = phone_get(client, guide.url, {"qr": f"K{number:04d}", "xa": ward})
        assert hit["X-Loa-Page-Cache"] == "hit" and len(queries) == 0
    assert calls == ["get_many"] * 20
    # The policy is kept with the page (the CSP middleware is behind the page cache): not built again.
    assert hit["Content-Security-Policy"] == policy


def test_a_thousand_codes_make_one_page_per_ward_and_language_and_junk_makes_none(
    client, guide, page_cache, official_units
):
    for number in range(1000):
        ward = CITY if number % 2 else EA_KAO
        assert phone_get(client, guide.url, {"qr": f"C{number:04d}", "xa": ward}).status_code == 200
    assert len(kept_pages()) == 2
    for language in ("en", "km"):
        assert phone_get(client, f"/{language}{guide.url}", {"qr": "C0001", "xa": CITY}).status_code == 200
    assert len(kept_pages()) == 4
    phone_get(client, guide.url)
    assert len(kept_pages()) == 5  # the plain address: no ward
    for junk in (
        {"utm_source": "facebook", "utm_campaign": "vneid"},
        {"fbclid": "IwAR3x"},
        {"gclid": "abc", "ngon": "1"},
        {"xa": "99999999"},  # not a unit
        {"xa": "<script>"},
        {"qr": "ABC234", "xa": "00000"},
    ):
        response = phone_get(client, guide.url, junk)
        assert response.status_code == 200 and response["X-Loa-Page-Cache"] == "hit", junk
    assert len(kept_pages()) == 5


def test_the_page_is_rendered_from_the_plain_address_so_no_dropped_parameter_reaches_another_phone(
    client, guide, page_cache, official_units
):
    first = phone_get(client, guide.url, {"xa": "12345678", "utm_source": "zalo"}).content.decode()
    assert "12345678" not in first and "utm_source" not in first
    assert phone_get(client, guide.url)["X-Loa-Page-Cache"] == "hit"


# --- staleness ---------------------------------------------------------------------------------------


def test_a_publication_is_seen_at_once(client, guide, page_cache):
    phone_get(client, guide.url)
    assert phone_get(client, guide.url)["X-Loa-Page-Cache"] == "hit"
    guide.title = "Cài đặt VNeID trên điện thoại"
    guide.save_revision().publish()
    assert "Cài đặt VNeID trên điện thoại" in phone_get(client, guide.url).content.decode()


def test_an_unpublication_is_seen_at_once(client, guide, page_cache):
    assert phone_get(client, guide.url).status_code == 200
    guide.unpublish()
    assert phone_get(client, guide.url).status_code == 404


def test_a_help_desk_change_is_seen_at_once(client, guide, page_cache, official_units):
    assert "Điểm hỗ trợ mới mở" not in phone_get(client, guide.url, {"xa": CITY}).content.decode()
    ServicePointFactory(unit=AdministrativeUnit.objects.get(code=CITY), name="Điểm hỗ trợ mới mở")
    assert "Điểm hỗ trợ mới mở" in phone_get(client, guide.url, {"xa": CITY, "qr": "ABC234"}).content.decode()


def test_a_translation_publication_is_seen_at_once(client, guide, page_cache, django_capture_on_commit_callbacks):
    english_address = f"/en{guide.url}"
    before = phone_get(client, english_address)
    assert before.status_code == 200 and "Install the VNeID app" not in before.content.decode()
    assert phone_get(client, english_address)["X-Loa-Page-Cache"] == "hit"  # the Vietnamese fallback, kept
    with django_capture_on_commit_callbacks(execute=True):
        translation = translate_page(page=guide, language_code="en", strings={guide.title: "Install the VNeID app"})
    translation.refresh_from_db()
    assert translation.live
    after = phone_get(client, translation.url)
    assert "Install the VNeID app" in after.content.decode()


# --- never shared ------------------------------------------------------------------------------------


def test_a_logged_in_editor_neither_fills_nor_reads_the_shared_cache(client, guide, page_cache):
    editor = UserFactory(is_superuser=True)
    client.force_login(editor)
    assert "private" in client.get(guide.url)["Cache-Control"]
    assert kept_pages() == []
    client.logout()
    assert phone_get(client, guide.url)["X-Loa-Page-Cache"] == "miss"  # the editor's page was not kept
    assert phone_get(client, guide.url)["X-Loa-Page-Cache"] == "hit"
    client.force_login(editor)
    response = client.get(guide.url)
    assert "X-Loa-Page-Cache" not in response and "private" in response["Cache-Control"]


def test_a_preview_neither_fills_nor_reads_the_shared_cache(client, guide, page_cache):
    phone_get(client, guide.url)  # an anonymous reader fills the cache
    client.force_login(UserFactory(is_superuser=True))
    guide.title = "Bản nháp chưa duyệt"
    guide.save_revision()
    draft = client.get(reverse("wagtailadmin_pages:view_draft", args=[guide.pk]))
    assert draft.status_code == 200 and "Bản nháp chưa duyệt" in draft.content.decode()
    assert "X-Loa-Page-Cache" not in draft
    client.logout()
    assert len(kept_pages()) == 1
    kept = phone_get(client, guide.url)
    assert kept["X-Loa-Page-Cache"] == "hit" and "Bản nháp chưa duyệt" not in kept.content.decode()


class SetsCookie:
    """Stands for anything in front of the page that sets a cookie on a public page (a load balancer's
    affinity cookie, a future feature): the cache must see the cookie and keep nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.set_cookie("affinity", "node-1")
        return response


class AddsMessage:
    """A message for this visitor (as a form view would add one): it travels in a cookie, so the page is theirs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        messages.info(request, "Cảm ơn bạn đã phản hồi.")
        return self.get_response(request)


@pytest.mark.parametrize(
    "extra", ["tests.website.test_page_cache.SetsCookie", "tests.website.test_page_cache.AddsMessage"]
)
def test_responses_setting_cookies_or_carrying_messages_are_never_kept(client, guide, page_cache, settings, extra):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, extra]
    response = phone_get(client, guide.url)
    assert response.status_code == 200 and response.cookies
    assert "X-Loa-Page-Cache" not in response
    assert kept_pages() == []


@pytest.mark.parametrize("cookie", ["sessionid", "messages"])
def test_a_session_or_messages_cookie_bypasses_the_cache(client, guide, page_cache, cookie):
    phone_get(client, guide.url)
    client.cookies[cookie] = "anything"
    response = phone_get(client, guide.url)
    assert response.status_code == 200 and "X-Loa-Page-Cache" not in response


# --- the citizen loop still counts --------------------------------------------------------------------


def test_a_kept_page_still_credits_each_code_without_javascript(client, guide, page_cache, official_units):
    ward = AdministrativeUnit.objects.get(code=CITY)
    campaign = guide.get_parent().specific
    first, second = (placement(unit=ward, campaign=campaign, target_page=guide, spot=spot) for spot in ("A", "B"))
    for number, (poster, expected) in enumerate(((first, "miss"), (second, "hit"))):
        phone = {"HTTP_USER_AGENT": PHONE, "REMOTE_ADDR": f"198.51.100.{number + 1}"}
        landing = client.get(f"/q/{poster.short_code}", **phone)["Location"]
        page = client.get(landing, **phone)
        assert page.status_code == 200 and page["X-Loa-Page-Cache"] == expected
        html = page.content.decode()
        assert poster.short_code not in html
        form = html.split("data-completion-form", 1)[1].split("</form>", 1)[0]
        fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form))
        done = client.post(
            reverse("completion"),
            fields,
            HTTP_ORIGIN="http://testserver",
            HTTP_REFERER="http://testserver" + landing,
            **phone,
        )
        assert done.status_code == 303
        assert Conversion.objects.order_by("-pk").first().placement == poster


# --- budget ----------------------------------------------------------------------------------------


def test_a_guide_first_seen_in_a_language_and_ward_takes_at_most_15_queries(
    client, guide, page_cache, official_units, django_assert_max_num_queries
):
    ServicePointFactory(unit=AdministrativeUnit.objects.get(code=CITY))
    phone_get(client, "/")  # the site's root paths, once per process in production
    with django_assert_max_num_queries(15):
        response = phone_get(client, guide.url, {"xa": CITY, "qr": "ABC234"})
    assert response["X-Loa-Page-Cache"] == "miss"


# --- search ----------------------------------------------------------------------------------------


def test_a_repeated_search_renders_nothing_yet_counts_and_follows_publications(
    client, page_cache, settings, django_capture_on_commit_callbacks, tmp_path
):
    settings.LOA_SEARCH_CACHE_SECONDS = 60
    settings.LOA_SEARCH_SPOOL_DIR = str(tmp_path)
    with django_capture_on_commit_callbacks(execute=True):  # the search index is updated on commit
        guide = GuidePageFactory(title="Cài đặt ứng dụng VNeID")
    first = phone_get(client, "/tim-kiem/", {"q": "cai dat vneid"})
    assert first.templates and "ứng dụng" in first.content.decode()  # the title, its query words highlighted
    again = phone_get(client, "/tim-kiem/", {"q": "cai  dat vneid!"})  # the same query, normalised
    assert again.templates == [] and again.content == first.content
    nothing = phone_get(client, "/tim-kiem/", {"q": "khong co trang nao"})
    phone_get(client, "/tim-kiem/", {"q": "khong co trang nao"})
    assert nothing.status_code == 200  # no page has every word (pages with some of them are offered)
    assert SearchQueryLog.objects.count() == 0  # counted off the request, in this node's spool
    drain_search_log(include_current=True)
    logged = {row.query: (row.searches, row.zero_result_searches) for row in SearchQueryLog.objects.all()}
    assert logged == {"cai dat vneid": (2, 0), "khong co trang nao": (2, 2)}

    with django_capture_on_commit_callbacks(execute=True):
        newer = GuidePageFactory(parent=guide.get_parent(), title="Cài đặt VNeID cho người cao tuổi", live=False)
        newer.save_revision().publish()
    assert "người cao tuổi" in phone_get(client, "/tim-kiem/", {"q": "cai dat vneid"}).content.decode()
    suggestions = phone_get(client, "/tim-kiem/goi-y/", {"q": "cai dat"}).json()["suggestions"]
    assert len(suggestions) == 2


def test_a_kept_search_page_runs_no_query_and_a_synonym_change_makes_it_stale(
    client, guide, page_cache, settings, django_assert_num_queries
):
    settings.LOA_SEARCH_CACHE_SECONDS = 60
    first = phone_get(client, "/tim-kiem/", {"q": "huong dan"})
    assert first.templates
    with django_assert_num_queries(0):  # nothing searched, nothing rendered, the count spooled
        again = phone_get(client, "/tim-kiem/", {"q": "huong dan"})
    assert again.templates == [] and again.content == first.content
    bump_search_version()  # what saving a synonym or a pinned result does
    assert phone_get(client, "/tim-kiem/", {"q": "huong dan"}).templates


def test_a_repeated_search_is_answered_before_the_session_with_its_first_headers_and_still_counted(
    client, guide, page_cache, settings, django_assert_num_queries, tmp_path
):
    settings.LOA_SEARCH_CACHE_SECONDS = 60
    settings.LOA_SEARCH_SPOOL_DIR = str(tmp_path)
    first = phone_get(client, "/tim-kiem/", {"q": "huong dan"})
    assert first.templates and first["X-Loa-Search-Cache"] == "miss"
    with django_assert_num_queries(0):
        again = phone_get(client, "/tim-kiem/", {"q": "huong  dan"})  # the same query, normalised
    assert again["X-Loa-Search-Cache"] == "hit" and again.templates == []
    assert not hasattr(again.wsgi_request, "session")  # answered before the session middleware
    assert again.content == first.content
    for header in ("Content-Security-Policy", "Cache-Control", "X-Frame-Options", "Content-Language"):
        assert again[header] == first[header]
    assert "private" in again["Cache-Control"]  # as the view sent it: a phone does not keep it
    client.get("/tim-kiem/", {"q": "huong dan"}, HTTP_USER_AGENT="Googlebot/2.1")  # a hit, not counted
    # A Host the site does not serve is refused as before, never answered with a kept page; another host the site
    # serves has pages of its own (a result on another Wagtail site is linked by its full address).
    assert phone_get(client, "/tim-kiem/", {"q": "huong dan"}, HTTP_HOST="evil.example").status_code == 400
    assert phone_get(client, "/tim-kiem/", {"q": "huong dan"}, HTTP_HOST="localhost")["X-Loa-Search-Cache"] == "miss"
    # Not answered here: another parameter (rendered, as the view would), a session cookie (the view's own kept
    # page, without headers), a page in another language (kept apart).
    assert phone_get(client, "/tim-kiem/", {"q": "huong dan", "utm_source": "zalo"}).templates
    client.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session"
    with_session = phone_get(client, "/tim-kiem/", {"q": "huong dan"})
    assert "X-Loa-Search-Cache" not in with_session and with_session.templates == []
    del client.cookies[settings.SESSION_COOKIE_NAME]
    english = phone_get(client, "/en/tim-kiem/", {"q": "huong dan"})
    assert english["X-Loa-Search-Cache"] == "miss" and english["Content-Language"] == "en"
    assert phone_get(client, "/en/tim-kiem/", {"q": "huong dan"})["X-Loa-Search-Cache"] == "hit"

    drain_search_log(include_current=True)
    # Every citizen's search, kept or not, answered where it was: 2 + localhost + utm + session + 2 in English; the
    # crawler's not, nor the refused Host's.
    assert {row.query: row.searches for row in SearchQueryLog.objects.all()} == {"huong dan": 7}
    bump_search_version()  # a synonym or a pinned result saved: made again
    assert phone_get(client, "/tim-kiem/", {"q": "huong dan"})["X-Loa-Search-Cache"] == "miss"


# --- Redis away --------------------------------------------------------------------------------------


def test_with_redis_unreachable_pages_and_scans_answer_and_one_line_is_logged(
    client, guide, page_cache, settings, official_units, caplog, tmp_path
):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.resilient_cache.CircuitBreakerRedisCache",
            "LOCATION": "redis://127.0.0.1:6399/0",  # nothing listens there
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.25,
                "BREAKER_SECONDS": 0.2,  # short, so that the test sees Redis tried again
                "LOG_INTERVAL_SECONDS": 60,
                "LOG_MARK_FILE": str(tmp_path / "redis-breaker"),
            },
        }
    }
    forget_local_codes()
    ward = AdministrativeUnit.objects.get(code=CITY)
    poster = placement(unit=ward, campaign=guide.get_parent().specific, target_page=guide)
    caplog.set_level(logging.INFO)
    statuses = []
    for round_number in range(3):
        statuses.append(phone_get(client, guide.url, {"xa": CITY, "qr": poster.short_code}).status_code)
        statuses.append(phone_get(client, "/").status_code)
        scan = phone_get(client, f"/q/{poster.short_code}")
        statuses.append(scan.status_code)
        assert urlsplit(scan["Location"]).path == guide.url
        forget_local_codes()
        if round_number < 2:
            time.sleep(0.25)  # the breaker closes: Redis is tried again, and fails again
    assert statuses == [200, 200, 302] * 3
    about_redis = [record for record in caplog.records if "redis" in record.getMessage().lower()]
    assert len(about_redis) == 1, [record.getMessage() for record in about_redis]
    assert about_redis[0].levelno == logging.WARNING
    ready = client.get("/readyz").json()
    assert ready["checks"]["cache"]["status"] == "fail"


@pytest.fixture
def private_redis():
    with private_redis_server() as server:
        yield server


def test_with_redis_gone_each_process_keeps_serving_the_pages_it_read_while_redis_was_up(
    client, guide, page_cache, settings, private_redis, tmp_path, django_capture_on_commit_callbacks
):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.resilient_cache.CircuitBreakerRedisCache",
            "LOCATION": private_redis.url,
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.25,
                "BREAKER_SECONDS": 60,
                "LOG_MARK_FILE": str(tmp_path / "redis-breaker"),
            },
        }
    }
    assert phone_get(client, guide.url)["X-Loa-Page-Cache"] == "miss"
    assert phone_get(client, guide.url)["X-Loa-Page-Cache"] == "hit"
    # Invalidation is Redis's while it answers: a publication is seen at once, and the copy follows.
    guide.title = "Cài đặt ứng dụng VNeID trên điện thoại"
    with django_capture_on_commit_callbacks(execute=True):
        guide.save_revision().publish()
    renewed = phone_get(client, guide.url)
    assert renewed["X-Loa-Page-Cache"] == "miss" and "trên điện thoại" in renewed.content.decode()
    assert phone_get(client, guide.url)["X-Loa-Page-Cache"] == "hit"

    private_redis.stop()  # its port is closed now
    kept = phone_get(client, guide.url)
    assert kept.status_code == 200 and kept["X-Loa-Page-Cache"] == "hit" and kept.templates == []
    assert kept.content == renewed.content
    home = phone_get(client, "/")  # never read while Redis was up: rendered, then kept in this process
    assert home.status_code == 200 and home["X-Loa-Page-Cache"] == "miss"
    assert phone_get(client, "/")["X-Loa-Page-Cache"] == "hit"
