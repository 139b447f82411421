"""Journey 3: an official asks the admin for a print pack for three wards; a real task worker (`manage.py db_worker`,
started here against the live server's database) renders it while the progress bar moves; the ZIP downloaded
from the admin holds one folder per ward.

PostgreSQL only: on SQLite the live server's test database lives in memory, where no other process can reach it.
"""

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import dj_database_url
import pytest
from django.conf import settings as django_settings
from django.db import connection

from campaigns.models import CampaignPage
from media_kit.models import Pack, PackStatus
from places.models import AdministrativeUnit, UnitLevel
from tests.e2e.conftest import doc_screenshot, log_in

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
FORMAT_NAMES = ["Áp-phích A3", "Tờ rơi A5 hai mặt"]


@pytest.fixture
def task_worker(live_server, settings):
    """A real `db_worker` on the test database; the live server enqueues into the database backend too."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: with SQLite the live server's test database is in memory, out of the worker's reach"
        )
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    database = dict(dj_database_url.parse(os.environ["DATABASE_URL"]))
    url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + connection.settings_dict["NAME"]
    assert dj_database_url.parse(url)["HOST"] == database["HOST"]
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "tests.e2e.worker_settings",
        "TASK_BACKEND": "database",
        "LOA_E2E_MEDIA_ROOT": str(django_settings.MEDIA_ROOT),
    }
    log = ROOT / "tests" / "e2e" / ".artifacts"
    log.mkdir(exist_ok=True)
    with (log / "db_worker.log").open("wb") as output:
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        yield worker
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def test_an_official_generates_a_pack_for_three_wards_rendered_by_the_worker(demo, task_worker, browser, tmp_path):
    third = (
        AdministrativeUnit.objects.filter(level=UnitLevel.WARD, path__startswith="66/")
        .exclude(code__in=["24133", "24169"])
        .order_by("code")
        .first()
    )
    codes = ["24133", "24169", third.code]

    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="vi-VN", accept_downloads=True)
    page = context.new_page()
    log_in(page, demo.url, "vanhoa.daklak")
    page.goto(demo.url + "/admin/media-kit/packs/new/")
    page.get_by_label("Chiến dịch").select_option(label=CampaignPage.objects.get(locale__language_code="vi").title)
    for name in FORMAT_NAMES:
        page.get_by_label(name, exact=True).check()
    # One ward typed by name without accents, one by code, one found by the search (no JavaScript needed).
    page.get_by_label("Xã, phường hoặc tỉnh").fill(f"buon ma thuot, {third.code}")
    page.get_by_label("Tên (gõ không dấu cũng được)").fill("ea kao")
    page.get_by_role("button", name="Tìm", exact=True).click()
    page.get_by_label("Phường Ea Kao (Đắk Lắk, 24169)").check()
    assert page.get_by_label("Xã, phường hoặc tỉnh").input_value() == f"buon ma thuot, {third.code}"
    doc_screenshot(page, "in-an-pham-yeu-cau", full_page=True)
    page.get_by_role("button", name="Tạo bộ ấn phẩm").click()
    page.wait_for_url("**/admin/media-kit/packs/*/")

    progress = page.locator("progress[data-pack-progress]")
    seen = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert task_worker.poll() is None, "the task worker died: see tests/e2e/.artifacts/db_worker.log"
        seen.append(int(progress.get_attribute("value")))
        if 0 < seen[-1] < 100:
            doc_screenshot(page, "in-an-pham-dang-tao")
        if page.locator("[data-pack-download]").count():
            break
        time.sleep(0.4)
        page.reload()
    else:
        pytest.fail(f"the pack was not ready in 120 s; progress seen: {seen}")
    assert seen[-1] == 100
    assert any(0 < value < 100 for value in seen), f"the bar never showed a step between 0 and 100: {seen}"
    assert seen == sorted(seen)
    doc_screenshot(page, "in-an-pham-xong")

    with page.expect_download() as download_info:
        page.locator("[data-pack-download]").click()
    archive_path = tmp_path / "bo-an-pham.zip"
    download_info.value.save_as(archive_path)
    context.close()

    with zipfile.ZipFile(archive_path) as archive:
        names = archive.namelist()
        assert archive.testzip() is None
    folders = sorted({name.split("/")[0] for name in names if "/" in name})
    assert [folder.split("-")[0] for folder in folders] == sorted(codes)
    for folder in folders:
        assert {name.rsplit("/", 1)[1] for name in names if name.startswith(folder + "/")} == {
            "ap-phich-a3.pdf",
            "to-roi-a5.pdf",
        }
    assert "manifest.csv" in names
    assert Pack.objects.get().status == PackStatus.DONE
