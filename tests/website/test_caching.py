"""Caching in production: cache headers for a CDN, purges when content changes, Redis shared and optional.

The purge target is a real HTTP server on loopback that records what it is asked to
purge, as a Varnish or nginx cache would receive it; the Redis tests use the Redis
server on 127.0.0.1:6379 (database 11; the keys of this process's prefix are deleted around each test, so that
pytest-xdist's workers, and two runs on one machine, never empty each other's).
"""

import http.server
import os
import threading
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from wagtail.models import Page

from places.models import AdministrativeUnit, ServicePoint
from tests.factories.campaigns import GuidePageFactory
from tests.factories.places import ServicePointFactory
from tests.factories.tracking import placement
from tests.factories.users import UserFactory
from tracking.selectors import forget_local_codes

pytestmark = pytest.mark.django_db

PHONE = "Mozilla/5.0 (Linux; Android 10; SM-A105F) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"
REDIS = "redis://127.0.0.1:6379/11"
DEAD_REDIS = "redis://127.0.0.1:6399/0"  # nothing listens there: Redis "stopped"


def redis_cache(location: str) -> dict:
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"loa-test-{os.getpid()}",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.25, "IGNORE_EXCEPTIONS": True},
        }
    }


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    purged: list[tuple[str, str]] = []

    def do_PURGE(self):
        self.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server(settings):
    """A caching proxy's purge endpoint on a loopback port, configured as Wagtail's frontend cache."""
    PurgeRecorder.purged = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield PurgeRecorder.purged
    server.shutdown()
    server.server_close()


@pytest.fixture
def guide():
    return GuidePageFactory(title="Cài đặt ứng dụng VNeID")


def test_an_anonymous_guide_may_be_kept_by_a_browser_and_a_cdn(client, guide, settings):
    settings.LOA_BROWSER_CACHE_SECONDS = 60
    settings.LOA_CDN_CACHE_SECONDS = 300
    response = client.get(guide.url)
    assert response.status_code == 200
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=60", "s-maxage=300"}
    assert "Set-Cookie" not in response


def test_a_logged_in_editor_never_gets_a_shareable_page(client, guide):
    client.force_login(UserFactory(is_superuser=True))
    response = client.get(guide.url)
    assert response.status_code == 200
    assert "public" not in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("path", ["/", "/xa/24133/"])
def test_home_and_ward_pages_are_cacheable_too(client, guide, official_units, path):
    home = Page.objects.get(depth=2)
    assert home.specific_class.__name__ == "HomePage"
    response = client.get(path)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]


def test_a_scan_is_never_cached(client, guide, official_units):
    ward = AdministrativeUnit.objects.get(code="24133")
    poster = placement(unit=ward, campaign=guide.get_parent().specific, target_page=guide)
    response = client.get(f"/q/{poster.short_code}", HTTP_USER_AGENT=PHONE)
    assert response.status_code == 302
    assert response["Cache-Control"] == "no-store"


def test_publishing_a_guide_purges_its_url_from_the_cdn(purge_server, guide):
    guide.title = "Cài đặt ứng dụng VNeID (bản mới)"
    guide.save_revision().publish()
    paths = [path for _host, path in purge_server]
    assert urlsplit(guide.full_url).path in paths


def test_an_untranslated_guide_is_purged_where_it_is_served_as_a_fallback(purge_server, guide, settings):
    guide.save_revision().publish()
    path = urlsplit(guide.full_url).path
    paths = [purged for _host, purged in purge_server]
    assert {f"/{language}{path}" for language, _name in settings.LANGUAGES if language != "vi"} <= set(paths)


def test_unpublishing_a_guide_purges_it(purge_server, guide):
    guide.unpublish()
    assert urlsplit(guide.full_url).path in [path for _host, path in purge_server]


def test_a_changed_help_desk_purges_the_ward_page_in_every_language(purge_server, official_units, settings):
    ward = AdministrativeUnit.objects.get(code="24133")
    ServicePointFactory(unit=ward)
    paths = {path for _host, path in purge_server}
    assert "/xa/24133/" in paths
    assert {f"/{language}/xa/24133/" for language, _ in settings.LANGUAGES if language != "vi"} <= paths
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc
    assert {purge_host for purge_host, _path in purge_server} == {host}


def test_without_a_cdn_nothing_is_purged(settings, official_units):
    settings.WAGTAILFRONTENDCACHE = {}
    PurgeRecorder.purged = []
    ServicePointFactory(unit=AdministrativeUnit.objects.get(code="24133"))
    assert PurgeRecorder.purged == []


@pytest.fixture
def shared_redis(settings):
    settings.CACHES = redis_cache(REDIS)
    cache.delete_pattern("*")  # this prefix's keys (django-redis prefixes the pattern)
    forget_local_codes()
    yield
    cache.delete_pattern("*")
    forget_local_codes()


def test_a_changed_placement_is_seen_by_every_app_server_through_redis(client, shared_redis, official_units):
    """Another app server has only Redis in common with this one: the cached code → target must go."""
    ward = AdministrativeUnit.objects.get(code="24133")
    first, second = GuidePageFactory(title="Cài VNeID"), GuidePageFactory(title="Kích hoạt mức độ 2")
    poster = placement(unit=ward, campaign=first.get_parent().specific, target_page=first)
    assert urlsplit(client.get(f"/q/{poster.short_code}", HTTP_USER_AGENT=PHONE)["Location"]).path == first.url
    assert cache.keys("*")  # the code → target map is in Redis, where every app server finds it

    poster.target_page = second
    poster.save()
    forget_local_codes()  # the other server's short in-process memo has nothing of this code

    assert urlsplit(client.get(f"/q/{poster.short_code}", HTTP_USER_AGENT=PHONE)["Location"]).path == second.url


def test_with_redis_stopped_pages_and_scans_keep_working(client, settings, guide, official_units):
    settings.CACHES = redis_cache(DEAD_REDIS)
    forget_local_codes()
    ward = AdministrativeUnit.objects.get(code="24133")
    poster = placement(unit=ward, campaign=guide.get_parent().specific, target_page=guide)

    assert client.get(guide.url).status_code == 200
    assert client.get("/").status_code == 200
    response = client.get(f"/q/{poster.short_code}", HTTP_USER_AGENT=PHONE)
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == guide.url


@pytest.fixture
def page_cache(settings):
    settings.LOA_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_an_anonymous_reader_gets_the_kept_page_until_the_next_publication(client, guide, page_cache):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        rendered = client.get(guide.url)
    with CaptureQueriesContext(connection) as second:
        kept = client.get(guide.url)
    assert kept.status_code == 200 and kept.content == rendered.content
    # Served ahead of Wagtail's routing: no query at all (campaigns/page_cache.py).
    assert len(second) == 0 < len(first), (len(first), len(second))

    guide.title = "Cài đặt VNeID trên điện thoại"
    guide.save_revision().publish()
    assert "Cài đặt VNeID trên điện thoại" in client.get(guide.url).content.decode()


def test_each_ward_gets_its_own_kept_page_and_every_code_of_a_ward_shares_it(client, guide, page_cache, official_units):
    first = client.get(guide.url, {"xa": "24133", "qr": "ABC234"}).content.decode()
    other = client.get(guide.url, {"xa": "24169", "qr": "ABC235"}).content.decode()
    assert "Buôn Ma Thuột" in first and "Ea Kao" in other and "Buôn Ma Thuột" not in other
    # The code is never written into the page (the script and the Referer carry it): one kept page per ward.
    assert "ABC234" not in first and "ABC235" not in other
    # A point added without the signals that make kept pages stale: a page rendered again would show it.
    ServicePoint.objects.bulk_create([ServicePointFactory.build(unit=AdministrativeUnit.objects.get(code="24133"))])
    again = client.get(guide.url, {"xa": "24133", "qr": "XYZ789"}).content.decode()
    assert again == first
    # Any other parameter is dropped from the key too (tests/website/test_page_cache.py): still the kept page.
    assert client.get(guide.url, {"xa": "24133", "ngon": "1"}).content.decode() == first


def test_a_changed_help_desk_is_shown_at_once(client, guide, page_cache, official_units):
    ward = AdministrativeUnit.objects.get(code="24133")
    client.get(guide.url, {"xa": "24133"})
    ServicePointFactory(unit=ward, name="Điểm hỗ trợ mới mở")
    assert "Điểm hỗ trợ mới mở" in client.get(guide.url, {"xa": "24133"}).content.decode()


def test_logged_in_staff_never_get_the_kept_anonymous_page(client, guide, page_cache):
    client.get(guide.url)  # an anonymous reader fills the cache
    client.force_login(UserFactory(is_superuser=True))
    response = client.get(guide.url)
    assert "private" in response["Cache-Control"]  # rendered for them, not the kept public copy
