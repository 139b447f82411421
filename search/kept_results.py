"""Kept search results: a repeated search is answered from the cache, and still counted.

A results page is kept for LOA_SEARCH_CACHE_SECONDS per host, language, normalised query and page, with the content
and search versions it was made under (any publication, synonym or pinned result bumps one: the entry is stale at
once). Two places answer from it:

- `KeptSearchMiddleware`, right after the public-page cache and before the session, authentication, the CSRF and
  CSP middleware and the view, answers an anonymous citizen's repeated search (no session or messages cookie, no
  parameter but `q` and `trang`) with the kept page and the headers it was first sent with: one cache round trip
  and one spooled line for the search log, nothing else. On a miss it lets the request through and keeps the
  answer the view made, headers included (no cookie set; the page carries no nonce);
- the view itself (search/views.py) for anyone else it may share a page with (an anonymous visitor with a
  session cookie), without the headers.

Every search answered from either is still counted in the editors' log (search.services.log_search), except a
crawler's, as when the page is made.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language

from campaigns.caching import CONTENT_VERSION_KEY
from campaigns.page_cache import BYPASS_COOKIES
from search.services import log_search, looks_like_bot
from search.text import clean_query
from search.versioning import VERSION_KEY as SEARCH_VERSION_KEY

# Results are ranked among at most a few hundred candidates (search/selectors.py: CANDIDATES_PER_KIND
# per kind), so no query has more pages than this; a larger `trang` shows the last page.
MAX_RESULT_PAGES = 40
SHARED_PARAMETERS = frozenset({"q", "trang"})
CACHE_HEADER = "X-Loa-Search-Cache"


def page_number(raw: str | None) -> int:
    # ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
    if not raw or not raw.isascii() or not raw.isdigit() or len(raw) > 6:
        return MAX_RESULT_PAGES if raw and raw.isascii() and raw.isdigit() else 1
    return max(1, min(int(raw), MAX_RESULT_PAGES))


def results_page_key(*, host: str, query: str, number: int) -> str:
    """The results page's entry: per host (a result on another Wagtail site is linked by its full address),
    language, normalised query and page; the versions it was made under are kept inside it (as the page cache
    does), so that a repeated search costs one cache round trip."""
    digest = hashlib.sha256(f"{host}\n{query}".encode()).hexdigest()[:32]
    return f"search:page:{get_language()}:{digest}:{number}"


def read_entry(key: str) -> tuple[tuple[int, int] | None, tuple | None]:
    """The current (content, search) versions when both are known, and the kept entry (versions, html, found,
    headers or None) if it is still current. One cache round trip."""
    found = cache.get_many([CONTENT_VERSION_KEY, SEARCH_VERSION_KEY, key])
    content, searched = found.get(CONTENT_VERSION_KEY), found.get(SEARCH_VERSION_KEY)
    versions = (content, searched) if content is not None and searched is not None else None
    entry = found.get(key)
    if versions is not None and entry is not None and tuple(entry[0]) == versions:
        return versions, tuple(entry) + (None,) * (4 - len(entry))
    return versions, None


def keep(key: str, *, versions: tuple[int, int], html: str | bytes, found: bool, headers=None) -> None:
    cache.set(key, (versions, html, found, headers), settings.LOA_SEARCH_CACHE_SECONDS)


def count_search(request: HttpRequest, *, query: str, number: int, found: bool, staff: bool = False) -> None:
    """Count a search in the editors' log: a citizen's first results page with a query (not a crawler's)."""
    if query and number == 1 and not staff and not looks_like_bot(request.headers.get("User-Agent", "")):
        log_search(query=query, found=found)


class KeptSearchMiddleware:
    """Place it right after the public-page cache (campaigns.page_cache), before the session and CSP middleware."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self._paths: dict[str, str] | None = None

    def search_paths(self) -> dict[str, str]:
        """The search page's address in each language → the language (Vietnamese has no prefix)."""
        if self._paths is None:
            paths = {}
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    paths[reverse("search")] = code
            self._paths = paths
        return self._paths

    def language(self, request: HttpRequest) -> str | None:
        """The language of a search this middleware may answer; None to let the request through."""
        if (
            request.method != "GET"
            or settings.LOA_SEARCH_CACHE_SECONDS <= 0
            or any(name in request.COOKIES for name in BYPASS_COOKIES)
            or not set(request.GET) <= SHARED_PARAMETERS
        ):
            return None
        return self.search_paths().get(request.path)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = self.language(request)
        if language is None:
            return self.get_response(request)
        try:
            host = request.get_host()
        except DisallowedHost:
            return self.get_response(request)  # CommonMiddleware answers it
        query = clean_query(request.GET.get("q", ""))
        number = page_number(request.GET.get("trang"))
        with translation.override(language):
            key = results_page_key(host=host, query=query, number=number)
        _versions, entry = read_entry(key)
        if entry is not None and entry[3] is not None:
            _versions, html, found, headers = entry
            count_search(request, query=query, number=number, found=found)
            response = HttpResponse(html)
            for name, value in headers:
                response[name] = value
            response[CACHE_HEADER] = "hit"
            return response
        # The view makes the page (or takes the kept one without headers) and leaves the entry to keep here.
        request.keeps_search_page = True
        response = self.get_response(request)
        made = getattr(response, "search_entry", None)
        if made is not None and response.status_code == 200 and not response.streaming:
            made_key, made_versions, found = made
            # A page that set a cookie is kept for the view only (its headers are this visitor's).
            headers = None if response.cookies else list(response.items())
            keep(made_key, versions=made_versions, html=response.content, found=found, headers=headers)
            response[CACHE_HEADER] = "miss"
        return response
