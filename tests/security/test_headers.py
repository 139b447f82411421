"""Security headers on what citizens and staff actually receive: public pages, the scan redirect,
the admin login, an admin page, Wagtail's preview; cookies; the HTTPS redirect."""

import importlib
import re

import pytest
from django.test import RequestFactory, override_settings
from django.urls import reverse

from tests.security.test_settings_production import production_settings

pytestmark = pytest.mark.django_db

COMMON = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def assert_common_headers(response):
    for name, value in COMMON.items():
        assert response[name] == value, name


def assert_public_policy(response):
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert "'unsafe-eval'" not in [value for values in policy.values() for value in values]
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"] and policy["form-action"] == ["'self'"]


def assert_admin_policy(response):
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert "'unsafe-eval'" not in policy["script-src"]


def test_a_public_guide_has_the_strict_policy_and_refuses_framing(client, guide):
    response = client.get(guide.url)
    assert response.status_code == 200
    assert_common_headers(response)
    assert response["X-Frame-Options"] == "DENY"
    assert_public_policy(response)


def test_the_home_page_and_a_ward_page_have_the_strict_policy(client, guide, official_units):
    for path in ["/", "/xa/24133/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_common_headers(response)
        assert response["X-Frame-Options"] == "DENY"
        assert_public_policy(response)


def test_the_scan_redirect_carries_the_headers_too(client, scan_code):
    response = client.get(f"/q/{scan_code}")
    assert response.status_code == 302
    assert_common_headers(response)
    assert response["X-Frame-Options"] == "DENY"
    assert_public_policy(response)


def test_the_admin_login_page_has_the_admin_policy_and_refuses_framing(client):
    response = client.get(reverse("wagtailadmin_login"))
    assert response.status_code == 200
    assert_common_headers(response)
    assert response["X-Frame-Options"] == "DENY"
    assert_admin_policy(response)


def test_an_admin_page_has_the_admin_policy(admin_client, guide):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[guide.pk]))
    assert response.status_code == 200
    assert_common_headers(response)
    assert response["X-Frame-Options"] == "DENY"
    assert_admin_policy(response)
    assert "gravatar" not in response.content.decode()


def test_the_preview_panel_may_frame_the_preview_from_the_same_origin(admin_client, guide):
    """Wagtail's preview views answer SAMEORIGIN, and the admin policy lets the admin frame itself."""
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[guide.pk])
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[guide.pk])).content.decode()
    assert preview_url in edit
    response = admin_client.get(preview_url)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert_admin_policy(response)
    assert "'self'" in directives(response["Content-Security-Policy"])["frame-src"]


def test_a_preview_rendered_for_the_panel_may_be_framed_by_the_admin(admin_client, guide, superuser):
    """Wagtail renders the preview through the middleware again, at the page's public address."""
    request = RequestFactory().get(reverse("wagtailadmin_pages:preview_on_edit", args=[guide.pk]))
    request.user = superuser
    response = guide.make_preview_request(original_request=request, preview_mode="")
    assert response.status_code == 200
    assert guide.title in response.content.decode()
    assert_admin_policy(response)


def test_session_and_csrf_cookies_are_secure_and_http_only_in_production(client, superuser):
    production = production_settings()
    with override_settings(
        SESSION_COOKIE_SECURE=production.SESSION_COOKIE_SECURE, CSRF_COOKIE_SECURE=production.CSRF_COOKIE_SECURE
    ):
        login_page = client.get(reverse("wagtailadmin_login"), secure=True)
        csrf = login_page.cookies["csrftoken"]
        assert csrf["secure"] and csrf["httponly"]
        response = client.post(
            reverse("wagtailadmin_login"),
            {"username": "quantri", "password": "mat-khau-quan-tri-1"},
            secure=True,
        )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    # Not "remember me": the session ends with the browser, and on the server after 8 hours at most.
    assert session["max-age"] == "" and session["expires"] == ""
    assert client.session.get_expiry_age() <= 8 * 60 * 60


def test_https_redirect_and_hsts_but_health_checks_answer_over_http(client, guide):
    production = production_settings()
    with override_settings(
        SECURE_SSL_REDIRECT=production.SECURE_SSL_REDIRECT,
        SECURE_REDIRECT_EXEMPT=production.SECURE_REDIRECT_EXEMPT,
        SECURE_HSTS_SECONDS=production.SECURE_HSTS_SECONDS,
        SECURE_HSTS_INCLUDE_SUBDOMAINS=production.SECURE_HSTS_INCLUDE_SUBDOMAINS,
        SECURE_PROXY_SSL_HEADER=production.SECURE_PROXY_SSL_HEADER,
    ):
        plain = client.get(guide.url)
        assert plain.status_code == 301 and plain["Location"].startswith("https://")
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code in {200, 503}  # answered, not redirected
        assert client.get("/q/khong-co/").status_code == 301
        behind_proxy = client.get(guide.url, HTTP_X_FORWARDED_PROTO="https")
        assert behind_proxy.status_code == 200
        hsts = behind_proxy["Strict-Transport-Security"]
    assert re.fullmatch(r"max-age=31536000; includeSubDomains(; preload)?", hsts)


def test_the_admin_csp_middleware_is_the_one_installed():
    from django.conf import settings

    assert "website.csp.AdminAwareCSPMiddleware" in settings.MIDDLEWARE
    assert importlib.import_module("website.csp").AdminAwareCSPMiddleware
