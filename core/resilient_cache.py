"""A Redis cache that steps aside for a few seconds when Redis does not answer (a circuit breaker).

django-redis's IGNORE_EXCEPTIONS turns an outage into cache misses, but every request still
waits for its own connection error (up to the socket timeout, once per cache call) and every
miss falls through to the database. Here the first connection error opens the breaker: for
BREAKER_SECONDS every call goes to a small per-process memory instead, then one call tries Redis
again. That memory is warm: while Redis answers, each value read from or written to it is copied
there (kept at most FALLBACK_SECONDS from its last use, so that a change made on another server
during an outage is not hidden for long), so an outage does not start from an empty memory. One warning is logged
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

    def _call(self, name: str, *args, **kwargs) -> tuple[bool, object]:
        """(True, Redis's answer), or (False, the per-process memory's answer) while Redis is away."""
        if not self.breaker_open():
            try:
                return True, getattr(super(), name)(*args, **kwargs)
            # django-redis re-raises the cause of its ConnectionInterrupted when it does not ignore it.
            except (ConnectionInterrupted, RedisConnectionError, RedisTimeoutError) as error:
                self._trip(error)
        return False, getattr(self.fallback, name)(*args, **kwargs)

    # --- the guarded calls --------------------------------------------------------------------
    #
    # While Redis answers, what it answers is copied into the per-process memory (each copy kept at most
    # FALLBACK_SECONDS, renewed on every read), so that an outage starts from the pages, codes and versions this
    # process used last rather than from nothing. Redis stays the only source while it answers: the copy is read
    # only while the breaker is open, and every write and delete made through Redis is made to the copy too (a
    # key Redis no longer has is dropped from it), so invalidation by version keys and deletes is unchanged.

    def get(self, key, default=None, version=None, **kwargs):
        from_redis, value = self._call("get", key, default, version=version, **kwargs)
        if from_redis:
            if value is default:
                self.fallback.delete(key, version=version)
            else:
                self.fallback.set(key, value, version=version)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        from_redis, stored = self._call("set", key, value, timeout=timeout, version=version, **kwargs)
        if from_redis:
            if stored or stored is None:
                self.fallback.set(key, value, timeout=timeout, version=version)
            else:  # nx/xx refused: Redis keeps another value, which this process has not seen
                self.fallback.delete(key, version=version)
        return stored

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        from_redis, added = self._call("add", key, value, timeout=timeout, version=version, **kwargs)
        if from_redis:
            if added:
                self.fallback.set(key, value, timeout=timeout, version=version)
            else:
                self.fallback.delete(key, version=version)
        return added

    def get_or_set(self, *args, **kwargs):
        # Django's get_or_set calls get() and add() above, which copy what Redis answers.
        return self._call("get_or_set", *args, **kwargs)[1]

    def get_many(self, keys, version=None, **kwargs):
        keys = list(keys)
        from_redis, found = self._call("get_many", keys, version=version, **kwargs)
        if from_redis:
            if found:
                self.fallback.set_many(found, version=version)
            missing = [key for key in keys if key not in found]
            if missing:
                self.fallback.delete_many(missing, version=version)
        return found

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        from_redis, failed = self._call("set_many", data, timeout=timeout, version=version, **kwargs)
        if from_redis:
            self.fallback.set_many(data, timeout=timeout, version=version)
        return failed

    def delete(self, key, version=None, **kwargs):
        from_redis, deleted = self._call("delete", key, version=version, **kwargs)
        if from_redis:
            self.fallback.delete(key, version=version)
        return deleted

    def delete_many(self, keys, version=None, **kwargs):
        keys = list(keys)
        from_redis, deleted = self._call("delete_many", keys, version=version, **kwargs)
        if from_redis:
            self.fallback.delete_many(keys, version=version)
        return deleted

    def incr(self, key, delta=1, version=None, **kwargs):
        from_redis, value = self._call("incr", key, delta, version=version, **kwargs)
        if from_redis:
            self.fallback.set(key, value, version=version)
        return value

    def decr(self, key, delta=1, version=None, **kwargs):
        from_redis, value = self._call("decr", key, delta, version=version, **kwargs)
        if from_redis:
            self.fallback.set(key, value, version=version)
        return value

    def has_key(self, *args, **kwargs):
        return self._call("has_key", *args, **kwargs)[1]

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        from_redis, touched = self._call("touch", key, timeout=timeout, version=version, **kwargs)
        if from_redis and not touched:
            self.fallback.delete(key, version=version)
        return touched

    def clear(self):
        self.fallback.clear()
        return self._call("clear")[1]
