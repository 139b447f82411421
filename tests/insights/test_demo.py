"""`load_demo` gives the insights dashboard something to show, and a second run adds nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from insights.models import AdoptionFigure, BroadcastAiring, DailyPlacementRollup, HourlyPlacementScans
from tests.insights.dashboard_html import read_tables
from tracking.models import Conversion, Placement, ScanEvent

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "placements": Placement.objects.count(),
        "scans": ScanEvent.objects.count(),
        "conversions": Conversion.objects.count(),
        "figures": AdoptionFigure.objects.count(),
        "airings": BroadcastAiring.objects.count(),
        "daily": DailyPlacementRollup.objects.count(),
        "hourly": HourlyPlacementScans.objects.count(),
    }


@pytest.fixture
def demo(db):
    call_command("load_demo")
    return counts()


def test_load_demo_twice_gives_the_same_insights_data(demo):
    assert demo["scans"] > 5_000 and demo["conversions"] > 100 and demo["airings"] >= 10
    assert demo["figures"] >= 3 * 6 * 6
    call_command("load_demo")
    assert counts() == demo
    # The rollups hold every citizen scan (headline, repeats and set aside), and nothing identifies a person.
    citizen = ScanEvent.objects.filter(is_bot=False, is_head=False).count()
    split = DailyPlacementRollup.objects.values_list("scans", "repeats", "suspect_scans")
    assert sum(sum(row) for row in split) == citizen
    # The demo's scans are a campaign's ordinary life: nothing in them looks like a flood.
    assert not DailyPlacementRollup.objects.filter(suspect_scans__gt=0).exists()
    assert not ScanEvent.objects.exclude(visitor_hash="").exclude(visitor_hash__regex=r"^[0-9a-f]{32}$").exists()


def test_the_culture_office_sees_a_living_dashboard(client, demo):
    client.force_login(get_user_model().objects.get(username="vanhoa.daklak"))
    response = client.get("/admin/insights/")
    assert response.status_code == 200
    tables, empty = read_tables(response.content.decode())
    for slug in ("theo-kenh", "theo-xa", "theo-tuan", "diem-dat-nhieu-nhat", "phat-song", "tac-dong-kenh"):
        assert tables.get(slug), slug
    assert not {"theo-kenh", "theo-xa", "theo-tuan", "phat-song"} & empty
    wards = {row["Xã/phường"] for row in tables["theo-xa"]}
    assert any("Buôn Ma Thuột" in ward for ward in wards) and any("Ea Kao" in ward for ward in wards)
    assert len(wards) >= 6
    # The figures plant a faster growth where codes are scanned: some channel shows an estimate.
    assert any(row["Ước tính tác động"] for row in tables["tac-dong-kenh"])
