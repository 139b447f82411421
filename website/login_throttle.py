"""The client address that django-axes counts failed staff logins against (AXES_CLIENT_IP_CALLABLE)."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_ip_address(request: HttpRequest) -> str:
    """REMOTE_ADDR, or behind LOA_TRUSTED_PROXY_COUNT proxies the address the outermost of them saw.

    Each proxy appends the address it received from to X-Forwarded-For, so with N trusted proxies
    the N-th entry from the right is the client as seen by the first proxy; entries further left
    were written by the client and can be forged.
    """
    proxies = settings.LOA_TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies > 0 and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The page a locked-out login gets (AXES_LOCKOUT_CALLABLE), in Vietnamese, with the wait in minutes."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(request, "website/login_locked.html", {"cooloff_minutes": minutes}, status=429)
