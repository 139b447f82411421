"""Shared helpers for the load and fault scripts in tests/bench/ (scripts run by hand, never by pytest).

- `fresh_database(server_url, name)`: drop and create a database on a PostgreSQL server.
- `PrivatePostgres`, `PrivateRedis`, `MotoS3`: servers of our own on loopback, so that a fault
  script may stop them without touching the shared PostgreSQL (5432) and Redis (6379).
- `site_environment(...)`, `prepare(...)`, `Site`: production settings, a migrated database with
  many codes of many wards, and `scripts/serve.sh` (gunicorn + db_worker + run_scheduler) started
  as a process group on a loopback port.
- `wrk_mixed(...)`: wrk with a Lua script: a share of scans (/q/<code> over all codes) and the rest
  guide pages; counts 302, 200 and other answers per thread and adds them up in done().
"""

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
SHARED_POSTGRES = "postgres://postgres@127.0.0.1:5432"
SHARED_REDIS = "redis://127.0.0.1:6379/5"
PG_BIN = Path("/usr/lib/postgresql/15/bin")
USER_AGENT = "Mozilla/5.0 (Linux; Android 10; SM-A105F) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, *, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            probe.settimeout(0.5)
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing answers on 127.0.0.1:{port} after {seconds:.0f} s")


# --- Databases and servers ----------------------------------------------------------------------


def psql(server_url: str, sql: str) -> str:
    return subprocess.run(
        ["psql", f"{server_url}/postgres", "-qAtc", sql], check=True, capture_output=True, text=True
    ).stdout


def fresh_database(server_url: str, name: str) -> str:
    """Drop and create `name` on the server; returns its URL."""
    psql(server_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    psql(server_url, f"CREATE DATABASE {name}")
    return f"{server_url}/{name}"


class PrivatePostgres:
    """A throw-away PostgreSQL cluster (trust auth, loopback only) in a temporary folder."""

    def __init__(self, port: int = 5499) -> None:
        self.port = port
        self.folder = Path(tempfile.mkdtemp(prefix="loa-bench-pg-"))
        self.data = self.folder / "data"
        shutil.chown(self.folder, "postgres", "postgres")
        self.url = f"postgres://postgres@127.0.0.1:{port}"

    def _as_postgres(self, *command: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *command], check=True, capture_output=True, text=True)

    def init(self) -> "PrivatePostgres":
        self._as_postgres(str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        return self

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._as_postgres(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "log"), "-o", options, "-w", "start"
        )

    def stop(self) -> None:
        self._as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


class PrivateRedis:
    """A Redis of our own, without persistence."""

    def __init__(self, port: int = 6399) -> None:
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


class MotoS3:
    """moto's standalone S3 server on loopback (as tests/storage/ uses it), with one bucket."""

    def __init__(self, port: int | None = None, bucket: str = "loa-bench-media") -> None:
        self.port = port or free_port()
        self.bucket = bucket
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        server = Path(PYTHON).with_name("moto_server")
        self.process = subprocess.Popen(
            [str(server), "-H", "127.0.0.1", "-p", str(self.port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wait_for_port(self.port)
        import boto3  # a dev requirement; only this helper needs it

        client = boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id="bench",
            aws_secret_access_key="bench",  # moto accepts any key
        )
        client.create_bucket(Bucket=self.bucket)  # moto keeps nothing across restarts

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def environment(self) -> dict:
        return {
            "AWS_STORAGE_BUCKET_NAME": self.bucket,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "bench",
            "AWS_SECRET_ACCESS_KEY": "bench",
        }


# --- The site -----------------------------------------------------------------------------------


def site_environment(*, name: str, database_url: str, redis_url: str, **extra: str) -> dict:
    """Production settings (plus the bare redirect of bench_urls) with a spool and static folder of the run's own."""
    work = Path(tempfile.gettempdir()) / f"loa-bench-{name}-{os.getpid()}"
    work.mkdir(exist_ok=True)
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.bench.bench_settings",
        "SERVE_SETTINGS_MODULE": "tests.bench.bench_settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "600",
        "REDIS_URL": redis_url,
        "LOA_SCAN_WRITE_MODE": "spool",
        "LOA_SCAN_SPOOL_DIR": str(work / "spool"),
        "LOA_SEARCH_SPOOL_DIR": str(work / "search-spool"),
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
        "PYTHONPATH": str(PROJECT),
        "LOA_BENCH_WORK": str(work),
        **extra,
    }


def manage(env: dict, *args: str, check: bool = True, timeout: float | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if check and result.returncode:
        sys.stderr.write(result.stderr[-3000:])
        raise RuntimeError(f"manage.py {args[0]} exited with {result.returncode}")
    return result


def shell(env: dict, code: str, **kwargs) -> str:
    """Run Python in `manage.py shell`; returns the last line printed."""
    result = manage(env, "shell", "-c", code, **kwargs)
    lines = result.stdout.strip().splitlines()
    return lines[-1] if lines else ""


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
provinces = list(AdministrativeUnit.objects.filter(code__in=PROVINCES))
codes = []
for number, guide in enumerate(guides):
    result = create_placements(campaign=campaign, units=provinces, channels=[poster_channel(), loudspeaker_channel()],
                               spot=f"Điểm {number}")
    for item in result.created:
        item.target_page = guide
        item.save(update_fields=["target_page"])
        codes.append(item.short_code)
wards = len({item.unit_id for item in result.created})
print(json.dumps({"codes": codes, "guides": [guide.url for guide in guides], "wards": wards}))
"""


def prepare(env: dict, *, provinces: tuple[str, ...] = ("66",)) -> dict:
    """Migrate and create 5 guides × wards of the provinces × 2 channels placements (serve.sh collects static)."""
    manage(env, "migrate", "--noinput", "-v0")
    data = json.loads(shell(env, f"PROVINCES = {list(provinces)!r}\n{SETUP}"))
    log(f"prepared {len(data['codes'])} codes in {data['wards']} wards, {len(data['guides'])} guide pages")
    return data


COUNT = """
from django.db.models import Count, Q
from tracking.models import ScanEvent
from tracking.services import drain_scans
result = drain_scans(include_current=True)
totals = ScanEvent.objects.aggregate(
    rows=Count("pk"), distinct=Count("event_id", distinct=True), fallback=Count("pk", filter=Q(landed_on_fallback=True))
)
print(f"{result.inserted} {totals['rows']} {totals['distinct']} {totals['fallback']}")
"""


def drain_and_count(env: dict) -> dict:
    """Drain the whole spool now; returns inserted by this drain, rows, distinct event ids and rows that
    landed on a fallback (a retired placement, or a code not cached while the database was away)."""
    inserted, rows, distinct, fallback = (int(value) for value in shell(env, COUNT).split())
    return {"inserted": inserted, "rows": rows, "distinct": distinct, "fallback": fallback}


def spooled_events(env: dict) -> int:
    folder = Path(env["LOA_SCAN_SPOOL_DIR"])
    return sum(path.read_bytes().count(b"\n") for path in folder.glob("*.jsonl")) if folder.exists() else 0


class Site:
    """scripts/serve.sh (gunicorn + db_worker + run_scheduler) as one process group on a loopback port."""

    def __init__(self, env: dict, *, port: int | None = None, workers: int = 2) -> None:
        self.port = port or free_port()
        self.env = {**env, "HOST": "127.0.0.1", "PORT": str(self.port), "WEB_CONCURRENCY": str(workers)}
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(env["LOA_BENCH_WORK"]) / "serve.log"
        self.process: subprocess.Popen | None = None

    def start(self, *, timeout: float = 600) -> None:
        self.log_file = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [str(PROJECT / "scripts" / "serve.sh")],
            cwd=PROJECT,
            env=self.env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"serve.sh exited with {self.process.returncode}; see {self.log_path}")
            try:
                urllib.request.urlopen(f"{self.base}/healthz", timeout=1)  # noqa: S310
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"/healthz did not answer within {timeout:.0f} s; see {self.log_path}")

    def wait_for_idle_worker(self, *, timeout: float = 900) -> tuple[float, int]:
        """Wait until the task worker has no task waiting (twice in a row, a second apart); returns the seconds
        waited and the tasks it finished meanwhile.

        Set-up that saves thousands of rows (a placement per ward, saved one by one) leaves as many Wagtail
        reference-index tasks behind; the worker runs them on the same two cores for minutes, which slowed
        whichever URL was measured then (landing run 6: `?qr&xa` at 61 % of the plain guide's rate).
        """
        database = self.env["DATABASE_URL"]
        count = "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'READY'"
        done = "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status <> 'READY'"

        def query(sql: str) -> int:
            output = subprocess.run(["psql", database, "-qAtc", sql], check=True, capture_output=True, text=True)
            return int(output.stdout.strip() or 0)

        started, finished_before, idle = time.monotonic(), query(done), 0
        while idle < 2:
            if time.monotonic() - started > timeout:
                raise RuntimeError(f"the task worker still has tasks waiting after {timeout:.0f} s")
            idle = idle + 1 if query(count) == 0 else 0
            time.sleep(1)
        return time.monotonic() - started, query(done) - finished_before

    def get(self, path: str, *, timeout: float = 10) -> int:
        """The status of one GET (redirects not followed)."""

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(NoRedirect)
        try:
            return opener.open(f"{self.base}{path}", timeout=timeout).status
        except urllib.error.HTTPError as error:
            return error.code

    def log_offset(self) -> int:
        self.log_file.flush()
        return self.log_path.stat().st_size

    def answers(self, since: int, *, prefix: str = "/q/") -> dict[str, int]:
        """Statuses of the requests under `prefix` that gunicorn's access log recorded after `since`.

        The server's own count: wrk does not count the answers still in flight when it stops.
        """
        with self.log_path.open("rb") as handle:
            handle.seek(since)
            text = handle.read().decode(errors="replace")
        counts: dict[str, int] = {}
        for status in re.findall(rf'"GET {re.escape(prefix)}\S* HTTP/1\.1" (\d{{3}}) ', text):
            counts[status] = counts.get(status, 0) + 1
        return counts

    def served(self, since: int, until: int | None = None) -> dict:
        """What gunicorn answered between two log offsets: statuses, and p50/p99 of its own time per request."""
        with self.log_path.open("rb") as handle:
            handle.seek(since)
            text = handle.read(None if until is None else until - since).decode(errors="replace")
        lines = re.findall(r'"GET \S+ HTTP/1\.1" (\d{3}) \S+ ([\d.]+)s', text)
        statuses: dict[str, int] = {}
        for status, _seconds in lines:
            statuses[status] = statuses.get(status, 0) + 1
        times = sorted(float(seconds) * 1000 for _status, seconds in lines)

        def percentile(share: float) -> float:
            return times[min(len(times) - 1, int(share * len(times)))] if times else 0.0

        return {"answered": len(lines), "statuses": statuses, "p50": percentile(0.5), "p99": percentile(0.99)}

    def processes(self) -> str:
        """The process tree of the group (for reports)."""
        return subprocess.run(
            ["ps", "--no-headers", "-o", "pid,args", "-g", str(self.process.pid)], capture_output=True, text=True
        ).stdout

    def stop(self) -> None:
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.log_file.close()
        self.process = None


# --- wrk ----------------------------------------------------------------------------------------

LUA = """
local scans = {SCANS}
local pages = {PAGES}
local scan_share = {SHARE}
local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

function init(args)
  c302, c200, other = 0, 0, 0
  math.randomseed(os.time() * 100 + id)
end

function request()
  if #pages == 0 or math.random() < scan_share then
    return wrk.format("GET", scans[math.random(#scans)])
  end
  return wrk.format("GET", pages[math.random(#pages)])
end

function response(status, headers, body)
  if status == 302 then c302 = c302 + 1
  elseif status == 200 then c200 = c200 + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local s302, s200, sother = 0, 0, 0
  for _, thread in ipairs(threads) do
    s302 = s302 + thread:get("c302")
    s200 = s200 + thread:get("c200")
    sother = sother + thread:get("other")
  end
  local e = summary.errors
  io.write(string.format(
    "LOA {\\"requests\\": %d, \\"duration_us\\": %d, \\"s302\\": %d, \\"s200\\": %d, \\"other\\": %d, "
    .. "\\"p50_us\\": %d, \\"p99_us\\": %d, \\"connect\\": %d, \\"read\\": %d, \\"write\\": %d, "
    .. "\\"timeout\\": %d, \\"status_errors\\": %d}\\n",
    summary.requests, summary.duration, s302, s200, sother, latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.timeout, e.status))
end
"""


def _lua_list(items: list[str]) -> str:
    return "{" + ", ".join(json.dumps(item) for item in items) + "}"


def wrk_mixed(
    base: str,
    *,
    scan_paths: list[str],
    page_paths: list[str],
    seconds: float,
    connections: int,
    scan_share: float = 0.8,
    threads: int = 2,
    timeout: str = "5s",
) -> dict:
    """Run wrk; returns requests, rps, p50/p99 (ms), answers by status, socket errors."""
    script = Path(tempfile.mkstemp(prefix="loa-bench-", suffix=".lua")[1])
    script.write_text(
        LUA.replace("{SCANS}", _lua_list(scan_paths))
        .replace("{PAGES}", _lua_list(page_paths))
        .replace("{SHARE}", repr(scan_share))
    )
    try:
        output = subprocess.run(
            [
                "wrk",
                f"-t{threads}",
                f"-c{connections}",
                f"-d{max(1, round(seconds))}s",
                f"--timeout={timeout}",
                "-s",
                str(script),
                "-H",
                f"User-Agent: {USER_AGENT}",
                "-H",
                "Accept-Language: vi-VN,vi;q=0.9",
                base,
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        script.unlink(missing_ok=True)
    figures = json.loads(re.search(r"^LOA (\{.*\})$", output, re.M).group(1))
    seconds_run = figures["duration_us"] / 1e6
    socket_errors = figures["connect"] + figures["read"] + figures["write"] + figures["timeout"]
    return {
        "requests": figures["requests"],
        "rps": figures["requests"] / seconds_run,
        "p50": figures["p50_us"] / 1000,
        "p99": figures["p99_us"] / 1000,
        "302": figures["s302"],
        "200": figures["s200"],
        "other": figures["other"],
        "socket_errors": socket_errors,
        "socket_detail": {key: figures[key] for key in ("connect", "read", "write", "timeout")},
        "errors": figures["other"] + socket_errors,
    }


def describe(label: str, result: dict) -> str:
    return (
        f"{label:<22} {result['rps']:7.0f} req/s  p50 {result['p50']:7.2f} ms  p99 {result['p99']:7.2f} ms  "
        f"302: {result['302']}  200: {result['200']}  other: {result['other']}  "
        f"socket errors: {result['socket_errors']} {result['socket_detail'] if result['socket_errors'] else ''}"
    ).rstrip()


MACHINE_NOTE = (
    "Note: 2 cores shared with other engineers' test runs and with wrk itself; figures are noisy, "
    "compare ratios within one run rather than absolute numbers."
)
