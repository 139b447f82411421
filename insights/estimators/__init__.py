"""Honest channel attribution: heterogeneity-robust difference-in-differences over a ward × month panel.

Pure Python on numpy, pandas, scipy and diff-diff; it imports nothing from Django, so the dashboard, the
monthly report, the `estimate_effects` command and the benchmarks call the same code.

Entry point: `estimate_channel_effects(panel, *, channels, outcome_kind, randomised)` → `list[ChannelEffect]`.
"""

from insights.estimators.effects import effects_as_json, estimate_channel_effects, estimate_effects_file
from insights.estimators.panel import Panel, PanelError, check_panel, read_panel_csv
from insights.estimators.verdicts import VERDICTS, ChannelEffect

__all__ = [
    "VERDICTS",
    "ChannelEffect",
    "Panel",
    "PanelError",
    "check_panel",
    "effects_as_json",
    "estimate_channel_effects",
    "estimate_effects_file",
    "read_panel_csv",
]
