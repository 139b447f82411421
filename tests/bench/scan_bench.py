"""The scan redirect under load, against a bare Django redirect measured in the same run.

    .venv/bin/python tests/bench/scan_bench.py [--seconds 15] [--connections 50] [--mode spool|database|both]
                                               [--kill-worker]

Needs PostgreSQL and Redis on 127.0.0.1 (as on the development machines) and wrk
(apt-get install wrk). Creates the database `loa_bench` afresh, serves the site with
gunicorn (2 sync workers, production settings, Redis cache) on a loopback port, and runs
wrk with N connections against a bare 302 view and against /q/<code>. Prints requests/s,
p50 and p99 of both, the ratio, and checks that stored events >= redirects answered.
A benchmark, not a test.
"""

import argparse
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
PG = "postgres://postgres@127.0.0.1:5432"
DATABASE = "loa_bench"
PORT = 8791
USER_AGENT = "Mozilla/5.0 (Linux; Android 10; SM-A105F) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"


def environment(mode: str, spool: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.bench.bench_settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"{PG}/{DATABASE}",
        "DATABASE_CONN_MAX_AGE": "600",
        "REDIS_URL": "redis://127.0.0.1:6379/5",
        "LOA_SCAN_WRITE_MODE": mode,
        "LOA_SCAN_SPOOL_DIR": str(spool),
        "PYTHONPATH": str(PROJECT),
        "STATIC_ROOT": str(spool.parent / f"loa-bench-static-{os.getpid()}"),
    }


def manage(env: dict, *args: str) -> str:
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=PROJECT, env=env, check=True, capture_output=True, text=True
    ).stdout


SETUP = """
from django.core.cache import cache
from places.models import AdministrativeUnit
from places.services import load_official_units
from tests.factories.campaigns import GuidePageFactory
from tests.factories.tracking import placement
load_official_units()
cache.clear()
guide = GuidePageFactory(title="Cài đặt ứng dụng VNeID")
print(placement(unit=AdministrativeUnit.objects.get(code="24133"), campaign=guide.get_parent().specific,
                target_page=guide).short_code)
"""

COUNT = """
from tracking.models import ScanEvent
from tracking.services import drain_scans
drain_scans(include_current=True)
print(ScanEvent.objects.count())
"""


def wrk(url: str, *, seconds: int, connections: int) -> dict:
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-H", f"User-Agent: {USER_AGENT}", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout

    def latency(label: str) -> float:
        value, unit = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "p50": latency("50%"),
        "p99": latency("99%"),
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "none",
    }


def kill_a_worker_after(server: subprocess.Popen, delay: float) -> threading.Thread:
    """SIGKILL one gunicorn worker mid-load (gunicorn starts another): nothing it answered may be lost."""

    def kill() -> None:
        time.sleep(delay)
        children = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
        if children:
            os.kill(int(children[0]), signal.SIGKILL)
            print(f"killed worker {children[0]} after {delay:.0f} s")

    thread = threading.Thread(target=kill)
    thread.start()
    return thread


def run(mode: str, *, seconds: int, connections: int, kill_worker: bool = False) -> None:
    spool = Path(tempfile.gettempdir()) / f"loa-bench-spool-{os.getpid()}"
    env = environment(mode, spool)
    subprocess.run(["psql", f"{PG}/postgres", "-qc", f"DROP DATABASE IF EXISTS {DATABASE}"], check=True)
    subprocess.run(["psql", f"{PG}/postgres", "-qc", f"CREATE DATABASE {DATABASE}"], check=True)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    code = manage(env, "shell", "-c", SETUP).strip().splitlines()[-1]

    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "website.wsgi", "-w", "2", "-b", f"127.0.0.1:{PORT}", "--log-level", "warning"],
        cwd=PROJECT,
        env=env,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{PORT}"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/static/css/site.css", timeout=1)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        for url in (f"{base}/bench/bare-redirect/", f"{base}/q/{code}"):  # warm both
            wrk(url, seconds=2, connections=4)
        before = int(manage(env, "shell", "-c", COUNT).strip().splitlines()[-1])
        bare = wrk(f"{base}/bench/bare-redirect/", seconds=seconds, connections=connections)
        killer = kill_a_worker_after(server, seconds / 2) if kill_worker else None
        scans = wrk(f"{base}/q/{code}", seconds=seconds, connections=connections)
        if killer is not None:
            killer.join()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    stored = int(manage(env, "shell", "-c", COUNT).strip().splitlines()[-1]) - before

    print(f"\n== write mode: {mode}, {connections} connections, {seconds} s each, gunicorn 2 sync workers ==")
    for label, result in (("bare 302", bare), (f"/q/{code}", scans)):
        print(
            f"{label:<12} {result['rps']:8.0f} req/s   p50 {result['p50']:6.2f} ms   p99 {result['p99']:6.2f} ms"
            f"   non-3xx {result['errors']}   socket errors: {result['socket_errors']}"
        )
    print(f"ratio scan/bare: {scans['rps'] / bare['rps']:.0%}")
    lost = max(0, scans["requests"] - stored)
    print(f"redirects answered: {scans['requests']}, events stored: {stored}, lost: {lost}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--mode", choices=["spool", "database", "both"], default="both")
    parser.add_argument("--kill-worker", action="store_true", help="SIGKILL one worker halfway through the scan load")
    args = parser.parse_args()
    for mode in ("spool", "database") if args.mode == "both" else (args.mode,):
        run(mode, seconds=args.seconds, connections=args.connections, kill_worker=args.kill_worker)
    return 0


if __name__ == "__main__":
    sys.exit(main())
