"""Placements and airings decide where a channel was up: when one is saved or deleted, the cached
channel-effect estimates are stale."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from insights.impact import invalidate_channel_effects
from insights.models import BroadcastAiring
from tracking.models import Placement


@receiver(post_save, sender=BroadcastAiring, dispatch_uid="insights_airing_saved")
@receiver(post_delete, sender=BroadcastAiring, dispatch_uid="insights_airing_deleted")
@receiver(post_save, sender=Placement, dispatch_uid="insights_placement_saved")
@receiver(post_delete, sender=Placement, dispatch_uid="insights_placement_deleted")
def forget_channel_effects(**kwargs) -> None:
    transaction.on_commit(invalidate_channel_effects)
