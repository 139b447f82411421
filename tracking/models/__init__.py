from tracking.models.channels import Channel, ChannelKind
from tracking.models.conversions import Conversion, ConversionAction, ConversionSource
from tracking.models.over_limit import OverLimitTaps
from tracking.models.placements import CodeKind, IssuedCode, Placement, PlacementStatus
from tracking.models.scans import DailySalt, DeviceClass, ScanEvent
from tracking.models.target_changes import TargetChange, TargetChangeStatus

__all__ = [
    "Channel",
    "ChannelKind",
    "CodeKind",
    "Conversion",
    "ConversionAction",
    "ConversionSource",
    "DailySalt",
    "DeviceClass",
    "IssuedCode",
    "OverLimitTaps",
    "Placement",
    "PlacementStatus",
    "ScanEvent",
    "TargetChange",
    "TargetChangeStatus",
]
