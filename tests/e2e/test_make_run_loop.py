"""`make run`'s promise, with the real processes: scripts/run.sh starts the development server and, beside it,
the loop (`update_rollups --drain --every LOA_DEV_LOOP_SECONDS`); a scan and a "Tôi đã làm xong" made in a
phone's browser show on the culture office's dashboard within a minute; Ctrl-C stops both processes.

The two processes open the test database themselves, so it must be one that another process can open:
PostgreSQL (CI's e2e run). pytest-django's SQLite test database lives in this process's memory.
"""

import os
import re
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from tests.e2e.conftest import DEMO_PASSWORD, PHONE, dashboard_figures, log_in
from tracking.models import Placement

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
WARD = "24133"  # Phường Buôn Ma Thuột
CHANNEL_SLUG = "ap-phich"
WITHIN = 60  # seconds: the README's promise


def database_url() -> str:
    settings = connection.settings_dict
    if settings["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("run.sh's processes need a database they can open themselves: run this test on PostgreSQL.")
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or "5432"
    return f"postgres://{settings['USER']}{password}@{host}:{port}/{settings['NAME']}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(base_url: str, process: subprocess.Popen, *, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"scripts/run.sh stopped with {process.returncode}: {process.stdout.read()}")
        try:
            with urllib.request.urlopen(base_url + "/healthz", timeout=2) as response:  # noqa: S310 (our own http URL)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail("the development server did not answer within 90 s")


def group_is_gone(pgid: int, leader: subprocess.Popen) -> bool:
    leader.poll()  # reaps run.sh once it has exited: a zombie still belongs to its group
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return True
    return False


def as_a_terminals_foreground_job() -> None:
    """Its own process group, which Ctrl-C signals as a whole, with SIGINT's default action (a runner started
    in the background would pass SIGINT on ignored, and a shell cannot trap a signal ignored on entry)."""
    os.setsid()
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture
def make_run(demo):
    """scripts/run.sh as `make run` starts it (dev settings, default loop period), on the test database."""
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "REDIS_URL", "LOA_DEV_LOOP_SECONDS", "LOA_SCAN_WRITE_MODE"}
    }
    env.update(
        DATABASE_URL=database_url(),
        HOST="127.0.0.1",
        PORT=str(port),
        LOA_SCAN_SPOOL_DIR=tempfile.mkdtemp(prefix="loa-make-run-spool-"),
        PYTHONUNBUFFERED="1",
    )
    process = subprocess.Popen(
        [str(ROOT / "scripts" / "run.sh")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=as_a_terminals_foreground_job,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base_url, process)
        yield base_url, process
    finally:
        if not group_is_gone(process.pid, process):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def test_a_scan_in_the_browser_shows_on_the_dashboard_within_a_minute_and_ctrl_c_stops_both(make_run, browser):
    base_url, process = make_run
    # The tests' fast MD5 hasher is not one the development settings accept: store what `make run` would.
    get_user_model().objects.filter(username="vanhoa.daklak").update(
        password=PBKDF2PasswordHasher().encode(DEMO_PASSWORD, "loa-make-run-salt")
    )
    poster = Placement.objects.get(unit__code=WARD, channel__slug=CHANNEL_SLUG, spot="")
    office = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    dashboard = office.new_page()
    log_in(dashboard, base_url, "vanhoa.daklak")
    channel_name = poster.channel.name
    before = dashboard_figures(dashboard, base_url, unit_code=WARD, channel_name=channel_name)

    phone = browser.new_context(**PHONE, locale="vi-VN")
    page = phone.new_page()
    page.goto(f"{base_url}/q/{poster.short_code}")
    assert "Phường Buôn Ma Thuột" in page.locator(".help-desk h2").inner_text()
    page.get_by_role("button", name="Tôi đã làm xong").click()
    page.wait_for_url(re.compile(r"/da-lam-xong/cam-on/"))
    acted = time.monotonic()
    phone.close()

    expected = {name: value + 1 for name, value in before.items()}
    while True:
        after = dashboard_figures(dashboard, base_url, unit_code=WARD, channel_name=channel_name)
        waited = time.monotonic() - acted
        if after == expected or waited > WITHIN:
            break
        time.sleep(2)
    office.close()
    assert after == expected, (before, after, f"{waited:.0f} s")
    print(f"the dashboard counted the scan and the completion after {waited:.1f} s")

    # Ctrl-C in the terminal: SIGINT to the foreground process group; the server and the loop both stop.
    os.killpg(process.pid, signal.SIGINT)
    deadline = time.monotonic() + 20
    while not group_is_gone(process.pid, process) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert group_is_gone(process.pid, process), subprocess.run(
        ["ps", "-o", "pid,args", "-g", str(process.pid)], capture_output=True, text=True
    ).stdout
    output = process.stdout.read()
    assert "Đã cập nhật số liệu tổng hợp" in output, output[-2000:]
