"""Entries in Wagtail's log (the "Lịch sử hoạt động" report) for role changes and CSV imports.

Custom actions are registered in places/wagtail_hooks.py (register_log_actions).
"""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from wagtail.log_actions import log

from places.models import PATH_SEPARATOR, AdministrativeUnit, Membership, Role

MEMBERSHIP_GRANTED = "places.membership_granted"
MEMBERSHIP_CHANGED = "places.membership_changed"
MEMBERSHIP_REVOKED = "places.membership_revoked"
USERS_IMPORTED = "places.users_imported"
SERVICE_POINTS_IMPORTED = "places.service_points_imported"


def membership_data(membership: Membership) -> dict:
    """What a role-change entry must say on its own, even after the user or the membership is gone."""
    return {
        "username": membership.user.get_username(),
        "user_id": membership.user_id,
        "unit_code": membership.unit.code,
        "unit": membership.unit.name,
        "role": membership.role,
        "role_label": str(Role(membership.role).label),
    }


def log_membership(*, membership: Membership, action: str, previous: dict | None = None, user=None) -> None:
    data = membership_data(membership)
    if previous:
        data["previous"] = previous
    # The acting user comes from Wagtail's log context (the admin request) when not given.
    log(instance=membership, action=action, user=user, data=data)


def covering_unit(units: Iterable[AdministrativeUnit]) -> AdministrativeUnit | None:
    """The lowest unit that has every given unit at or under it (None across provinces or for none)."""
    paths = [unit.path for unit in units]
    if not paths:
        return None
    common = paths[0].split(PATH_SEPARATOR)[:-1]
    for path in paths[1:]:
        codes = path.split(PATH_SEPARATOR)[:-1]
        length = 0
        while length < min(len(common), len(codes)) and common[length] == codes[length]:
            length += 1
        common = common[:length]
    if not common:
        return None
    return AdministrativeUnit.objects.filter(code=common[-1]).first()


def log_import(
    *,
    action: str,
    units: Iterable[AdministrativeUnit],
    user: AbstractBaseUser | None,
    filename: str,
    counts: dict[str, int],
) -> None:
    """One entry per import, on the unit that covers every row (a province, or the one ward).

    An import across provinces is logged on the importing user instead, since no unit covers it.
    """
    units = list(units)
    instance = covering_unit(units) or user or (units[0] if units else None)
    if instance is None:
        return
    log(
        instance=instance,
        action=action,
        user=user,
        title=str(instance),
        data={"filename": filename, "unit_codes": sorted({unit.code for unit in units}), **counts},
    )
