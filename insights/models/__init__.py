from insights.models.broadcasts import BroadcastAiring
from insights.models.figures import AdoptionFigure, FigureImport
from insights.models.rollups import DailyPlacementRollup, HourlyPlacementScans, RollupWatermark

__all__ = [
    "AdoptionFigure",
    "BroadcastAiring",
    "DailyPlacementRollup",
    "FigureImport",
    "HourlyPlacementScans",
    "RollupWatermark",
]
