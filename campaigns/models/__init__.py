from campaigns.models.approval import UnitApprovalTask, UnitApprovalTaskState
from campaigns.models.campaign import CampaignPage, CampaignTarget
from campaigns.models.guide import GuidePage
from campaigns.models.metrics import Metric
from campaigns.models.services import PublicService, ServiceIndexPage
from campaigns.models.video import VideoCaption, VideoChapter, VideoPage

__all__ = [
    "CampaignPage",
    "CampaignTarget",
    "GuidePage",
    "Metric",
    "PublicService",
    "ServiceIndexPage",
    "UnitApprovalTask",
    "UnitApprovalTaskState",
    "VideoCaption",
    "VideoChapter",
    "VideoPage",
]
