"""Stepped-wedge roll-outs with a known truth: interval coverage and randomisation-inference size and power.

    .venv/bin/python tests/bench/rollout_bench.py [--runs 200] [--draws 500] [--effect 2.0]

Each run simulates tests/insights/rollout/simulate.py's roll-out (24 wards in two strata drawn into 4 waves by
`draw_waves`, 6 periods, a secular trend of 1.2 per period plus a common bump per period, ward levels, noise
sd 2) and analyses it with `insights.rollout.analysis.analyse_rollout` (intention-to-treat Callaway–Sant'Anna,
not-yet-treated comparison, RI p-value from `draws` re-draws with the plan's strata).
Printed: with the planted effect, the mean estimate, how often the 95 % interval covered it, how often RI
p < 0.05 (power) and how often the words were causal; under the null (effect 0), how often RI p < 0.05 and
the interval excluded 0 (false positives), and how often causal words were used; with 5 of 24 wards starting
one period late (analysed as planned), the mean estimate (intention-to-treat dilution); the time per analysis
and per RI; for comparison, what refitting diff-diff for every draw would cost; and the design's power by
Hussey–Hughes and for the analysis actually run (`analysis_power`), then with τ and σ estimated from a history by
`history_variance` (the planner's and `rollout_power --history`'s function).
Goals (issue 24): coverage ≥ 90 %; RI false-positive rate ≈ 5 % (≤ 8 %).
"""

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from insights.estimators import did
from insights.rollout.analysis import CAUSAL, analyse_rollout
from insights.rollout.history import history_variance
from insights.rollout.power import analysis_power, stepped_wedge_power
from tests.insights.rollout.simulate import simulate_rollout


def percent(count: int, total: int) -> str:
    return f"{100 * count / total:5.1f} % ({count}/{total})"


def run(runs: int, draws: int, effect: float, deviations: int = 0, offset: int = 0):
    results, seconds = [], []
    for seed in range(runs):
        sim = simulate_rollout(offset + seed, effect=effect, deviations=deviations)
        started = time.perf_counter()
        results.append(
            analyse_rollout(
                sim.panel, sim.assignment, strata=sim.strata, seed=seed, draws=draws, deviating_wards=deviations
            )
        )
        seconds.append(time.perf_counter() - started)
    return results, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--draws", type=int, default=500)
    parser.add_argument("--effect", type=float, default=2.0)
    args = parser.parse_args()
    runs, draws, effect = args.runs, args.draws, args.effect

    planted, seconds = run(runs, draws, effect)
    covered = sum(r.ci_low <= effect <= r.ci_high for r in planted)
    print(f"Planted effect {effect} ({runs} runs, {draws} re-draws each)")
    print(
        f"  mean estimate {np.mean([r.estimate for r in planted]):.3f} (sd {np.std([r.estimate for r in planted]):.3f})"
    )
    print(f"  95 % interval covers the effect: {percent(covered, runs)}   goal ≥ 90 %")
    print(f"  RI p < 0.05 (power): {percent(sum(r.ri_p_value < 0.05 for r in planted), runs)}")
    print(f"  interval excludes 0: {percent(sum(r.excludes_zero for r in planted), runs)}")
    print(f"  causal words: {percent(sum(r.verdict_code == CAUSAL for r in planted), runs)}")

    null, null_seconds = run(runs, draws, 0.0, offset=100_000)
    print(f"Null (effect 0, {runs} runs)")
    print(
        f"  RI p < 0.05 (false positives): {percent(sum(r.ri_p_value < 0.05 for r in null), runs)}   goal ≈ 5 %, ≤ 8 %"
    )
    print(f"  interval excludes 0: {percent(sum(r.excludes_zero for r in null), runs)}")
    print(f"  causal words: {percent(sum(r.verdict_code == CAUSAL for r in null), runs)}")
    ps = np.array([r.ri_p_value for r in null])
    print(
        f"  RI p-values: mean {ps.mean():.3f}, share ≤ 0.10 {np.mean(ps <= 0.10):.3f}, "
        f"share ≤ 0.50 {np.mean(ps <= 0.5):.3f}"
    )

    late, _ = run(runs, draws, effect, deviations=5, offset=200_000)
    print(f"5 of 24 wards start one period late, analysed as planned ({runs} runs)")
    print(
        f"  mean estimate {np.mean([r.estimate for r in late]):.3f} (planted {effect}: intention-to-treat dilutes it)"
    )
    print(
        "  95 % interval covers the planted effect: "
        f"{percent(sum(r.ci_low <= effect <= r.ci_high for r in late), runs)}"
    )

    all_seconds = seconds + null_seconds
    ri = [r.ri_seconds for r in planted + null]
    print(f"Time per analysis: median {np.median(all_seconds) * 1000:.0f} ms, max {max(all_seconds) * 1000:.0f} ms")
    print(
        f"  of which RI ({draws} re-draws with draw_waves + the numpy statistic): median {np.median(ri) * 1000:.0f} ms"
    )
    sim = simulate_rollout(0, effect=effect)
    frame = sim.panel.assign(first_treat=sim.panel["unit"].map(sim.assignment))
    started = time.perf_counter()
    for _ in range(20):
        did.callaway_santanna(frame, control_group="not_yet_treated", df=23, by_group=False)
    refit = (time.perf_counter() - started) / 20
    print(f"  refitting diff-diff instead: {refit * 1000:.0f} ms per draw, {refit * draws:.1f} s for {draws} draws")
    model = {"n": 1, "mu0": 0.0, "mu1": effect, "tau": 3.0, "distn": "gaussian", "sigma": 2.0}
    print(f"Power of this design for {effect} (ward SD τ = 3, cell SD 2; the 6th period adds nothing to CS):")
    print(f"  Hussey–Hughes (GLS, stepped_wedge_power): {stepped_wedge_power([6, 6, 6, 6], **model):.3f}")
    print(f"  Callaway–Sant'Anna, known variance (analysis_power): {analysis_power([6, 6, 6, 6], **model):.3f}")
    # What the planner would have seen: τ and σ estimated from a history (a run with no effect) by the planner's
    # own history_variance; the urban strata's +4 is part of the wards' lasting differences, so τ is above 3.
    history = history_variance(simulate_rollout(0, effect=0.0).panel)
    estimated = {**model, "tau": history.tau, "sigma": history.sigma}
    print(
        f"  from a history by history_variance ({history.wards} wards × {history.periods} periods: "
        f"τ = {history.tau:.2f}, σ = {history.sigma:.2f}): Hussey–Hughes "
        f"{stepped_wedge_power([6, 6, 6, 6], **estimated):.3f}"
    )


if __name__ == "__main__":
    main()
