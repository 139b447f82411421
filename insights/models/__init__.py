from insights.models.broadcasts import BroadcastAiring
from insights.models.figures import AdoptionFigure, FigureImport
from insights.models.reports import MonthlyReport, MonthlyReportStatus
from insights.models.rollouts import (
    RolloutPlan,
    RolloutStatus,
    RolloutWard,
    StrataChoice,
    WaveUnit,
)
from insights.models.rollups import DailyPlacementRollup, HourlyPlacementScans, RollupWatermark

__all__ = [
    "AdoptionFigure",
    "BroadcastAiring",
    "DailyPlacementRollup",
    "FigureImport",
    "HourlyPlacementScans",
    "MonthlyReport",
    "MonthlyReportStatus",
    "RolloutPlan",
    "RolloutStatus",
    "RolloutWard",
    "RollupWatermark",
    "StrataChoice",
    "WaveUnit",
]
