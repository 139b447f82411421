"""`make run`'s loop (scripts/run.sh → `update_rollups --drain --every N`): scans and completions made
in the browser reach the dashboard within a round, whether inserted at once (the dev settings) or
spooled."""

import importlib
import os
import re
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from insights.models import DailyPlacementRollup
from places.models import AdministrativeUnit
from tests.factories.campaigns import GuidePageFactory
from tests.factories.tracking import placement
from tests.factories.users import UserFactory
from tracking import spool
from tracking.models import Conversion, ScanEvent

pytestmark = pytest.mark.django_db

PHONE = "Mozilla/5.0 (Linux; Android 10; SM-A105F) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"
WARD = "24133"
ROOT = Path(__file__).resolve().parents[2]


class StopLoop(Exception):
    pass


@pytest.fixture
def poster(official_units):
    guide = GuidePageFactory(title="Cài đặt ứng dụng VNeID")
    return placement(
        unit=AdministrativeUnit.objects.get(code=WARD), campaign=guide.get_parent().specific, target_page=guide
    )


@pytest.fixture
def office(client):
    client.force_login(UserFactory(username="quantri", is_superuser=True))
    return client


def dashboard_total(client, name: str) -> int:
    html = client.get("/admin/insights/", {"unit": WARD}).content.decode()
    return int(re.sub(r"\D", "", re.search(rf'data-total="{name}">([^<]*)<', html).group(1)) or 0)


def scan(client, poster):
    return client.get(f"/q/{poster.short_code}", HTTP_USER_AGENT=PHONE, REMOTE_ADDR="203.0.113.9")


def age_spool_files() -> None:
    """What a minute's wait does: the spool files belong to a past minute and are settled."""
    old = time.time() - 120
    for path in spool.spool_dir().glob(f"*{spool.SUFFIX}"):
        minute, rest = path.name.split("-", 1)
        aged = path.with_name(f"{int(minute) - 2:012d}-{rest}")
        path.rename(aged)
        os.utime(aged, (old, old))


def test_make_run_inserts_each_scan_at_once(monkeypatch):
    monkeypatch.delenv("LOA_SCAN_WRITE_MODE", raising=False)
    dev = importlib.reload(importlib.import_module("website.settings.dev"))
    assert dev.LOA_SCAN_WRITE_MODE == "database"
    monkeypatch.setenv("LOA_SCAN_WRITE_MODE", "spool")
    assert importlib.reload(dev).LOA_SCAN_WRITE_MODE == "spool"


def test_make_run_starts_the_loop_beside_the_server():
    """(That Ctrl-C stops both is checked by hand: see the branch's report.)"""
    script = (ROOT / "scripts" / "run.sh").read_text()
    assert "manage.py update_rollups --drain --every" in script and "manage.py runserver" in script
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^run: setup\n\t.*scripts/run\.sh", makefile, re.MULTILINE)


def test_a_scan_and_a_completion_show_on_the_dashboard_after_one_round(office, poster, settings):
    settings.LOA_SCAN_WRITE_MODE = "database"
    call_command("update_rollups")
    before = {name: dashboard_total(office, name) for name in ("scans", "conversions")}
    landing = scan(office, poster)["Location"]
    token = re.search(r'name="token" value="([^"]+)"', office.get(landing).content.decode()).group(1)
    office.post(
        reverse("completion"),
        {"token": token, "qr": poster.short_code},
        HTTP_ORIGIN="http://testserver",
        HTTP_USER_AGENT=PHONE,
    )
    assert ScanEvent.objects.filter(placement=poster).count() == 1
    assert Conversion.objects.filter(placement=poster).count() == 1
    # The dashboard reads the rollups...
    assert {name: dashboard_total(office, name) for name in before} == before
    call_command("update_rollups", "--drain")
    # ...which one round of the loop brings up to date.
    assert {name: dashboard_total(office, name) for name in before} == {
        name: value + 1 for name, value in before.items()
    }


def test_the_loop_drains_a_spooled_scan_into_the_rollups_and_goes_on(office, poster, settings, monkeypatch):
    settings.LOA_SCAN_WRITE_MODE = "spool"
    scan(office, poster)
    age_spool_files()
    rounds = []

    def between_rounds(seconds):
        rounds.append(seconds)
        if len(rounds) == 1:
            assert DailyPlacementRollup.objects.get(placement=poster).scans == 1
            settings.LOA_SCAN_WRITE_MODE = "database"
            scan(office, poster)  # a scan arrives between two rounds
            return
        raise StopLoop

    monkeypatch.setattr("insights.management.commands.update_rollups.time.sleep", between_rounds)
    with pytest.raises(StopLoop):
        call_command("update_rollups", "--drain", "--every", "10")
    assert rounds == [10, 10]
    assert not list(spool.spool_dir().glob(f"*{spool.SUFFIX}"))
    assert DailyPlacementRollup.objects.get(placement=poster).scans == 2
    assert dashboard_total(office, "scans") == 2
