"""Who may see and change which placements (the unit-scoped policy of places, with tracking's roles), and
who keeps the channel list."""

from wagtail.permission_policies import ModelPermissionPolicy

from places.models import Role
from places.permissions import UnitScopedPermissionPolicy
from tracking.models import Channel, Placement

PLACEMENT_READERS = (Role.CULTURE_OFFICE, Role.WARD_EDITOR, Role.APPROVER, Role.VIEWER)
PLACEMENT_WRITERS = (Role.CULTURE_OFFICE, Role.WARD_EDITOR)

placement_permission_policy = UnitScopedPermissionPolicy(
    Placement,
    roles_by_action={
        "view": PLACEMENT_READERS,
        "add": PLACEMENT_WRITERS,
        "change": PLACEMENT_WRITERS,
        "delete": (Role.CULTURE_OFFICE,),
    },
)


class ChannelPermissionPolicy(ModelPermissionPolicy):
    """Channels are one national list (every placement, rollup and estimate is per channel): everybody with
    the permission sees it, only superusers add, change or delete a channel. There is no national role."""

    def user_has_permission(self, user, action) -> bool:
        if action != "view" and not (user.is_active and user.is_superuser):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        return super().instances_user_has_any_permission_for(
            user, [action for action in actions if self.user_has_permission(user, action)]
        )


channel_permission_policy = ChannelPermissionPolicy(Channel)


# Who opens the list of target changes (its menu item asks the same): those who request or decide them.
TARGET_CHANGES_PERMISSION = "tracking.view_targetchange"


def may_see_target_changes(user) -> bool:
    """Holders of the permission (culture office, ward editors, approvers) who see some placements."""
    if not user.is_authenticated or not user.is_active or not user.has_perm(TARGET_CHANGES_PERMISSION):
        return False
    return placement_permission_policy.user_has_permission(user, "view")
