"""A membership saved or deleted: the user joins or leaves the role's groups, and Wagtail's log says so."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import Signal, receiver

from places.audit import MEMBERSHIP_CHANGED, MEMBERSHIP_GRANTED, MEMBERSHIP_REVOKED, log_membership, membership_data
from places.models import Membership
from places.roles import join_role_groups, leave_role_groups

# Sent once per import that wrote service points (saved in bulk, so without a post_save each), with
# `points`: what listens to a point's post_save (the rendered-page cache, the CDN) listens to this too.
service_points_imported = Signal()


@receiver(pre_save, sender=Membership, dispatch_uid="places.membership_remember_previous")
def remember_previous_membership(sender, instance: Membership, raw: bool = False, **kwargs) -> None:
    instance._previous = None
    if raw or instance.pk is None:
        return
    instance._previous = Membership.objects.filter(pk=instance.pk).select_related("user", "unit").first()


@receiver(post_save, sender=Membership, dispatch_uid="places.membership_saved")
def membership_saved(sender, instance: Membership, created: bool, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    previous = getattr(instance, "_previous", None)
    join_role_groups(user=instance.user, role=instance.role)
    if created or previous is None:
        log_membership(membership=instance, action=MEMBERSHIP_GRANTED)
        return
    if (previous.user_id, previous.unit_id, previous.role) == (instance.user_id, instance.unit_id, instance.role):
        return
    leave_role_groups(user=previous.user, role=previous.role)
    log_membership(membership=instance, action=MEMBERSHIP_CHANGED, previous=membership_data(previous))


@receiver(post_delete, sender=Membership, dispatch_uid="places.membership_deleted")
def membership_deleted(sender, instance: Membership, **kwargs) -> None:
    leave_role_groups(user=instance.user, role=instance.role)
    log_membership(membership=instance, action=MEMBERSHIP_REVOKED)
