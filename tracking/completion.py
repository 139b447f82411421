"""The "Tôi đã làm xong" form at the end of a guide.

Guide pages are cached for everyone, so the form cannot carry a per-visitor CSRF
token. The endpoint is CSRF-exempt on purpose and protected instead by: a same-origin
check (Origin, else Referer), a signed, time-limited token that is the same for every
visitor of the page, and a rate limit and 30-minute de-duplication keyed by the salted
visitor hash, held only in the cache (never stored).
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest

from core.http import client_ip
from tracking.privacy import daily_salt, visitor_hash

TOKEN_SALT = "tracking.completion"  # noqa: S105 (a signing namespace, not a secret)
TOKEN_MAX_AGE = 2 * 24 * 60 * 60  # longer than any page cache in front of the site
DEDUP_SECONDS = 30 * 60
RATE_LIMIT_PER_HOUR = 20


def completion_token(page_id: int) -> str:
    return signing.TimestampSigner(salt=TOKEN_SALT).sign(str(page_id))


def page_id_from_token(token: str) -> int | None:
    """The guide a token was made for, or None if it is forged, altered or expired."""
    try:
        value = signing.TimestampSigner(salt=TOKEN_SALT).unsign(token, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    return int(value) if value.isdigit() else None


def is_same_origin(request: HttpRequest) -> bool:
    source = request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER") or ""
    if not source or source == "null":
        return False
    parts = urlsplit(source)
    return parts.netloc == request.get_host() and parts.scheme == request.scheme


@dataclass(frozen=True)
class Throttle:
    allowed: bool
    duplicate: bool


def throttle(request: HttpRequest, *, page_id: int) -> Throttle:
    """Rate-limit and de-duplicate by the salted visitor hash, kept only in the cache."""
    visitor = visitor_hash(
        ip=client_ip(request), user_agent=request.META.get("HTTP_USER_AGENT", "")[:1000], salt=daily_salt()
    )
    rate_key = f"tracking:done-rate:{visitor}"
    cache.add(rate_key, 0, 60 * 60)
    try:
        attempts = cache.incr(rate_key)
    except ValueError:  # expired between add and incr
        cache.set(rate_key, 1, 60 * 60)
        attempts = 1
    if attempts > RATE_LIMIT_PER_HOUR:
        return Throttle(allowed=False, duplicate=False)
    first = cache.add(f"tracking:done:{visitor}:{page_id}", 1, DEDUP_SECONDS)
    return Throttle(allowed=True, duplicate=not first)
