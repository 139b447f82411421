"""Demo data for places: the official units, two demo wards' users and sample service points."""

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from places.models import AdministrativeUnit, Role, ServicePoint, ServicePointKind
from places.services import LoadResult, grant_membership, load_official_units

# Đắk Lắk: Phường Buôn Ma Thuột (a city ward) and Phường Ea Kao (where many Ê Đê families live).
DEMO_PROVINCE_CODE = "66"
DEMO_WARD_CODES = {"buonmathuot": "24133", "eakao": "24169"}

WARD_ROLES = (Role.WARD_EDITOR, Role.SERVICE_POINT_STAFF, Role.APPROVER, Role.VIEWER)
ROLE_USERNAME_PREFIX = {
    Role.CULTURE_OFFICE: "vanhoa",
    Role.WARD_EDITOR: "bientap",
    Role.SERVICE_POINT_STAFF: "canbo",
    Role.APPROVER: "duyet",
    Role.VIEWER: "xem",
}

SAMPLE_LABEL = "Dữ liệu mẫu"


@dataclass(frozen=True)
class DemoUsersResult:
    created: list[str]
    password: str | None


def load_units() -> LoadResult:
    return load_official_units()


@transaction.atomic
def load_users(*, password: str | None = None) -> DemoUsersResult:
    """One demo user per role in each demo ward, and a culture-office user for the province.

    Existing users are left as they are (their passwords are never reset).
    """
    User = get_user_model()
    province = AdministrativeUnit.objects.get(code=DEMO_PROVINCE_CODE)
    assignments = [(f"{ROLE_USERNAME_PREFIX[Role.CULTURE_OFFICE]}.daklak", province, Role.CULTURE_OFFICE)]
    for slug, code in DEMO_WARD_CODES.items():
        ward = AdministrativeUnit.objects.get(code=code)
        assignments += [(f"{ROLE_USERNAME_PREFIX[role]}.{slug}", ward, role) for role in WARD_ROLES]

    created = []
    new_password = password or secrets.token_urlsafe(12)
    # One hash for all: the demo users share their password, and each hash costs a second of `make run`.
    hashed = None
    for username, unit, role in assignments:
        user, was_created = User.objects.get_or_create(
            username=username,
            defaults={"email": f"{username}@example.invalid", "is_staff": True},
        )
        if was_created:
            hashed = hashed or make_password(new_password)
            user.password = hashed
            user.save(update_fields=["password"])
            created.append(username)
        grant_membership(user=user, unit=unit, role=role)
    return DemoUsersResult(created=created, password=new_password if created else None)


def _sample_points(ward: AdministrativeUnit) -> list[dict]:
    short_name = ward.name
    return [
        {
            "kind": ServicePointKind.ONE_STOP_DESK,
            "name": f"Bộ phận Một cửa UBND {short_name} ({SAMPLE_LABEL})",
            "address": f"Trụ sở UBND {short_name}, tỉnh Đắk Lắk ({SAMPLE_LABEL}, chưa xác minh)",
            "opening_hours": "Thứ Hai – Thứ Sáu: 7:00–11:30, 13:30–17:00; sáng Thứ Bảy: 7:30–11:00",
        },
        {
            "kind": ServicePointKind.POLICE,
            "name": f"Công an {short_name} – hỗ trợ định danh điện tử mức độ 2 ({SAMPLE_LABEL})",
            "address": f"Trụ sở Công an {short_name}, tỉnh Đắk Lắk ({SAMPLE_LABEL}, chưa xác minh)",
            "opening_hours": "Thứ Hai – Thứ Bảy: 7:30–11:30, 13:30–17:00",
        },
    ]


@transaction.atomic
def load_service_points() -> int:
    """Sample service points in the demo wards, marked as samples: addresses cannot be verified offline."""
    created = 0
    for code in DEMO_WARD_CODES.values():
        ward = AdministrativeUnit.objects.get(code=code)
        for fields in _sample_points(ward):
            _point, was_created = ServicePoint.objects.get_or_create(
                unit=ward,
                name=fields["name"],
                defaults={**fields, "hotline": "", "is_sample": True},
            )
            created += was_created
    return created
