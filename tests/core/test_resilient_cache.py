"""The Redis cache's warm fallback (core/resilient_cache.py): an outage starts from what this process last used,
and never from something Redis had already dropped. Two cache objects stand for two worker processes."""

import pytest

from core.resilient_cache import CircuitBreakerRedisCache
from tests.private_redis import private_redis_server


def worker_cache(url: str, tmp_path) -> CircuitBreakerRedisCache:
    options = {
        "SOCKET_CONNECT_TIMEOUT": 0.25,
        "SOCKET_TIMEOUT": 0.25,
        "BREAKER_SECONDS": 60,
        "LOG_MARK_FILE": str(tmp_path / "redis-breaker"),
    }
    return CircuitBreakerRedisCache(url, {"OPTIONS": options})


@pytest.fixture
def redis_server():
    with private_redis_server() as server:
        yield server


def test_an_outage_starts_from_what_redis_last_answered_and_keeps_its_deletions(redis_server, tmp_path):
    this, other = worker_cache(redis_server.url, tmp_path), worker_cache(redis_server.url, tmp_path)
    other.set("content:version", 7, None)
    other.set_many({"page:/huong-dan/": "<html>v7</html>", "page:/": "<html>home</html>"}, 300)
    other.set("code:ABC234", 41, 300)
    assert this.get("content:version") == 7
    assert this.get_many(["page:/huong-dan/", "page:/"]) == {
        "page:/huong-dan/": "<html>v7</html>",
        "page:/": "<html>home</html>",
    }
    assert this.get("code:ABC234") == 41
    this.incr("content:version")  # a publication in this process
    other.delete("page:/")  # another process drops a page...
    assert this.get_many(["page:/huong-dan/", "page:/"]) == {"page:/huong-dan/": "<html>v7</html>"}  # ...seen here
    other.set("code:ABC234", 42, 300)
    assert this.get("code:ABC234") == 42
    this.set("search:dang-ky", "results", 60)
    this.delete("search:dang-ky")
    other.set("never:read:here", 1, 300)

    redis_server.stop()
    assert this.get("content:version") == 8
    assert this.get("page:/huong-dan/") == "<html>v7</html>"
    assert this.get("page:/") is None  # deleted in Redis before the outage: not brought back
    assert this.get("code:ABC234") == 42
    assert this.get("search:dang-ky") is None
    assert this.get("never:read:here") is None
    assert this.breaker_open()
    this.set("page:/", "<html>home, rendered again</html>", 300)  # during the outage: this process only
    assert this.get("page:/") == "<html>home, rendered again</html>"
