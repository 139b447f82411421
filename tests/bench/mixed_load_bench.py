"""Mixed load: 80 % scans, 20 % guide pages, against a bare redirect measured in the same run.

    .venv/bin/python tests/bench/mixed_load_bench.py [--seconds 60] [--connections 50] [--workers 2]

Needs the shared PostgreSQL and Redis on 127.0.0.1 and wrk. Creates the database
`loa_bench_mixed` afresh (5 guides × every ward of province 66 × 2 channels: many codes of many
wards), serves the site with scripts/serve.sh (gunicorn, db_worker, run_scheduler; production
settings, Redis cache, scans spooled), and runs wrk with a fixed number of connections: first the
bare redirect (/bench/bare-redirect/), then the mix. Prints requests/s, p50/p99, answers by status,
errors, the ratio, and checks that the rows inserted == scans answered once the spool is drained.
A benchmark, not a test.
"""

import argparse
import sys

from stack import (
    MACHINE_NOTE,
    SHARED_POSTGRES,
    SHARED_REDIS,
    Site,
    describe,
    drain_and_count,
    fresh_database,
    log,
    prepare,
    site_environment,
    wrk_mixed,
)

DATABASE = "loa_bench_mixed"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (WEB_CONCURRENCY)")
    args = parser.parse_args()

    database_url = fresh_database(SHARED_POSTGRES, DATABASE)
    env = site_environment(name="mixed", database_url=database_url, redis_url=SHARED_REDIS)
    data = prepare(env)
    scans = [f"/q/{code}" for code in data["codes"]]
    site = Site(env, workers=args.workers)
    site.start()
    log(f"site up at {site.base}")
    try:
        # Warm every code into the cache (and today's salt), and the pages, then measure.
        wrk_mixed(site.base, scan_paths=scans, page_paths=data["guides"], seconds=5, connections=4)
        waited, tasks = site.wait_for_idle_worker()
        log(f"task worker idle after {waited:.0f} s ({tasks} tasks finished meanwhile)")
        before = drain_and_count(env)
        log(f"bare redirect, {args.connections} connections, {args.seconds} s")
        bare = wrk_mixed(
            site.base,
            scan_paths=["/bench/bare-redirect/"],
            page_paths=[],
            seconds=args.seconds,
            connections=args.connections,
        )
        log(f"mixed load, {args.connections} connections, {args.seconds} s")
        offset = site.log_offset()
        mixed = wrk_mixed(
            site.base,
            scan_paths=scans,
            page_paths=data["guides"],
            seconds=args.seconds,
            connections=args.connections,
        )
    finally:
        site.stop()
    answered = site.answers(offset).get("302", 0)  # gunicorn's access log: includes answers in flight at the end
    after = drain_and_count(env)
    inserted = after["rows"] - before["rows"]
    distinct = after["distinct"] - before["distinct"]

    print(
        f"\n== mixed load: {len(scans)} codes in {data['wards']} wards + {len(data['guides'])} guide pages, "
        f"{args.connections} connections, {args.seconds} s each, gunicorn {args.workers} sync workers, "
        "PostgreSQL (shared) + Redis, scans spooled =="
    )
    print(describe("bare 302 (baseline)", bare))
    print(describe("80 % scans/20 % pages", mixed))
    print(f"ratio mixed/bare: {mixed['rps'] / bare['rps']:.0%}")
    print(f"errors (non-200/302 + socket): bare {bare['errors']}, mixed {mixed['errors']}")
    print(
        f"scans answered: {answered} (access log; wrk received {mixed['302']}), rows inserted after draining: "
        f"{inserted}, distinct event ids: {distinct}: {'OK' if inserted == answered == distinct else 'MISMATCH'}"
    )
    print(MACHINE_NOTE)
    return 0 if inserted == answered == distinct else 1


if __name__ == "__main__":
    sys.exit(main())
