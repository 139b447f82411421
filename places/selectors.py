"""Reads of the unit tree: what is under a unit, which units a user may act on."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet

from places.models import AdministrativeUnit, Membership, Role, UnitLevel


def units_under(*, unit: AdministrativeUnit, include_self: bool = True) -> QuerySet[AdministrativeUnit]:
    """The unit and every unit below it (a province's wards and their villages)."""
    units = AdministrativeUnit.objects.filter(path__startswith=unit.path)
    return units if include_self else units.exclude(pk=unit.pk)


def wards_under(*, unit: AdministrativeUnit) -> QuerySet[AdministrativeUnit]:
    """The communes/wards at or below a unit; a ward gives itself."""
    return units_under(unit=unit).filter(level=UnitLevel.WARD)


def _roles(roles: Iterable[Role | str] | None) -> list[str] | None:
    return None if roles is None else [Role(role).value for role in roles]


def membership_paths(*, user: AbstractBaseUser | AnonymousUser, roles: Iterable[Role | str] | None = None) -> list[str]:
    """The paths of the units where the user holds one of the roles (any role if None)."""
    if not user.is_authenticated:
        return []
    memberships = Membership.objects.filter(user=user)
    wanted = _roles(roles)
    if wanted is not None:
        memberships = memberships.filter(role__in=wanted)
    return list(memberships.values_list("unit__path", flat=True).distinct())


def units_for_user(
    *, user: AbstractBaseUser | AnonymousUser, roles: Iterable[Role | str] | None = None
) -> QuerySet[AdministrativeUnit]:
    """Units this user may act on: those of their memberships and everything under them.

    Superusers may act on every unit; anonymous users on none.
    """
    if not user.is_authenticated or not user.is_active:
        return AdministrativeUnit.objects.none()
    if user.is_superuser:
        return AdministrativeUnit.objects.all()
    paths = membership_paths(user=user, roles=roles)
    if not paths:
        return AdministrativeUnit.objects.none()
    covered = Q()
    for path in paths:
        covered |= Q(path__startswith=path)
    return AdministrativeUnit.objects.filter(covered)


def user_may_act_on(
    *, user: AbstractBaseUser | AnonymousUser, unit: AdministrativeUnit, roles: Iterable[Role | str] | None = None
) -> bool:
    """Whether a membership of this user (in one of the roles) covers the unit."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(unit.path.startswith(path) for path in membership_paths(user=user, roles=roles))


def wards_of_user(
    *, user: AbstractBaseUser | AnonymousUser, roles: Iterable[Role | str] | None = None
) -> QuerySet[AdministrativeUnit]:
    """The communes/wards this user may act on: "which ward is this user's"."""
    return units_for_user(user=user, roles=roles).filter(level=UnitLevel.WARD)
