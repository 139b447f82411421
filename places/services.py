"""Writes to the unit tree: loading the official units, adding villages, memberships."""

import unicodedata
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from vietnam_provinces import Province, VietNamDivisionType, Ward

from places.models import PARENT_LEVEL, AdministrativeUnit, DivisionType, Membership, Role, UnitLevel

DIVISION_TYPE_FROM_PACKAGE = {
    VietNamDivisionType.TINH: DivisionType.PROVINCE,
    VietNamDivisionType.THANH_PHO_TRUNG_UONG: DivisionType.CENTRAL_CITY,
    VietNamDivisionType.XA: DivisionType.COMMUNE,
    VietNamDivisionType.PHUONG: DivisionType.WARD,
    VietNamDivisionType.DAC_KHU: DivisionType.SPECIAL_ZONE,
}


def clean_unit_name(name: str) -> str:
    """NFC, with runs of white space folded (the package writes "Phường  Buôn Ma Thuột")."""
    return " ".join(unicodedata.normalize("NFC", name).split())


def province_code(code: int) -> str:
    return f"{int(code):02d}"


def ward_code(code: int) -> str:
    return f"{int(code):05d}"


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int


def _official_units() -> list[dict]:
    """Every province then every ward, as field dictionaries, parents first."""
    units = []
    for province in Province.iter_all():
        units.append(
            {
                "code": province_code(province.code),
                "name": clean_unit_name(province.name),
                "division_type": DIVISION_TYPE_FROM_PACKAGE[province.division_type],
                "level": UnitLevel.PROVINCE,
                "codename": province.codename,
                "parent_code": None,
            }
        )
    for ward in Ward.iter_all():
        units.append(
            {
                "code": ward_code(ward.code),
                "name": clean_unit_name(ward.name),
                "division_type": DIVISION_TYPE_FROM_PACKAGE[ward.division_type],
                "level": UnitLevel.WARD,
                "codename": ward.codename,
                "parent_code": province_code(ward.province_code),
            }
        )
    return units


@transaction.atomic
def load_official_units() -> LoadResult:
    """Create or update every official province and commune/ward from `vietnam-provinces`.

    Idempotent: a second run finds everything in place and writes nothing.
    Villages that editors added are left alone.
    """
    existing = {unit.code: unit for unit in AdministrativeUnit.objects.filter(is_official=True)}
    created = updated = unchanged = 0
    compared_fields = ("name", "division_type", "level", "codename", "path")

    for level in (UnitLevel.PROVINCE, UnitLevel.WARD):
        parent_level = PARENT_LEVEL[level]
        parents = (
            {
                unit.code: unit
                for unit in AdministrativeUnit.objects.filter(level=parent_level).only("id", "code", "path")
            }
            if parent_level
            else {}
        )
        to_create, to_update = [], []
        for fields in (unit for unit in _official_units() if unit["level"] == level):
            parent = parents.get(fields["parent_code"]) if fields["parent_code"] else None
            values = {
                "name": fields["name"],
                "division_type": fields["division_type"],
                "level": fields["level"],
                "codename": fields["codename"],
                "path": AdministrativeUnit.build_path(code=fields["code"], parent_path=parent.path if parent else ""),
            }
            current = existing.get(fields["code"])
            if current is None:
                to_create.append(AdministrativeUnit(code=fields["code"], parent=parent, is_official=True, **values))
                continue
            if current.parent_id == (parent.id if parent else None) and all(
                getattr(current, name) == values[name] for name in compared_fields
            ):
                unchanged += 1
                continue
            for name, value in values.items():
                setattr(current, name, value)
            current.parent = parent
            to_update.append(current)
        AdministrativeUnit.objects.bulk_create(to_create, batch_size=500)
        AdministrativeUnit.objects.bulk_update(to_update, [*compared_fields, "parent"], batch_size=500)
        created += len(to_create)
        updated += len(to_update)
    return LoadResult(created=created, updated=updated, unchanged=unchanged)


def next_village_code(*, ward: AdministrativeUnit) -> str:
    """Village codes are the ward's code and a running number: "24133-007"."""
    prefix = f"{ward.code}-"
    taken = AdministrativeUnit.objects.filter(code__startswith=prefix).values_list("code", flat=True)
    numbers = [int(code[len(prefix) :]) for code in taken if code[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


@transaction.atomic
def add_village(*, ward: AdministrativeUnit, name: str, division_type: str) -> AdministrativeUnit:
    """Add a village or residential group under a ward; the code is assigned here."""
    village = AdministrativeUnit(
        code=next_village_code(ward=ward),
        name=clean_unit_name(name),
        division_type=division_type,
        level=UnitLevel.VILLAGE,
        parent=ward,
    )
    village.full_clean()
    village.save()
    return village


def grant_membership(*, user: AbstractBaseUser, unit: AdministrativeUnit, role: Role | str) -> Membership:
    """Give a user a role for a unit (and everything under it). Idempotent."""
    membership, _created = Membership.objects.get_or_create(user=user, unit=unit, role=Role(role))
    return membership
