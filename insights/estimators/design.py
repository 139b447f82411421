"""What the panel's design can tell apart: co-deployed channels, switching, enough units on each side.

- Two channels that switch on (or off) in the same ward and month in ≥ 70 % of the rarer one's switches
  (the overlap coefficient |A ∩ B| / min(|A|, |B|) over switch ward-months) are not separable: they are
  reported only together, as a bundle "a+b" exposed wherever any member is up. Pairs link transitively.
- A channel (or bundle) whose exposure never goes off once on is "staggered" (Callaway–Sant'Anna on its
  first switch-on); one that goes off somewhere is "switching" (de Chaisemartin–D'Haultfœuille).
- Fewer than 5 units switched on during the panel, or fewer than 5 comparison units, is not enough.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd

from insights.estimators.panel import Panel

BUNDLE_OVERLAP = 0.70
MIN_SWITCHED_ON = 5
MIN_COMPARISON = 5


def switch_events(panel: Panel, channel: str) -> set[tuple[str, int, int]]:
    """The ward-months where the channel went up (+1) or down (−1): (unit, period, direction)."""
    exposure = panel.data.pivot(index="unit", columns="period", values=channel).sort_index()
    changes = np.diff(exposure.to_numpy(dtype=int), axis=1)
    units, steps = np.nonzero(changes)
    return {
        (exposure.index[unit], int(step) + 2, int(changes[unit, step])) for unit, step in zip(units, steps, strict=True)
    }


def exposure_overlap(panel: Panel, channels: list[str] | None = None) -> dict[tuple[str, str], float]:
    """For each pair of channels, the share of the rarer one's switches made in the same ward and month by the other.

    Switches (a channel going up or down in a ward) are what identify an effect, so they are what must not
    coincide. Exposure itself is not compared: two channels rolled out independently both end up in every
    ward, and their later months coincide without making them inseparable.
    """
    channels = channels or panel.channels
    events = {channel: switch_events(panel, channel) for channel in channels}
    overlap: dict[tuple[str, str], float] = {}
    for first, second in combinations(channels, 2):
        smaller = min(len(events[first]), len(events[second]))
        overlap[(first, second)] = len(events[first] & events[second]) / smaller if smaller else 0.0
    return overlap


def bundles(
    channels: list[str], overlap: dict[tuple[str, str], float], threshold: float = BUNDLE_OVERLAP
) -> list[list[str]]:
    """Groups of channels linked by an overlap ≥ threshold (single channels are groups of one), in panel order."""
    parent = {channel: channel for channel in channels}

    def root(channel: str) -> str:
        while parent[channel] != channel:
            parent[channel] = parent[parent[channel]]
            channel = parent[channel]
        return channel

    for (first, second), share in overlap.items():
        if share >= threshold:
            parent[root(second)] = root(first)
    groups: dict[str, list[str]] = {}
    for channel in channels:
        groups.setdefault(root(channel), []).append(channel)
    return list(groups.values())


@dataclass
class ExposureDesign:
    """How one channel or bundle was switched on across the panel's units."""

    name: str
    members: list[str]
    exposure: pd.DataFrame  # units × periods, 0/1
    staggered: bool  # never switched off once on
    switched_on: int  # units off in the first period and on later
    always_on: int  # units on in every period
    never_on: int
    not_yet_comparison: int  # switched-on units still off when the earliest ones switched on
    switch_off_units: int
    stable_units: int  # units whose exposure never changes
    changing_units: int  # units whose exposure changes at least once
    first_treat: pd.Series  # per unit: first period on (0 = never), for staggered designs

    @property
    def control_group(self) -> str:
        return "never_treated" if self.never_on >= MIN_COMPARISON else "not_yet_treated"

    @property
    def comparison_units(self) -> int:
        if not self.staggered:
            return self.stable_units
        if self.control_group == "never_treated":
            return self.never_on
        return self.never_on + self.not_yet_comparison

    @property
    def switching_units(self) -> int:
        return self.switched_on if self.staggered else self.changing_units


def describe_exposure(panel: Panel, members: list[str]) -> ExposureDesign:
    exposure = panel.data.pivot(index="unit", columns="period", values=members[0]).sort_index()
    for member in members[1:]:
        exposure = exposure | panel.data.pivot(index="unit", columns="period", values=member).sort_index()
    matrix = exposure.to_numpy(dtype=int)
    changes = np.diff(matrix, axis=1)
    staggered = bool((changes >= 0).all())
    ever_on = matrix.any(axis=1)
    on_first = matrix[:, 0] == 1
    first_on = np.where(ever_on, matrix.argmax(axis=1) + 1, 0)
    switched_on = ever_on & ~on_first
    earliest = first_on[switched_on].min() if switched_on.any() else 0
    return ExposureDesign(
        name="+".join(members),
        members=members,
        exposure=exposure.astype(int),
        staggered=staggered,
        switched_on=int(switched_on.sum()),
        always_on=int(matrix.all(axis=1).sum()),
        never_on=int((~ever_on).sum()),
        not_yet_comparison=int((switched_on & (first_on > earliest)).sum()),
        switch_off_units=int((changes < 0).any(axis=1).sum()),
        stable_units=int((changes == 0).all(axis=1).sum()),
        changing_units=int((changes != 0).any(axis=1).sum()),
        first_treat=pd.Series(first_on, index=exposure.index, name="first_treat"),
    )


def staggered_frame(panel: Panel, design: ExposureDesign) -> pd.DataFrame:
    """The long frame for Callaway–Sant'Anna: units on from the first period are left out (no before)."""
    frame = panel.data[["unit", "period", "outcome"]].merge(design.first_treat.rename("first_treat"), on="unit")
    always = design.exposure.index[design.exposure.iloc[:, 0].to_numpy() == 1]
    return frame[~frame["unit"].isin(always)].reset_index(drop=True)
