from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from places.models import AdministrativeUnit, Membership, Role, ServicePoint, UnitLevel
from places.selectors import membership_paths, units_for_user, user_may_act_on

# Who keeps the villages and residential groups of a ward (and sets a ward's default language).
UNIT_KEEPER_ROLES = (Role.CULTURE_OFFICE, Role.WARD_EDITOR)
_UNIT_WRITES = {"add", "change", "delete"}


class AdministrativeUnitPermissionPolicy(ModelPermissionPolicy):
    """Official units are read-only: they change only with the national list.

    Villages belong to their ward: adding, changing and deleting one needs the Django permission (from
    the role's group) and a culture-office or ward-editor membership that covers the village's ward.
    The tree itself is public, so viewing is the model permission alone.
    """

    def user_has_permission(self, user, action) -> bool:
        if not super().user_has_permission(user, action):
            return False
        if action not in _UNIT_WRITES or user.is_superuser:
            return True
        return bool(membership_paths(user=user, roles=UNIT_KEEPER_ROLES))

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        if action in {"change", "delete"} and instance.is_official:
            return False
        if action not in _UNIT_WRITES:
            return super().user_has_permission_for_instance(user, action, instance)
        if not self.user_has_permission(user, action):
            return False
        if user.is_superuser:
            return True
        # The village's ward decides (a village is never above its ward's people).
        return instance.parent is not None and user_may_act_on(user=user, unit=instance.parent, roles=UNIT_KEEPER_ROLES)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if not set(actions) <= {"change", "delete"}:
            return instances
        instances = instances.filter(is_official=False)
        if user.is_superuser:
            return instances
        if not any(self.user_has_permission(user, action) for action in actions):
            return instances.none()
        covered = Q()
        for path in membership_paths(user=user, roles=UNIT_KEEPER_ROLES):
            covered |= Q(parent__path__startswith=path)
        return instances.filter(covered) if covered else instances.none()

    def parents_user_may_use(self, user):
        """The wards a village may be put under by this user (the village form's parent choices)."""
        wards = AdministrativeUnit.objects.filter(level=UnitLevel.WARD)
        if not user.is_active or not (
            self.user_has_permission(user, "add") or self.user_has_permission(user, "change")
        ):
            return wards.none()
        if user.is_superuser:
            return wards
        return wards.filter(pk__in=units_for_user(user=user, roles=UNIT_KEEPER_ROLES).values("pk"))


unit_permission_policy = AdministrativeUnitPermissionPolicy(AdministrativeUnit)


class UnitScopedPermissionPolicy(ModelPermissionPolicy):
    """Django model permissions (from the user's groups) AND a membership that covers the object's unit.

    The one place that decides, for a model whose objects belong to a unit, who may do
    what: admin views, listings, choosers, exports and downloads all ask it. A role may
    be allowed some actions only (`roles_by_action`); memberships are inherited down the
    unit tree (a province's culture office acts on every ward of the province).
    """

    def __init__(self, model, *, unit_lookup: str = "unit", roles_by_action: dict[str, tuple] | None = None):
        super().__init__(model)
        self.unit_lookup = unit_lookup
        self.roles_by_action = roles_by_action or {}

    def roles_for(self, action: str) -> tuple:
        return tuple(self.roles_by_action.get(action, ()))

    def unit_of(self, instance) -> AdministrativeUnit | None:
        value = instance
        for attribute in self.unit_lookup.split("__"):
            value = getattr(value, attribute, None)
            if value is None:
                return None
        return value

    def user_has_permission(self, user, action) -> bool:
        if not super().user_has_permission(user, action):
            return False
        if user.is_superuser:
            return True
        return bool(membership_paths(user=user, roles=self.roles_for(action)))

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        if not self.user_has_permission(user, action):
            return False
        if user.is_superuser:
            return True
        unit = self.unit_of(instance)
        return unit is not None and user_may_act_on(user=user, unit=unit, roles=self.roles_for(action))

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        permitted = [action for action in actions if self.user_has_permission(user, action)]
        if not permitted:
            return self.model._default_manager.none()
        objects = self.model._default_manager.all()
        if user.is_superuser:
            return objects
        roles = {role for action in permitted for role in self.roles_for(action)}
        covered = Q()
        for path in membership_paths(user=user, roles=roles):
            covered |= Q(**{f"{self.unit_lookup}__path__startswith": path})
        return objects.filter(covered) if covered else objects.none()

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

    def units_user_may_use(self, user, action: str):
        """The units an object may be given by this user for this action (the unit field's choices)."""
        if not self.user_has_permission(user, action):
            return AdministrativeUnit.objects.none()
        return units_for_user(user=user, roles=None if user.is_superuser else self.roles_for(action))


ALL_ROLES = tuple(Role)

# Service points: everybody of the unit sees them; the culture office and ward editors keep them.
service_point_permission_policy = UnitScopedPermissionPolicy(
    ServicePoint,
    roles_by_action={
        "view": ALL_ROLES,
        "add": (Role.CULTURE_OFFICE, Role.WARD_EDITOR),
        "change": (Role.CULTURE_OFFICE, Role.WARD_EDITOR),
        "delete": (Role.CULTURE_OFFICE, Role.WARD_EDITOR),
    },
)

# Roles are given by the culture office, for units at or below its own (and by superusers).
membership_permission_policy = UnitScopedPermissionPolicy(
    Membership,
    roles_by_action=dict.fromkeys(("view", "add", "change", "delete"), (Role.CULTURE_OFFICE,)),
)
