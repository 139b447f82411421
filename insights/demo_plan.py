"""The demo's planted truth: which channel went up in which ward when, and what it really did to adoption.

So that `make run` shows a dashboard a leader can learn from, and the estimator visibly recovers the plan:
- pa-nô works: +6 VNeID level-2 activations per 1,000 residents a month in a ward from the month it is hung,
  rolled out over 20 wards in six different months;
- băng-rôn does nothing (0), rolled out over 20 other-ordered wards;
- áp-phích and the loudspeaker are always deployed together (posters hung the week the bulletins start),
  over 15 wards: together +3 per 1,000 a month, which no estimate can split between them. These 15 wards are
  the demo's finished **rollout plan** (`LOUDSPEAKER_PLAN`): the loudspeaker script and its posters rolled out
  in 4 monthly waves whose ward order was drawn with the plan's recorded seed (`plan_waves`, the planner's own
  draw over the wards' codes), and the planted months follow that drawn order. So the plan's analysis by design
  (intention-to-treat, randomisation inference) recovers the +3 and may say the bundle caused it, while the
  observational dashboard still cannot split the pair;
- every other ward of the province never gets any of these: the comparison.
Month 0 is the first month with official figures; figures run for `FIGURE_MONTHS` months.
The two demo wards have everything from the first scan day (they show the citizen loop).
"""

import datetime as dt
from dataclasses import dataclass

from core.dates import add_months
from insights.rollout.randomise import draw_waves

FIGURE_MONTHS = 12
PANO, BANNER, POSTER, LOUDSPEAKER = "pa-no", "bang-ron", "ap-phich", "loa-truyen-thanh"
# Per 1,000 residents a month, while the channel (or the pair) is up.
TRUE_EFFECTS = {PANO: 6.0, BANNER: 0.0, (POSTER, LOUDSPEAKER): 3.0}
ROLLOUT_WARDS = 45  # wards of the province (after the two demo wards) that get planted channels
BUNDLE_WARDS = slice(25, 40)  # the wards of the loudspeaker plan, among the planted-rollout wards


@dataclass(frozen=True)
class DemoRolloutPlan:
    name: str
    seed: int
    waves: int
    first_month_index: int  # the first wave starts on the first day of this figure month; one month a wave
    effect: float  # the planted effect of what the plan rolls out, per 1,000 residents a month


LOUDSPEAKER_PLAN = DemoRolloutPlan(
    name="Phát bài loa truyền thanh kèm áp-phích theo 4 đợt (dữ liệu mẫu)",
    seed=20_250_701,
    waves=4,
    first_month_index=4,
    effect=TRUE_EFFECTS[(POSTER, LOUDSPEAKER)],
)


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
    for ward, wave in plan_waves(ward_codes=ward_codes).items():
        month_index = LOUDSPEAKER_PLAN.first_month_index + wave - 1
        up(ward, POSTER, month_index)
        up(ward, LOUDSPEAKER, month_index)
    return plan


def plan_ward_codes(*, ward_codes: list[str]) -> list[str]:
    """The codes of the loudspeaker plan's wards (among the province's wards, demo wards excluded)."""
    return ward_codes[:ROLLOUT_WARDS][BUNDLE_WARDS]


def plan_waves(*, ward_codes: list[str]) -> dict[str, int]:
    """Ward code → wave (1-based) of the loudspeaker plan: drawn by the planner's draw (over codes, no strata)
    with the plan's recorded seed, so that the plan the loader saves shows the very order the figures follow."""
    drawn = draw_waves(plan_ward_codes(ward_codes=ward_codes), LOUDSPEAKER_PLAN.waves, LOUDSPEAKER_PLAN.seed)
    return {code: number for number, wave in enumerate(drawn, start=1) for code in wave}


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
