"""PostgreSQL stops for 30 s under scan load: scans keep redirecting, are spooled, and are stored exactly once.

    .venv/bin/python tests/bench/fault_postgres_bench.py [--seconds 60] [--outage 30] [--connections 25]

Runs a private PostgreSQL cluster (initdb into a temporary folder, port 5499: the shared server on
5432 is never touched) and the shared Redis (database 6). Serves the site with scripts/serve.sh
(gunicorn, db_worker, run_scheduler), warms every code, then runs wrk (scans only, N connections)
and stops PostgreSQL in the middle for --outage seconds. Reports the redirects answered and the
success rate (gunicorn's access log), the events spooled during the outage, /healthz and /readyz
during the outage, whether db_worker and the scheduler were restarted, and after PostgreSQL is
back: the spool drained by the periodic job, rows == scans answered, distinct event ids == rows.
A benchmark, not a test.
"""

import argparse
import sys
import threading
import time
from pathlib import Path

from stack import (
    MACHINE_NOTE,
    PrivatePostgres,
    Site,
    describe,
    drain_and_count,
    fresh_database,
    log,
    prepare,
    site_environment,
    spooled_events,
    wrk_mixed,
)

DATABASE = "loa_bench_fault_pg"
REDIS = "redis://127.0.0.1:6379/6"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--outage", type=int, default=30)
    parser.add_argument("--connections", type=int, default=25)
    parser.add_argument("--port", type=int, default=5499, help="port of the private PostgreSQL")
    parser.add_argument("--drain-wait", type=int, default=150, help="seconds to wait for the periodic drain")
    args = parser.parse_args()

    postgres = PrivatePostgres(port=args.port).init()
    postgres.start()
    site = None
    try:
        env = site_environment(name="fault-pg", database_url=fresh_database(postgres.url, DATABASE), redis_url=REDIS)
        data = prepare(env)
        scans = [f"/q/{code}" for code in data["codes"]]
        site = Site(env)
        site.start()
        log(f"site up at {site.base}")
        wrk_mixed(site.base, scan_paths=scans, page_paths=[], seconds=5, connections=4)  # warm every code
        before = drain_and_count(env)
        offset = site.log_offset()

        during: dict = {}

        def outage() -> None:
            time.sleep((args.seconds - args.outage) / 2)
            log("stopping PostgreSQL")
            postgres.stop()
            during["stopped_at"] = time.monotonic()
            time.sleep(min(5, args.outage / 2))
            during["healthz"] = site.get("/healthz")
            during["readyz"] = site.get("/readyz")
            time.sleep(max(0, args.outage - (time.monotonic() - during["stopped_at"])))
            during["spooled"] = spooled_events(env)
            log(f"starting PostgreSQL again ({during['spooled']} events waiting in the spool)")
            postgres.start()

        fault = threading.Thread(target=outage)
        fault.start()
        log(f"scan load: {args.connections} connections, {args.seconds} s, PostgreSQL down for {args.outage} s")
        result = wrk_mixed(
            site.base, scan_paths=scans, page_paths=[], seconds=args.seconds, connections=args.connections
        )
        fault.join()
        time.sleep(2)  # answers still in flight when wrk stopped reach the access log
        answers = site.answers(offset)

        # The periodic drain (every 30 s; the current minute's file waits until the minute is over).
        started = time.monotonic()
        while spooled_events(env) and time.monotonic() - started < args.drain_wait:
            time.sleep(5)
        waited = time.monotonic() - started
        left_for_manual = spooled_events(env)
        restarts = Path(site.log_path).read_text(errors="replace").count("exited with status")
        site.stop()
        after = drain_and_count(env)  # whatever the periodic drain left, and the totals
    finally:
        if site is not None:
            site.stop()
        postgres.destroy()

    answered = answers.get("302", 0)
    total = sum(answers.values())
    rows = after["rows"] - before["rows"]
    distinct = after["distinct"] - before["distinct"]
    print(
        f"\n== PostgreSQL stopped for {args.outage} s in a {args.seconds} s scan load, {args.connections} "
        f"connections, {len(scans)} codes, gunicorn 2 sync workers, scans spooled =="
    )
    print(describe("scans (wrk)", result))
    print(
        f"redirects answered (access log): {answered} of {total} scan requests: "
        f"success rate {answered / total:.3%}; other statuses: "
        f"{ {status: count for status, count in answers.items() if status != '302'} or 'none' }"
    )
    print(
        f"during the outage: /healthz {during.get('healthz')}, /readyz {during.get('readyz')}, "
        f"events waiting in the spool just before the restart: {during.get('spooled')}"
    )
    print(
        f"scans sent to the home page because their code was not cached while the database was away: "
        f"{after['fallback'] - before['fallback']}"
    )
    print(f"db_worker/scheduler restarts by serve.sh: {restarts}")
    print(
        f"periodic drain: spool {'empty' if not left_for_manual else f'still {left_for_manual} events'} "
        f"after {waited:.0f} s; rows stored: {rows}, distinct event ids: {distinct}, scans answered: {answered}: "
        f"lost {max(0, answered - distinct)}, doubled {rows - distinct}, "
        f"{'OK' if rows == distinct == answered else 'MISMATCH'}"
    )
    print(MACHINE_NOTE)
    return 0 if rows == distinct == answered and answered / total >= 0.999 else 1


if __name__ == "__main__":
    sys.exit(main())
