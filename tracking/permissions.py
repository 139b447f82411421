"""Who may see and change which placements: the unit-scoped policy of places, with tracking's roles."""

from places.models import Role
from places.permissions import UnitScopedPermissionPolicy
from tracking.models import Placement

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
