"""An honest estimate of each channel's effect on monthly adoption growth.

The outcome is a ward's growth in one month of an official metric (default: VNeID level-2
activations): the month's figure minus the previous month's, so the imported figures are read
as running totals (số lũy kế) as the police report them. When every ward in the panel has a
residents figure ("dan-so"), the growth is per 1,000 residents; otherwise it is the raw growth,
and `ChannelEffect.per_thousand` says which.

A channel is *active* in a ward and month when a placement of that channel in the ward (or in a
village under it, or a province-wide one on the province) was in use that month — installed,
printed or created in or before the month, not ended before it (`active_until`), and not
retired (a retired placement without an end date is left out, since we do not know when it
ended) — or when its codes were scanned that month.

The estimate is a two-way fixed-effects regression: growth on a channel-active dummy with ward
and month fixed effects (each ward's usual level and each month's common swing are taken out),
with standard errors clustered by ward and a 95 % interval from Student's t with G − 1 degrees
of freedom (G wards). It is computed for one channel at a time.

`estimate_twfe` is the pure core over arrays; `build_panel` reads the database;
`estimate_channel_effects` joins them.
"""

import datetime as dt
import hashlib
import math
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.db.models.functions import TruncMonth
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.dates import month_end, month_start, previous_month
from core.numbers import vn_number
from insights.models import AdoptionFigure, DailyPlacementRollup
from places.models import AdministrativeUnit, UnitLevel
from tracking.models import Channel, Placement, PlacementStatus

RESIDENTS_METRIC = "dan-so"
MIN_WARDS = 4
MIN_MONTHS = 3
CONFIDENCE = 0.95


# --- Student's t, without scipy ----------------------------------------------------------------


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction of the incomplete beta function (Lentz's method)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return h


def _incomplete_beta(a: float, b: float, x: float) -> float:
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1.0 - x))
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def t_cdf(value: float, df: float) -> float:
    """P(T ≤ value) for Student's t with `df` degrees of freedom."""
    tail = 0.5 * _incomplete_beta(df / 2.0, 0.5, df / (df + value * value))
    return 1.0 - tail if value > 0 else tail


def t_quantile(probability: float, df: float) -> float:
    """The value below which Student's t falls with this probability (bisection on the CDF)."""
    low, high = -1e6, 1e6
    for _step in range(200):
        middle = (low + high) / 2.0
        if t_cdf(middle, df) < probability:
            low = middle
        else:
            high = middle
    return (low + high) / 2.0


# --- the estimator -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TwfeEstimate:
    estimate: float | None
    std_error: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    units: int
    periods: int
    observations: int
    treated_observations: int
    enough_data: bool
    reason: str = ""


def _demean_two_way(
    values: np.ndarray, unit: np.ndarray, period: np.ndarray, n_units: int, n_periods: int
) -> np.ndarray:
    """Residuals of `values` on unit and period dummies, by alternating projections (works unbalanced)."""
    unit_counts = np.bincount(unit, minlength=n_units)
    period_counts = np.bincount(period, minlength=n_periods)
    residual = values.astype(float).copy()
    scale = max(float(np.abs(residual).max()), 1.0)
    for _sweep in range(10_000):
        residual -= (np.bincount(unit, weights=residual, minlength=n_units) / unit_counts)[unit]
        period_means = np.bincount(period, weights=residual, minlength=n_periods) / period_counts
        residual -= period_means[period]
        if np.abs(period_means).max() < 1e-12 * scale:
            break
    return residual


def estimate_twfe(
    *,
    outcome: Sequence[float] | np.ndarray,
    treated: Sequence[bool] | np.ndarray,
    unit: Sequence[int] | np.ndarray,
    period: Sequence[int] | np.ndarray,
    confidence: float = CONFIDENCE,
) -> TwfeEstimate:
    """Two-way fixed-effects estimate of the effect of `treated` on `outcome`, clustered by unit.

    One observation per (unit, period); `unit` and `period` are any integer labels. Returns
    `enough_data=False` with a reason (in Vietnamese) instead of a number when there are fewer
    than 4 units or 3 periods, no treated or no untreated observations, or the treatment does
    not vary once unit and period effects are taken out (e.g. every ward switched on together).
    """
    y = np.asarray(outcome, dtype=float)
    d = np.asarray(treated, dtype=float)
    _unit_labels, u = np.unique(np.asarray(unit), return_inverse=True)
    _period_labels, t = np.unique(np.asarray(period), return_inverse=True)
    n_units, n_periods, n = len(_unit_labels), len(_period_labels), len(y)
    treated_count = int(d.sum())

    def refuse(reason: str) -> TwfeEstimate:
        return TwfeEstimate(None, None, None, None, None, n_units, n_periods, n, treated_count, False, reason)

    if n_units < MIN_WARDS:
        return refuse(
            _("Cần ít nhất %(min)s xã/phường có số liệu, mới có %(count)s.") % {"min": MIN_WARDS, "count": n_units}
        )
    if n_periods < MIN_MONTHS:
        return refuse(
            _("Cần số liệu tăng trưởng của ít nhất %(min)s tháng, mới có %(count)s.")
            % {"min": MIN_MONTHS, "count": n_periods}
        )
    if treated_count == 0:
        return refuse(_("Không có xã/phường và tháng nào có kênh này."))
    if treated_count == n:
        return refuse(_("Kênh có mặt ở mọi xã/phường trong mọi tháng: không có gì để so sánh."))

    y_tilde = _demean_two_way(y, u, t, n_units, n_periods)
    d_tilde = _demean_two_way(d, u, t, n_units, n_periods)
    sxx = float(d_tilde @ d_tilde)
    if sxx < 1e-9 * n:
        return refuse(
            _(
                "Kênh bật và tắt cùng lúc ở mọi nơi (hoặc không đổi ở từng xã/phường), "
                "nên không tách được tác động của kênh khỏi biến động chung."
            )
        )
    beta = float(d_tilde @ y_tilde) / sxx
    residual = y_tilde - beta * d_tilde
    scores = np.bincount(u, weights=d_tilde * residual, minlength=n_units)
    # CR1: unit effects are nested in the clusters, so only the slope and the period effects count.
    parameters = 1 + (n_periods - 1)
    if n - parameters <= 0:
        return refuse(_("Quá ít quan sát so với số tháng."))
    correction = (n_units / (n_units - 1)) * ((n - 1) / (n - parameters))
    variance = correction * float(scores @ scores) / (sxx * sxx)
    std_error = math.sqrt(variance)
    df = n_units - 1
    critical = t_quantile(0.5 + confidence / 2.0, df)
    p_value = 2.0 * (1.0 - t_cdf(abs(beta) / std_error, df)) if std_error > 0 else 0.0
    return TwfeEstimate(
        estimate=beta,
        std_error=std_error,
        ci_low=beta - critical * std_error,
        ci_high=beta + critical * std_error,
        p_value=p_value,
        units=n_units,
        periods=n_periods,
        observations=n,
        treated_observations=treated_count,
        enough_data=True,
    )


# --- the panel from the database ---------------------------------------------------------------


@dataclass
class Panel:
    """Growth observations (ward × month) and, per channel, the ward-months where it was active."""

    wards: dict[int, AdministrativeUnit]
    months: list[dt.date]
    growth: dict[tuple[int, dt.date], float]
    per_thousand: bool
    active: dict[int, set[tuple[int, dt.date]]] = field(default_factory=dict)


def _under(units: Sequence[AdministrativeUnit], prefix: str = "") -> Q:
    """At or under any of the units (one condition per given unit, never one per ward)."""
    covered = Q(pk__in=[])
    for unit in units:
        covered |= Q(**{f"{prefix}path__startswith": unit.path})
    return covered


def _wards_of(units: Sequence[AdministrativeUnit]) -> dict[int, AdministrativeUnit]:
    return {ward.pk: ward for ward in AdministrativeUnit.objects.filter(_under(units), level=UnitLevel.WARD)}


def _ward_of_path(path: str, wards_by_code: dict[str, int]) -> int | None:
    codes = path.rstrip("/").split("/")
    return wards_by_code.get(codes[1]) if len(codes) >= 2 else None


def build_panel(
    *, units: Iterable[AdministrativeUnit], metric_slug: str, months: Sequence[dt.date] | None = None
) -> Panel:
    """Monthly growth of the metric per ward under `units`, and where each channel was active."""
    units = list(units)
    wards = _wards_of(units)
    ward_rows = AdministrativeUnit.objects.filter(_under(units), level=UnitLevel.WARD)
    figures = AdoptionFigure.objects.filter(unit__in=ward_rows, metric__slug=metric_slug)
    values: dict[tuple[int, dt.date], Decimal] = {
        (unit_id, month): value for unit_id, month, value in figures.values_list("unit_id", "month", "value")
    }
    wanted = sorted({month_start(m) for m in months}) if months else sorted({m for _w, m in values})
    growth_raw: dict[tuple[int, dt.date], float] = {}
    for ward_id in wards:
        for month in wanted:
            current, before = values.get((ward_id, month)), values.get((ward_id, previous_month(month)))
            if current is not None and before is not None:
                growth_raw[(ward_id, month)] = float(current - before)

    residents: dict[int, list[tuple[dt.date, Decimal]]] = defaultdict(list)
    for unit_id, month, value in AdoptionFigure.objects.filter(
        unit__in=ward_rows, metric__slug=RESIDENTS_METRIC
    ).values_list("unit_id", "month", "value"):
        if value > 0:
            residents[unit_id].append((month, value))
    observed_wards = {ward_id for ward_id, _month in growth_raw}
    per_thousand = bool(observed_wards) and all(residents.get(ward_id) for ward_id in observed_wards)
    growth = growth_raw
    if per_thousand:
        growth = {}
        for (ward_id, month), value in growth_raw.items():
            known = sorted(residents[ward_id])
            # The latest residents figure up to the month, else the earliest one there is.
            population = next((v for m, v in reversed(known) if m <= month), known[0][1])
            growth[(ward_id, month)] = value * 1000.0 / float(population)

    panel = Panel(wards=wards, months=sorted({m for _w, m in growth}), growth=growth, per_thousand=per_thousand)
    panel.active = _active_ward_months(units=units, wards=wards, months=panel.months)
    return panel


def _placement_window(placement: Placement) -> tuple[dt.date | None, dt.date | None]:
    """When a placement was up: from its first known date to `active_until`; (None, None) if retired undated."""
    if placement.status == PlacementStatus.RETIRED and placement.active_until is None:
        return None, None
    start = placement.active_from or placement.installed_on
    if start is None and placement.printed_at is not None:
        start = placement.printed_at.date()
    return start or placement.created_at.date(), placement.active_until


def _active_ward_months(
    *, units: Sequence[AdministrativeUnit], wards: dict[int, AdministrativeUnit], months: list[dt.date]
) -> dict[int, set[tuple[int, dt.date]]]:
    """Channel id → the (ward id, month) pairs where it was active (see the module docstring)."""
    active: dict[int, set[tuple[int, dt.date]]] = defaultdict(set)
    if not wards or not months:
        return active
    wards_by_code = {ward.code: ward.pk for ward in wards.values()}
    wards_by_province: dict[str, list[int]] = defaultdict(list)
    for ward in wards.values():
        wards_by_province[ward.path.split("/")[0]].append(ward.pk)
    province_codes = list(wards_by_province)

    placement_rows = Placement.objects.filter(_under(units, "unit__") | Q(unit__code__in=province_codes))
    placements = placement_rows.select_related("unit")

    def covered_wards(unit: AdministrativeUnit) -> list[int]:
        if unit.level == UnitLevel.PROVINCE:
            return wards_by_province.get(unit.code, [])
        ward_id = _ward_of_path(unit.path, wards_by_code)
        return [ward_id] if ward_id else []

    placement_wards: dict[int, tuple[int, list[int]]] = {}
    for placement in placements:
        targets = covered_wards(placement.unit)
        placement_wards[placement.pk] = (placement.channel_id, targets)
        start, end = _placement_window(placement)
        if start is None:
            continue
        for month in months:
            if start <= month_end(month) and (end is None or end >= month):
                for ward_id in targets:
                    active[placement.channel_id].add((ward_id, month))

    first, last = months[0], month_end(months[-1])
    # One row per placement and month, not per day: a country's rollups are millions of days.
    scanned = (
        DailyPlacementRollup.objects.filter(placement__in=placement_rows, day__gte=first, day__lte=last, scans__gt=0)
        .annotate(month=TruncMonth("day"))
        .values_list("placement_id", "month")
        .distinct()
    )
    month_set = set(months)
    for placement_id, month in scanned:
        if isinstance(month, dt.datetime):
            month = month.date()
        if month in month_set:
            channel_id, targets = placement_wards[placement_id]
            for ward_id in targets:
                active[channel_id].add((ward_id, month))
    return active


# --- per channel -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChannelEffect:
    channel: Channel
    estimate: float | None
    ci_low: float | None
    ci_high: float | None
    wards: int
    months: int
    treated_observations: int
    enough_data: bool
    reason: str
    explanation: str
    per_thousand: bool = False
    std_error: float | None = None
    p_value: float | None = None
    observations: int = 0
    outcome: str = ""

    @property
    def significant(self) -> bool:
        """The 95 % interval excludes zero."""
        return self.enough_data and (self.ci_low > 0 or self.ci_high < 0)


def outcome_label(*, per_thousand: bool, metric_name: str) -> str:
    if per_thousand:
        return _("mức tăng hằng tháng của “%(metric)s” trên 1.000 dân") % {"metric": metric_name}
    return _("mức tăng hằng tháng của “%(metric)s” (số tuyệt đối, vì chưa có dân số của mọi xã/phường)") % {
        "metric": metric_name
    }


def explain(*, channel: Channel, result: TwfeEstimate, outcome: str) -> str:
    """What the figure says and does not say, in plain Vietnamese."""
    caveat = _(
        "Đây là so sánh trên số liệu quan sát, không phải thí nghiệm: nơi đặt kênh có thể khác nơi không đặt "
        "ở những điểm khác (được chỉ đạo sát hơn, có tổ công nghệ số mạnh hơn), và các kênh thường triển khai "
        "cùng lúc, nên con số không chứng minh kênh gây ra thay đổi. Mỗi kênh được ước lượng riêng."
    )
    if not result.enough_data:
        return _("Chưa đủ số liệu để ước lượng tác động của kênh %(channel)s: %(reason)s") % {
            "channel": channel.name,
            "reason": result.reason,
        }
    direction = _("cao hơn") if result.estimate >= 0 else _("thấp hơn")
    sentence = _(
        "Ở các xã/phường và tháng có kênh %(channel)s, %(outcome)s %(direction)s khoảng %(size)s so với khi "
        "không có kênh (khoảng tin cậy 95 %%: từ %(low)s đến %(high)s), sau khi đã trừ mức riêng của từng "
        "xã/phường và biến động chung của từng tháng. Dựa trên %(wards)s xã/phường, %(months)s tháng, "
        "%(treated)s lượt xã-tháng có kênh."
    ) % {
        "channel": channel.name,
        "outcome": outcome,
        "direction": direction,
        "size": vn_number(abs(result.estimate), decimals=2),
        "low": vn_number(result.ci_low, decimals=2),
        "high": vn_number(result.ci_high, decimals=2),
        "wards": result.units,
        "months": result.periods,
        "treated": result.treated_observations,
    }
    if result.ci_low <= 0 <= result.ci_high:
        verdict = _(
            "Khoảng tin cậy có chứa 0: chưa đủ bằng chứng để nói kênh có tác động (cũng không có nghĩa là "
            "kênh không có tác động)."
        )
    else:
        verdict = _("Khoảng tin cậy không chứa 0: khác biệt khó là do ngẫu nhiên.")
    return f"{sentence} {verdict} {caveat}"


def effects_from_panel(*, panel: Panel, channels: Iterable[Channel], metric_name: str) -> list[ChannelEffect]:
    keys = sorted(panel.growth, key=lambda key: (key[0], key[1]))
    outcome = np.array([panel.growth[key] for key in keys], dtype=float)
    unit = np.array([key[0] for key in keys], dtype=np.int64)
    period = np.array([key[1].toordinal() for key in keys], dtype=np.int64)
    label = outcome_label(per_thousand=panel.per_thousand, metric_name=metric_name)
    effects = []
    for channel in channels:
        active = panel.active.get(channel.pk, set())
        treated = np.array([key in active for key in keys], dtype=bool)
        result = estimate_twfe(outcome=outcome, treated=treated, unit=unit, period=period)
        effects.append(
            ChannelEffect(
                channel=channel,
                estimate=result.estimate,
                ci_low=result.ci_low,
                ci_high=result.ci_high,
                wards=result.units,
                months=result.periods,
                treated_observations=result.treated_observations,
                enough_data=result.enough_data,
                reason=result.reason,
                explanation=explain(channel=channel, result=result, outcome=label),
                per_thousand=panel.per_thousand,
                std_error=result.std_error,
                p_value=result.p_value,
                observations=result.observations,
                outcome=label,
            )
        )
    return effects


def estimate_channel_effects(
    *,
    units: Iterable[AdministrativeUnit],
    metric_slug: str = "vneid-muc-2",
    months: Sequence[dt.date] | None = None,
    channels: Iterable[Channel] | None = None,
) -> list[ChannelEffect]:
    """For each channel, its estimated effect on the monthly growth of the metric in the wards under `units`.

    `months` limits the months whose growth is compared (each needs the previous month's figure
    too); by default every month with figures. `channels` defaults to every channel that has a
    placement under the units. A channel without enough data gets `enough_data=False`, a reason
    and no number.
    """
    from campaigns.models import Metric

    units = list(units)
    panel = build_panel(units=units, metric_slug=metric_slug, months=months)
    metric = Metric.objects.filter(slug=metric_slug).first()
    if channels is None:
        channel_ids = set(panel.active) | set(
            Placement.objects.filter(_under(units, "unit__")).values_list("channel_id", flat=True)
        )
        channels = Channel.objects.filter(pk__in=channel_ids)
    return effects_from_panel(panel=panel, channels=channels, metric_name=metric.name if metric else metric_slug)


__all__ = [
    "ChannelEffect",
    "Panel",
    "TwfeEstimate",
    "build_panel",
    "cached_channel_effects",
    "estimate_channel_effects",
    "estimate_twfe",
    "invalidate_channel_effects",
    "t_quantile",
]


# --- cached for the dashboard ------------------------------------------------------------------

IMPACT_CACHE_VERSION_KEY = "insights:impact:version"
# New scans change which ward-months count as active, but one hour late is fine for a monthly estimate;
# figures and placements bump the version at once. Settings can shorten it (tests switch it off).
IMPACT_CACHE_SECONDS = 60 * 60


def impact_cache_seconds() -> int:
    return getattr(settings, "LOA_IMPACT_CACHE_SECONDS", IMPACT_CACHE_SECONDS)


def impact_cache_version() -> int:
    """The current version of the cached estimates; a version lost with the cache restarts from the clock, so
    it never meets an older entry again."""
    version = cache.get(IMPACT_CACHE_VERSION_KEY)
    if version is None:
        cache.add(IMPACT_CACHE_VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(IMPACT_CACHE_VERSION_KEY, 0)
    return version


def invalidate_channel_effects() -> None:
    """Forget every cached estimate (official figures were imported, placements changed, rollups rebuilt)."""
    try:
        cache.incr(IMPACT_CACHE_VERSION_KEY)
    except ValueError:  # no version yet: nothing cached under one
        cache.add(IMPACT_CACHE_VERSION_KEY, time.time_ns(), timeout=None)


def cached_channel_effects(
    *, units: Iterable[AdministrativeUnit], metric_slug: str = "vneid-muc-2", months: Sequence[dt.date] | None = None
) -> list[ChannelEffect]:
    """`estimate_channel_effects`, kept in the cache per scope (the units' ids), metric and months."""
    units = list(units)
    seconds = impact_cache_seconds()
    if seconds <= 0:
        return estimate_channel_effects(units=units, metric_slug=metric_slug, months=months)
    scope = hashlib.sha256(",".join(str(pk) for pk in sorted(unit.pk for unit in units)).encode()).hexdigest()[:24]
    span = ",".join(month.isoformat() for month in sorted(months)) if months else "all"
    # The explanations are sentences in the reader's language.
    key = f"insights:impact:{impact_cache_version()}:{get_language()}:{metric_slug}:{span}:{scope}"
    effects = cache.get(key)
    if effects is None:
        effects = estimate_channel_effects(units=units, metric_slug=metric_slug, months=months)
        cache.set(key, effects, seconds)
    return effects
