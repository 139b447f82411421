"""Demo data for the insights dashboard: ten weeks of anonymous scans, some conversions, a year of official
figures and loudspeaker airings in Đắk Lắk, then the rollups. The figures carry the planted truth of
`insights.demo_plan` (staggered roll-outs with known effects), never anything derived from scans.

Deterministic: every random draw comes from a generator seeded with the ward, the channel and the day, and
every scan's event id is derived from the same, so a second run the same day adds nothing (a run on a later
day adds the days since). No IP address, no personal data: the visitor hashes are random hex strings.
"""

import datetime as dt
import random
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from campaigns.models import Metric
from core.dates import add_months, month_start
from insights.demo_plan import (
    FIGURE_MONTHS,
    LOUDSPEAKER,
    LOUDSPEAKER_PLAN,
    POSTER,
    Rollout,
    plan_ward_codes,
    planted_growth,
    rollouts,
)
from insights.impact_cache import invalidate_channel_effects
from insights.models import AdoptionFigure, BroadcastAiring, FigureImport, RolloutPlan, RolloutStatus, WaveUnit
from insights.rollout_plans import draw_design
from insights.rollups import update_rollups
from insights.scope_figures import RESIDENTS_METRIC
from places.models import AdministrativeUnit, UnitLevel
from tracking.models import Channel, ChannelKind, Conversion, Placement, ScanEvent
from tracking.models.conversions import ConversionAction, ConversionSource
from tracking.services import create_placement, create_placements

DEMO_DAYS = 70
EXTRA_WARDS = 4  # wards of the province besides the two demo wards that get placements and scans
EXTRA_CHANNELS = ["pa-no", "ap-phich", "loa-truyen-thanh", "zalo", "bang-dien-tu"]
LOCAL_TV = "truyen-hinh-dia-phuong"
FIGURES_FILENAME = "so-lieu-mau-3.csv"
# Figures an earlier demo planted (from scans; then before the loudspeaker plan drew the bundle's months):
# replaced by the planted truth on the next load_demo.
OLD_FIGURES_FILENAMES = ["so-lieu-mau.csv", "so-lieu-mau-2.csv"]
# The figures' month-to-month noise is the draw a demo loaded in December 2026 had (its first figure month):
# one fixed draw, whatever month the demo is loaded in. Over the load months from January 2025 to December 2026
# the loudspeaker plan's 95 % interval covered the planted +3 in 21 of 24 draws (and the estimates' intervals
# cover their truth in about 95 % of draws: tests/bench/rollout_bench.py), so this one is not the only possible
# outcome, only the one the demo shows.
NOISE_FIRST_MONTH = dt.date(2025, 12, 1)
AIRING_NOTE = "Bản tin về kích hoạt định danh điện tử mức độ 2 (dữ liệu mẫu)"
EVENT_NAMESPACE = uuid.UUID("6f1c2a52-3d1e-4c55-9a3b-1d0c6a0e0d66")

# Citizen scans a placement of the channel gets on an ordinary day in an ordinary ward.
DAILY_SCANS = {
    "pa-no": 5.0,
    "ap-phich": 3.0,
    "bang-ron": 1.5,
    "khau-hieu": 0.5,
    "to-roi": 2.0,
    "niem-yet": 4.0,
    "standee": 2.5,
    "bang-dien-tu": 2.0,
    "loa-truyen-thanh": 1.0,
    "phat-thanh-thong-minh": 1.0,
    "truyen-hinh-dia-phuong": 3.0,
    "bao-chi": 1.0,
    "cong-thong-tin": 2.0,
    "zalo": 6.0,
    "facebook": 4.0,
    "app-cong-dan-so": 1.0,
    "vneid": 3.0,
    "tong-dai": 0.5,
}
# (quantity, unit cost in đồng) set on demo placements that have none yet, so costs per scan show.
PRINT_RUNS = {
    "pa-no": (2, 1_200_000),
    "ap-phich": (30, 15_000),
    "bang-ron": (5, 250_000),
    "khau-hieu": (4, 180_000),
    "to-roi": (500, 1_000),
    "niem-yet": (2, 40_000),
    "standee": (2, 450_000),
    "bang-dien-tu": (1, 300_000),
    "loa-truyen-thanh": (1, 200_000),
}
# Busier wards scan more: the city ward most.
WARD_WEIGHT = {"24133": 1.6, "24169": 1.0}
DEMO_RESIDENTS = {"24133": 52_000, "24169": 21_000}
HOUR_WEIGHTS = {
    6: 2,
    7: 4,
    8: 6,
    9: 7,
    10: 7,
    11: 6,
    12: 3,
    13: 3,
    14: 5,
    15: 6,
    16: 6,
    17: 7,
    18: 6,
    19: 8,
    20: 7,
    21: 3,
}
ACTIONS = [
    (ConversionAction.VNEID_LEVEL_2, 5),
    (ConversionAction.GUIDE_COMPLETED, 3),
    (ConversionAction.DVC_ACCOUNT, 2),
    (ConversionAction.ONLINE_PROCEDURE, 1),
]


@dataclass
class InsightsDemoResult:
    placements: int = 0
    scans: int = 0
    conversions: int = 0
    figures: int = 0
    airings: int = 0
    plans: int = 0


def _rng(*parts) -> random.Random:
    return random.Random(":".join(str(part) for part in parts))  # noqa: S311 (demo numbers, not secrets)


def _poisson(rng: random.Random, mean: float) -> int:
    # Knuth's method: the means here are small.
    limit, count, product = pow(2.718281828459045, -mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _local(day: dt.date, hour: int, minute: int, second: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour, minute, second))


def demo_wards(*, ward_codes: list[str]) -> list[AdministrativeUnit]:
    """The demo wards and the first few other wards of their province (by code)."""
    wards = list(AdministrativeUnit.objects.filter(code__in=ward_codes).order_by("code"))
    if not wards:
        return []
    province_code = wards[0].path.split("/")[0]
    extra = (
        AdministrativeUnit.objects.filter(level=UnitLevel.WARD, path__startswith=f"{province_code}/")
        .exclude(code__in=ward_codes)
        .order_by("code")[:EXTRA_WARDS]
    )
    return wards + list(extra)


def _placements(*, campaign, wards: list[AdministrativeUnit], ward_codes: list[str]) -> list[Placement]:
    extra = [ward for ward in wards if ward.code not in ward_codes]
    channels = list(Channel.objects.filter(slug__in=EXTRA_CHANNELS))
    if extra and channels:
        create_placements(campaign=campaign, units=extra, channels=channels)
    province_codes = {ward.path.split("/")[0] for ward in wards}
    placements = list(
        Placement.objects.filter(campaign=campaign, unit__in=wards).select_related("unit", "channel")
    ) + list(
        Placement.objects.filter(
            campaign=campaign, unit__code__in=province_codes, unit__level=UnitLevel.PROVINCE
        ).select_related("unit", "channel")
    )
    for placement in placements:
        run = PRINT_RUNS.get(placement.channel.slug)
        if run and placement.quantity == 0 and placement.unit_cost_vnd == 0:
            placement.quantity, placement.unit_cost_vnd = run
            placement.save(update_fields=["quantity", "unit_cost_vnd"])
    return sorted(placements, key=lambda p: (p.unit.code, p.channel.slug, p.spot))


def _rollout_day(*, ward: AdministrativeUnit, channel_slug: str, first_day: dt.date, ward_codes: list[str]) -> dt.date:
    """The two demo wards have everything from the start; the others roll out their channels week by week."""
    if ward.code in ward_codes or ward.level == UnitLevel.PROVINCE:
        return first_day
    return first_day + dt.timedelta(weeks=_rng("rollout", ward.code, channel_slug).randint(1, 6))


def _airing_times(*, day: dt.date, channel_slug: str) -> list[dt.datetime]:
    """Loudspeakers in the demo wards: Monday and Thursday at 17:00; local TV: Saturday at 19:30."""
    if channel_slug == LOUDSPEAKER and day.weekday() in (0, 3):
        return [_local(day, 17, 0)]
    if channel_slug == LOCAL_TV and day.weekday() == 5:
        return [_local(day, 19, 30)]
    return []


def _scans_of_day(*, placement: Placement, day: dt.date, weight: float, airings: list[dt.datetime]) -> list[ScanEvent]:
    slug = placement.channel.slug
    rng = _rng("scans", placement.unit.code, slug, placement.spot, day.isoformat())
    weekday = 0.6 if day.weekday() == 6 else 1.0
    mean = DAILY_SCANS.get(slug, 1.0) * weight * weekday
    times = []
    hours, weights = zip(*HOUR_WEIGHTS.items(), strict=True)
    for _ in range(_poisson(rng, mean)):
        times.append(_local(day, rng.choices(hours, weights)[0], rng.randrange(60), rng.randrange(60)))
    for aired_at in airings:  # a broadcast sends people to the channel's code in the hour after it
        local = timezone.localtime(aired_at)
        for _ in range(rng.randint(3, 9)):
            times.append(local + dt.timedelta(minutes=rng.randrange(5, 60), seconds=rng.randrange(60)))
    events, hashes = [], []
    for number, occurred_at in enumerate(sorted(times)):
        repeat = bool(hashes) and rng.random() < 0.06
        bot = not repeat and rng.random() < 0.02
        visitor = rng.choice(hashes) if repeat else f"{rng.getrandbits(128):032x}"
        if not repeat and not bot:
            hashes.append(visitor)
        device = "bot" if bot else rng.choices(["mobile", "tablet", "desktop"], [90, 4, 6])[0]
        events.append(
            ScanEvent(
                event_id=uuid.uuid5(EVENT_NAMESPACE, f"{placement.unit.code}/{slug}/{placement.spot}/{day}/{number}"),
                occurred_at=occurred_at,
                placement=placement,
                device_class=device,
                language="" if bot else rng.choices(["vi-VN", "en-US", "vi"], [85, 5, 10])[0],
                visitor_hash="" if bot else visitor,
                is_bot=bot,
                is_repeat=repeat,
            )
        )
    return events


def _conversions_of(events: list[ScanEvent]) -> list[tuple[Placement, dt.datetime, str]]:
    """About one citizen scan in twenty-five ends in a recorded conversion, some time later that day."""
    conversions = []
    for event in events:
        if event.is_bot or event.is_repeat:
            continue
        rng = _rng("conversion", event.event_id)
        if rng.random() < 0.04:
            action = rng.choices([a for a, _w in ACTIONS], [w for _a, w in ACTIONS])[0]
            conversions.append((event.placement, event.occurred_at + dt.timedelta(minutes=rng.randint(3, 50)), action))
    return conversions


def _save_conversions(wanted: list[tuple[Placement, dt.datetime, str]]) -> int:
    placement_ids = {placement.pk for placement, _at, _action in wanted}
    existing = set(Conversion.objects.filter(placement_id__in=placement_ids).values_list("placement_id", "occurred_at"))
    missing = [(p, at, action) for p, at, action in wanted if (p.pk, at) not in existing]
    rows = [
        Conversion(
            action=action,
            source=ConversionSource.SELF_REPORTED,
            placement=placement,
            unit=placement.unit,
            heard_from=placement.channel,
            heard_from_code=True,
        )
        for placement, _at, action in missing
    ]
    created = Conversion.objects.bulk_create(rows, batch_size=500)
    # occurred_at is auto_now_add, which bulk_create fills with now: set the intended times after.
    for row, (_placement, at, _action) in zip(created, missing, strict=True):
        row.occurred_at = at
    Conversion.objects.bulk_update(created, ["occurred_at"], batch_size=500)
    return len(created)


def _save_airings(wanted: list[tuple[Placement, dt.datetime]]) -> int:
    created = 0
    for placement, aired_at in wanted:
        _airing, new = BroadcastAiring.objects.get_or_create(
            channel=placement.channel,
            unit=placement.unit,
            aired_at=aired_at,
            defaults={"duration_minutes": 10, "note": AIRING_NOTE},
        )
        created += new
    return created


def _figures(
    *, wards: list[AdministrativeUnit], months: list[dt.date], up_since: dict[tuple[str, dt.date], dt.date]
) -> list:
    """Residents, VNeID level 2 and public-service accounts per ward and month: a ward's usual growth, noise,
    and the planted effect of the channels up there (insights.demo_plan), per 1,000 residents."""
    rows = []
    for ward in wards:
        rng = _rng("figures", ward.code)
        residents = DEMO_RESIDENTS.get(ward.code) or rng.randint(9_000, 45_000)
        vneid = residents * rng.uniform(0.45, 0.62)
        accounts = residents * rng.uniform(0.18, 0.3)
        usual = rng.uniform(9.0, 13.0)  # this ward's own monthly growth per 1,000
        for index, month in enumerate(months):
            # Seeded by the month's place in the figures, not its date: the demo's figures (and so what its
            # estimates find) are the same whatever month it is loaded in, and the tests that read them too.
            month_rng = _rng("figures", ward.code, add_months(NOISE_FIRST_MONTH, index).isoformat())
            planted = planted_growth(ward_code=ward.code, month=month, up_since=up_since)
            vneid += residents * (usual + planted + month_rng.uniform(-2.0, 2.0)) / 1000
            accounts += residents * (0.007 + month_rng.uniform(-0.002, 0.002))
            residents += month_rng.randint(0, 40)
            rows.append((ward, month, RESIDENTS_METRIC, residents))
            rows.append((ward, month, "vneid-muc-2", min(round(vneid), residents)))
            rows.append((ward, month, "tai-khoan-dvc", min(round(accounts), residents)))
    return rows


def _forget_old_figures() -> None:
    old = FigureImport.objects.filter(filename__in=OLD_FIGURES_FILENAMES, uploaded_by=None)
    AdoptionFigure.objects.filter(figure_import__in=old).delete()
    old.delete()


def _planted_rollouts(
    *, campaign, province_wards: list[AdministrativeUnit], plan: list[Rollout], today: dt.date, realign: bool
):
    """The plan's placements, hung on their day (installed_on), and the loudspeaker's weekly bulletins.

    `realign` (the first load since the loudspeaker plan drew the bundle's months) moves the days an earlier
    demo planted, and forgets its earlier bulletins, so that placements, airings and figures tell one story."""
    channels = {channel.slug: channel for channel in Channel.objects.filter(slug__in={r.channel for r in plan})}
    units = {ward.code: ward for ward in province_wards}
    airings: list[tuple[Placement, dt.datetime]] = []
    for rollout in plan:
        channel = channels.get(rollout.channel)
        if channel is None or rollout.ward_code not in units:
            continue
        placement = create_placement(campaign=campaign, unit=units[rollout.ward_code], channel=channel)
        if channel.kind in (ChannelKind.SOUND, ChannelKind.SCREEN):
            # Bulletins an earlier demo planted before this roll-out's day (its months were not yet drawn).
            if realign:
                BroadcastAiring.objects.filter(
                    channel=channel, unit=placement.unit, aired_at__lt=_local(rollout.day, 0, 0), note=AIRING_NOTE
                ).delete()
            day = rollout.day
            while day < today:
                airings.append((placement, _local(day, 17, 0)))
                day += dt.timedelta(days=7)
        elif placement.installed_on is None or (realign and placement.installed_on != rollout.day):
            placement.installed_on = rollout.day
            placement.save(update_fields=["installed_on"])
    return airings


def _save_figures(rows: list) -> int:
    metrics = {metric.slug: metric for metric in Metric.objects.filter(slug__in={row[2] for row in rows})}
    existing = set(
        AdoptionFigure.objects.filter(unit__in={row[0] for row in rows}, metric__in=metrics.values()).values_list(
            "unit_id", "month", "metric__slug"
        )
    )
    missing = [row for row in rows if row[2] in metrics and (row[0].pk, row[1], row[2]) not in existing]
    if not missing:
        return 0
    figure_import, _new = FigureImport.objects.get_or_create(filename=FIGURES_FILENAME, uploaded_by=None)
    AdoptionFigure.objects.bulk_create(
        [
            AdoptionFigure(
                unit=ward, month=month, metric=metrics[slug], value=Decimal(value), figure_import=figure_import
            )
            for ward, month, slug, value in missing
        ],
        batch_size=1000,
    )
    figure_import.row_count = AdoptionFigure.objects.filter(figure_import=figure_import).count()
    figure_import.months = sorted(
        {
            m.strftime("%Y-%m")
            for m in AdoptionFigure.objects.filter(figure_import=figure_import).values_list("month", flat=True)
        }
    )
    figure_import.save(update_fields=["row_count", "months"])
    return len(missing)


def _loudspeaker_plan(
    *, campaign, province_wards: list[AdministrativeUnit], rollout_codes: list[str], months: list[dt.date]
) -> int:
    """The demo's finished rollout plan (insights.demo_plan.LOUDSPEAKER_PLAN), drawn by the planner's own
    `draw_design` with the recorded seed, its wards linked to their placements; 1 if it was created now."""
    spec = LOUDSPEAKER_PLAN
    if RolloutPlan.objects.filter(campaign=campaign, name=spec.name).exists():
        plan, created = RolloutPlan.objects.get(campaign=campaign, name=spec.name), 0
    else:
        metric = Metric.objects.filter(slug="vneid-muc-2").first()
        channels = list(Channel.objects.filter(slug__in=[LOUDSPEAKER, POSTER]))
        units = {ward.code: ward for ward in province_wards}
        wards = [units[code] for code in plan_ward_codes(ward_codes=rollout_codes) if code in units]
        if metric is None or len(channels) < 2 or len(wards) < spec.waves:
            return 0
        province = AdministrativeUnit.objects.get(code=wards[0].path.split("/")[0])
        plan = RolloutPlan.objects.create(
            name=spec.name,
            campaign=campaign,
            unit=province,
            metric=metric,
            waves=spec.waves,
            wave_length=1,
            wave_unit=WaveUnit.MONTH,
            first_wave_start=months[spec.first_month_index],
            seed=spec.seed,
            effect_size=Decimal(str(spec.effect)),
            status=RolloutStatus.FINISHED,
            approved_at=timezone.make_aware(dt.datetime.combine(months[spec.first_month_index - 1], dt.time(9))),
        )
        plan.channels.set(channels)
        draw_design(plan, wards=wards, strata={ward.pk: "" for ward in wards}, metric=metric)
        created = 1
    # As an approval does: the wards' placements, each starting on its wave's planned day.
    channels = list(plan.channels.all())
    for row in plan.wards.select_related("unit"):
        placements = Placement.objects.filter(campaign=campaign, unit=row.unit, channel__in=channels)
        placements.exclude(active_from=row.planned_start).update(active_from=row.planned_start)
        row.placements.add(*placements)
    return created


@transaction.atomic
def load_insights(*, campaign, ward_codes: list[str], today: dt.date | None = None) -> InsightsDemoResult:
    """Scans, conversions, airings and official figures for the demo campaign, then the rollups."""
    result = InsightsDemoResult()
    today = today or timezone.localdate()
    wards = demo_wards(ward_codes=ward_codes)
    if campaign is None or not wards:
        return result
    placements = _placements(campaign=campaign, wards=wards, ward_codes=ward_codes)
    result.placements = len(placements)
    first_day = today - dt.timedelta(days=DEMO_DAYS)
    for placement in placements:  # the demo wards' printed materials were hung on the first day
        hung = placement.unit.code in ward_codes and placement.channel.kind == ChannelKind.PRINT
        if hung and placement.installed_on is None:
            placement.installed_on = first_day
            placement.save(update_fields=["installed_on"])

    events: list[ScanEvent] = []
    airings: list[tuple[Placement, dt.datetime]] = []
    for placement in placements:
        if placement.channel.slug not in DAILY_SCANS and not placement.spot:
            continue
        start = _rollout_day(
            ward=placement.unit, channel_slug=placement.channel.slug, first_day=first_day, ward_codes=ward_codes
        )
        weight = WARD_WEIGHT.get(placement.unit.code, 0.7 + 0.1 * _rng("weight", placement.unit.code).randint(0, 4))
        if placement.spot:
            weight = 0.3  # the citizen app's per-guide codes
        on_air = placement.unit.code in ward_codes or placement.unit.level == UnitLevel.PROVINCE
        day = start
        while day < today:
            aired = _airing_times(day=day, channel_slug=placement.channel.slug)
            aired = aired if on_air and not placement.spot else []
            airings.extend((placement, at) for at in aired)
            day_events = _scans_of_day(placement=placement, day=day, weight=weight, airings=aired)
            events.extend(day_events)
            day += dt.timedelta(days=1)

    known = set(
        ScanEvent.objects.filter(placement__in=placements, occurred_at__gte=_local(first_day, 0, 0)).values_list(
            "event_id", flat=True
        )
    )
    new_events = [event for event in events if event.event_id not in known]
    ScanEvent.objects.bulk_create(new_events, batch_size=2000)
    result.scans = len(new_events)
    result.conversions = _save_conversions(_conversions_of(events))
    result.airings = _save_airings(airings)

    months = [add_months(month_start(today), -count) for count in range(FIGURE_MONTHS, 0, -1)]
    province_code = wards[0].path.split("/")[0]
    province_wards = list(
        AdministrativeUnit.objects.filter(level=UnitLevel.WARD, path__startswith=province_code + "/").order_by("code")
    )
    rollout_codes = [ward.code for ward in province_wards if ward.code not in ward_codes]
    plan = rollouts(ward_codes=rollout_codes, first_month=months[0])
    realign = not RolloutPlan.objects.filter(campaign=campaign, name=LOUDSPEAKER_PLAN.name).exists()
    result.airings += _save_airings(
        _planted_rollouts(campaign=campaign, province_wards=province_wards, plan=plan, today=today, realign=realign)
    )
    up_since = {(r.ward_code, r.channel): r.month for r in plan}
    for code in ward_codes:  # the demo wards: everything from the first scan day
        for slug in {r.channel for r in plan}:
            up_since[(code, slug)] = month_start(first_day)
    _forget_old_figures()
    result.figures = _save_figures(_figures(wards=province_wards, months=months, up_since=up_since))
    result.plans = _loudspeaker_plan(
        campaign=campaign, province_wards=province_wards, rollout_codes=rollout_codes, months=months
    )
    update_rollups()
    transaction.on_commit(invalidate_channel_effects)
    return result
