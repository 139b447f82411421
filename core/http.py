"""The client's address as this installation's reverse proxies report it (one rule for every use)."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or behind LOA_TRUSTED_PROXY_COUNT proxies the address the outermost of them saw.

    Each proxy appends the address it received from to X-Forwarded-For, so with N trusted proxies
    the N-th entry from the right is the client as seen by the first proxy; entries further left
    were written by the client and can be forged. With no trusted proxy the header is ignored.
    """
    proxies = settings.LOA_TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies > 0 and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
