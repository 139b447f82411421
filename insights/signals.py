"""Placements and airings decide where a channel was up: when one is saved or deleted, the cached
channel-effect estimates are stale. A conversion deleted after it was counted (undone at the service-point desk)
is taken out of its placement's rollup at once."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from insights.impact_cache import invalidate_channel_effects
from insights.models import BroadcastAiring
from insights.rollups import refresh_placement_day
from tracking.models import Conversion, Placement


@receiver(post_save, sender=BroadcastAiring, dispatch_uid="insights_airing_saved")
@receiver(post_delete, sender=BroadcastAiring, dispatch_uid="insights_airing_deleted")
@receiver(post_save, sender=Placement, dispatch_uid="insights_placement_saved")
@receiver(post_delete, sender=Placement, dispatch_uid="insights_placement_deleted")
def forget_channel_effects(**kwargs) -> None:
    transaction.on_commit(invalidate_channel_effects)


@receiver(post_delete, sender=Conversion, dispatch_uid="insights_conversion_deleted")
def recount_withdrawn_conversion(instance: Conversion, **kwargs) -> None:
    if instance.placement_id is None:
        return
    placement_id, day = instance.placement_id, timezone.localdate(instance.occurred_at, timezone.get_default_timezone())
    transaction.on_commit(lambda: refresh_placement_day(placement_id=placement_id, day=day))
