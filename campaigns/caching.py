"""Cache headers for public pages, so that browsers and a CDN in front of the site can keep them.

A page is cacheable only when nobody is logged in and it is not a preview: a logged-in
editor's response carries the Wagtail userbar and must never reach a shared cache.
Published changes reach the CDN through Wagtail's frontend-cache purge (see
website/settings/base.py, WAGTAILFRONTENDCACHE); `s-maxage` bounds what a purge misses,
such as the `?xa=` variants of a guide when a ward's help desk changes. The site's own copy of
each public page is kept by campaigns/page_cache.py, ahead of Wagtail's routing.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
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


def _new_version() -> int:
    # Not 1: after an eviction or a flush, a restarted count could meet entries kept under an old number.
    return time.time_ns()


def content_version() -> int:
    """A number that changes whenever published content does (see campaigns/signals.py)."""
    return cache.get_or_set(CONTENT_VERSION_KEY, _new_version, timeout=None)


def forget_rendered_pages() -> None:
    """Every public page and search result kept in the cache is stale from now on (publish, unpublish,
    help-desk change): they are kept under this number (campaigns/page_cache.py, search/views.py)."""
    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:  # not set yet, or evicted: start a new version
        cache.set(CONTENT_VERSION_KEY, _new_version(), timeout=None)


class PublicCacheMixin:
    """For page models: `serve` answers with cache headers (ONS's base-page pattern, not a patch of Page.serve).

    The `public` header is also what lets the full-page cache in front of Wagtail
    (campaigns/page_cache.py) keep the response for anonymous readers.
    """

    def serve(self, request, *args, **kwargs):
        return mark_public_cacheable(request, super().serve(request, *args, **kwargs))
