"""The one entry point: each channel's effect, verdict and reason from a ward × month panel."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from insights.estimators import did
from insights.estimators import verdicts as v
from insights.estimators.design import (
    MIN_COMPARISON,
    MIN_SWITCHED_ON,
    ExposureDesign,
    bundles,
    describe_exposure,
    exposure_overlap,
    staggered_frame,
)
from insights.estimators.panel import Panel, check_panel, negative_growth_warning, read_panel_csv

OUTCOME_KINDS = ("growth", "level")


def estimate_channel_effects(
    panel: pd.DataFrame | Panel,
    *,
    channels: list[str] | None = None,
    outcome_kind: str = "growth",
    randomised: bool = False,
    diagnostics: bool = True,
) -> list[v.ChannelEffect]:
    """Estimate, for each channel of a ward × month panel, its effect on the outcome and what may be said of it.

    `panel` is a `Panel` or a DataFrame with the columns `unit`, `month` (YYYY-MM), `outcome`, one 0/1
    exposure column per channel slug (from placements: when the channel was up in the ward, never from
    scans) and optionally `residents`; `channels` limits the exposure columns used (default: all).
    `outcome_kind` is "growth" (the outcome already is the period's growth; negative values are warned
    about) or "level" (e.g. log employment); the outcome is never transformed. `randomised` says the
    roll-out was randomised, which alone allows causal words (`evidence_level`).

    Returns one `ChannelEffect` per channel in panel order and then one per bundle of co-deployed channels
    (whose members get `cannot_separate`). A channel the panel cannot identify gets `not_enough_data` and a
    reason, never a figure. Raises `PanelError` for a panel that is unusable as a whole.
    `diagnostics` adds the old two-way fixed-effects figure (Goodman-Bacon) to staggered channels.
    """
    if outcome_kind not in OUTCOME_KINDS:
        raise ValueError(f"outcome_kind must be one of {OUTCOME_KINDS}, not {outcome_kind!r}")
    if not isinstance(panel, Panel):
        panel = check_panel(panel, channels=channels)
    channels = list(channels or panel.channels)
    notes = list(panel.warnings)
    if outcome_kind == "growth":
        negative = negative_growth_warning(panel)
        if negative:
            notes.append(negative)

    by_unit = panel.data.groupby("unit")["outcome"]
    within_unit_range = by_unit.max() - by_unit.min()  # vectorised: a Python lambda per unit took seconds
    constant = bool((within_unit_range <= 1e-12 * max(1.0, panel.data["outcome"].abs().max())).all())
    evidence = v.RANDOMISED if randomised else v.OBSERVATIONAL

    singles: list[v.ChannelEffect] = []
    grouped: list[v.ChannelEffect] = []
    # A channel the design cannot identify on its own (in too few wards, everywhere at once) is refused
    # first, so that it does not pull identifiable channels into a bundle with it.
    candidates = []
    for channel in channels:
        design = describe_exposure(panel, [channel])
        problem = _identification_problem(design, constant=constant)
        if problem:
            singles.append(_refuse(design, problem, evidence=evidence, notes=notes))
        else:
            candidates.append(channel)
    overlap = exposure_overlap(panel, candidates)
    for group in bundles(candidates, overlap):
        if len(group) == 1:
            singles.append(
                _estimate(panel, group, constant=constant, evidence=evidence, notes=notes, diagnostics=diagnostics)
            )
            continue
        shares = [overlap.get((a, b), overlap.get((b, a), 0.0)) for a in group for b in group if a < b]
        bundle = _estimate(panel, group, constant=constant, evidence=evidence, notes=notes, diagnostics=diagnostics)
        bundle.reason = f"{v.reason_bundle(group, max(shares))} {bundle.reason}"
        grouped.append(bundle)
        for member in group:
            partners = [other for other in group if other != member]
            share = max(overlap.get((member, o), overlap.get((o, member), 0.0)) for o in partners)
            code, reason = v.reason_bundled(bundle.channel, ", ".join(partners), share)
            singles.append(
                v.ChannelEffect(
                    channel=member,
                    members=[member],
                    method=None,
                    estimate=None,
                    ci_low=None,
                    ci_high=None,
                    verdict=v.CANNOT_SEPARATE,
                    reason=reason,
                    reason_code=code,
                    evidence_level=evidence,
                    warnings=list(notes),
                )
            )
    order = {channel: position for position, channel in enumerate(channels)}
    singles.sort(key=lambda effect: order[effect.channel])
    return singles + grouped


def _refuse(
    design: ExposureDesign, code_reason: tuple[str, str], *, evidence: str, notes: list[str]
) -> v.ChannelEffect:
    code, reason = code_reason
    return v.ChannelEffect(
        channel=design.name,
        members=design.members,
        method=None,
        estimate=None,
        ci_low=None,
        ci_high=None,
        verdict=v.NOT_ENOUGH_DATA,
        reason=reason,
        reason_code=code,
        evidence_level=evidence,
        switched_on_units=design.switching_units,
        comparison_units=design.comparison_units,
        warnings=list(notes),
    )


def _identification_problem(design: ExposureDesign, *, constant: bool) -> tuple[str, str] | None:
    if design.switching_units == 0:
        if design.never_on == len(design.exposure):
            return v.reason_never_exposed()
        if design.staggered:
            return v.reason_always_exposed()
    if design.staggered:
        first = design.first_treat[design.first_treat > 0]
        if design.switched_on and design.comparison_units == 0 and first.nunique() == 1:
            return v.reason_all_at_once(design.switched_on)
    if design.switching_units < MIN_SWITCHED_ON:
        return v.reason_too_few_switched_on(design.switching_units, MIN_SWITCHED_ON)
    if design.comparison_units < MIN_COMPARISON:
        return v.reason_too_few_comparison(design.comparison_units, MIN_COMPARISON)
    if constant:
        return v.reason_constant_outcome()
    return None


def _estimate(
    panel: Panel, members: list[str], *, constant: bool, evidence: str, notes: list[str], diagnostics: bool
) -> v.ChannelEffect:
    design = describe_exposure(panel, members)
    problem = _identification_problem(design, constant=constant)
    if problem:
        return _refuse(design, problem, evidence=evidence, notes=notes)

    twfe = None
    try:
        if design.staggered:
            frame = staggered_frame(panel, design)
            df = frame["unit"].nunique() - 1
            result = did.callaway_santanna(frame, control_group=design.control_group, df=df, by_group=False)
            effect = result.simple
            pretrend_p = result.pretrend.p_value if result.pretrend else None
            method = f"callaway_santanna/{design.control_group}"
        else:
            outcome = panel.outcome_matrix()
            df = len(outcome) - 1
            switching = did.chaisemartin_dhaultfoeuille(outcome, design.exposure, df=df)
            effect = switching.effect
            pretrend_p = switching.placebo_p_value
            method = "chaisemartin_dhaultfoeuille/did_m"
    except did.EstimationError as error:
        return _refuse(design, v.reason_estimator_failed(str(error)[:200]), evidence=evidence, notes=notes)

    if diagnostics and design.staggered:
        try:
            twfe = did.bacon_decomposition(frame).twfe_estimate
        except did.EstimationError:
            twfe = None

    adjusted = None
    adjusted_error = ""
    if effect.excludes_zero and (pretrend_p is None or pretrend_p >= v.PRETREND_ALPHA):
        try:
            if design.staggered:
                adjusted = did.trend_adjusted_callaway_santanna(result, df=df)
            else:
                adjusted = did.trend_adjusted_did_m(panel.outcome_matrix(), design.exposure, df=df)
        except did.EstimationError as error:
            adjusted_error = str(error)[:200]

    if not effect.excludes_zero:
        code, reason = v.reason_interval_includes_zero()
        verdict = v.NONE
    elif pretrend_p is not None and pretrend_p < v.PRETREND_ALPHA:
        code, reason = v.reason_pretrend(pretrend_p)
        verdict = v.NONE
    elif adjusted is None:
        code, reason = v.reason_trend_unchecked(adjusted_error)
        verdict = v.NONE
    elif not adjusted.excludes_zero:
        code, reason = v.reason_trend_sensitivity()
        verdict = v.NONE
    else:
        verdict = v.POSITIVE if effect.estimate > 0 else v.NEGATIVE
        code, reason = v.reason_effect(verdict, evidence)

    return v.ChannelEffect(
        channel=design.name,
        members=design.members,
        method=method,
        estimate=effect.estimate,
        ci_low=effect.ci_low,
        ci_high=effect.ci_high,
        verdict=verdict,
        reason=reason,
        reason_code=code,
        evidence_level=evidence,
        std_error=effect.std_error,
        switched_on_units=design.switching_units,
        comparison_units=design.comparison_units,
        pretrend_p_value=pretrend_p,
        trend_adjusted_estimate=adjusted.estimate if adjusted else None,
        trend_adjusted_ci_low=adjusted.ci_low if adjusted else None,
        trend_adjusted_ci_high=adjusted.ci_high if adjusted else None,
        twfe_estimate=twfe,
        warnings=list(notes),
    )


def _plain(value):
    """JSON has no NaN: a non-finite number is written as null."""
    if isinstance(value, float | np.floating):
        return float(value) if np.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def effects_as_json(effects: list[v.ChannelEffect]) -> str:
    return json.dumps([_plain(effect.as_json()) for effect in effects], ensure_ascii=False, indent=2)


def estimate_effects_file(
    panel_path: str | Path, result_path: str | Path, *, outcome_kind: str = "growth"
) -> list[v.ChannelEffect]:
    """Read PANEL.csv, estimate, write RESULT.json. A `PanelError` leaves no result file behind."""
    panel = read_panel_csv(panel_path)
    effects = estimate_channel_effects(panel, outcome_kind=outcome_kind)
    Path(result_path).write_text(effects_as_json(effects) + "\n", encoding="utf-8")
    return effects
