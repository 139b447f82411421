"""Stepped-wedge roll-outs of a channel: power before commitment, the random ward order, the analysis by design.

Pure numpy/scipy/pandas (and diff-diff through `insights.estimators`); no database access, no Django imports,
so the planner's admin views, the `rollout_power` command and the benchmarks call the same code.

- `insights.rollout.power`: Hussey & Hughes (2007) power and minimum detectable effect (swCRTdesign's `swPwr`).
- `insights.rollout.randomise`: `draw_waves` — the seeded, stratified random order of wards in waves.
- `insights.rollout.history`: `history_variance` — the between-ward SD τ and month-to-month SD σ of a metric's
  history (two-way ANOVA); the one place they are computed: the planner's `metric_history`,
  `rollout_power --history` and the benchmark call it.
- `insights.rollout.analysis`: `analyse_rollout` — intention-to-treat Callaway–Sant'Anna with a
  randomisation-inference p-value.
"""
