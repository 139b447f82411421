"""Real-browser tests: Playwright for Python driving Debian's Chromium."""

import importlib
import io
import os
import re
import shutil
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

# A cheap Android phone's browser. Headless Chromium announces itself as HeadlessChrome, which the scan
# redirect rightly counts as a bot; a citizen's phone does not.
PHONE_USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 11; SM-A115F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36"
)
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "user_agent": PHONE_USER_AGENT}

# Playwright's sync API runs an event loop in the test thread; Django's ORM,
# called from the same test, must be told that this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def playwright_session():
    """One Playwright for the whole run: its sync API runs an event loop in the test thread, and a second
    `sync_playwright()` started beside it fails ("using Playwright Sync API inside the asyncio loop")."""
    if not shutil.which(CHROMIUM):
        message = "Chromium is not installed: apt-get install chromium (the e2e tests need /usr/bin/chromium)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_session):
    browser = playwright_session.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    _open_browsers.append(browser)
    yield browser
    _open_browsers.remove(browser)
    browser.close()


@pytest.fixture
def phone(browser):
    """A cheap Android phone's viewport."""
    context = browser.new_context(**PHONE, locale="vi-VN")
    yield context
    context.close()


# --- Shared by the journeys ----------------------------------------------------------------------

E2E_DIR = Path(__file__).resolve().parent
ARTIFACTS = E2E_DIR / ".artifacts"
DOC_IMAGES = E2E_DIR.parent.parent / "docs" / "images"
DEMO_PASSWORD = "mat-khau-thu-nghiem-e2e"
_open_browsers = []


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """When a test fails, a screenshot of every page still open (contexts close only at teardown)."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed or not _open_browsers:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", item.nodeid.split("::", 1)[-1])[:120]
    saved = []
    for browser_ in _open_browsers:
        for c, context in enumerate(browser_.contexts):
            for p, page in enumerate(context.pages):
                path = ARTIFACTS / f"{name}-{c}-{p}.png"
                try:
                    page.screenshot(path=str(path), full_page=True, timeout=5000)
                except Exception as error:  # a crashed page must not hide the test's own failure
                    saved.append(f"{path.name}: not saved ({error})")
                else:
                    saved.append(str(path.relative_to(E2E_DIR.parent.parent)))
    if saved:
        report.sections.append(("screenshots", "\n".join(saved)))


def doc_screenshot(page, name: str, *, full_page: bool = False) -> None:
    """With LOA_DOC_SCREENSHOTS=1 (`make docs-screenshots`), the journeys refresh the user guides' images."""
    if os.environ.get("LOA_DOC_SCREENSHOTS") != "1":
        return
    DOC_IMAGES.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOC_IMAGES / f"{name}.png"), full_page=full_page)


def seed_reference_data() -> None:
    """Channels and print formats come from data migrations, which a transactional test's flush empties."""
    from django.apps import apps

    for module, function in (
        ("tracking.migrations.0002_seed_channels", "seed_channels"),
        ("media_kit.migrations.0002_seed_formats", "seed_formats"),
    ):
        getattr(importlib.import_module(module), function)(apps, None)


_demo_snapshots = {}


@pytest.fixture
def demo(live_server, monkeypatch):
    """The demo site (units, users with a known password, campaign, guides, video, placements) on the live server.

    On PostgreSQL the first test of a run loads it and the next ones get the same rows back from a snapshot
    (tests/db_snapshot.py): a second instead of `load_demo`'s 10 to 50. On SQLite it is loaded every time."""
    from django.core.management import call_command
    from django.db import connection

    from tests import db_snapshot

    snapshot = _demo_snapshots.get(connection.settings_dict["NAME"])
    if snapshot is not None:
        db_snapshot.restore(snapshot)
        return live_server
    seed_reference_data()
    monkeypatch.setenv("LOA_DEMO_PASSWORD", DEMO_PASSWORD)
    call_command("load_demo", stdout=io.StringIO())
    if connection.vendor == "postgresql":
        _demo_snapshots[connection.settings_dict["NAME"]] = db_snapshot.take()
    return live_server


def log_in(page, base_url: str, username: str, password: str = DEMO_PASSWORD) -> None:
    """Through the admin's real login form."""
    page.goto(base_url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name=re.compile("Đăng nhập|Sign in")).click()
    page.wait_for_url(re.compile(r"/admin/(?!login)"))


def _count(text: str) -> int:
    digits = re.sub(r"\D", "", text)
    return int(digits) if digits else 0


def dashboard_figures(page, base_url: str, *, unit_code: str, channel_name: str) -> dict[str, int]:
    """Scans and conversions of a unit on the admin dashboard, in total and on one channel's row.

    The demo data seeds weeks of activity, so the journeys compare the figures before and after.
    """
    page.goto(f"{base_url}/admin/insights/?unit={unit_code}")
    figures = {name: _count(page.locator(f'[data-total="{name}"]').inner_text()) for name in ("scans", "conversions")}
    table = page.locator('table[data-table="theo-kenh"]')
    headers = [text.strip() for text in table.locator("thead th").all_inner_texts()] if table.count() else []
    rows = table.locator("tbody tr").filter(
        has=page.locator("td:first-child", has_text=re.compile(rf"^\s*{re.escape(channel_name)}\s*$"))
    )
    cells = rows.first.locator("td").all_inner_texts() if table.count() and rows.count() else None
    for name, label in (("scans", "Lượt quét"), ("conversions", "Chuyển đổi qua mã")):
        figures[f"channel_{name}"] = _count(cells[headers.index(label)]) if cells else 0
    return figures
