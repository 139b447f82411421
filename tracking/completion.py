"""The "Tôi đã làm xong" form at the end of a guide.

Guide pages are cached for everyone, so the form cannot carry a per-visitor CSRF
token. The endpoint is CSRF-exempt on purpose and protected instead by: a same-origin
check (Origin, else Referer), a signed, time-limited token that is the same for every
visitor of the page, de-duplication and a per-address limit, all held only in the cache
(never stored):

- De-duplication, 30 minutes per guide: by the random per-tab value that the page's script
  keeps in sessionStorage and sends as the field `tab`, so that people behind one address
  (commune-hall Wi-Fi, carrier NAT) with the same phone model each count; without
  JavaScript, by the salted hash of client address and user agent (as before).
- The limit: at most COMPLETIONS_PER_ADDRESS_PER_HOUR completions are stored per client
  address per placement in any rolling hour. Further taps see the same thank-you page,
  are not stored, and only add one to the placement's "lượt bấm vượt giới hạn" of the day.
"""

import enum
import hashlib
import hmac
import re
from urllib.parse import urlsplit

from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

from core.http import client_ip
from tracking.privacy import daily_salt, visitor_hash

TOKEN_SALT = "tracking.completion"  # noqa: S105 (a signing namespace, not a secret)
TOKEN_MAX_AGE = 2 * 24 * 60 * 60  # longer than any page cache in front of the site
DEDUP_SECONDS = 30 * 60
COMPLETIONS_PER_ADDRESS_PER_HOUR = 20
LIMIT_WINDOW_SECONDS = 60 * 60
# What the script sends: 16 random bytes in hex. Anything else is ignored (today's rule applies).
TAB_ID_PATTERN = re.compile(r"[0-9a-f]{32}")


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


class Verdict(enum.Enum):
    STORE = "store"
    DUPLICATE = "duplicate"  # the same tab (or, without JavaScript, the same address and browser) again
    OVER_LIMIT = "over_limit"  # a new tap, but the address has used up the placement's hour


def tab_id(raw: str) -> str | None:
    value = raw.strip().lower()
    return value if TAB_ID_PATTERN.fullmatch(value) else None


def _who(request: HttpRequest, *, salt: bytes) -> str:
    """Whose tap this is, for de-duplication: the tab if the script sent one, else address and browser."""
    tab = tab_id(request.POST.get("tab", ""))
    if tab is not None:
        # Hashed only to keep cache keys uniform: the value is random and names nobody.
        return "tab:" + salted_hmac("tracking.completion.tab", tab, algorithm="sha256").hexdigest()[:32]
    user_agent = request.META.get("HTTP_USER_AGENT", "")[:1000]
    return "visitor:" + visitor_hash(ip=client_ip(request), user_agent=user_agent, salt=salt)


def address_hash(request: HttpRequest, *, salt: bytes) -> str:
    """The client address (as core.http.client_ip sees it) under the daily salt; never the user agent."""
    message = b"address\n" + client_ip(request).encode("utf-8", "replace")
    return hmac.new(salt, message, hashlib.sha256).hexdigest()[:32]


def take_limit_slot(*, address: str, placement_id: int | None) -> bool:
    """Take one of the address's COMPLETIONS_PER_ADDRESS_PER_HOUR slots for the placement, if one is free.

    Each slot is a cache key that lives exactly LIMIT_WINDOW_SECONDS from the tap that took it, and
    `cache.add` takes it atomically (SET NX on Redis), so no more than the limit is ever stored in
    any rolling hour, even when taps arrive at once from several processes.
    """
    prefix = f"tracking:done-slot:{address}:{placement_id or 'none'}"
    keys = [f"{prefix}:{number}" for number in range(COMPLETIONS_PER_ADDRESS_PER_HOUR)]
    taken = cache.get_many(keys)
    return any(cache.add(key, 1, LIMIT_WINDOW_SECONDS) for key in keys if key not in taken)


def throttle(request: HttpRequest, *, page_id: int, placement_id: int | None) -> Verdict:
    """De-duplicate by tab (else address and browser), then apply the per-address, per-placement limit."""
    salt = daily_salt()
    if not cache.add(f"tracking:done:{_who(request, salt=salt)}:{page_id}", 1, DEDUP_SECONDS):
        return Verdict.DUPLICATE
    if not take_limit_slot(address=address_hash(request, salt=salt), placement_id=placement_id):
        return Verdict.OVER_LIMIT
    return Verdict.STORE
