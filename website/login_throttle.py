"""What a locked-out staff login sees (django-axes; it counts failures per core.http.client_ip)."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The page a locked-out login gets (AXES_LOCKOUT_CALLABLE), in Vietnamese, with the wait in minutes."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(request, "website/login_locked.html", {"cooloff_minutes": minutes}, status=429)
