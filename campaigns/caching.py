"""Cache headers for public pages, so that browsers and a CDN in front of the site can keep them.

A page is cacheable only when nobody is logged in and it is not a preview: a logged-in
editor's response carries the Wagtail userbar and must never reach a shared cache.
Published changes reach the CDN through Wagtail's frontend-cache purge (see
website/settings/base.py, WAGTAILFRONTENDCACHE); `s-maxage` bounds what a purge misses,
such as the `?xa=` variants of a guide when a ward's help desk changes.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


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


class PublicCacheMixin:
    """For page models: `serve` answers with cache headers (ONS's base-page pattern, not a patch of Page.serve)."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        return mark_public_cacheable(request, response)
