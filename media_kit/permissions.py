"""Who may request, see and download which packs: those who cover every unit a pack is for."""

from places.models import AdministrativeUnit, Role
from places.selectors import membership_paths, user_may_act_on

PACK_ROLES = (Role.CULTURE_OFFICE, Role.WARD_EDITOR)


def units_of_pack_codes(unit_codes: str) -> list[AdministrativeUnit]:
    codes = [code for code in unit_codes.split(",") if code]
    return list(AdministrativeUnit.objects.filter(code__in=codes))


def may_request_packs(user) -> bool:
    if not user.is_authenticated or not user.has_perm("media_kit.add_pack"):
        return False
    return user.is_superuser or bool(membership_paths(user=user, roles=PACK_ROLES))


def units_refused(user, units: list[AdministrativeUnit]) -> list[AdministrativeUnit]:
    """The units of a pack request that this user does not cover (empty: the request may go ahead)."""
    if user.is_superuser:
        return []
    return [unit for unit in units if not user_may_act_on(user=user, unit=unit, roles=PACK_ROLES)]


def may_see_pack(user, pack) -> bool:
    """The requester, a superuser, or someone entitled to packs who covers every unit of the pack."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or pack.requested_by_id == user.pk:
        return True
    if not user.has_perm("media_kit.view_pack"):
        return False
    units = units_of_pack_codes(pack.unit_codes)
    return bool(units) and not units_refused(user, units)
