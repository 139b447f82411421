"""Cache headers for public pages, so that browsers and a CDN in front of the site can keep them.

A page is cacheable only when nobody is logged in and it is not a preview: a logged-in
editor's response carries the Wagtail userbar and must never reach a shared cache.
Published changes reach the CDN through Wagtail's frontend-cache purge (see
website/settings/base.py, WAGTAILFRONTENDCACHE); `s-maxage` bounds what a purge misses,
such as the `?xa=` variants of a guide when a ward's help desk changes.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control

CONTENT_VERSION_KEY = "public-pages:version"


def mark_public_cacheable(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Set Cache-Control on a public response: shared caches may keep it only for anonymous visitors."""
    user = getattr(request, "user", None)
    if getattr(request, "is_preview", False) or (user is not None and user.is_authenticated):
        patch_cache_control(response, private=True, no_cache=True)
        return response
    if response.status_code != 200 or response.cookies:
        return response
    patch_cache_control(
        response,
        public=True,
        max_age=settings.LOA_BROWSER_CACHE_SECONDS,
        s_maxage=settings.LOA_CDN_CACHE_SECONDS,
    )
    return response


def is_anonymous_read(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return (
        request.method in {"GET", "HEAD"}
        and not getattr(request, "is_preview", False)
        and (user is None or not user.is_authenticated)
    )


def content_version() -> int:
    """A number that changes whenever published content does (see campaigns/signals.py)."""
    return cache.get_or_set(CONTENT_VERSION_KEY, 1, timeout=None)


def forget_rendered_pages() -> None:
    """Every rendered page kept in the cache is stale from now on (publish, unpublish, help-desk change)."""
    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:  # not set yet, or evicted: start a new version
        cache.set(CONTENT_VERSION_KEY, 2, timeout=None)


def rendered_page_key(request: HttpRequest, page) -> str:
    # A scan's code (`qr`) is never written into a page (campaigns/landing.py): every code of a ward
    # shares the one rendering of the page for that ward.
    query = request.GET.copy()
    query.pop("qr", None)
    path = hashlib.sha256(f"{request.path}?{query.urlencode()}".encode()).hexdigest()[:32]
    return f"public-pages:{content_version()}:{page.pk}:{translation.get_language()}:{path}"


class PublicCacheMixin:
    """For page models: `serve` answers with cache headers (ONS's base-page pattern, not a patch of Page.serve).

    Anonymous readers also get the page from the shared cache (Redis in production) for
    LOA_PAGE_CACHE_SECONDS: a guide shown on provincial TV is rendered once, not once per
    phone. Any publication or help-desk change starts a new content version, so nobody
    reads a page older than the last change.
    """

    def serve(self, request, *args, **kwargs):
        if settings.LOA_PAGE_CACHE_SECONDS <= 0 or not is_anonymous_read(request):
            return mark_public_cacheable(request, super().serve(request, *args, **kwargs))
        key = rendered_page_key(request, self)
        cached = cache.get(key)
        if cached is not None:
            return cached
        response = mark_public_cacheable(request, super().serve(request, *args, **kwargs))
        if response.status_code == 200 and not response.cookies and "public" in response.get("Cache-Control", ""):
            if hasattr(response, "render"):
                response.render()
            cache.set(key, response, settings.LOA_PAGE_CACHE_SECONDS)
        return response
