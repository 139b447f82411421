"""The demo's planted truth: which channel went up in which ward when, and what it really did to adoption.

So that `make run` shows a dashboard a leader can learn from, and the estimator visibly recovers the plan:
- pa-nô works: +6 VNeID level-2 activations per 1,000 residents a month in a ward from the month it is hung,
  rolled out over 20 wards in six different months;
- băng-rôn does nothing (0), rolled out over 20 other-ordered wards;
- áp-phích and the loudspeaker are always deployed together (posters hung the week the bulletins start),
  over 15 wards: together +3 per 1,000 a month, which no estimate can split between them;
- every other ward of the province never gets any of these: the comparison.
Month 0 is the first month with official figures; figures run for `FIGURE_MONTHS` months.
The two demo wards have everything from the first scan day (they show the citizen loop).
"""

import datetime as dt
from dataclasses import dataclass

from core.dates import add_months

FIGURE_MONTHS = 12
PANO, BANNER, POSTER, LOUDSPEAKER = "pa-no", "bang-ron", "ap-phich", "loa-truyen-thanh"
# Per 1,000 residents a month, while the channel (or the pair) is up.
TRUE_EFFECTS = {PANO: 6.0, BANNER: 0.0, (POSTER, LOUDSPEAKER): 3.0}
ROLLOUT_WARDS = 45  # wards of the province (after the two demo wards) that get planted channels


@dataclass(frozen=True)
class Rollout:
    ward_code: str
    channel: str
    month: dt.date  # the month it went up
    day: dt.date  # the day it went up (hung, or the first bulletin)


def rollouts(*, ward_codes: list[str], first_month: dt.date) -> list[Rollout]:
    """The planted roll-outs over the province's wards (by code, demo wards excluded), deterministic."""
    plan = []

    def up(ward: str, channel: str, month_index: int) -> None:
        month = add_months(first_month, month_index)
        plan.append(Rollout(ward, channel, month, month + dt.timedelta(days=4 + (int(ward) % 7))))

    wards = ward_codes[:ROLLOUT_WARDS]
    for index, ward in enumerate(wards[:20]):
        up(ward, PANO, 3 + index % 6)
    for index, ward in enumerate(wards[10:30]):
        up(ward, BANNER, 2 + (index * 5) % 7)
    for index, ward in enumerate(wards[25:40]):
        month_index = 4 + index % 5
        up(ward, POSTER, month_index)
        up(ward, LOUDSPEAKER, month_index)
    return plan


def planted_growth(*, ward_code: str, month: dt.date, up_since: dict[tuple[str, str], dt.date]) -> float:
    """The true extra growth per 1,000 residents in a ward and month from the channels up there."""
    extra = 0.0
    if (since := up_since.get((ward_code, PANO))) and since <= month:
        extra += TRUE_EFFECTS[PANO]
    if (since := up_since.get((ward_code, BANNER))) and since <= month:
        extra += TRUE_EFFECTS[BANNER]
    poster, loudspeaker = up_since.get((ward_code, POSTER)), up_since.get((ward_code, LOUDSPEAKER))
    if poster and loudspeaker and max(poster, loudspeaker) <= month:
        extra += TRUE_EFFECTS[(POSTER, LOUDSPEAKER)]
    return extra
