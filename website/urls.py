from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from campaigns.api import PublicServicesAPIViewSet
from campaigns.views import ward_help_desk, ward_picker
from languages.serving import serve_page
from languages.views import switch_language
from tracking.api import TrackedContentPagesAPIViewSet
from tracking.assisted import DeskFirstLoginView, assisted_registration, undo_assisted_entry
from tracking.code_entry_views import enter_code
from tracking.completion_views import completion, completion_thanks
from tracking.views import scan
from website.health import healthz, readyz

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", TrackedContentPagesAPIViewSet)
api_router.register_endpoint("services", PublicServicesAPIViewSet)

# Outside the language prefixes: the admin, documents, the API, the scan redirect, the language switch, health checks.
urlpatterns = [
    # Wagtail's login, leading service-point staff to their form (tracking/assisted.py); same name, so it shadows it.
    path("admin/login/", DeskFirstLoginView.as_view(), name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    # A code typed by hand (heard on the loudspeaker or radio): a form, then the same redirect and count as a scan.
    path("q/", enter_code, name="enter_code"),
    path("q", enter_code),
    # The scan redirect: short or numeric code, any case, with or without a trailing slash.
    re_path(r"^q/(?P<code>[^/]+)/?$", scan, name="scan"),
    # The language switcher: one address for every language, keeping the visit's ward and code.
    path("doi-ngon-ngu/", switch_language, name="switch_language"),
    # The print shop's signed, expiring link to an approved print order (no account; Vietnamese only).
    path("", include("media_kit.urls")),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Vietnamese is served without a prefix; other languages under /en/ and so on.
urlpatterns += i18n_patterns(
    re_path(r"^xa/(?P<code>[0-9A-Za-z-]{1,32})/$", ward_help_desk, name="ward_help_desk"),
    path("chon-xa/", ward_picker, name="ward_picker"),
    path("da-lam-xong/", completion, name="completion"),
    path("da-lam-xong/cam-on/", completion_thanks, name="completion_thanks"),
    path("ho-tro/ghi-nhan/", assisted_registration, name="assisted_registration"),
    path("ho-tro/ghi-nhan/hoan-tac/", undo_assisted_entry, name="assisted_registration_undo"),
    path("", include("search.urls")),
    # Wagtail's pages, with the Vietnamese page (and a notice) where a translation is missing.
    # Same pattern and name as Wagtail's own (which it shadows), so reversing and translate_url() work.
    re_path(serve_pattern, serve_page, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "website.views.page_not_found"
