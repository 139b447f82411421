"""One cost model for the dashboard, its exports and the monthly report: costs fall in the days they were used.

A placement's cost is its print run, quantity × unit cost (`Placement.quantity`, `Placement.unit_cost_vnd`).
It is attributed to the days the placement was in use:

- a sound or screen placement (loudspeaker, local TV, LED board) with airings logged for its unit and channel
  (`BroadcastAiring`) within its dates: each of those airings bears an equal share, on the day it was aired;
- any other placement: an equal share for each day from the day it was hung (`installed_on`), else printed
  (`printed_at`), else `active_from`, to `active_until`, else today. A placement that is not printed (a
  digital post, a meeting) with none of these dates counts from the day it was created; a printed item that
  was neither printed nor hung has cost nothing yet (its quantity × unit cost is a plan) and falls in no
  month, as it counts in no channel's exposure (insights.impact).

The cost of a period (a month, the dashboard's dates) is the sum of its days' shares, and cost per scan or per
conversion divides that by the period's scans or conversions: a month's cost per scan never divides the whole
campaign's cost by one month's scans. Shares are whole đồng, rounded cumulatively (the first k days of a
placement bear ⌊cost × k / n⌋), so that the months of a placement add up exactly to its cost.

An open-ended placement (no `active_until`) is spread up to today: as the days pass, its cost is spread more
thinly and a past month's share shrinks. Set `active_until` when a pa-nô comes down to fix its months.
"""

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dates import add_months
from insights.models import BroadcastAiring
from insights.models.broadcasts import BROADCAST_CHANNEL_KINDS
from tracking.models import ChannelKind, Placement

# Said under every table that shows a cost (the page, the exports, the report).
COST_NOTE = _(
    "Chi phí được tính vào thời gian sử dụng: chi phí của một điểm đặt (số lượng × đơn giá) chia đều cho các "
    "ngày từ ngày treo (hoặc ngày in) đến ngày hết hiệu lực (hoặc hôm nay, nếu chưa đặt ngày hết hiệu lực); "
    "với loa, truyền hình và bảng điện tử có ghi lượt phát sóng, chia đều cho các lượt phát và tính vào ngày "
    "phát. Ấn phẩm chưa in, chưa treo chưa tính chi phí. Chi phí của một kỳ là phần thuộc các ngày trong kỳ; "
    "chi phí mỗi lượt quét và mỗi chuyển đổi lấy chi phí của kỳ chia cho số lượt của cùng kỳ."
)


@dataclass(slots=True)  # not frozen: a frozen dataclass is several times slower to make, and there are many
class CostSpan:
    """How one placement's cost falls on days: evenly over [first_day, last_day], or on its airings' days."""

    placement_id: int
    channel_id: int
    unit_path: str
    cost: int  # the whole cost: quantity × unit cost
    first_day: dt.date
    last_day: dt.date
    airing_days: tuple[dt.date, ...] = ()  # sorted, with repeats (two airings on a day bear two shares)
    # What the tables group by, read in the same query.
    quantity: int = 0
    channel_name: str = ""
    channel_order: int = 0
    created_at: dt.datetime | None = None
    created_on: dt.date | None = None  # the local day it was created (the placement rankings compare it)
    short_code: str = ""
    installed_on: dt.date | None = None
    printed_at: dt.datetime | None = None

    def in_use_by(self, limit: dt.datetime) -> bool:
        """Hung or printed before `limit` (an aware datetime; a hanging day counts from its midnight)."""
        if self.installed_on is not None and local_midnight(self.installed_on) < limit:
            return True
        return self.printed_at is not None and self.printed_at < limit

    def _through(self, day: dt.date) -> int:
        """The cost borne by every day up to and including `day`."""
        if self.airing_days:
            count = len(self.airing_days)
            return self.cost * bisect_right(self.airing_days, day) // count
        span = (self.last_day - self.first_day).days + 1
        days = min(max((day - self.first_day).days + 1, 0), span)
        return self.cost * days // span

    def cost_between(self, start: dt.date, end: dt.date) -> int:
        """The cost borne by the days from `start` to `end` (both included)."""
        if end < start or not self.cost:
            return 0
        return self._through(end) - self._through(start - dt.timedelta(days=1))

    @property
    def months(self) -> list[dt.date]:
        """The first days of the months the cost falls in."""
        if self.airing_days:
            return sorted({day.replace(day=1) for day in self.airing_days})
        month, out = self.first_day.replace(day=1), []
        while month <= self.last_day:
            out.append(month)
            month = add_months(month, 1)
        return out


def local_midnight(day: dt.date) -> dt.datetime:
    """The first moment of a local day, aware."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def cost_spans(*, placement_q: Q, today: dt.date | None = None) -> list[CostSpan]:
    """The cost span of every placement matching `placement_q` (a placement without a cost has a span of cost 0).
    One query, and one more for the airings when a sound or screen placement has a cost."""
    today = today or timezone.localdate()
    rows = list(
        Placement.objects.filter(placement_q).values_list(
            "id",
            "channel_id",
            "channel__kind",
            "unit_id",
            "unit__path",
            "quantity",
            "unit_cost_vnd",
            "installed_on",
            "printed_at",
            "active_from",
            "active_until",
            "created_at",
            "channel__name",
            "channel__sort_order",
            "short_code",
        )
    )
    aired = _airing_days(
        pairs={(row[3], row[1]) for row in rows if row[2] in BROADCAST_CHANNEL_KINDS and row[5] and row[6]},
        until=max((row[10] or today for row in rows), default=today),
    )
    zone = timezone.get_current_timezone()  # read once: timezone.localtime() reads it per call, slowly
    spans = []
    for (
        pid,
        channel_id,
        kind,
        unit_id,
        path,
        quantity,
        unit_cost,
        installed,
        printed,
        active_from,
        until,
        created,
        channel_name,
        channel_order,
        short_code,
    ) in rows:
        span = CostSpan(
            placement_id=pid,
            channel_id=channel_id,
            unit_path=path,
            cost=0,
            first_day=today,
            last_day=today,
            quantity=quantity,
            channel_name=channel_name,
            channel_order=channel_order,
            created_at=created,
            created_on=created.astimezone(zone).date(),
            short_code=short_code,
            installed_on=installed,
            printed_at=printed,
        )
        spans.append(span)
        used_from = installed or (printed.astimezone(zone).date() if printed else None) or active_from
        # No cost, no days to work out; a printed item neither printed nor hung yet has cost nothing so far.
        if not quantity or not unit_cost or (used_from is None and kind == ChannelKind.PRINT):
            continue
        last_day = until or today
        days = aired.get((unit_id, channel_id), ())
        if days:
            low = bisect_left(days, used_from) if used_from else 0
            span.airing_days = tuple(days[low : bisect_right(days, last_day)])
        span.cost = quantity * unit_cost
        span.first_day = min(used_from or created.astimezone(zone).date(), last_day)
        span.last_day = max(last_day, span.first_day)
    return spans


def _airing_days(*, pairs: set[tuple[int, int]], until: dt.date) -> dict[tuple[int, int], list[dt.date]]:
    """The sorted local days of the airings of each (unit id, channel id). One query, none without pairs."""
    if not pairs:
        return {}
    days: dict[tuple[int, int], list[dt.date]] = defaultdict(list)
    airings = (
        BroadcastAiring.objects.filter(
            unit_id__in={unit for unit, _channel in pairs}, channel_id__in={channel for _unit, channel in pairs}
        )
        .annotate(day=TruncDate("aired_at"))  # the local day, in the current time zone
        .values_list("unit_id", "channel_id", "day")
    )
    for unit_id, channel_id, day in airings:
        if (unit_id, channel_id) in pairs and day <= until:
            days[(unit_id, channel_id)].append(day)
    for found in days.values():
        found.sort()
    return days


def period_spans(*, f, today: dt.date | None = None) -> list[tuple[CostSpan, int]]:
    """Every placement in the filter's scope with the cost attributed to its period. Read once per filter (its
    `memo`), so that the tables of one dashboard, export or report share it."""
    key = ("cost_spans", today)
    if key not in f.memo:
        # The spans depend on the scope, not on the period: a filter of the same scope for another period (the
        # dashboard's summary month) passes them on under SPANS_KEY, and only the period's shares are worked out.
        spans = f.memo.get((SPANS_KEY, today))
        if spans is None:
            spans = f.memo[(SPANS_KEY, today)] = cost_spans(placement_q=f.placement_q(), today=today)
        f.memo[key] = [(span, span.cost_between(f.start, f.end)) for span in spans]
    return f.memo[key]


SPANS_KEY = "scope_cost_spans"
UNITS_KEY = "scope_units"
FIGURES_KEY = "scope_figures"
# What depends on a filter's scope only, not on its period, kept in its memo under (key, …): the cost spans, the
# scope's units (insights.selectors.ward_table) and its official figures (insights.scope_figures).
SCOPE_KEYS = (SPANS_KEY, UNITS_KEY, FIGURES_KEY)


def share_spans(source, target) -> None:
    """Let `target`, a filter of the same scope (units, campaign) as `source` for another period, reuse the cost
    spans, units and official figures `source` has read (queries fewer, and the same rows)."""
    if (source.units, source.campaign) != (target.units, target.campaign):
        return
    for key, value in source.memo.items():
        if isinstance(key, tuple) and key[0] in SCOPE_KEYS:
            target.memo.setdefault(key, value)


def period_costs(*, f, today: dt.date | None = None) -> dict[int, int]:
    """Placement id → the cost attributed to the filter's period (an insights.selectors.InsightFilter)."""
    return {span.placement_id: cost for span, cost in period_spans(f=f, today=today)}


def period_costs_by_channel(*, f, today: dt.date | None = None) -> dict[int, int]:
    """Channel id → the cost attributed to the filter's period."""
    out: dict[int, int] = defaultdict(int)
    for span, cost in period_spans(f=f, today=today):
        out[span.channel_id] += cost
    return dict(out)


def monthly_costs(*, placement_q: Q, today: dt.date | None = None) -> dict[dt.date, int]:
    """Month (its first day) → the cost attributed to it, for every month any placement's cost falls in."""
    out: dict[dt.date, int] = defaultdict(int)
    for span in cost_spans(placement_q=placement_q, today=today):
        if not span.cost:
            continue
        for month in span.months:
            out[month] += span.cost_between(month, add_months(month, 1) - dt.timedelta(days=1))
    return dict(sorted(out.items()))


def total_cost(*, placement_q: Q) -> int:
    """The whole cost of the placements (quantity × unit cost), whenever it falls, planned ones included."""
    return sum(
        quantity * unit_cost
        for quantity, unit_cost in Placement.objects.filter(placement_q).values_list("quantity", "unit_cost_vnd")
    )


def unattributed_cost(*, placement_q: Q) -> int:
    """The cost of printed items neither printed nor hung yet: planned, in no month (total = months + this)."""
    return sum(
        quantity * unit_cost
        for quantity, unit_cost in Placement.objects.filter(
            placement_q,
            channel__kind=ChannelKind.PRINT,
            installed_on__isnull=True,
            printed_at__isnull=True,
            active_from__isnull=True,
        ).values_list("quantity", "unit_cost_vnd")
    )
