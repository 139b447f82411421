"""Broadcast lift, old method against new, over seeded simulations (not a test: run by hand).

    .venv/bin/python tests/bench/broadcast_placebo_bench.py [--runs 200]

Each run simulates one loudspeaker code (tests/insights/broadcast_sim.py): live two weeks into an
eight-week period, growing threefold, busiest on Mondays and Thursdays, when it is aired at 17:00.
Printed: the share of airings called a lift with no true effect (the false-lift rate) for main's method
(the hour after against the mean of that hour on every other day without an airing, a lift at ≥ 2 scans)
and for insights.broadcast (within the day, quiet live days, exact 95 % interval above 1), the placebo
false-alarm rate that the dashboard shows next to the figures, and with a planted lift the share found
and the share of intervals covering the true ratio.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")

import django

django.setup()

import numpy as np  # noqa: E402

from insights.broadcast import Verdict  # noqa: E402
from tests.insights.broadcast_sim import new_method, old_method_claims, simulate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--lift", type=float, default=6.0, help="extra scans planted in the hour after")
    runs = parser.parse_args().runs
    planted = parser.parse_args().lift
    started = time.perf_counter()
    old, new, placebo_rates, unreliable = [], [], [], 0
    for seed in range(runs):
        code = simulate(seed)
        old += old_method_claims(code)
        assessed, placebo = new_method(code, seed=seed)
        new += [result.verdict == Verdict.LIFT for result in assessed]
        unreliable += sum(result.verdict == Verdict.UNRELIABLE for result in assessed)
        placebo_rates.append(placebo.rate)
    found, covered, old_found = [], [], []
    for seed in range(runs):
        code = simulate(10_000 + seed, lift=planted)
        old_found += old_method_claims(code)
        assessed, _placebo = new_method(code, seed=seed)
        for index, result in enumerate(assessed):
            found.append(result.verdict == Verdict.LIFT)
            covered.append(result.ratio_low <= code.true_ratio(index) <= result.ratio_high)
    seconds = time.perf_counter() - started
    print(f"{runs} runs per design, {len(old)} airings with no effect, {len(found)} with +{planted:g} scans")
    print(f"{'':44}{'old (main)':>12}{'new':>12}")
    print(f"{'no effect: airings called a lift':44}{np.mean(old):>12.1%}{np.mean(new):>12.1%}")
    print(f"{'no effect: placebo false-alarm rate shown':44}{'—':>12}{np.mean(placebo_rates):>12.1%}")
    print(f"{'no effect: held back (placebos > 10 %)':44}{'—':>12}{unreliable / len(old):>12.1%}")
    print(f"{'planted lift: airings called a lift':44}{np.mean(old_found):>12.1%}{np.mean(found):>12.1%}")
    print(f"{'planted lift: 95 % interval covers the truth':44}{'none shown':>12}{np.mean(covered):>12.1%}")
    print(f"ratio of false-lift rates old/new: {np.mean(old) / max(np.mean(new), 1e-9):.1f}; {seconds:.0f} s")


if __name__ == "__main__":
    main()
