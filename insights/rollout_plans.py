"""Rollout plans: draw, check, approve and follow a stepped-wedge roll-out (the admin and tests call these).

The statistics (the draw, the power, the minimum detectable effect, the analysis) are
insights.rollout's; this module reads the database for them and writes the plan:

- `metric_history` reads the metric's monthly growth in the plan's wards before the first wave (per 1,000
  residents when every ward has a residents figure, as the dashboard's estimates) and splits its spread into
  the between-ward SD (τ, a ward's lasting difference) and the month-to-month noise (σ);
- `create_draft` checks the input, assigns strata, draws the order with a recorded seed and stores the plan
  with its power; `redraw` draws again (a new seed) while it is a draft;
- `approve` freezes the design and creates the placements (tracking's own `create_placement`, so that each
  gets its codes) with each ward's planned start;
- `ward_schedule` reads when each ward really started (its placements' `installed_on`) and the deviations.

Every refusal is a `PlanError` with a Vietnamese message; nothing is saved then.
"""

import datetime as dt
import math
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.numbers import vn_number
from insights.impact import _growth, placement_start
from insights.models import AdoptionFigure, RolloutPlan, RolloutStatus, RolloutWard, StrataChoice, WaveUnit
from insights.models.rollouts import LIVE_STATUSES
from insights.scope_figures import RESIDENTS_METRIC
from places.models import AdministrativeUnit, DivisionType, Role
from places.selectors import user_may_act_on, wards_under
from tracking.models import Placement
from tracking.services import create_placement

PLANNER_ROLES = (Role.CULTURE_OFFICE,)
APPROVER_ROLES = (Role.APPROVER,)
TARGET_POWER = 0.8
# Hussey & Hughes' assumptions, stated beside every power figure.
ASSUMPTIONS = (
    "Tính theo Hussey & Hughes (2007): tác động xuất hiện ngay khi xã bắt đầu và giữ nguyên về sau; "
    "mỗi giai đoạn là một lát cắt độc lập (sai số giữa các tháng không tương quan); chênh lệch lâu dài giữa "
    "các xã có độ lệch chuẩn τ; xu hướng chung theo thời gian được trừ ra; kiểm định hai phía, α = 0,05; "
    "có một giai đoạn đối chứng trước đợt 1."
)


class PlanError(ValueError):
    """A plan that cannot be drawn, approved or changed; the message is Vietnamese and fit to show."""


@dataclass
class MetricHistory:
    """The metric's monthly growth in the wards before the plan: its level and its two kinds of spread."""

    mean: float
    between_ward_sd: float
    within_ward_sd: float
    wards: int
    months: int
    per_thousand: bool


@dataclass
class PowerResult:
    power: float | None
    minimum_detectable_effect: float | None
    clusters_per_step: list[int]
    warning: str = ""
    problem: str = ""


@dataclass
class PlanInput:
    """What the planner's form gives (already cleaned): the wards are those under `unit` unless listed."""

    name: str
    campaign: object
    channels: list
    unit: AdministrativeUnit
    metric: object
    waves: int
    wave_length: int
    wave_unit: str
    first_wave_start: dt.date
    effect_size: float
    strata: str = StrataChoice.NONE
    strata_groups: str = ""
    ward_codes: list[str] = field(default_factory=list)


# --- reads -------------------------------------------------------------------------------------------------


def plan_wards(*, unit: AdministrativeUnit, codes: list[str]) -> list[AdministrativeUnit]:
    """The wards of a plan: those listed (which must lie under the unit), else every ward under it."""
    under = wards_under(unit=unit)
    if not codes:
        return list(under.order_by("path"))
    found = {ward.code: ward for ward in under.filter(code__in=codes)}
    missing = [code for code in codes if code not in found]
    if missing:
        raise PlanError(
            _("Không thuộc %(unit)s hoặc không phải xã/phường: %(codes)s.")
            % {"unit": unit.name, "codes": ", ".join(missing)}
        )
    return [found[code] for code in dict.fromkeys(codes)]


def metric_history(*, wards: list[AdministrativeUnit], metric, before: dt.date) -> MetricHistory | None:
    """The metric's monthly growth in these wards before `before`: mean, τ and σ; None without enough history.

    τ and σ come from `insights.rollout.history.history_variance` (the two-way decomposition the
    `rollout_power` benchmark and its tests use too): σ is the spread left once each ward's level and each
    month's common movement are taken out, τ the spread of the wards' levels beyond what σ explains.
    Wards lacking some of the months are left out of the decomposition.
    """
    from insights.rollout.history import history_variance
    from insights.rollout.power import PowerInputError

    ward_rows = AdministrativeUnit.objects.filter(pk__in=[ward.pk for ward in wards])
    growth, per_thousand = _growth(
        ward_ids=[ward.pk for ward in wards], ward_rows=ward_rows, metric_slug=metric.slug, months=None
    )
    rows = [(ward, month, value) for (ward, month), value in growth.items() if month < before]
    if not rows:
        return None
    frame = pd.DataFrame(rows, columns=["unit", "period", "outcome"])
    try:
        variance = history_variance(frame)
    except PowerInputError:
        return None
    return MetricHistory(
        mean=float(frame["outcome"].mean()),
        between_ward_sd=variance.tau,
        within_ward_sd=variance.sigma,
        wards=variance.wards,
        months=variance.periods,
        per_thousand=per_thousand,
    )


def outcome_unit(*, per_thousand: bool, metric) -> str:
    if per_thousand:
        return _("người/1.000 dân mỗi tháng")
    return _("%(unit)s mỗi tháng") % {"unit": metric.unit or _("đơn vị")}


def compute_power(
    *, clusters_per_step: list[int], history: MetricHistory, effect_size: float, months_per_period: float
) -> PowerResult:
    """Power to detect `effect_size` and the minimum detectable effect at 80 %, for a Gaussian outcome:
    a ward's mean monthly growth over a period of `months_per_period` months (n monthly figures, SD σ)."""
    from insights.rollout.power import PowerInputError, minimum_detectable_effect, stepped_wedge_power

    # A period's mean of m monthly figures has variance σ²/m: n = 1 with σ/√m says the same (n is an integer).
    common = {
        "n": 1,
        "mu0": history.mean,
        "tau": history.between_ward_sd,
        "distn": "gaussian",
        "sigma": max(history.within_ward_sd, 1e-9) / math.sqrt(max(months_per_period, 1.0)),
    }
    try:
        power = stepped_wedge_power(clusters_per_step, mu1=history.mean + effect_size, **common)
        mde = minimum_detectable_effect(clusters_per_step, power=TARGET_POWER, **common)
    except PowerInputError as error:
        return PowerResult(None, None, clusters_per_step, problem=str(error))
    return PowerResult(float(power), float(mde), clusters_per_step)


def power_warning(*, plan: RolloutPlan, result: PowerResult, metric) -> str:
    """The sentence the planner shows when the design is too small for the effect it should detect."""
    if result.power is None or result.power >= TARGET_POWER:
        return ""
    return _(
        "Với %(wards)s xã và %(waves)s đợt, chỉ phát hiện được mức tăng ≥ %(mde)s %(unit)s (độ mạnh 80 %%); "
        "mức tăng %(effect)s đã chọn chỉ có %(power)s %% khả năng được phát hiện. Hãy thêm xã, thêm đợt, "
        "hoặc chấp nhận chỉ phát hiện được tác động lớn hơn."
    ) % {
        "wards": sum(result.clusters_per_step),
        "waves": len(result.clusters_per_step),
        "mde": vn_number(math.ceil(result.minimum_detectable_effect * 10) / 10, decimals=1),
        "unit": outcome_unit(per_thousand=plan.per_thousand, metric=metric),
        "effect": vn_number(float(plan.effect_size), decimals=1),
        "power": vn_number(round(result.power * 100)),
    }


def baseline_levels(*, wards: list[AdministrativeUnit], metric, before: dt.date) -> dict[int, float]:
    """Each ward's last figure of the metric before `before` (per 1,000 residents when it has residents)."""
    latest: dict[int, tuple[dt.date, float]] = {}
    residents: dict[int, tuple[dt.date, float]] = {}
    figures = AdoptionFigure.objects.filter(
        unit__in=[ward.pk for ward in wards], month__lt=before, metric__slug__in=[metric.slug, RESIDENTS_METRIC]
    ).values_list("unit_id", "month", "metric__slug", "value")
    for unit_id, month, slug, value in figures:
        target = residents if slug == RESIDENTS_METRIC and slug != metric.slug else latest
        if unit_id not in target or target[unit_id][0] < month:
            target[unit_id] = (month, float(value))
    levels = {}
    for unit_id, (_month, value) in latest.items():
        population = residents.get(unit_id, (None, 0.0))[1]
        levels[unit_id] = value * 1000.0 / population if population > 0 else value
    return levels


GROUP_LINE = re.compile(r"^\s*(?P<name>[^:]+?)\s*:\s*(?P<codes>.*)$")


def strata_of(*, choice: str, wards: list[AdministrativeUnit], groups_text: str, metric, before) -> dict[int, str]:
    """Ward id → stratum label for the chosen strata ("" for every ward when there are none)."""
    if choice == StrataChoice.NONE:
        return {ward.pk: "" for ward in wards}
    if choice == StrataChoice.URBAN_RURAL:
        return {
            ward.pk: _("Phường (đô thị)") if ward.division_type == DivisionType.WARD else _("Xã, đặc khu (nông thôn)")
            for ward in wards
        }
    if choice == StrataChoice.BASELINE_TERTILE:
        levels = baseline_levels(wards=wards, metric=metric, before=before)
        missing = [ward for ward in wards if ward.pk not in levels]
        if missing:
            raise PlanError(
                _("Chưa có số liệu ban đầu để chia nhóm cho: %(wards)s.")
                % {"wards": ", ".join(ward.name for ward in missing[:10])}
            )
        ordered = sorted(wards, key=lambda ward: (levels[ward.pk], ward.code))
        labels = [_("Mức ban đầu thấp"), _("Mức ban đầu trung bình"), _("Mức ban đầu cao")]
        return {ward.pk: labels[index * 3 // len(ordered)] for index, ward in enumerate(ordered)}
    return _parse_groups(groups_text=groups_text, wards=wards)


def _parse_groups(*, groups_text: str, wards: list[AdministrativeUnit]) -> dict[int, str]:
    by_code = {ward.code: ward for ward in wards}
    labels: dict[int, str] = {}
    problems = []
    for number, line in enumerate(groups_text.splitlines(), start=1):
        if not line.strip():
            continue
        match = GROUP_LINE.match(line)
        if match is None:
            problems.append(_("dòng %(n)s thiếu dấu “:” sau tên nhóm") % {"n": number})
            continue
        for code in [code.strip() for code in re.split(r"[,;\s]+", match["codes"]) if code.strip()]:
            ward = by_code.get(code)
            if ward is None:
                problems.append(_("dòng %(n)s: mã %(code)s không có trong kế hoạch") % {"n": number, "code": code})
            elif ward.pk in labels:
                problems.append(_("dòng %(n)s: %(ward)s đã ở nhóm khác") % {"n": number, "ward": ward.name})
            else:
                labels[ward.pk] = match["name"][:120]
    left = [ward.name for ward in wards if ward.pk not in labels]
    if left:
        problems.append(_("chưa xếp nhóm: %(wards)s") % {"wards": ", ".join(left[:10])})
    if problems:
        raise PlanError(_("Nhóm xã chưa đúng: %(problems)s.") % {"problems": "; ".join(problems)})
    return labels


def live_conflicts(*, wards: list[AdministrativeUnit], channels: list, exclude_plan: RolloutPlan | None = None):
    """(ward, channel, plan) for each ward already in an approved or running plan of one of these channels."""
    rows = (
        RolloutWard.objects.filter(
            unit__in=[ward.pk for ward in wards],
            plan__status__in=LIVE_STATUSES,
            plan__channels__in=[channel.pk for channel in channels],
        )
        .exclude(plan=exclude_plan)
        .select_related("unit", "plan")
        .distinct()
    )
    return list(rows)


def _check_conflicts(*, wards, channels, exclude_plan=None) -> None:
    conflicts = live_conflicts(wards=wards, channels=channels, exclude_plan=exclude_plan)
    if conflicts:
        raise PlanError(
            _("Các xã sau đã thuộc một kế hoạch khác đang áp dụng cho cùng kênh: %(rows)s.")
            % {"rows": "; ".join(f"{row.unit.name} ({row.plan.name})" for row in conflicts[:10])}
        )


def _check_channels_not_up(*, campaign, wards, channels) -> None:
    """A ward where the channel is already up cannot be given it in a drawn wave: its order is not random."""
    already = (
        Placement.objects.filter(
            campaign=campaign, unit__in=[ward.pk for ward in wards], channel__in=[c.pk for c in channels]
        )
        .filter(installed_on__isnull=False)
        .select_related("unit", "channel")
    )
    names = sorted({f"{placement.unit.name} ({placement.channel.name})" for placement in already})
    if names:
        raise PlanError(
            _("Kênh đã được triển khai ở: %(wards)s. Bỏ các xã này ra khỏi kế hoạch để thứ tự còn ngẫu nhiên.")
            % {"wards": ", ".join(names[:10])}
        )


def _check_dates(*, first_wave_start: dt.date, today: dt.date) -> None:
    if first_wave_start < today:
        raise PlanError(
            _("Đợt 1 bắt đầu ngày %(day)s, đã qua: hãy chọn ngày từ hôm nay (%(today)s) trở đi.")
            % {"day": f"{first_wave_start:%d/%m/%Y}", "today": f"{today:%d/%m/%Y}"}
        )


# --- writes ------------------------------------------------------------------------------------------------


def draw_order(*, wards: list[AdministrativeUnit], waves: int, seed: int, strata: dict[int, str]) -> dict[int, int]:
    """Ward id → wave (1-based), drawn by insights.rollout.randomise within strata.

    The draw is over the wards' official codes, not database ids, so that anyone holding the list of codes
    and the recorded seed draws the same order on any copy of the data (the demo plants its truth that way).
    """
    from insights.rollout.randomise import draw_waves

    codes = {ward.code: ward.pk for ward in wards}
    by_code = {ward.code: strata[ward.pk] for ward in wards} if any(strata.values()) else None
    drawn = draw_waves(list(codes), waves, seed, strata=by_code)
    return {codes[code]: index + 1 for index, wave in enumerate(drawn) for code in wave}


def new_seed() -> int:
    """A fresh seed, recorded with the plan (63 bits: it fits a signed 64-bit column)."""
    return random.SystemRandom().getrandbits(62)


def draw_design(plan: RolloutPlan, *, wards: list[AdministrativeUnit], strata: dict[int, str], metric) -> PowerResult:
    """Draw the order, write the wards and record the history and the power on the plan."""
    order = draw_order(wards=wards, waves=plan.waves, seed=plan.seed, strata=strata)
    plan.wards.all().delete()
    RolloutWard.objects.bulk_create(
        RolloutWard(
            plan=plan,
            unit=ward,
            wave=order[ward.pk],
            stratum=strata[ward.pk],
            planned_start=plan.wave_start(order[ward.pk]),
        )
        for ward in wards
    )
    history = metric_history(wards=wards, metric=metric, before=plan.first_wave_start)
    sizes = [sum(1 for wave in order.values() if wave == number) for number in range(1, plan.waves + 1)]
    result = compute_power(
        clusters_per_step=sizes,
        history=history,
        effect_size=float(plan.effect_size),
        months_per_period=plan.months_per_period,
    )
    plan.between_ward_sd, plan.within_ward_sd = history.between_ward_sd, history.within_ward_sd
    plan.baseline_mean, plan.per_thousand = history.mean, history.per_thousand
    plan.power, plan.minimum_detectable_effect = result.power, result.minimum_detectable_effect
    plan.save()
    return result


def create_draft(*, data: PlanInput, user, today: dt.date | None = None, seed: int | None = None) -> RolloutPlan:
    """Check the input, draw the order and save a draft plan; PlanError (nothing saved) when it cannot be."""
    today = today or timezone.localdate()
    if user is not None and not user_may_act_on(user=user, unit=data.unit, roles=PLANNER_ROLES):
        raise PlanError(_("Bạn không phụ trách %(unit)s.") % {"unit": data.unit.name})
    if data.waves < 2:
        raise PlanError(_("Cần ít nhất 2 đợt."))
    if data.wave_length < 1:
        raise PlanError(_("Mỗi đợt phải dài ít nhất 1 %(unit)s.") % {"unit": WaveUnit(data.wave_unit).label})
    if data.wave_unit == WaveUnit.WEEK and data.wave_length < 4:
        raise PlanError(
            _("Số liệu chính thức tính theo tháng: mỗi đợt cần dài ít nhất 4 tuần để các đợt phân biệt được.")
        )
    if not data.channels:
        raise PlanError(_("Hãy chọn ít nhất một kênh."))
    wide = [channel.name for channel in data.channels if channel.province_wide]
    if wide:
        raise PlanError(
            _("Kênh toàn tỉnh không triển khai theo từng xã được: %(channels)s.") % {"channels": ", ".join(wide)}
        )
    _check_dates(first_wave_start=data.first_wave_start, today=today)
    wards = plan_wards(unit=data.unit, codes=data.ward_codes)
    if len(wards) < data.waves:
        raise PlanError(
            _("Chỉ có %(wards)s xã cho %(waves)s đợt: mỗi đợt cần ít nhất một xã.")
            % {"wards": len(wards), "waves": data.waves}
        )
    _check_conflicts(wards=wards, channels=data.channels)
    _check_channels_not_up(campaign=data.campaign, wards=wards, channels=data.channels)
    if metric_history(wards=wards, metric=data.metric, before=data.first_wave_start) is None:
        raise PlanError(
            _(
                "Chỉ tiêu “%(metric)s” chưa có đủ số liệu chính thức trước đợt 1 ở các xã này (cần ít nhất "
                "3 tháng liên tiếp ở 2 xã) để tính độ mạnh. Hãy nhập số liệu hoặc chọn chỉ tiêu khác."
            )
            % {"metric": data.metric.name}
        )
    strata = strata_of(
        choice=data.strata,
        wards=wards,
        groups_text=data.strata_groups,
        metric=data.metric,
        before=data.first_wave_start,
    )
    with transaction.atomic():
        plan = RolloutPlan.objects.create(
            name=data.name,
            campaign=data.campaign,
            unit=data.unit,
            metric=data.metric,
            waves=data.waves,
            wave_length=data.wave_length,
            wave_unit=data.wave_unit,
            first_wave_start=data.first_wave_start,
            seed=new_seed() if seed is None else seed,
            strata=data.strata,
            strata_groups=data.strata_groups if data.strata == StrataChoice.GROUPS else "",
            effect_size=data.effect_size,
            created_by=user,
        )
        plan.channels.set(data.channels)
        draw_design(plan, wards=wards, strata=strata, metric=data.metric)
    return plan


def _refuse_frozen(plan: RolloutPlan) -> None:
    if plan.is_frozen:
        raise PlanError(
            _("Kế hoạch đã được duyệt (%(status)s): thứ tự, các xã và thiết kế không thể thay đổi nữa.")
            % {"status": plan.get_status_display().lower()}
        )


def redraw(*, plan: RolloutPlan, seed: int | None = None) -> RolloutPlan:
    """Draw the order again with a new seed (drafts only)."""
    _refuse_frozen(plan)
    wards = [row.unit for row in plan.wards.select_related("unit").order_by("unit__path")]
    strata = {row.unit_id: row.stratum for row in plan.wards.all()}
    with transaction.atomic():
        plan.seed = new_seed() if seed is None else seed
        draw_design(plan, wards=wards, strata=strata, metric=plan.metric)
    return plan


def delete_draft(*, plan: RolloutPlan) -> None:
    _refuse_frozen(plan)
    plan.delete()


def may_approve(*, user, plan: RolloutPlan) -> bool:
    return user_may_act_on(user=user, unit=plan.unit, roles=APPROVER_ROLES)


@transaction.atomic
def approve(*, plan: RolloutPlan, user, today: dt.date | None = None) -> list[Placement]:
    """The unit's approver approves a draft: the design is frozen and the placements are created (or, where
    one exists and has not gone up, taken over) with each ward's planned start."""
    today = today or timezone.localdate()
    plan = RolloutPlan.objects.select_for_update().get(pk=plan.pk)
    if not may_approve(user=user, plan=plan):
        raise PlanError(_("Chỉ lãnh đạo duyệt của %(unit)s được duyệt kế hoạch này.") % {"unit": plan.unit.name})
    _refuse_frozen(plan)
    _check_dates(first_wave_start=plan.first_wave_start, today=today)
    rows = list(plan.wards.select_related("unit"))
    channels = list(plan.channels.all())
    _check_conflicts(wards=[row.unit for row in rows], channels=channels, exclude_plan=plan)
    _check_channels_not_up(campaign=plan.campaign, wards=[row.unit for row in rows], channels=channels)
    created = []
    for row in rows:
        for channel in channels:
            placement = create_placement(
                campaign=plan.campaign, unit=row.unit, channel=channel, active_from=row.planned_start
            )
            if placement.active_from != row.planned_start:
                placement.active_from = row.planned_start
                placement.save(update_fields=["active_from"])
            row.placements.add(placement)
            created.append(placement)
    plan.status = RolloutStatus.APPROVED
    plan.approved_by = user
    plan.approved_at = timezone.now()
    plan.save(update_fields=["status", "approved_by", "approved_at"])
    refresh_status(plan=plan, today=today)
    return created


def wave_has_started(*, plan: RolloutPlan, wave: int, today: dt.date) -> bool:
    return plan.wave_start(wave) <= today or plan.wards.filter(wave=wave, planned_start__lte=today).exists()


@transaction.atomic
def reschedule_wave(*, plan: RolloutPlan, wave: int, start: dt.date, today: dt.date | None = None) -> int:
    """Move one wave's planned start (its wards, and their placements once approved); refused once it started.

    The order of wards never changes; the later waves keep their own dates. Returns the wards moved.
    """
    today = today or timezone.localdate()
    if not 1 <= wave <= plan.waves:
        raise PlanError(_("Kế hoạch không có đợt %(wave)s.") % {"wave": wave})
    rows = list(plan.wards.filter(wave=wave))
    current = min((row.planned_start for row in rows), default=plan.wave_start(wave))
    if current <= today:
        raise PlanError(
            _("Đợt %(wave)s đã bắt đầu từ ngày %(day)s: không sửa được nữa.")
            % {"wave": wave, "day": f"{current:%d/%m/%Y}"}
        )
    if start < today:
        raise PlanError(_("Ngày bắt đầu mới (%(day)s) đã qua.") % {"day": f"{start:%d/%m/%Y}"})
    previous = plan.wards.filter(wave=wave - 1).order_by("-planned_start").first() if wave > 1 else None
    following = plan.wards.filter(wave=wave + 1).order_by("planned_start").first()
    if (previous and start <= previous.planned_start) or (following and start >= following.planned_start):
        raise PlanError(_("Đợt %(wave)s phải bắt đầu sau đợt trước và trước đợt sau.") % {"wave": wave})
    for row in rows:
        row.planned_start = start
        row.save(update_fields=["planned_start"])
        row.placements.filter(installed_on__isnull=True).update(active_from=start)
    if wave == 1:
        plan.first_wave_start = start
        plan.save(update_fields=["first_wave_start"])
    return len(rows)


def refresh_status(*, plan: RolloutPlan, today: dt.date | None = None) -> RolloutPlan:
    """Approved → active from the first wave's start; active → finished once the last wave's period ended."""
    today = today or timezone.localdate()
    status = plan.status
    if status == RolloutStatus.APPROVED and plan.first_wave_start <= today:
        status = RolloutStatus.ACTIVE
    if status == RolloutStatus.ACTIVE and plan.end_date <= today:
        status = RolloutStatus.FINISHED
    if status != plan.status:
        plan.status = status
        plan.save(update_fields=["status"])
    return plan


def refresh_statuses(*, today: dt.date | None = None) -> int:
    """Every approved or running plan moved on to the status its dates give (a periodic job may run it)."""
    moved = 0
    for plan in RolloutPlan.objects.filter(status__in=LIVE_STATUSES):
        before = plan.status
        moved += refresh_status(plan=plan, today=today).status != before
    return moved


# --- the schedule and its deviations -----------------------------------------------------------------------


@dataclass
class WardLine:
    row: RolloutWard
    actual_start: dt.date | None
    estimated: bool
    deviation: str  # "", "early", "late", "missing"
    deviation_days: int | None


def ward_schedule(*, plan: RolloutPlan, today: dt.date | None = None) -> list[WardLine]:
    """Each ward with when it really started (its placements' dates) and whether that left its wave's period."""
    today = today or timezone.localdate()
    lines = []
    rows = plan.wards.select_related("unit").prefetch_related("placements__channel").order_by("wave", "unit__path")
    for row in rows:
        starts = [placement_start(placement) for placement in row.placements.all()]
        dated = [(day, estimate) for day, estimate in starts if day is not None]
        actual, estimated = min(dated) if dated else (None, False)
        period_end = plan.wave_start(row.wave + 1) if row.wave < plan.waves else plan.end_date
        deviation, days = "", None
        if actual is not None:
            days = (actual - row.planned_start).days
            if actual < row.planned_start:
                deviation = "early"
            elif actual >= period_end:
                deviation = "late"
        elif plan.is_frozen and period_end <= today:
            deviation = "missing"
        lines.append(WardLine(row, actual, estimated, deviation, days))
    return lines


DEVIATION_LABELS = {
    "early": "sớm hơn kế hoạch",
    "late": "muộn, sang giai đoạn sau",
    "missing": "chưa triển khai dù đợt đã qua",
}


def schedule_grid(*, plan: RolloutPlan, lines: list[WardLine]) -> dict:
    """The chart's data: the periods (a baseline, then one per wave) and, per ward, which are planned on."""
    periods = [_("Đối chứng")] + [
        _("Đợt %(n)s · %(day)s") % {"n": wave, "day": f"{plan.wave_start(wave):%d/%m/%Y}"}
        for wave in range(1, plan.waves + 1)
    ]
    rows = [
        {"line": line, "cells": [period > 0 and line.row.wave <= period for period in range(plan.waves + 1)]}
        for line in lines
    ]
    return {"periods": periods, "rows": rows}


def wave_units(*, plan: RolloutPlan) -> dict[int, list[AdministrativeUnit]]:
    waves: dict[int, list[AdministrativeUnit]] = defaultdict(list)
    for row in plan.wards.select_related("unit").order_by("wave", "unit__path"):
        waves[row.wave].append(row.unit)
    return dict(waves)


def current_power(*, plan: RolloutPlan) -> PowerResult:
    """The plan's power from its recorded history (no new reading of the figures)."""
    sizes = [plan.wards.filter(wave=wave).count() for wave in range(1, plan.waves + 1)]
    if plan.within_ward_sd is None:
        return PowerResult(None, None, sizes, problem=_("Chưa có số liệu để tính."))
    history = MetricHistory(
        mean=plan.baseline_mean or 0.0,
        between_ward_sd=plan.between_ward_sd or 0.0,
        within_ward_sd=plan.within_ward_sd,
        wards=sum(sizes),
        months=0,
        per_thousand=plan.per_thousand,
    )
    result = compute_power(
        clusters_per_step=sizes,
        history=history,
        effect_size=float(plan.effect_size),
        months_per_period=plan.months_per_period,
    )
    result.warning = power_warning(plan=plan, result=result, metric=plan.metric)
    return result


# --- analysis by design ------------------------------------------------------------------------------------


@dataclass
class PlanAnalysis:
    result: object | None = None  # insights.rollout.analysis.RolloutAnalysis
    problem: str = ""


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def analyse_plan(*, plan: RolloutPlan, today: dt.date | None = None, draws: int = 200) -> PlanAnalysis:
    """The plan's intention-to-treat analysis (insights.rollout.analysis) on the metric's monthly growth.

    Each ward's first treated month is the first whole month from its *planned* start (a ward that started
    early or late stays in its drawn wave; how many did is passed on and shown). Months run from the
    history before the plan to the last month with figures.
    """
    from insights.rollout.analysis import RolloutAnalysisError, analyse_rollout

    today = today or timezone.localdate()
    rows = list(plan.wards.select_related("unit"))
    wards = [row.unit for row in rows]
    ward_rows = AdministrativeUnit.objects.filter(pk__in=[ward.pk for ward in wards])
    growth, per_thousand = _growth(
        ward_ids=[ward.pk for ward in wards], ward_rows=ward_rows, metric_slug=plan.metric.slug, months=None
    )
    panel = pd.DataFrame(
        [(ward, _month_index(month), value) for (ward, month), value in growth.items() if month <= today],
        columns=["unit", "period", "outcome"],
    )
    assignment = {
        row.unit_id: _month_index(row.planned_start) + (1 if row.planned_start.day > 1 else 0) for row in rows
    }
    strata = {row.unit_id: row.stratum for row in rows} if any(row.stratum for row in rows) else None
    deviating = sum(1 for line in ward_schedule(plan=plan, today=today) if line.deviation)
    try:
        result = analyse_rollout(
            panel,
            assignment,
            strata=strata,
            seed=plan.seed,
            draws=draws,
            deviating_wards=deviating,
            outcome_label=outcome_unit(per_thousand=per_thousand, metric=plan.metric),
        )
    except RolloutAnalysisError as error:
        return PlanAnalysis(problem=str(error))
    return PlanAnalysis(result=result)


@dataclass
class PlanHeadline:
    plan: RolloutPlan
    analysis: PlanAnalysis


def plan_headlines(*, plans, units=None, campaign=None, today: dt.date | None = None) -> list[PlanHeadline]:
    """The analysis by design of each active or finished plan among `plans` (those the reader may see) that
    overlaps `units` (None: all) and belongs to `campaign` (None: any): the dashboard's headline for them.

    Kept in the cache as the channel estimates are (until figures, placements or airings change, or a day
    passes: the analysis reads the months up to today)."""
    from django.core.cache import cache

    from insights.impact_cache import impact_cache_seconds, impact_cache_version

    today = today or timezone.localdate()
    plans = plans.filter(status__in=(RolloutStatus.ACTIVE, RolloutStatus.FINISHED)).select_related(
        "unit", "metric", "campaign"
    )
    if campaign is not None:
        plans = plans.filter(campaign=campaign)
    headlines = []
    seconds = impact_cache_seconds()
    for plan in plans.order_by("-first_wave_start", "pk")[:20]:
        overlaps = units is None or any(
            plan.unit.path.startswith(unit.path) or unit.path.startswith(plan.unit.path) for unit in units
        )
        if not overlaps:
            continue
        key = f"insights:rollout:{plan.pk}:{plan.status}:{today.isoformat()}:{impact_cache_version()}"
        analysis = cache.get(key) if seconds > 0 else None
        if analysis is None:
            analysis = analyse_plan(plan=plan, today=today)
            if seconds > 0:
                cache.set(key, analysis, seconds)
        headlines.append(PlanHeadline(plan, analysis))
    return headlines
