"""The public pages' full-page cache, ahead of Wagtail's routing: a scan's crowd is served from memory.

A hit costs one cache round trip (the content version and the page in one `get_many`): no
database query, no routing, no session, no template. What is kept, and under which key:

- only anonymous GET/HEAD of public pages: a request carrying a session or messages cookie
  passes straight through (decided by the cookie's presence; the session is never loaded), and
  so do previews, the admin and every non-page address (scans, forms, search, API…);
- only responses that the page marked `public` (campaigns/caching.py: never for a logged-in
  user or a preview), with status 200 and no cookie set (messages travel in a cookie or the session);
- the key is the host, the path (the language is in the path) and `xa` when it is a known unit.
  Every other parameter (`qr`, `utm_*`, `fbclid`, junk) is dropped: such a request is served from,
  and may fill, the plain address's entry, and the page is rendered from that plain address, so
  what is kept never depends on a dropped parameter (`qr` is never written into a page:
  campaigns/landing.py). Pages that filter on their own parameters (the services catalogue's
  `co_quan`, `truc_tuyen`) are rendered every time they carry them.

Entries are kept with the content version (campaigns/caching.py): any publication, unpublication,
help-desk or catalogue change bumps it, and every kept page is stale at once. A CDN in front is
purged by Wagtail as before (campaigns/signals.py).
"""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse, QueryDict

from campaigns.caching import CONTENT_VERSION_KEY, content_version
from campaigns.landing import WARD_PARAMETER
from places.selectors import is_known_unit_code

# Addresses that are never a cached page (after an optional language prefix).
NOT_PAGES = (
    "/admin/",
    "/q/",
    "/doi-ngon-ngu/",
    "/api/",
    "/documents/",
    "/static/",
    "/media/",
    "/healthz",
    "/readyz",
    "/da-lam-xong/",
    "/ho-tro/",
    "/tim-kiem/",
    "/chon-xa/",
    "/bench/",
)
# Parameters a page reads to filter what it shows (ServiceIndexPage): rendered each time, never kept.
PAGE_FILTER_PARAMETERS = ("co_quan", "truc_tuyen")
BYPASS_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
KEY_PREFIX = "public-page"
CACHE_HEADER = "X-Loa-Page-Cache"


def _language_prefixes() -> tuple[str, ...]:
    return tuple(f"/{code}/" for code, _name in settings.LANGUAGES)


def is_page_address(path: str) -> bool:
    for prefix in _language_prefixes():
        if path.startswith(prefix):
            path = path[len(prefix) - 1 :]
            break
    return not path.startswith(NOT_PAGES) and path != "/q"


def kept_query(request: HttpRequest) -> dict[str, str] | None:
    """The parameters that make a different page (only a known `xa`); None when the request may not use the cache."""
    if any(request.GET.get(name) for name in PAGE_FILTER_PARAMETERS):
        return None
    ward = request.GET.get(WARD_PARAMETER, "")
    return {WARD_PARAMETER: ward} if is_known_unit_code(ward) else {}


def may_use_cache(request: HttpRequest) -> bool:
    return (
        settings.LOA_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not any(name in request.COOKIES for name in BYPASS_COOKIES)
        and not getattr(request, "is_dummy", False)  # Wagtail's preview goes through the middleware again
        and not getattr(request, "is_preview", False)
        and is_page_address(request.path)
    )


def page_key(*, host: str, path: str, query: dict[str, str]) -> str:
    digest = hashlib.sha256(f"{host}{path}?{urlencode(sorted(query.items()))}".encode()).hexdigest()[:40]
    return f"{KEY_PREFIX}:{digest}"


def carries_messages(request: HttpRequest) -> bool:
    """Whether this response shows or keeps a message for this visitor (added now, or read from storage)."""
    storage = getattr(request, "_messages", None)
    return storage is not None and (storage.used or getattr(storage, "added_new", False))


def may_keep(request: HttpRequest, response: HttpResponse) -> bool:
    user = getattr(request, "user", None)
    cache_control = response.get("Cache-Control", "")
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "public" in cache_control
        and "private" not in cache_control
        and not getattr(request, "is_preview", False)
        and not carries_messages(request)
        and (user is None or not user.is_authenticated)
    )


class PublicPageCacheMiddleware:
    """Place it after SecurityMiddleware and before everything else: a hit must not reach the session,
    authentication or Wagtail, nor build the Content-Security-Policy again (the kept headers carry it)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not may_use_cache(request):
            return self.get_response(request)
        query = kept_query(request)
        if query is None:
            return self.get_response(request)
        try:
            key = page_key(host=request.get_host(), path=request.path, query=query)
        except DisallowedHost:
            return self.get_response(request)  # CommonMiddleware answers it
        found = cache.get_many([CONTENT_VERSION_KEY, key])
        version = found.get(CONTENT_VERSION_KEY)
        entry = found.get(key)
        if version is not None and entry is not None and entry[0] == version:
            return self._replay(entry)

        # Rendered from the plain address plus the kept parameters, as every request sharing the entry would be.
        plain = urlencode(query)
        request.GET = QueryDict(plain)
        request.META["QUERY_STRING"] = plain
        response = self.get_response(request)
        if may_keep(request, response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            headers = [(name, value) for name, value in response.items() if name.lower() != "set-cookie"]
            stored_version = version if version is not None else content_version()
            cache.set(
                key,
                (stored_version, response.status_code, headers, response.content),
                settings.LOA_PAGE_CACHE_SECONDS,
            )
            response[CACHE_HEADER] = "miss"
        return response

    @staticmethod
    def _replay(entry) -> HttpResponse:
        _version, status, headers, content = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[CACHE_HEADER] = "hit"
        return response
