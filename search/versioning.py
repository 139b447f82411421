"""One number that changes whenever what a search finds may change: a page published or unpublished, a service, a
synonym or a pinned result saved or deleted. Cached search work (the vocabulary, results) is keyed by it, so a change
shows in the next search without reindexing or waiting for a timeout."""

import time

from django.core.cache import cache

VERSION_KEY = "search:version"


def _fresh() -> int:
    # From the clock, so that a version lost from the cache (evicted, restarted) never repeats an older one.
    return time.time_ns() // 1000


def search_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _fresh(), None)
        version = cache.get(VERSION_KEY) or _fresh()
    return version


def bump_search_version(**_kwargs) -> None:
    """A signal receiver too: connected in search.apps."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not in the cache: a fresh value differs from every older one
        cache.set(VERSION_KEY, _fresh(), None)
