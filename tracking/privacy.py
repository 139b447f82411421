"""Counting visitors without tracking them.

A visitor hash is HMAC-SHA256 of (IP address, user agent) under a random salt that
belongs to one day. The salt is created lazily on the first scan of the day, and the
same step deletes every older salt but yesterday's, so that at most two exist and the
privacy promise does not depend on a scheduler. Once a salt is gone its hashes can no
longer be linked to anybody. The IP address and the user agent are never stored.
"""

import datetime as dt
import hashlib
import hmac
import secrets

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from tracking.models import DailySalt

SALT_CACHE_KEY = "tracking:salt:{day}"
# The day's salt never changes once made; each process keeps today's in memory.
_today: tuple[dt.date, bytes] | None = None
HASH_LENGTH = 32  # hex characters


def daily_salt(day: dt.date | None = None) -> bytes:
    """Today's salt (created if missing); older salts than yesterday's are deleted in the same step."""
    global _today
    day = day or timezone.localdate()
    if _today is not None and _today[0] == day:
        return _today[1]
    key = SALT_CACHE_KEY.format(day=day.isoformat())
    salt = cache.get(key)
    if salt is not None:
        _today = (day, salt)
        return salt
    with transaction.atomic():
        DailySalt.objects.filter(day__lt=day - dt.timedelta(days=1)).delete()
        try:
            with transaction.atomic():
                row, _created = DailySalt.objects.get_or_create(day=day, defaults={"salt": secrets.token_bytes(32)})
        except IntegrityError:  # another process created it first
            row = DailySalt.objects.get(day=day)
    salt = bytes(row.salt)
    # Expire with the day, so that a deleted salt does not live on in the cache.
    cache.set(key, salt, timeout=36 * 60 * 60)
    _today = (day, salt)
    return salt


def forget_salt_in_memory() -> None:
    global _today
    _today = None


def visitor_hash(*, ip: str, user_agent: str, salt: bytes) -> str:
    message = f"{ip}\n{user_agent}".encode("utf-8", "replace")
    return hmac.new(salt, message, hashlib.sha256).hexdigest()[:HASH_LENGTH]


def preferred_language(accept_language: str) -> str:
    """The first language of Accept-Language ("vi-VN,vi;q=0.9" → "vi"), or ""."""
    first = accept_language.split(",")[0].split(";")[0].strip().lower()
    primary = first.split("-")[0]
    return primary if primary.isalpha() and len(primary) <= 8 else ""
