"""The version under which channel-impact estimates are cached, and how to make them all stale at once.

Apart from the estimates themselves (insights/impact.py) so that what invalidates them (signals, rollups, the demo,
figure imports) does not import pandas and the estimators at every process's start-up.
"""

import time

from django.conf import settings
from django.core.cache import cache

IMPACT_CACHE_VERSION_KEY = "insights:impact:version"
# Figures, placements and airings bump the version at once. Settings can shorten it (tests switch it off).
IMPACT_CACHE_SECONDS = 60 * 60


def impact_cache_seconds() -> int:
    return getattr(settings, "LOA_IMPACT_CACHE_SECONDS", IMPACT_CACHE_SECONDS)


def impact_cache_version() -> int:
    """The current version of the cached estimates; a version lost with the cache restarts from the clock, so
    it never meets an older entry again."""
    version = cache.get(IMPACT_CACHE_VERSION_KEY)
    if version is None:
        cache.add(IMPACT_CACHE_VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(IMPACT_CACHE_VERSION_KEY, 0)
    return version


def invalidate_channel_effects() -> None:
    """Forget every cached estimate (official figures imported, placements or airings changed, demo loaded)."""
    try:
        cache.incr(IMPACT_CACHE_VERSION_KEY)
    except ValueError:  # no version yet: nothing cached under one
        cache.add(IMPACT_CACHE_VERSION_KEY, time.time_ns(), timeout=None)
