"""A kept page's own server time (issue 19): WSGI calls in one process, no wrk, no gunicorn, no queue.

    .venv/bin/python tests/bench/page_hit_bench.py [--hits 10000] [--profile LABEL] [--reuse]

Under wrk, p99 is set by the queue of 50 connections on two busy cores; this measures what the
server itself spends on one request, which other helpers' load moves far less. Same data as
landing_bench.py (5 guides × every ward of province 66 × 2 channels) in its own database
(`loa_bench_page_hit`, `--reuse` keeps it from the last run) and its own Redis on port 6397
(maxmemory and eviction as docs/deploy.md). Production settings (tests/bench/bench_settings.py).

For each address mix it warms every address once, then calls Django's WSGI handler --hits times
in turn over the mix and prints the mean, p50, p99 and max per request, the database queries
and the Redis round trips per request (counted over the whole run), and the response size. With
--profile, cProfile's top functions for that mix. A benchmark, not a test.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from landing_bench import SETUP, ConfiguredRedis
from stack import SHARED_POSTGRES, fresh_database, log, manage, psql, shell, site_environment

DATABASE = "loa_bench_page_hit"
REDIS_PORT = 6397
STATE = Path(tempfile.gettempdir()) / "loa-page-hit-bench.json"


def prepare(env: dict, *, reuse: bool) -> dict:
    if (
        reuse
        and STATE.exists()
        and psql(SHARED_POSTGRES, "SELECT 1 FROM pg_database WHERE datname = 'loa_bench_page_hit'")
    ):
        return json.loads(STATE.read_text())
    fresh_database(SHARED_POSTGRES, DATABASE)
    manage(env, "migrate", "--noinput", "-v0")
    data = json.loads(shell(env, SETUP))
    STATE.write_text(json.dumps(data))
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hits", type=int, default=10000)
    parser.add_argument("--profile", default="", help="label of the mix to profile (e.g. 'guide qr&xa')")
    parser.add_argument("--reuse", action="store_true", help="keep the database of the last run")
    parser.add_argument("--freeze", action="store_true", help="gc.freeze() after start-up, as website/wsgi.py does")
    parser.add_argument("--only", default="", help="comma-separated labels to run (default: all)")
    args = parser.parse_args()

    redis = ConfiguredRedis(port=REDIS_PORT)
    redis.start()
    try:
        env = site_environment(
            name="page-hit", database_url=f"{SHARED_POSTGRES}/{DATABASE}", redis_url=redis.url, DEBUG="false"
        )
        data = prepare(env, reuse=args.reuse)
        manage(env, "collectstatic", "--noinput", "-v0")
        os.environ.update(env)
        return run(data, args)
    finally:
        redis.stop()


def run(data: dict, args) -> int:
    import django

    django.setup()
    import signal

    from django.core.cache import cache

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stop our Redis on the way out
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    scans = data["scans"]
    guide = data["guide"]
    wards = sorted({ward for _code, ward, _url in scans})[:100]
    by_ward = [item for item in scans if item[1] in wards]
    random.seed(19)
    qr_xa = [f"{guide}?qr={code}&xa={ward}" for code, ward, _url in random.sample(by_ward, min(1000, len(by_ward)))]
    mixes = {
        "bare 302": ["/bench/bare-redirect/"],
        "guide plain": [guide],
        "guide qr&xa": qr_xa,
        "guide xa only": sorted({f"{guide}?xa={ward}" for ward in wards}),
        "guide utm": [f"{guide}?utm_source=zalo&fbclid=IwAR{n}" for n in range(1000)],
        "home": ["/"],
        "campaign": [data["campaign"]],
        "search": ["/tim-kiem/?q=kich+hoat+vneid"],
    }
    if args.only:
        mixes = {label: paths for label, paths in mixes.items() if label in args.only.split(",")}
    handler = WSGIHandler()
    import gc

    gc_pauses: list[float] = []
    gc_started = [0.0]

    def gc_timer(phase, info):
        if phase == "start":
            gc_started[0] = time.perf_counter()
        elif info["generation"] == 2:
            gc_pauses.append((time.perf_counter() - gc_started[0]) * 1000)

    gc.callbacks.append(gc_timer)
    if args.freeze:
        gc.collect()
        gc.freeze()

    def call(address: str) -> tuple[str, int]:
        path, _sep, query = address.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "HTTP_HOST": "127.0.0.1:8000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 10) Chrome/120.0 Mobile Safari/537.36",
            "HTTP_ACCEPT_LANGUAGE": "vi-VN,vi;q=0.9",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
            "wsgi.version": (1, 0),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        answer: list[str] = []
        body = handler(environ, lambda status, headers, exc_info=None: answer.append(status))
        size = sum(len(chunk) for chunk in body)
        if hasattr(body, "close"):
            body.close()
        return answer[0], size

    # Count Redis round trips: every command django-redis sends goes through a connection's send_command...
    import redis.connection

    round_trips = [0]
    original_read = redis.connection.AbstractConnection.read_response

    def counting_read(self, *a, **kw):
        round_trips[0] += 1
        return original_read(self, *a, **kw)

    redis.connection.AbstractConnection.read_response = counting_read

    print(f"\n== one process, WSGI handler, {args.hits:,} requests per mix, load average {os.getloadavg()} ==")
    print(
        "| mix | addresses | mean ms | p50 ms | p99 ms | max ms | queries/req | Redis round trips/req | bytes | status "
        "| gen-2 collections | longest, ms |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for label, paths in mixes.items():
        for address in paths:  # every address once: the first renders are not measured
            call(address)
        times = []
        profiler = cProfile.Profile() if label in args.profile.split(",") else None
        round_trips[0] = 0
        gc_pauses.clear()
        with CaptureQueriesContext(connection) as queries:
            if profiler:
                profiler.enable()
            for n in range(args.hits):
                started = time.perf_counter()
                status, size = call(paths[n % len(paths)])
                times.append(time.perf_counter() - started)
            if profiler:
                profiler.disable()
        times_ms = sorted(t * 1000 for t in times)
        print(
            f"| {label} | {len(paths)} | {statistics.fmean(times_ms):.3f} | {times_ms[len(times_ms) // 2]:.3f} "
            f"| {times_ms[int(len(times_ms) * 0.99)]:.3f} | {times_ms[-1]:.1f} | {len(queries) / args.hits:.2f} "
            f"| {round_trips[0] / args.hits:.2f} | {size:,} | {status} | {len(gc_pauses)} "
            f"| {max(gc_pauses, default=0):.1f} |",
            flush=True,
        )
        if profiler:
            stream = io.StringIO()
            pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(45)
            pstats.Stats(profiler, stream=stream).sort_stats("tottime").print_stats(30)
            log(f"profile of {label}:\n{stream.getvalue()}")
    print(f"load average after: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
