"""Who may import official figures and log airings: one function each, so the security work can tighten them.

For now: superusers, and culture offices (for the wards under their units). Airings may also be
logged by ward editors, for their ward. Reading the dashboard is decided in insights.selectors.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet

from places.models import AdministrativeUnit, Role
from places.permissions import UnitScopedPermissionPolicy
from places.selectors import membership_paths, units_for_user

FIGURE_IMPORTER_ROLES = (Role.CULTURE_OFFICE,)
AIRING_LOGGER_ROLES = (Role.CULTURE_OFFICE, Role.WARD_EDITOR)


def _active(user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def may_import_figures(*, user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether the user may upload official figures at all (the import then limits the wards)."""
    if not _active(user):
        return False
    return user.is_superuser or bool(membership_paths(user=user, roles=FIGURE_IMPORTER_ROLES))


def figure_imports_for(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet:
    """The imports of official figures this user may see listed: their own, and those that wrote figures
    for a ward under one of their culture-office units (superusers: all). Another province's imports,
    their files and uploaders stay with that province."""
    from insights.models import AdoptionFigure, FigureImport

    if not _active(user):
        return FigureImport.objects.none()
    if user.is_superuser:
        return FigureImport.objects.all()
    covered = Q()
    for path in membership_paths(user=user, roles=FIGURE_IMPORTER_ROLES):
        covered |= Q(unit__path__startswith=path)
    visible = Q(uploaded_by=user)
    if covered:
        visible |= Exists(AdoptionFigure.objects.filter(covered, figure_import=OuterRef("pk")))
    return FigureImport.objects.filter(visible)


def may_log_airings(*, user: AbstractBaseUser | AnonymousUser) -> bool:
    if not _active(user):
        return False
    return user.is_superuser or bool(membership_paths(user=user, roles=AIRING_LOGGER_ROLES))


def airing_units(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet[AdministrativeUnit]:
    """The units a user may log airings for."""
    return units_for_user(user=user, roles=AIRING_LOGGER_ROLES)


class AiringPermissionPolicy(UnitScopedPermissionPolicy):
    """Airings belong to a unit: whoever may log airings acts on those of the units under them, nobody else.

    Logging airings is a matter of membership alone (no group holds Django permissions on airings), so the
    model-level check is `may_log_airings`; everything per object and every listing is the unit-scoped
    policy's (places.permissions).
    """

    def __init__(self, model):
        super().__init__(model, roles_by_action=dict.fromkeys(("view", "add", "change", "delete"), AIRING_LOGGER_ROLES))

    def user_has_permission(self, user, action) -> bool:
        return may_log_airings(user=user)

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        roles = [role.value for role in AIRING_LOGGER_ROLES]
        users = get_user_model().objects.filter(is_active=True)
        return users.filter(Q(is_superuser=True) | Q(memberships__role__in=roles)).distinct()


ROLLOUT_PLANNER_ROLES = (Role.CULTURE_OFFICE,)
ROLLOUT_READER_ROLES = (Role.CULTURE_OFFICE, Role.APPROVER, Role.VIEWER)
ROLLOUT_APPROVER_ROLES = (Role.APPROVER,)


class RolloutPlanPermissionPolicy(UnitScopedPermissionPolicy):
    """Roll-out plans belong to the unit that plans them (a province's culture office plans for its wards).

    The culture office drafts, redraws and deletes drafts; the unit's approver approves ("approve"); the
    unit's culture office, approvers and viewers read. Like airings, a matter of membership alone: no group
    holds Django permissions on plans. The plan's placements are ordinary placements, scoped by tracking's
    policy like any other.
    """

    def __init__(self, model):
        super().__init__(
            model,
            roles_by_action={
                "view": ROLLOUT_READER_ROLES,
                "add": ROLLOUT_PLANNER_ROLES,
                "change": ROLLOUT_PLANNER_ROLES,
                "delete": ROLLOUT_PLANNER_ROLES,
                "approve": ROLLOUT_APPROVER_ROLES,
            },
        )

    def user_has_permission(self, user, action) -> bool:
        if not _active(user):
            return False
        return user.is_superuser or bool(membership_paths(user=user, roles=self.roles_for(action)))

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        roles = sorted({role.value for action in actions for role in self.roles_for(action)})
        users = get_user_model().objects.filter(is_active=True)
        return users.filter(Q(is_superuser=True) | Q(memberships__role__in=roles)).distinct()
