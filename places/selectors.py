"""Reads of the unit tree: what is under a unit, which units a user may act on, where to get help."""

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.cache import cache
from django.db.models import Q, QuerySet

from core.text import fold_vietnamese
from places.models import AdministrativeUnit, Membership, Role, ServicePoint, UnitLevel


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
    wanted = _roles(roles)
    paths = [path for path, role in _memberships_of(user) if wanted is None or role in wanted]
    return list(dict.fromkeys(paths))


def _memberships_of(user: AbstractBaseUser) -> list[tuple[str, str]]:
    """(unit path, role) of each membership, kept on the user object for the request, as Django keeps
    permissions (`_perm_cache`): the admin menu, the home panels and the policies each ask, a dozen times a page."""
    cached = getattr(user, "_loa_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).values_list("unit__path", "role").order_by("unit__path"))
        user._loa_memberships = cached
    return cached


def roles_of_user(*, user: AbstractBaseUser | AnonymousUser) -> frozenset[Role]:
    """The roles the user holds anywhere (none for anonymous or inactive users). Superusers hold the roles
    they were given, like anyone: callers that let superusers in say so themselves.

    Read from the memberships kept on the user object for the request (_memberships_of)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    return frozenset(Role(role) for _path, role in _memberships_of(user))


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


def nearest_common_unit(*, units: QuerySet[AdministrativeUnit]) -> AdministrativeUnit | None:
    """The nearest unit at or above all these units (their only unit, their province…), or None if they
    share none (several provinces) or there are none."""
    paths = list(units.values_list("path", flat=True).distinct())
    if not paths:
        return None
    common = paths[0]
    for path in paths[1:]:
        while not path.startswith(common):
            common = common[: common.rstrip("/").rfind("/") + 1]
    return AdministrativeUnit.objects.filter(path=common).first() if common else None


def wards_of_user(
    *, user: AbstractBaseUser | AnonymousUser, roles: Iterable[Role | str] | None = None
) -> QuerySet[AdministrativeUnit]:
    """The communes/wards this user may act on: "which ward is this user's"."""
    return units_for_user(user=user, roles=roles).filter(level=UnitLevel.WARD)


UNIT_CODE_PATTERN = re.compile(r"^[0-9A-Za-z-]{1,32}$")


@dataclass(frozen=True)
class HelpDesk:
    """Where a citizen of a ward (or of a village of it) gets help in person."""

    unit: AdministrativeUnit
    ward: AdministrativeUnit
    service_points: list[ServicePoint]


def help_desk_for_code(code: str | None) -> HelpDesk | None:
    """The help desk of a ward or village by its code, or None for an unknown or malformed code.

    A village shows its own service points and its ward's; a ward shows its own and its villages'.
    Two queries.
    """
    if not code or not UNIT_CODE_PATTERN.fullmatch(code):
        return None
    unit = (
        AdministrativeUnit.objects.filter(code=code, level__in=[UnitLevel.WARD, UnitLevel.VILLAGE])
        .select_related("parent", "parent__parent")
        .first()
    )
    if unit is None:
        return None
    ward = unit if unit.level == UnitLevel.WARD else unit.parent
    points = (
        ServicePoint.objects.filter(unit__path__startswith=ward.path)
        .filter(Q(unit__level=UnitLevel.WARD) | Q(unit=unit) | Q(unit__parent=unit))
        .select_related("unit")
        .order_by("unit__path", "kind", "name")
    )
    return HelpDesk(unit=unit, ward=ward, service_points=list(points))


def provinces() -> list[AdministrativeUnit]:
    """The provinces in alphabetical order as a Vietnamese reader expects it ("Đắk Lắk" under D). One query."""
    units = AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE).only("id", "code", "name", "path")
    return sorted(units, key=lambda unit: fold_vietnamese(unit.name))


def province_for_code(code: str | None) -> AdministrativeUnit | None:
    """The province with this code (a province-wide code's `xa`), or None."""
    if not code or not UNIT_CODE_PATTERN.fullmatch(code):
        return None
    return AdministrativeUnit.objects.filter(code=code, level=UnitLevel.PROVINCE).only("id", "code", "name").first()


def wards_of_province(*, province: AdministrativeUnit, search: str = "") -> list[AdministrativeUnit]:
    """The communes/wards of a province, alphabetical; those whose name contains `search`, accents or not."""
    wards = AdministrativeUnit.objects.filter(level=UnitLevel.WARD, parent=province).only("id", "code", "name")
    wanted = fold_vietnamese(search)
    found = [(fold_vietnamese(ward.name), ward) for ward in wards]
    # Alphabetical by the name itself, not by "Phường"/"Xã": a citizen looks for "Ea Kao" under E.
    found.sort(key=lambda pair: WARD_TYPE_PREFIX.sub("", pair[0]))
    return [ward for folded, ward in found if wanted in folded]


WARD_TYPE_PREFIX = re.compile(r"^(phuong|xa|thi tran|dac khu) ")


# The codes of every unit, for the public-page cache (campaigns/page_cache.py), which must tell a
# real `?xa=` from junk before any page is routed, without a query: kept in the shared cache and
# for a minute in each process. A unit added or renamed through the ORM forgets it (campaigns/signals.py);
# a bulk load (load_official_units) is seen within UNIT_CODES_SECONDS.
UNIT_CODES_KEY = "places:unit-codes"
UNIT_CODES_SECONDS = 300
LOCAL_UNIT_CODES_SECONDS = 60.0
_unit_codes: tuple[float, frozenset[str]] = (0.0, frozenset())


def known_unit_codes() -> frozenset[str]:
    """The code of every administrative unit (province, ward, village). Warm: no query, no network."""
    global _unit_codes
    expires, codes = _unit_codes
    now = time.monotonic()
    if now < expires:
        return codes
    codes = cache.get(UNIT_CODES_KEY)
    if codes is None:
        codes = frozenset(AdministrativeUnit.objects.values_list("code", flat=True))
        cache.set(UNIT_CODES_KEY, codes, UNIT_CODES_SECONDS)
    _unit_codes = (now + LOCAL_UNIT_CODES_SECONDS, codes)
    return codes


def is_known_unit_code(code: str | None) -> bool:
    return bool(code) and UNIT_CODE_PATTERN.fullmatch(code) is not None and code in known_unit_codes()


def forget_unit_codes() -> None:
    """After units change: the next lookup reads them again (this process at once, others within a minute)."""
    global _unit_codes
    _unit_codes = (0.0, frozenset())
    cache.delete(UNIT_CODES_KEY)


@dataclass(frozen=True)
class UnitMatch:
    unit: AdministrativeUnit
    province_name: str

    @property
    def label(self) -> str:
        """ "Phường Ea Kao (Đắk Lắk, 24169)": enough to tell two wards of the same name apart."""
        where = f"{self.province_name}, " if self.province_name and self.unit.level != UnitLevel.PROVINCE else ""
        return f"{self.unit.name} ({where}{self.unit.code})"


def _folded_units() -> list[tuple[str, str, AdministrativeUnit]]:
    """Provinces and wards with their folded name, and that name without "phường"/"xã"/"tỉnh"…"""
    units = AdministrativeUnit.objects.filter(level__in=[UnitLevel.PROVINCE, UnitLevel.WARD]).only(
        "id", "code", "name", "level", "path"
    )
    found = []
    for unit in units:
        folded = fold_vietnamese(unit.name)
        found.append((folded, UNIT_TYPE_PREFIX.sub("", folded), unit))
    return found


UNIT_TYPE_PREFIX = re.compile(r"^(phuong|xa|thi tran|dac khu|tinh|thanh pho) ")


def _with_provinces(units: list[AdministrativeUnit]) -> list[UnitMatch]:
    codes = {unit.path.split("/")[0] for unit in units}
    names = dict(
        AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE, code__in=codes).values_list("code", "name")
    )
    return [UnitMatch(unit=unit, province_name=names.get(unit.path.split("/")[0], "")) for unit in units]


def find_units(*, query: str, limit: int = 30) -> list[UnitMatch]:
    """Provinces and wards whose name contains `query`, accents or not ("ea kao", "buôn ma"), or whose code is it.

    Names that start with the query first, then alphabetically by the name without its "Phường"/"Xã".
    """
    wanted = fold_vietnamese(query)
    if not wanted:
        return []
    found = [
        (not bare.startswith(wanted), bare, unit)
        for folded, bare, unit in _folded_units()
        if wanted in folded or unit.code == query.strip()
    ]
    found.sort(key=lambda item: (item[0], item[1], item[2].code))
    return _with_provinces([unit for _later, _bare, unit in found[:limit]])


def units_named(names: list[str]) -> dict[str, list[UnitMatch]]:
    """For each name, the provinces and wards called that exactly, accents, case and the unit type optional
    ("buon ma thuot" finds Phường Buôn Ma Thuột); several when two provinces have a ward of that name."""
    wanted = {name: fold_vietnamese(name) for name in names}
    units = _folded_units() if any(wanted.values()) else []
    found = {
        name: [unit for folded, bare, unit in units if key and key in (folded, bare)] for name, key in wanted.items()
    }
    matches = {match.unit.pk: match for match in _with_provinces([unit for group in found.values() for unit in group])}
    return {name: [matches[unit.pk] for unit in group] for name, group in found.items()}
