"""`load_demo` gives the insights dashboard something to show, and a second run adds nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase

from core.dates import add_months, month_start
from insights.demo_plan import LOUDSPEAKER, LOUDSPEAKER_PLAN, PANO, POSTER, TRUE_EFFECTS
from insights.models import (
    AdoptionFigure,
    BroadcastAiring,
    DailyPlacementRollup,
    HourlyPlacementScans,
    RolloutPlan,
    RolloutStatus,
    RolloutWard,
)
from insights.rollout.randomise import draw_waves
from insights.rollout_plans import analyse_plan
from tests.insights.dashboard_html import read_tables
from tracking.models import Conversion, Placement, ScanEvent

pytestmark = pytest.mark.django_db

PLANTED_PANO_EFFECT = TRUE_EFFECTS[PANO]


def counts() -> dict[str, int]:
    return {
        "placements": Placement.objects.count(),
        "scans": ScanEvent.objects.count(),
        "conversions": Conversion.objects.count(),
        "figures": AdoptionFigure.objects.count(),
        "airings": BroadcastAiring.objects.count(),
        "daily": DailyPlacementRollup.objects.count(),
        "hourly": HourlyPlacementScans.objects.count(),
        "plans": RolloutPlan.objects.count(),
        "plan_wards": RolloutWard.objects.count(),
        "plan_placements": RolloutWard.placements.through.objects.count(),
    }


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    """The demo loaded once for the module (about 25 s), rolled back at the end; each test runs in a savepoint."""
    with django_db_blocker.unblock():
        atomics = TestCase._enter_atomics()
        try:
            call_command("load_demo")
            yield counts()
        finally:
            TestCase._rollback_atomics(atomics)


@pytest.fixture
def demo(demo_world, db):
    return demo_world


def test_load_demo_twice_gives_the_same_insights_data(demo):
    assert demo["scans"] > 5_000 and demo["conversions"] > 100 and demo["airings"] >= 10
    assert demo["figures"] >= 3 * 6 * 6
    assert (demo["plans"], demo["plan_wards"], demo["plan_placements"]) == (1, 15, 30)
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
    # The figures carry insights.demo_plan's planted truth: pa-nô works, băng-rôn does nothing, áp-phích and the
    # loudspeaker always go up together. The estimator recovers it, and credits nothing else.
    verdicts = {row["Kênh"]: row["Kết luận"] for row in tables["tac-dong-kenh"]}
    assert verdicts["Pa-nô"] == "gắn với mức tăng cao hơn", verdicts
    assert verdicts["Băng-rôn"] != "gắn với mức tăng cao hơn"
    assert verdicts["Áp-phích"] == verdicts["Loa truyền thanh cơ sở"] == "không tách được khỏi kênh triển khai cùng lúc"
    assert any(" + " in channel for channel in verdicts)
    credited = [channel for channel, verdict in verdicts.items() if verdict == "gắn với mức tăng cao hơn"]
    assert credited == ["Pa-nô"], verdicts
    pano = next(row for row in tables["tac-dong-kenh"] if row["Kênh"] == "Pa-nô")
    low, high = (float(pano[key].replace(",", ".")) for key in ("Khoảng tin cậy 95 %: từ", "đến"))
    assert low <= PLANTED_PANO_EFFECT <= high


def test_the_monthly_report_recommends_only_what_the_evidence_allows(demo):
    from core.dates import last_month
    from insights.reports import build_monthly_report
    from places.models import AdministrativeUnit

    data = build_monthly_report(unit=AdministrativeUnit.objects.get(code="66"), month=last_month())
    kept = [line for line in data.recommendations if line.startswith("Duy trì kênh")]
    assert len(kept) == 1 and kept[0].startswith("Duy trì kênh Pa-nô"), data.recommendations
    assert "khoảng tin cậy 95 %" in kept[0] and "không chứng minh nhân quả" in kept[0]


def test_the_finished_loudspeaker_plan_recovers_the_planted_effect_by_design(client, demo):
    """The demo's randomised roll-out (insights.demo_plan.LOUDSPEAKER_PLAN): its recorded seed gives its ward
    order, the planted figures follow that order, and its analysis by design (intention-to-treat Callaway–
    Sant'Anna with a randomisation-inference p-value) covers the planted effect and may use causal words."""
    plan = RolloutPlan.objects.get(name=LOUDSPEAKER_PLAN.name)
    assert plan.status == RolloutStatus.FINISHED and plan.seed == LOUDSPEAKER_PLAN.seed
    assert sorted(plan.channels.values_list("slug", flat=True)) == sorted([POSTER, LOUDSPEAKER])
    rows = list(plan.wards.select_related("unit").prefetch_related("placements__channel"))
    drawn = draw_waves([row.unit.code for row in rows], plan.waves, plan.seed)
    assert {row.unit.code: row.wave for row in rows} == {code: n for n, wave in enumerate(drawn, 1) for code in wave}
    for row in rows:  # each ward's posters went up in its drawn wave's month, as the figures were planted
        poster = next(p for p in row.placements.all() if p.channel.slug == POSTER)
        assert month_start(poster.installed_on) == add_months(plan.first_wave_start, row.wave - 1) == row.planned_start
        assert poster.active_from == row.planned_start

    analysis = analyse_plan(plan=plan).result
    assert analysis is not None and analysis.waves == 4 and analysis.wards == 15
    assert analysis.ci_low <= LOUDSPEAKER_PLAN.effect <= analysis.ci_high, analysis
    assert analysis.ri_p_value < 0.05 and analysis.deviating_wards == 0

    client.force_login(get_user_model().objects.get(username="vanhoa.daklak"))
    page = client.get(f"/admin/insights/rollouts/{plan.pk}/").content.decode()
    assert "Do thứ tự các xã được bốc thăm, có thể nói kênh này gây ra mức tăng" in page
    # The dashboard's headline for the plan: its own analysis, restricted to its wards, with the RI p-value.
    dashboard = client.get("/admin/insights/").content.decode()
    headline = dashboard.split("data-rollout-headlines", 1)[1].split("</section>", 1)[0]
    assert plan.name in headline and "có thể nói kênh này gây ra mức tăng" in headline
    assert "p theo bốc thăm lại" in headline and "(15 xã), theo đợt đã bốc thăm" in headline
    assert "0 xã lệch kế hoạch" in headline
