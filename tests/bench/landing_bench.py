"""Landing pages under a crowd (issue 19): each URL against a bare 302 measured in the same run.

    .venv/bin/python tests/bench/landing_bench.py [--seconds 15] [--connections 50] [--models sync:2:1,gthread:2:4]

Needs the shared PostgreSQL on 127.0.0.1, wrk and redis-server. Creates the database
`loa_bench_landing` afresh (5 guides × every ward of province 66 × 2 channels), starts a Redis of
its own on port 6398 (maxmemory and eviction as docs/deploy.md says; never the shared 6379, which
this script stops mid-run), serves the site with scripts/serve.sh (production settings, scans
spooled) and runs wrk, one URL at a time, 15 s each, 50 connections:

- bare 302, `/q/<code>` over every code;
- a guide: plain; with `?qr=<code>&xa=<ward>` over 1,000 codes of 100 wards (a wrk Lua script);
  with `?utm_source=zalo`; the home page; the campaign page; a repeated search;
- the "TV spot" mix: one code scanned by everyone, 80 % scans / 20 % its landing page;
- the guide with qr/xa while the private Redis is stopped 5 s into the run.

Then, for each server model in --models (worker class:workers:threads), the bare 302 and the TV-spot
mix, to choose the model by figures. Prints req/s, p50, p99, errors and the ratio to the bare 302,
the load average, scans stored == scans answered, and the log lines about Redis.
A benchmark, not a test.
"""

import argparse
import json
import os
import random
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from stack import (
    MACHINE_NOTE,
    SHARED_POSTGRES,
    PrivateRedis,
    Site,
    drain_and_count,
    fresh_database,
    log,
    manage,
    shell,
    site_environment,
    wrk_mixed,
)

DATABASE = "loa_bench_landing"
SEARCHES_LOGGED = """
from django.db.models import Sum
from search.models import SearchQueryLog
from search.services import drain_search_log
drain_search_log(include_current=True)
print(SearchQueryLog.objects.aggregate(total=Sum("searches"))["total"] or 0)
"""
REDIS_PORT = 6398
BREAKER_SECONDS = 5  # the workers' LOA_REDIS_BREAKER_SECONDS, set below

SETUP = """
import json
from django.core.cache import cache
from places.models import AdministrativeUnit
from places.services import load_official_units
from tests.factories.campaigns import CampaignPageFactory, GuidePageFactory
from tests.factories.tracking import loudspeaker_channel, poster_channel
from tracking.services import create_placements
load_official_units()
cache.clear()
campaign = CampaignPageFactory(title="Kích hoạt định danh điện tử mức độ 2")
guides = [GuidePageFactory(parent=campaign, title=f"Hướng dẫn kích hoạt VNeID bước {n}") for n in range(1, 6)]
provinces = list(AdministrativeUnit.objects.filter(code__in=["66"]))
scans = []
for number, guide in enumerate(guides):
    result = create_placements(campaign=campaign, units=provinces, channels=[poster_channel(), loudspeaker_channel()],
                               spot=f"Điểm {number}")
    for item in result.created:
        item.target_page = guide
        item.save(update_fields=["target_page"])
        scans.append([item.short_code, item.unit.code, guide.url])
print(json.dumps({"scans": scans, "campaign": campaign.url, "guide": guides[0].url}))
"""

REDIS_CONFIG = ["--appendonly", "no", "--maxmemory", "128mb", "--maxmemory-policy", "allkeys-lru"]


class ConfiguredRedis(PrivateRedis):
    """The bench's own Redis, with the memory limit and eviction policy of docs/deploy.md."""

    def start(self) -> None:
        import subprocess

        from stack import wait_for_port

        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", *REDIS_CONFIG],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)


def load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def row(label: str, result: dict, bare: dict) -> str:
    ratio = result["rps"] / bare["rps"] if bare["rps"] else 0
    return (
        f"| {label} | {result['rps']:,.0f} | {result['p50']:.1f} | {result['p99']:.1f} | {result['errors']} "
        f"| {bare['rps']:,.0f} | {ratio:.0%} | {result['load']} |"
    )


def measure(site: Site, label: str, paths: list[str], seconds: int, connections: int, **kwargs) -> dict:
    log(f"{label}: {len(paths)} URL(s), {connections} connections, {seconds} s")
    kwargs.setdefault("page_paths", [])
    result = wrk_mixed(site.base, scan_paths=paths, seconds=seconds, connections=connections, **kwargs)
    result["load"] = load_average()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--model", default="sync:2:1", help="server model of the main run: class:workers:threads")
    parser.add_argument("--models", default="sync:2:1,sync:4:1,gthread:2:4,gthread:4:2")
    parser.add_argument("--skip-models", action="store_true")
    parser.add_argument(
        "--paired-seconds",
        type=int,
        default=5,
        help="a bare 302 of this many seconds just before each URL, its ratio's baseline (0: the first bare 302 only); "
        "other helpers' load comes and goes within a run, so one baseline for every URL misleads",
    )
    parser.add_argument(
        "--alternate",
        type=int,
        default=0,
        help="after the main run, the guide plain, with `?qr&xa` and with `?utm` this many times in turn (10 s each): "
        "their gaps in one run's single rows come and go with the machine's load",
    )
    args = parser.parse_args()
    seconds, connections = args.seconds, args.connections

    redis = ConfiguredRedis(port=REDIS_PORT)
    redis.start()
    database_url = fresh_database(SHARED_POSTGRES, DATABASE)
    env = site_environment(
        name="landing",
        database_url=database_url,
        redis_url=redis.url,
        LOA_REDIS_LOG_INTERVAL_SECONDS="10",
        LOA_REDIS_BREAKER_SECONDS=str(BREAKER_SECONDS),
    )
    manage(env, "migrate", "--noinput", "-v0")
    data = json.loads(shell(env, SETUP))
    scans = data["scans"]
    guide = data["guide"]
    wards = sorted({ward for _code, ward, _url in scans})[:100]
    by_ward = [item for item in scans if item[1] in wards]
    random.seed(19)
    codes_on_guide = [
        f"{guide}?qr={code}&xa={ward}" for code, ward, _url in random.sample(by_ward, min(1000, len(by_ward)))
    ]
    log(f"prepared {len(scans)} codes in {len({s[1] for s in scans})} wards; {len(codes_on_guide)} guide qr/xa URLs")
    tv_code, tv_ward, tv_url = scans[0]

    results: list[tuple[str, dict, dict]] = []
    figures: dict[str, dict] = {}
    warmup: dict[str, tuple[float, int, float, int]] = {}
    queue_waits: dict[str, tuple[float, int]] = {}
    alternated: list[tuple[str, dict]] = []

    def start_site(model: str) -> Site:
        kind, workers, threads = model.split(":")
        site = Site({**env, "GUNICORN_WORKER_CLASS": kind, "GUNICORN_THREADS": threads}, workers=int(workers))
        site.start()
        # Warm every code once (a code's first scan reads PostgreSQL, then it is kept for a day) and every
        # page the runs read, once per ward (the first view of a page in a ward renders it): the runs measure
        # the kept pages and codes; the first renders are timed here and printed apart.
        warm = [f"/q/{code}" for code, _w, _u in scans]
        pages = [guide, "/", data["campaign"], "/tim-kiem/?q=kich+hoat+vneid"]
        pages += sorted({f"{guide}?xa={ward}" for ward in wards})
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=4) as pool:
            list(pool.map(site.get, warm))
        scans_warmed = time.monotonic() - started
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(site.get, pages))
        warmup[model] = (scans_warmed, len(warm), time.monotonic() - started, len(pages))
        log(
            f"warmed {len(warm)} codes in {scans_warmed:.1f} s and {len(pages)} pages (first renders) "
            f"in {warmup[model][2]:.1f} s"
        )
        waited, tasks = site.wait_for_idle_worker()
        queue_waits[model] = (waited, tasks)
        log(f"task worker idle after {waited:.0f} s ({tasks} tasks finished meanwhile)")
        return site

    site = start_site(args.model)
    log(f"site up at {site.base} ({args.model})")
    try:
        before = drain_and_count(env)
        searches_before = int(shell(env, SEARCHES_LOGGED).split()[-1])
        start_offset = site.log_offset()
        bare = measure(site, "bare 302", ["/bench/bare-redirect/"], seconds, connections)
        figures["bare"] = bare
        runs = [
            ("`/q/<code>` (1,020 codes)", [f"/q/{code}" for code, _w, _u in scans]),
            ("guide, plain", [guide]),
            ("guide `?qr&xa` (1,000 codes, 100 wards)", codes_on_guide),
            ("guide `?utm_source=zalo`", [f"{guide}?utm_source=zalo&fbclid=IwAR{n}" for n in range(1000)]),
            ("home", ["/"]),
            ("campaign page", [data["campaign"]]),
            ("repeated search", ["/tim-kiem/?q=kich+hoat+vneid"]),
        ]

        def baseline() -> dict:
            if not args.paired_seconds:
                return bare
            return measure(site, "bare 302 (paired)", ["/bench/bare-redirect/"], args.paired_seconds, connections)

        for label, paths in runs:
            paired = baseline()
            figures[label] = measure(site, label, paths, seconds, connections)
            results.append((label, figures[label], paired))
        paired = baseline()
        offset = site.log_offset()
        tv = measure(
            site,
            "TV spot 80/20",
            [f"/q/{tv_code}"],
            seconds,
            connections,
            page_paths=[f"{tv_url}?qr={tv_code}&xa={tv_ward}"],
            scan_share=0.8,
        )
        results.append(("TV spot: 1 code, 80 % scans / 20 % its page", tv, paired))
        answered = site.answers(offset).get("302", 0)

        # Redis stopped 5 s into the run (our own Redis: the shared one is never touched).
        paired = baseline()
        log_start = site.log_offset()
        stopper = threading.Timer(5, redis.stop)
        stopper.start()
        down = measure(
            site, "Redis stopped", codes_on_guide + [f"/q/{code}" for code, _w, _u in scans[:200]], seconds, connections
        )
        stopper.join()
        with site.log_path.open("rb") as handle:
            handle.seek(log_start)
            redis_lines = [line for line in handle.read().decode(errors="replace").splitlines() if "Redis" in line]
        results.append(("guide qr/xa + scans, Redis stopped at 5 s", down, paired))
        redis.start()
        # Each worker's circuit breaker skips Redis for BREAKER_SECONDS after its last error: pages
        # rendered before it closes are kept in the worker's memory, not in Redis (run 10's first `?qr&xa` round).
        time.sleep(BREAKER_SECONDS + 1)
        # The restarted Redis is empty: keep the guide's pages again (100 first renders) before timing kept pages.
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(site.get, [guide, *sorted({f"{guide}?xa={ward}" for ward in wards})]))
        guide_forms = [
            ("guide, plain", [guide]),
            ("guide `?qr&xa`", codes_on_guide),
            ("guide `?utm_source`", [f"{guide}?utm_source=zalo&fbclid=IwAR{n}" for n in range(1000)]),
        ]
        for round_number in range(args.alternate):
            for label, paths in guide_forms:
                alternated.append((f"{label}, round {round_number + 1}", measure(site, label, paths, 10, connections)))
    finally:
        site.stop()
    answered_total = site.answers(start_offset).get("302", 0)
    searches_answered = site.answers(start_offset, prefix="/tim-kiem/").get("200", 0)
    searches_logged = int(shell(env, SEARCHES_LOGGED).split()[-1]) - searches_before
    after = drain_and_count(env)
    stored = after["rows"] - before["rows"]

    model_rows = []
    if not args.skip_models:
        for model in args.models.split(","):
            site = start_site(model)
            try:
                model_bare = measure(site, f"{model} bare", ["/bench/bare-redirect/"], seconds, connections)
                model_mix = measure(
                    site,
                    f"{model} mix",
                    [f"/q/{code}" for code, _w, _u in scans],
                    seconds,
                    connections,
                    page_paths=[*codes_on_guide, "/", data["campaign"], "/tim-kiem/?q=kich+hoat+vneid"],
                    scan_share=0.8,
                )
            finally:
                site.stop()
            model_rows.append((model, model_bare, model_mix))
    redis.stop()

    print(
        f"\n== landing pages, gunicorn {args.model} (class:workers:threads), wrk c={connections}, {seconds} s each, "
        "shared PostgreSQL, own Redis (maxmemory 128mb, allkeys-lru), scans spooled =="
    )
    print("| URL | req/s | p50 ms | p99 ms | errors | bare 302 just before, req/s | vs bare 302 | load average |")
    print("|---|---|---|---|---|---|---|---|")
    print(row("bare 302 (baseline)", bare, bare))
    for label, result, baseline in results:
        print(row(label, result, baseline))
    print(
        f"TV spot: scans answered {answered} (access log). Whole run: scans answered {answered_total}, "
        f"stored {stored} ({'OK' if stored == answered_total else 'MISMATCH'}; rows = distinct ids: "
        f"{after['rows'] == after['distinct']})"
    )
    print(
        f"Searches answered {searches_answered} (access log), counted in the search log after the drain "
        f"{searches_logged} ({'OK' if searches_logged == searches_answered else 'MISMATCH'})"
    )
    for model, (scan_s, scan_n, page_s, page_n) in warmup.items():
        print(
            f"warm-up ({model}, 4 + 2 connections): {scan_n} first scans in {scan_s:.1f} s "
            f"({scan_s / scan_n * 1000:.1f} ms each), {page_n} first renders in {page_s:.1f} s"
        )
    for model, (waited, tasks) in queue_waits.items():
        print(f"before measuring ({model}): waited {waited:.0f} s for the task worker's backlog ({tasks} tasks)")
    print(f"log lines mentioning Redis during the outage run ({seconds} s): {len(redis_lines)}")
    for line in redis_lines[:5]:
        print("   ", line[:200])
    if alternated:
        print("\n== the guide's three forms in turn, 10 s each ==")
        print("| URL | req/s | p50 ms | p99 ms | errors | load average |")
        print("|---|---|---|---|---|---|")
        for label, result in alternated:
            print(
                f"| {label} | {result['rps']:,.0f} | {result['p50']:.1f} | {result['p99']:.1f} | {result['errors']} "
                f"| {result['load']} |"
            )
    if model_rows:
        print(
            "\n== server models: bare 302 and a mix (80 % scans over 1,020 codes; 20 % guide qr/xa, home, campaign, "
            "search) =="
        )
        print(
            "| model (class:workers:threads) | bare req/s | mix req/s | mix p50 ms | mix p99 ms | mix errors "
            "| mix vs bare | load average |"
        )
        print("|---|---|---|---|---|---|---|---|")
        for model, model_bare, model_mix in model_rows:
            print(
                f"| {model} | {model_bare['rps']:,.0f} | {model_mix['rps']:,.0f} | {model_mix['p50']:.1f} "
                f"| {model_mix['p99']:.1f} | {model_mix['errors']} | {model_mix['rps'] / model_bare['rps']:.0%} "
                f"| {model_mix['load']} |"
            )
    print(MACHINE_NOTE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
