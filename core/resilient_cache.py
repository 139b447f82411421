"""A Redis cache that steps aside for a few seconds when Redis does not answer (a circuit breaker).

django-redis's IGNORE_EXCEPTIONS turns an outage into cache misses, but every request still
waits for its own connection error (up to the socket timeout, once per cache call) and every
miss falls through to the database. Here the first connection error opens the breaker: for
BREAKER_SECONDS every call goes to a small per-process memory instead (what one process has
cached it can reuse, with entries kept at most FALLBACK_SECONDS, so that a change made on
another server is not hidden for long), then one call tries Redis again. One warning is logged
per LOG_INTERVAL_SECONDS by all the processes of a machine together (they agree through a small
file, LOG_MARK_FILE), with the number of errors it stands for, not one per request.

Only the calls the site makes are guarded (get, set, add, get_many, set_many, delete, delete_many,
incr, decr, has_key, touch, get_or_set, clear); django-redis's own extras (keys, lock, ttl…) reach
Redis directly and raise during an outage. The smallest subclass that django-redis allows: its
methods are public and documented, and `_ignore_exceptions` is the switch its decorator reads.
"""

import fcntl
import hashlib
import logging
import os
import tempfile
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("loa.cache")


class ShortMemory(LocMemCache):
    """Per-process memory whose entries live at most `cap_seconds`, whatever timeout the caller asked for."""

    def __init__(self, name: str, *, cap_seconds: float, max_entries: int) -> None:
        super().__init__(name, {"TIMEOUT": cap_seconds, "OPTIONS": {"MAX_ENTRIES": max_entries}})
        self.cap_seconds = cap_seconds

    def get_backend_timeout(self, timeout=DEFAULT_TIMEOUT):
        expiry = super().get_backend_timeout(timeout)
        cap = time.time() + self.cap_seconds
        return cap if expiry is None else min(expiry, cap)


class CircuitBreakerRedisCache(RedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        options = params.get("OPTIONS", {})
        # The breaker handles connection errors itself; nothing else is ignored silently.
        self._ignore_exceptions = False
        self.breaker_seconds = float(options.get("BREAKER_SECONDS", 5))
        self.log_interval = float(options.get("LOG_INTERVAL_SECONDS", 10))
        self.fallback = ShortMemory(
            f"redis-fallback-{id(self)}",
            cap_seconds=float(options.get("FALLBACK_SECONDS", 30)),
            max_entries=int(options.get("FALLBACK_MAX_ENTRIES", 2000)),
        )
        default_mark = hashlib.sha256(str(server).encode()).hexdigest()[:16]
        self.log_mark = options.get("LOG_MARK_FILE") or os.path.join(
            tempfile.gettempdir(), f"loa-redis-breaker-{default_mark}"
        )
        self._lock = threading.Lock()
        self._open_until = 0.0
        self._logged_at = float("-inf")
        self._errors_since_log = 0

    # --- state --------------------------------------------------------------------------------

    def breaker_open(self) -> bool:
        """True while Redis is being skipped (the per-process memory answers instead)."""
        return time.monotonic() < self._open_until

    def _trip(self, error: Exception) -> None:
        now = time.monotonic()
        with self._lock:
            self._open_until = now + self.breaker_seconds
            self._errors_since_log += 1
            if now - self._logged_at < self.log_interval:
                return
            errors, self._errors_since_log, self._logged_at = self._errors_since_log, 0, now
        if not self._claim_log_turn():
            return  # another process of this machine said it within the interval
        logger.warning(
            "Redis unreachable (%s): per-process memory for %.0f s; %d connection error(s) since the last message",
            error,
            self.breaker_seconds,
            errors,
        )

    def _claim_log_turn(self) -> bool:
        """Whether this process may log now: the machine's last message (any process) is older than the interval."""
        now = time.time()
        try:
            with open(self.log_mark, "a+") as mark:
                fcntl.flock(mark, fcntl.LOCK_EX)
                mark.seek(0)
                try:
                    last = float(mark.read().strip() or 0)
                except ValueError:
                    last = 0.0
                if now - last < self.log_interval:
                    return False
                mark.seek(0)
                mark.truncate()
                mark.write(f"{now}")
                return True
        except OSError:
            return True  # no shared file: one message per process and interval

    def _call(self, name: str, *args, **kwargs):
        if not self.breaker_open():
            try:
                return getattr(super(), name)(*args, **kwargs)
            # django-redis re-raises the cause of its ConnectionInterrupted when it does not ignore it.
            except (ConnectionInterrupted, RedisConnectionError, RedisTimeoutError) as error:
                self._trip(error)
        return getattr(self.fallback, name)(*args, **kwargs)

    # --- the guarded calls --------------------------------------------------------------------

    def get(self, *args, **kwargs):
        return self._call("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", *args, **kwargs)

    def add(self, *args, **kwargs):
        return self._call("add", *args, **kwargs)

    def get_or_set(self, *args, **kwargs):
        return self._call("get_or_set", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", *args, **kwargs)

    def decr(self, *args, **kwargs):
        return self._call("decr", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", *args, **kwargs)

    def clear(self):
        self.fallback.clear()
        return self._call("clear")
