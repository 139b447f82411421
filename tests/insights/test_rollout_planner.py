"""The roll-out planner through the admin: draw, power, refusals, approval into placements, deviations, permissions.

One world per module (12 wards of Đắk Lắk with 14 months of official figures whose between-ward and
month-to-month spreads are planted), rolled back at the end; each test runs in a savepoint within it.
"""

import datetime as dt
from decimal import Decimal

import numpy as np
import pytest
from django.contrib.auth.models import Permission
from django.test import TestCase
from django.utils import timezone

from campaigns.models import Metric
from core.dates import add_months
from insights.models import AdoptionFigure, RolloutPlan, RolloutStatus, RolloutWard
from insights.rollout.power import stepped_wedge_power
from insights.rollout_plans import PlanInput, create_draft, metric_history, redraw
from places.models import AdministrativeUnit, Membership, Role, UnitLevel
from tests.factories.campaigns import CampaignPageFactory
from tests.factories.tracking import loudspeaker_channel, poster_channel
from tests.factories.users import UserFactory
from tracking.models import Placement
from tracking.permissions import placement_permission_policy

NEW_URL = "/admin/insights/rollouts/new/"
TAU, SIGMA, BASE = 2.0, 3.0, 10.0  # per 1,000 residents a month
RESIDENTS = 10_000
HISTORY_MONTHS = 14


def plan_url(plan, action=""):
    return f"/admin/insights/rollouts/{plan.pk}/{action}"


def staff(role=None, unit=None):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    if role:
        Membership.objects.create(user=user, unit=unit, role=role)
    return user


def refused(response) -> bool:
    """Refused by the permission policy: Wagtail's admin answers a refusal with 403 or a redirect home."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == "/admin/")


def first_of_next_month(months=1):
    return add_months(timezone.localdate(), months)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomics = TestCase._enter_atomics()
        try:
            province = AdministrativeUnit.objects.get(code="66")
            wards = list(AdministrativeUnit.objects.filter(parent=province, level=UnitLevel.WARD).order_by("code")[:12])
            residents, _ = Metric.objects.get_or_create(slug="dan-so", defaults={"name": "Dân số"})
            vneid, _ = Metric.objects.get_or_create(slug="vneid-muc-2", defaults={"name": "Định danh mức 2"})
            empty, _ = Metric.objects.get_or_create(slug="tai-khoan-dvc", defaults={"name": "Tài khoản DVC"})
            campaign = CampaignPageFactory(title="Chiến dịch VNeID 2027")
            rng = np.random.default_rng(20261203)
            last = add_months(timezone.localdate(), -1)
            months = [add_months(last, -index) for index in reversed(range(HISTORY_MONTHS))]
            rows = []
            for ward in wards:
                level = BASE + rng.normal(0, TAU)
                total = 1000.0
                for month in months:
                    total += (level + rng.normal(0, SIGMA)) * RESIDENTS / 1000
                    rows.append(AdoptionFigure(unit=ward, month=month, metric=vneid, value=Decimal(f"{total:.2f}")))
                    rows.append(AdoptionFigure(unit=ward, month=month, metric=residents, value=RESIDENTS))
            AdoptionFigure.objects.bulk_create(rows)
            other_province = AdministrativeUnit.objects.get(code="01")
            yield {
                "province": province,
                "wards": wards,
                "metric": vneid,
                "empty_metric": empty,
                "campaign": campaign,
                "loudspeaker": loudspeaker_channel(),
                "poster": poster_channel(),
                "office": staff(Role.CULTURE_OFFICE, province),
                "approver": staff(Role.APPROVER, province),
                "ward_editor": staff(Role.WARD_EDITOR, wards[0]),
                "other_office": staff(Role.CULTURE_OFFICE, other_province),
            }
        finally:
            TestCase._rollback_atomics(atomics)


@pytest.fixture
def w(world, db):
    return world


def form_data(w, **changes):
    data = {
        "name": "Loa truyền thanh theo đợt",
        "campaign": w["campaign"].pk,
        "channels": [w["loudspeaker"].pk],
        "unit": w["province"].pk,
        "ward_codes": ", ".join(ward.code for ward in w["wards"]),
        "metric": w["metric"].pk,
        "waves": 4,
        "wave_length": 1,
        "wave_unit": "month",
        "first_wave_start": first_of_next_month(2).isoformat(),
        "strata": "none",
        "strata_groups": "",
        "effect_size": "5",
    }
    data.update(changes)
    return data


def draft(w, *, seed=7, **changes) -> RolloutPlan:
    values = {
        "name": "Kế hoạch thử",
        "campaign": w["campaign"],
        "channels": [w["loudspeaker"]],
        "unit": w["province"],
        "metric": w["metric"],
        "waves": 4,
        "wave_length": 1,
        "wave_unit": "month",
        "first_wave_start": first_of_next_month(2),
        "effect_size": 5,
        "ward_codes": [ward.code for ward in w["wards"]],
    }
    values.update(changes)
    return create_draft(data=PlanInput(**values), user=w["office"], seed=seed)


def test_the_culture_office_draws_a_plan_and_sees_schedule_chart_and_power(client, w):
    client.force_login(w["office"])
    assert client.get(NEW_URL).status_code == 200
    response = client.post(NEW_URL, form_data(w))
    plan = RolloutPlan.objects.get()
    assert response.status_code == 302 and response.url == plan_url(plan)
    assert plan.status == RolloutStatus.DRAFT and plan.seed is not None and plan.created_by == w["office"]
    sizes = sorted(plan.wards.filter(wave=wave).count() for wave in range(1, 5))
    assert sizes == [3, 3, 3, 3]
    page = client.get(plan_url(plan)).content.decode()
    assert page.count("data-ward=") == 12 and "data-schedule-chart" in page
    assert "Hussey &amp; Hughes" in page and "Mức tăng nhỏ nhất phát hiện được" in page
    assert str(plan.seed) in page
    # Each wave's print pack: the media kit's normal form, filled in with that wave's wards.
    wave_two = [row.unit.code for row in plan.wards.filter(wave=2).select_related("unit")]
    pack_links = [line for line in page.split('href="') if "media-kit/packs/new/" in line.split('"')[0]]
    assert len(pack_links) == 4
    pack_page = client.get(
        "/admin/media-kit/packs/new/", {"campaign": plan.campaign_id, "unit_codes": ", ".join(wave_two)}
    )
    assert all(code in pack_page.content.decode() for code in wave_two)


def test_the_history_recovers_the_planted_spreads_and_the_power_uses_it(w):
    history = metric_history(wards=w["wards"], metric=w["metric"], before=first_of_next_month(2))
    assert history.per_thousand and history.wards == 12 and history.months == HISTORY_MONTHS - 1
    assert abs(history.within_ward_sd - SIGMA) < 0.5
    assert abs(history.mean - BASE) < 2.0
    plan = draft(w)
    assert plan.within_ward_sd == pytest.approx(history.within_ward_sd)
    expected = stepped_wedge_power(
        [3, 3, 3, 3],
        n=1,
        mu0=plan.baseline_mean,
        mu1=plan.baseline_mean + 5,
        tau=plan.between_ward_sd,
        distn="gaussian",
        sigma=plan.within_ward_sd,
    )
    assert plan.power == pytest.approx(expected)
    # Longer waves average more months: more power for the same effect.
    longer = draft(w, seed=8, wave_length=3, ward_codes=[ward.code for ward in w["wards"]], name="Dài hơn")
    assert longer.power > plan.power


def test_a_design_too_small_is_warned_in_plain_words(client, w):
    client.force_login(w["office"])
    client.post(NEW_URL, form_data(w, effect_size="1", waves=3))
    plan = RolloutPlan.objects.get()
    page = client.get(plan_url(plan)).content.decode()
    assert "Với 12 xã và 3 đợt, chỉ phát hiện được mức tăng ≥" in page
    assert "người/1.000 dân mỗi tháng" in page and "data-power-warning" in page


def test_the_same_seed_gives_the_same_order_and_a_redraw_a_new_seed(w):
    first = draft(w, seed=42)
    order = dict(first.wards.values_list("unit__code", "wave"))
    second = draft(w, seed=42, name="Lần hai")
    assert dict(second.wards.values_list("unit__code", "wave")) == order
    redraw(plan=second)
    assert second.seed != 42 and RolloutWard.objects.filter(plan=second).count() == 12


def test_urban_rural_strata_are_spread_over_the_waves(w):
    plan = draft(w, strata="urban_rural", waves=3)
    labels = set(plan.wards.values_list("stratum", flat=True))
    assert labels <= {"Phường (đô thị)", "Xã, đặc khu (nông thôn)"} and all(labels)
    for label in labels:
        per_wave = [plan.wards.filter(stratum=label, wave=wave).count() for wave in (1, 2, 3)]
        assert max(per_wave) - min(per_wave) <= 1


def test_groups_defined_by_the_office_must_cover_every_ward(client, w):
    client.force_login(w["office"])
    codes = [ward.code for ward in w["wards"]]
    response = client.post(NEW_URL, form_data(w, strata="groups", strata_groups=f"Cụm Bắc: {', '.join(codes[:6])}"))
    assert "chưa xếp nhóm" in response.content.decode()
    assert not RolloutPlan.objects.exists()
    groups = f"Cụm Bắc: {', '.join(codes[:6])}\nCụm Nam: {', '.join(codes[6:])}"
    client.post(NEW_URL, form_data(w, strata="groups", strata_groups=groups))
    assert set(RolloutPlan.objects.get().wards.values_list("stratum", flat=True)) == {"Cụm Bắc", "Cụm Nam"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"waves": 13}, "Chỉ có 12 xã cho 13 đợt"),
        ({"wave_length": 0}, "Độ dài mỗi đợt"),
        ({"first_wave_start": "2020-01-01"}, "đã qua"),
        ({"metric": "empty"}, "chưa có đủ số liệu chính thức"),
        ({"ward_codes": "01234"}, "Không thuộc"),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_nothing_is_saved(client, w, changes, message):
    if changes.get("metric") == "empty":
        changes = {"metric": w["empty_metric"].pk}
    client.force_login(w["office"])
    response = client.post(NEW_URL, form_data(w, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RolloutPlan.objects.exists() and not RolloutWard.objects.exists()


def test_a_ward_cannot_be_in_two_live_plans_for_the_same_channel(client, w, django_capture_on_commit_callbacks):
    plan = draft(w, ward_codes=[ward.code for ward in w["wards"][:6]], waves=3)
    client.force_login(w["approver"])
    client.post(plan_url(plan, "approve/"))
    client.force_login(w["office"])
    response = client.post(NEW_URL, form_data(w))
    assert "đã thuộc một kế hoạch khác đang áp dụng cho cùng kênh" in response.content.decode()
    assert RolloutPlan.objects.count() == 1
    # Another channel in the same wards is another experiment: allowed.
    assert client.post(NEW_URL, form_data(w, channels=[w["poster"].pk])).status_code == 302


def test_only_the_units_approver_approves_and_approval_creates_the_placements(client, w):
    plan = draft(w, channels=[w["loudspeaker"], w["poster"]])
    for person in ("office", "ward_editor", "other_office"):
        client.force_login(w[person])
        assert refused(client.post(plan_url(plan, "approve/")))
    assert not Placement.objects.exists()
    client.force_login(w["approver"])
    response = client.post(plan_url(plan, "approve/"), follow=True)
    assert "Đã duyệt kế hoạch; 24 điểm đặt mã" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == RolloutStatus.APPROVED and plan.approved_by == w["approver"] and plan.approved_at
    for row in plan.wards.all():
        placements = list(row.placements.all())
        assert len(placements) == 2
        assert {placement.active_from for placement in placements} == {plan.wave_start(row.wave)}
        assert all(placement.short_code for placement in placements)
        assert any(placement.numeric_code for placement in placements)  # the loudspeaker's speakable code
    # A ward editor sees the plan's placements of their own ward only, like any placement.
    visible = placement_permission_policy.instances_user_has_permission_for(w["ward_editor"], "view")
    assert set(visible.filter(rollout_wards__plan=plan).values_list("unit", flat=True)) == {w["wards"][0].pk}


def test_an_approved_plan_cannot_be_changed(client, w):
    plan = draft(w)
    client.force_login(w["approver"])
    client.post(plan_url(plan, "approve/"))
    order = dict(plan.wards.values_list("unit_id", "wave"))
    client.force_login(w["office"])
    for action in ("redraw/", "delete/"):
        response = client.post(plan_url(plan, action), follow=True)
        assert "không thể thay đổi nữa" in response.content.decode()
    plan.refresh_from_db()
    assert plan.seed == 7 and dict(plan.wards.values_list("unit_id", "wave")) == order
    page = client.get(plan_url(plan)).content.decode()
    assert "Bốc thăm lại" not in page and "Xóa bản nháp" not in page


def test_a_wave_that_started_cannot_be_moved_and_a_later_one_can(client, w):
    plan = draft(w)
    client.force_login(w["approver"])
    client.post(plan_url(plan, "approve/"))
    # Time passes: wave 1 started yesterday.
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    plan.wards.filter(wave=1).update(planned_start=yesterday)
    client.force_login(w["office"])
    response = client.post(plan_url(plan, "waves/1/"), {"start": first_of_next_month(3).isoformat()}, follow=True)
    assert "Đợt 1 đã bắt đầu" in response.content.decode()
    assert set(plan.wards.filter(wave=1).values_list("planned_start", flat=True)) == {yesterday}
    wave_four = plan.wards.get(wave=4, unit=plan.wards.filter(wave=4).first().unit)
    new_start = plan.wave_start(4) + dt.timedelta(days=5)
    response = client.post(plan_url(plan, "waves/4/"), {"start": new_start.isoformat()}, follow=True)
    assert "Đã dời đợt 4" in response.content.decode()
    wave_four.refresh_from_db()
    assert wave_four.planned_start == new_start
    assert {p.active_from for p in wave_four.placements.all()} == {new_start}


def test_deviations_are_read_from_the_hung_dates_and_shown(client, w):
    plan = draft(w)
    client.force_login(w["approver"])
    client.post(plan_url(plan, "approve/"))
    late = plan.wards.filter(wave=1).first()
    early = plan.wards.filter(wave=3).first()
    late.placements.update(installed_on=plan.wave_start(2) + dt.timedelta(days=3))
    early.placements.update(installed_on=plan.wave_start(1))
    client.force_login(w["office"])
    page = client.get(plan_url(plan)).content.decode()
    assert "2 xã lệch kế hoạch" in page
    assert page.count('data-deviation="late"') == 1 and page.count('data-deviation="early"') == 1


def test_who_may_plan_and_see(client, w):
    plan = draft(w)
    client.force_login(w["ward_editor"])
    assert refused(client.get(NEW_URL))
    assert refused(client.get(plan_url(plan)))
    client.force_login(w["other_office"])
    assert refused(client.get(plan_url(plan)))
    assert plan.name not in client.get("/admin/insights/rollouts/").content.decode()
    # Planning for a province the office does not cover: refused by the form, nothing saved.
    response = client.post(NEW_URL, form_data(w))
    assert response.status_code == 200 and RolloutPlan.objects.count() == 1
    client.force_login(w["approver"])
    page = client.get(plan_url(plan)).content.decode()
    assert "Duyệt kế hoạch" in page and "Bốc thăm lại" not in page


def test_a_finished_plan_is_analysed_as_drawn_and_claims_no_cause_where_none_was_planted(client, w):
    plan = draft(w)
    client.force_login(w["approver"])
    client.post(plan_url(plan, "approve/"))
    # Time passes: the four waves ran in months 6, 8, 10 and 12 of the figures, which hold no channel effect.
    first = add_months(timezone.localdate(), -HISTORY_MONTHS)
    for row in plan.wards.all():
        row.planned_start = add_months(first, 4 + 2 * row.wave)
        row.save()
    RolloutPlan.objects.filter(pk=plan.pk).update(status=RolloutStatus.FINISHED)
    page = client.get(plan_url(plan)).content.decode()
    block = page.split("data-analysis", 1)[1].split("Độ mạnh của kế hoạch", 1)[0]
    assert "theo ý định can thiệp trên 12 xã" in block
    assert "gây ra" not in block
    # The dashboard leads with the plan's own analysis, for those who may see the plan only.
    dashboard = client.get("/admin/insights/").content.decode()
    headline = dashboard.split("data-rollout-headlines", 1)[1].split("</section>", 1)[0]
    assert plan.name in headline and "Chưa thấy bằng chứng kênh này làm thay đổi kết quả" in headline
    assert "p theo bốc thăm lại" in headline and "gây ra" not in headline
    client.force_login(w["other_office"])
    assert plan.name not in client.get("/admin/insights/").content.decode()


def test_plans_move_on_by_their_dates_through_the_periodic_job(w):
    from core.periodic import periodic_jobs

    plan = draft(w)
    RolloutPlan.objects.filter(pk=plan.pk).update(status=RolloutStatus.APPROVED)
    job = periodic_jobs.get("insights.rollout_statuses")
    assert job.task.call() == {"moved": 0}  # the first wave is still ahead
    RolloutPlan.objects.filter(pk=plan.pk).update(first_wave_start=timezone.localdate())
    assert job.task.call() == {"moved": 1}
    plan.refresh_from_db()
    assert plan.status == RolloutStatus.ACTIVE
