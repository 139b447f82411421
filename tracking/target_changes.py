"""Changing where a printed code leads: requested by an editor, accepted or rejected by the unit's approver, logged."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from places.models import Role
from places.selectors import user_may_act_on
from tracking.models import Placement, TargetChange, TargetChangeStatus


def may_decide(*, user, change: TargetChange) -> bool:
    """Approvers of the placement's unit (or of a unit above it) decide; nobody decides their own request."""
    if change.requested_by_id == user.pk and not user.is_superuser:
        return False
    return user_may_act_on(user=user, unit=change.placement.unit, roles=[Role.APPROVER])


@transaction.atomic
def request_target_change(*, placement: Placement, to_page, to_url: str, user) -> TargetChange:
    """Record a pending change; the placement keeps leading where it leads until an approver accepts."""
    change = TargetChange.objects.create(
        placement=placement,
        from_page_id=placement.target_page_id,
        from_url=placement.target_url,
        to_page=to_page,
        to_url=to_url or "",
        requested_by=user,
    )
    log(instance=placement, action="tracking.target_change_requested", user=user, data=_log_data(change))
    return change


@transaction.atomic
def decide_target_change(*, change: TargetChange, user, accept: bool) -> TargetChange:
    if change.status != TargetChangeStatus.PENDING:
        raise ValueError("This change has already been decided.")
    if not may_decide(user=user, change=change):
        raise PermissionError("Only an approver of the placement's unit may decide.")
    change.status = TargetChangeStatus.ACCEPTED if accept else TargetChangeStatus.REJECTED
    change.decided_by = user
    change.decided_at = timezone.now()
    change.save()
    placement = change.placement
    if accept:
        placement.target_page = change.to_page
        placement.target_url = change.to_url
        placement.save(update_fields=["target_page", "target_url"])
    action = "tracking.target_change_accepted" if accept else "tracking.target_change_rejected"
    log(instance=placement, action=action, user=user, data=_log_data(change))
    return change


def _log_data(change: TargetChange) -> dict:
    return {"change_id": change.pk, "from": change.describe_from(), "to": change.describe_to()}
