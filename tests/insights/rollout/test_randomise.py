"""The random ward order: reproducible from its seed, strata spread evenly, every ward equally likely in every
wave (χ² over 1,000 draws with the seeds 0…999). No database."""

from collections import Counter

import numpy as np
import pytest
from scipy import stats

from insights.rollout.randomise import RandomisationError, draw_waves, wave_sizes

WARDS = [f"X{number:02d}" for number in range(12)]


def test_the_same_seed_gives_the_same_order_whatever_the_order_passed():
    first = draw_waves(WARDS, 4, seed=2026)
    assert draw_waves(WARDS, 4, seed=2026) == first
    assert draw_waves(list(reversed(WARDS)), 4, seed=2026) == first
    assert draw_waves(WARDS, 4, seed=2027) != first
    assert sorted(ward for wave in first for ward in wave) == WARDS


def test_wave_sizes_are_as_equal_as_possible_and_known_before_the_draw():
    assert wave_sizes(12, 5) == [3, 3, 2, 2, 2]
    for seed in range(20):
        assert [len(wave) for wave in draw_waves(WARDS, 5, seed=seed)] == [3, 3, 2, 2, 2]
    assert [len(wave) for wave in draw_waves(range(7), 7, seed=1)] == [1] * 7


def test_strata_are_spread_evenly_over_the_waves():
    strata = {ward: ("đô thị" if index < 5 else "nông thôn") for index, ward in enumerate(WARDS)}
    for seed in range(50):
        waves = draw_waves(WARDS, 3, seed=seed, strata=strata)
        assert [len(wave) for wave in waves] == [4, 4, 4]
        urban = [sum(strata[ward] == "đô thị" for ward in wave) for wave in waves]
        assert sorted(urban) in ([1, 2, 2],), urban  # 5 urban wards over 3 waves: 2, 2, 1 in some order


@pytest.mark.parametrize(
    ("wards", "waves", "strata", "seed"),
    [
        (WARDS[:3], 4, None, 1),
        (WARDS, 1, None, 1),
        (WARDS, 0, None, 1),
        ([*WARDS, "X00"], 3, None, 1),
        (WARDS, 3, {"X00": "a"}, 1),
        (WARDS, 3, None, -1),
    ],
)
def test_bad_draws_are_refused_in_vietnamese(wards, waves, strata, seed):
    with pytest.raises(RandomisationError) as error:
        draw_waves(wards, waves, seed=seed, strata=strata)
    assert isinstance(error.value, ValueError)
    assert any(letter in str(error.value) for letter in "ăâđêôơưạảấầếềệọờợ")


def test_fewer_wards_than_waves_says_how_many():
    with pytest.raises(ValueError, match="Chỉ có 3 xã/phường cho 4 đợt"):
        draw_waves(WARDS[:3], 4, seed=1)


def _wave_counts(waves: int, strata=None, draws: int = 1000) -> np.ndarray:
    counts = np.zeros((len(WARDS), waves))
    for seed in range(draws):
        for wave, members in enumerate(draw_waves(WARDS, waves, seed=seed, strata=strata)):
            for ward in members:
                counts[WARDS.index(ward), wave] += 1
    return counts


@pytest.mark.parametrize(
    "strata",
    [None, {ward: ("a" if index % 3 == 0 else "b") for index, ward in enumerate(WARDS)}],
    ids=["unstratified", "stratified"],
)
def test_every_ward_is_equally_likely_in_every_wave(strata):
    counts = _wave_counts(3, strata)
    assert (counts.sum(axis=1) == 1000).all()
    # Each ward's 1,000 waves against the uniform 1/3: Bonferroni over the 12 wards.
    per_ward = stats.chisquare(counts, axis=1)
    assert per_ward.pvalue.min() > 0.01 / len(WARDS), per_ward.pvalue
    # The whole table: Pearson's χ² with (wards − 1)(waves − 1) degrees of freedom (rows and columns are fixed).
    rows, columns = counts.shape
    table = stats.chisquare(counts.ravel(), ddof=rows * columns - 1 - (rows - 1) * (columns - 1))
    assert table.pvalue > 0.01, table


def test_the_chi_square_check_catches_a_biased_draw():
    """The same check on a draw that keeps the canonical order (no shuffling) must fail: the test can fail."""
    counts = np.zeros((len(WARDS), 3))
    for _seed in range(1000):
        for index in range(len(WARDS)):
            counts[index, index % 3] += 1
    assert stats.chisquare(counts, axis=1).pvalue.min() < 1e-6


def test_a_stratum_smaller_than_the_number_of_waves_lands_in_any_wave():
    strata = {ward: ("nhỏ" if ward == "X05" else "lớn") for ward in WARDS}
    seen = Counter()
    for seed in range(300):
        for wave, members in enumerate(draw_waves(WARDS, 3, seed=seed, strata=strata)):
            if "X05" in members:
                seen[wave] += 1
    assert stats.chisquare([seen[0], seen[1], seen[2]]).pvalue > 0.01
