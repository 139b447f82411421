"""The random order of wards in a stepped-wedge roll-out: waves drawn with a recorded seed, within strata.

Public API (stable; the planner UI and `insights.rollout.analysis` build on it):

- `wave_sizes(n_wards: int, waves: int) -> list[int]` — the wave sizes `draw_waves` produces: as equal as
  possible, the earlier waves one larger when the wards do not divide evenly (12 wards in 5 waves: 3, 3, 2,
  2, 2). Known before the draw, so the power of a plan can be computed before it is drawn.
- `draw_waves(ward_ids, waves, seed, strata=None) -> list[list]` — `waves` lists of ward ids, wave 1 first.
  * Deterministic: the result depends only on the set of ward ids, `waves`, `seed` and `strata` (the ids are
    put in sorted order first, so the order in which they are passed does not matter). Randomness is numpy's
    `Generator` (PCG64) from `np.random.default_rng(seed)`.
  * Strata (a mapping ward id → stratum label, e.g. a group of wards, urban/rural, a baseline tertile): each
    stratum is spread over the waves as evenly as possible (each wave gets ⌊m/W⌋ or ⌈m/W⌉ of a stratum of m
    wards), and the order within a stratum is random.
  * Every ward is equally likely to land in each wave of a given size (uniform over the waves when the wards
    divide evenly): after dealing, the labels of waves of equal size are permuted at random.
  * Bad input raises `RandomisationError(ValueError)` with a Vietnamese message: fewer than 2 waves (one wave
    is no stepped wedge), fewer wards than waves, a ward listed twice, a ward with no stratum, a seed that is
    not a non-negative integer.

How: strata are taken in a random order; within each, the wards are shuffled; the concatenated list is dealt
round-robin (position k → wave k mod W), which gives equal wave sizes and spreads every stratum evenly,
since a stratum occupies consecutive positions; finally waves of the same size swap labels at random.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

import numpy as np


class RandomisationError(ValueError):
    """Bad input for a draw; the message is Vietnamese and safe to show."""


def wave_sizes(n_wards: int, waves: int) -> list[int]:
    """Sizes of the waves `draw_waves` makes for `n_wards` wards: equal, the first `n_wards % waves` one larger."""
    _check_counts(n_wards, waves)
    base, extra = divmod(n_wards, waves)
    return [base + (1 if wave < extra else 0) for wave in range(waves)]


def _check_counts(n_wards: int, waves: int) -> None:
    if isinstance(waves, bool) or not isinstance(waves, (int, np.integer)) or waves < 2:
        raise RandomisationError(
            "Cần ít nhất hai đợt: khi mọi xã/phường bắt đầu cùng lúc thì không có xã nào để so sánh."
        )
    if n_wards < waves:
        raise RandomisationError(
            f"Chỉ có {n_wards} xã/phường cho {waves} đợt: mỗi đợt cần ít nhất một xã/phường. "
            "Hãy giảm số đợt hoặc chọn thêm xã/phường."
        )


def _canonical(ward_ids: Sequence[Hashable]) -> list:
    try:
        return sorted(ward_ids)
    except TypeError:
        return sorted(ward_ids, key=repr)


def draw_waves(
    ward_ids: Sequence[Hashable],
    waves: int,
    seed: int,
    strata: Mapping[Hashable, str] | None = None,
) -> list[list]:
    """Draw the order of the wards into `waves` waves (see the module docstring)."""
    wards = list(ward_ids)
    if len(set(wards)) != len(wards):
        raise RandomisationError("Danh sách có xã/phường bị lặp lại; mỗi xã/phường chỉ được bốc thăm một lần.")
    _check_counts(len(wards), waves)
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise RandomisationError("Hạt giống ngẫu nhiên (seed) phải là số nguyên không âm.")
    wards = _canonical(wards)
    if strata is not None:
        missing = [ward for ward in wards if ward not in strata]
        if missing:
            shown = ", ".join(str(ward) for ward in missing[:5]) + ("…" if len(missing) > 5 else "")
            raise RandomisationError(f"Chưa xếp nhóm (tầng) cho xã/phường: {shown}.")
        labels = sorted({str(strata[ward]) for ward in wards})
        groups = {label: [ward for ward in wards if str(strata[ward]) == label] for label in labels}
    else:
        labels = [""]
        groups = {"": wards}

    rng = np.random.default_rng(int(seed))
    order: list = []
    for position in rng.permutation(len(labels)):
        members = groups[labels[position]]
        order.extend(members[i] for i in rng.permutation(len(members)))

    dealt: list[list] = [[] for _ in range(waves)]
    for position, ward in enumerate(order):
        dealt[position % waves].append(ward)

    # Waves of the same size swap labels at random, so that no wave is favoured by its place in the dealing.
    sizes = [len(wave) for wave in dealt]
    result: list[list] = [[] for _ in range(waves)]
    for size in sorted(set(sizes), reverse=True):
        same = [wave for wave in range(waves) if sizes[wave] == size]
        for target, source in zip(same, rng.permutation(same), strict=True):
            result[target] = dealt[int(source)]
    return result
