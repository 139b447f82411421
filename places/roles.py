"""One Wagtail group per role, with the model permissions that role needs, kept in step with memberships.

Memberships say *where* a user acts (a unit and everything under it); groups say *what kind of
thing* the user may touch at all (Django model permissions, which Wagtail's menus and viewsets
check). The per-unit narrowing is done by the permission policies on top of these.

`ensure_role_groups()` runs after every migrate (see PlacesConfig.ready) and is idempotent.
A membership saved or deleted moves its user into or out of the role's groups (places/signals.py).
"""

from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.db import transaction

from places.models import Membership, Role

# Stable names, not gettext: a group is found by its name, whatever the interface language.
ROLE_GROUP_NAMES: dict[Role, str] = {
    Role.CULTURE_OFFICE: "Phòng Văn hóa – Thông tin",
    Role.WARD_EDITOR: "Biên tập viên xã/phường",
    Role.SERVICE_POINT_STAFF: "Cán bộ điểm dịch vụ công",
    Role.APPROVER: "Lãnh đạo duyệt nội dung",
    Role.VIEWER: "Người xem báo cáo",
}

# Groups that other apps attach to a role: campaigns attaches the page-permission groups of its
# approval workflow (campaigns/apps.py), so that places imports no other app of ours.
EXTRA_GROUPS_OF_ROLE: dict[Role, list[str]] = {}


def attach_group_to_role(*, role: Role | str, group_name: str) -> None:
    """Members in this role also join this group (and leave it with their last such membership)."""
    names = EXTRA_GROUPS_OF_ROLE.setdefault(Role(role), [])
    if group_name not in names:
        names.append(group_name)


_EVERYONE = [
    "wagtailadmin.access_admin",
    "places.view_administrativeunit",
    "places.view_servicepoint",
    "campaigns.view_metric",
    "campaigns.view_publicservice",
    "tracking.view_channel",
    "tracking.view_placement",
]
_PLACEMENT_WORK = ["tracking.add_placement", "tracking.change_placement", "tracking.add_targetchange"]
_SERVICE_POINT_WORK = ["places.add_servicepoint", "places.change_servicepoint"]
_PACK_WORK = ["media_kit.add_pack", "media_kit.view_pack"]
# The order basket (media_kit.orders): writers order and mark delivery; approvers see and approve.
_ORDER_WORK = ["media_kit.add_printorder", "media_kit.view_printorder", "media_kit.change_printorder"]
_ORDER_APPROVAL = ["media_kit.view_printorder", "media_kit.change_printorder"]
_REPORTS = [
    "insights.view_dailyplacementrollup",
    "insights.view_adoptionfigure",
    "tracking.view_conversion",
]

# No role adds or changes channels: they are one national list, kept by superusers (tracking.permissions).
# Approvers and viewers read reports and approve content; print material (templates, packs) is the
# culture office's and the ward editors' work, so they hold no pack or template permission; approvers
# see and approve their unit's print orders (media_kit.permissions.print_order_permission_policy).
# places/migrations/0004 took these permissions back from groups seeded before.
ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.CULTURE_OFFICE: [
        *_EVERYONE,
        *_PLACEMENT_WORK,
        *_SERVICE_POINT_WORK,
        *_PACK_WORK,
        *_ORDER_WORK,
        *_REPORTS,
        "places.add_administrativeunit",
        "places.change_administrativeunit",
        # Roles for units under its own: places.permissions.membership_permission_policy narrows these.
        "places.add_membership",
        "places.change_membership",
        "places.delete_membership",
        "places.view_membership",
        "tracking.view_targetchange",
        "media_kit.view_printtemplate",
        "media_kit.change_printtemplate",
        "media_kit.view_printformat",
        "insights.add_figureimport",
        "insights.view_figureimport",
        # What the province's citizens type: synonyms and pinned answers, from the zero-result report.
        "search.add_searchsynonym",
        "search.change_searchsynonym",
        "search.delete_searchsynonym",
        "search.add_pinnedsearchresult",
        "search.change_pinnedsearchresult",
        "search.delete_pinnedsearchresult",
    ],
    Role.WARD_EDITOR: [
        *_EVERYONE,
        *_PLACEMENT_WORK,
        *_SERVICE_POINT_WORK,
        *_PACK_WORK,
        *_ORDER_WORK,
        *_REPORTS,
        "places.add_administrativeunit",
        "places.change_administrativeunit",
        "tracking.view_targetchange",
        "media_kit.view_printtemplate",
        "media_kit.view_printformat",
    ],
    # Logs assisted registrations for its ward, nothing else: none of the admin's listings (units, channels,
    # placements, services), which its menu would otherwise show (places/migrations/0005 took them back).
    Role.SERVICE_POINT_STAFF: ["wagtailadmin.access_admin", "tracking.add_conversion", "tracking.view_conversion"],
    Role.APPROVER: [
        *_EVERYONE,
        *_REPORTS,
        *_ORDER_APPROVAL,
        "tracking.view_targetchange",
        "tracking.change_targetchange",
    ],
    Role.VIEWER: [*_EVERYONE, *_REPORTS],
}


def _permissions(names: list[str]) -> list[Permission]:
    wanted = {tuple(name.split(".", 1)) for name in names}
    found = Permission.objects.filter(
        content_type__app_label__in={app for app, _codename in wanted},
        codename__in={codename for _app, codename in wanted},
    ).select_related("content_type")
    return [permission for permission in found if (permission.content_type.app_label, permission.codename) in wanted]


@transaction.atomic
def ensure_role_groups() -> dict[Role, Group]:
    """Create the five role groups and give each exactly the model permissions of its role. Idempotent.

    Permissions an administrator added by hand in Wagtail's group editor are kept: this only adds.
    """
    groups = {}
    for role, name in ROLE_GROUP_NAMES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(ROLE_PERMISSIONS[role]))
        groups[role] = group
    return groups


def groups_of_role(role: Role | str) -> list[str]:
    """The names of the groups a member in this role belongs to."""
    role = Role(role)
    return [ROLE_GROUP_NAMES[role], *EXTRA_GROUPS_OF_ROLE.get(role, [])]


def join_role_groups(*, user: AbstractBaseUser, role: Role | str) -> None:
    """Put the user in the groups of the role (created if missing)."""
    user.groups.add(*(Group.objects.get_or_create(name=name)[0] for name in groups_of_role(role)))


def leave_role_groups(*, user: AbstractBaseUser, role: Role | str) -> None:
    """Take the user out of the role's groups that none of their remaining memberships still needs.

    Two memberships in the same role (two wards) keep the group until the last one goes.
    """
    still_needed = {
        name
        for other in Membership.objects.filter(user=user).values_list("role", flat=True)
        for name in groups_of_role(other)
    }
    leaving = [name for name in groups_of_role(role) if name not in still_needed]
    if leaving:
        user.groups.remove(*Group.objects.filter(name__in=leaving))
