"""The people of the scoping tests: ward A and ward B of one province (Đắk Lắk), and another province (Hà Nội)."""

from dataclasses import dataclass

from places.models import AdministrativeUnit, Role
from tests.factories.users import MembershipFactory, UserFactory

WARD_A = "24133"  # Phường Buôn Ma Thuột
WARD_B = "24169"  # Phường Ea Kao
PROVINCE = "66"  # Đắk Lắk
OTHER_PROVINCE = "01"  # Hà Nội


def member_of(code: str, role: Role, username: str):
    """A staff user whose only right is a membership (their groups follow from it, as in production)."""
    user = UserFactory(username=username)
    MembershipFactory(user=user, unit=AdministrativeUnit.objects.get(code=code), role=role)
    return user


@dataclass
class Places:
    ward_a: AdministrativeUnit
    ward_b: AdministrativeUnit
    province: AdministrativeUnit
    other_province: AdministrativeUnit


def places() -> Places:
    units = AdministrativeUnit.objects.in_bulk([WARD_A, WARD_B, PROVINCE, OTHER_PROVINCE], field_name="code")
    return Places(units[WARD_A], units[WARD_B], units[PROVINCE], units[OTHER_PROVINCE])
