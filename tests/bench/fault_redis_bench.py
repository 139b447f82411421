"""Redis up, stopped, restarted under the mixed load: the site keeps serving and scans keep working.

    .venv/bin/python tests/bench/fault_redis_bench.py [--phase-seconds 20] [--connections 50]

Runs a private Redis (port 6399, no persistence: the shared Redis on 6379 is never touched) as the
cache, and the shared PostgreSQL (database `loa_bench_fault_redis`, created afresh). Serves the site
with scripts/serve.sh and runs the mix (80 % scans over all codes, 20 % guide pages) in three
phases: Redis up, Redis stopped, Redis started again (empty). Prints requests/s, p50/p99 and errors
per phase (0 errors expected while Redis is down: django-redis ignores its exceptions, so an outage
is a cache miss), and checks rows stored == scans answered at the end. A benchmark, not a test.
"""

import argparse
import sys
import time

from stack import (
    MACHINE_NOTE,
    SHARED_POSTGRES,
    PrivateRedis,
    Site,
    describe,
    drain_and_count,
    fresh_database,
    log,
    prepare,
    site_environment,
    wrk_mixed,
)

DATABASE = "loa_bench_fault_redis"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phase-seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--port", type=int, default=6399, help="port of the private Redis")
    parser.add_argument("--timeout", type=int, default=5, help="wrk's request timeout in seconds")
    args = parser.parse_args()

    redis = PrivateRedis(port=args.port)
    redis.start()
    site = None
    phases, server = {}, {}
    try:
        env = site_environment(
            name="fault-redis", database_url=fresh_database(SHARED_POSTGRES, DATABASE), redis_url=redis.url
        )
        data = prepare(env)
        scans = [f"/q/{code}" for code in data["codes"]]
        site = Site(env)
        site.start()
        log(f"site up at {site.base}")
        wrk_mixed(site.base, scan_paths=scans, page_paths=data["guides"], seconds=5, connections=4)
        before = drain_and_count(env)
        offset = site.log_offset()

        def phase(label: str) -> None:
            log(f"phase: {label}, {args.connections} connections, {args.phase_seconds} s")
            start = site.log_offset()
            phases[label] = wrk_mixed(
                site.base,
                scan_paths=scans,
                page_paths=data["guides"],
                seconds=args.phase_seconds,
                connections=args.connections,
                timeout=f"{args.timeout}s",
            )
            time.sleep(1)  # answers in flight reach the access log
            server[label] = site.served(start, site.log_offset())

        phase("Redis up")
        redis.stop()
        phase("Redis stopped")
        down_checks = {path: site.get(path) for path in ("/healthz", "/readyz", data["guides"][0])}
        redis.start()
        phase("Redis restarted")
        site.stop()
        answers = site.answers(offset)
        after = drain_and_count(env)
    finally:
        if site is not None:
            site.stop()
        redis.stop()

    answered = answers.get("302", 0)
    rows = after["rows"] - before["rows"]
    distinct = after["distinct"] - before["distinct"]
    print(
        f"\n== Redis up / stopped / restarted, {args.phase_seconds} s each, {args.connections} connections, "
        f"80 % scans over {len(scans)} codes + 20 % of {len(data['guides'])} guide pages, gunicorn 2 sync workers =="
    )
    for label, result in phases.items():
        print(describe(label, result) + f"   errors: {result['errors']}")
        own = server[label]
        print(
            f"{'':<22} gunicorn answered {own['answered']}: {own['statuses']}, its own time per request "
            f"p50 {own['p50']:.0f} ms, p99 {own['p99']:.0f} ms (answers in flight at a phase's end count in the next)"
        )
    print(
        f"while Redis was down: /healthz {down_checks['/healthz']}, /readyz {down_checks['/readyz']} "
        f"(the cache check fails), a guide page {down_checks[data['guides'][0]]}"
    )
    print(
        f"scans answered (access log, 3 phases): {answered}, rows stored: {rows}, distinct event ids: {distinct}: "
        f"{'OK' if rows == distinct == answered else 'MISMATCH'}"
    )
    print(MACHINE_NOTE)
    errors_while_down = phases["Redis stopped"]["errors"]
    server_errors = sum(count for status, count in server["Redis stopped"]["statuses"].items() if status >= "500")
    print(
        f"errors while Redis was down: {errors_while_down} seen by wrk "
        f"({phases['Redis stopped']['socket_detail']}, wrk timeout {args.timeout} s), "
        f"{server_errors} 5xx answered by gunicorn"
    )
    return 0 if errors_while_down == 0 and rows == distinct == answered else 1


if __name__ == "__main__":
    sys.exit(main())
