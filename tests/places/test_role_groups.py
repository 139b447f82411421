"""One group per role, seeded after migrate, and memberships moving users in and out of them."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from campaigns.approval import APPROVAL_TASK_NAME, APPROVERS_GROUP, EDITORS_GROUP, ensure_approval_workflow
from places.models import Membership, Role, UnitLogEntry
from places.roles import ROLE_GROUP_NAMES, ROLE_PERMISSIONS, ensure_role_groups
from tests.factories.users import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def group_names(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def permissions_of(group: Group) -> set[str]:
    return {
        f"{app}.{codename}" for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


@pytest.fixture
def bmt(official_units):
    return official_units.get(code="24133")


@pytest.fixture
def ea_kao(official_units):
    return official_units.get(code="24169")


def test_migrate_seeds_one_group_per_role_with_its_permissions():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Phòng Văn hóa – Thông tin",
        "Biên tập viên xã/phường",
        "Cán bộ điểm dịch vụ công",
        "Lãnh đạo duyệt nội dung",
        "Người xem báo cáo",
    }
    for role, name in ROLE_GROUP_NAMES.items():
        group = Group.objects.get(name=name)
        # Every name in the table is a real permission: a typo would silently grant nothing.
        assert permissions_of(group) == set(ROLE_PERMISSIONS[role]), role
        assert "wagtailadmin.access_admin" in permissions_of(group)

    culture, editor = (Group.objects.get(name=ROLE_GROUP_NAMES[r]) for r in (Role.CULTURE_OFFICE, Role.WARD_EDITOR))
    staff, viewer = (Group.objects.get(name=ROLE_GROUP_NAMES[r]) for r in (Role.SERVICE_POINT_STAFF, Role.VIEWER))
    for group in (culture, editor):
        assert {"tracking.add_placement", "tracking.change_placement", "tracking.view_placement"} <= permissions_of(
            group
        )
        assert {"media_kit.add_pack", "media_kit.view_pack"} <= permissions_of(group)
    assert {"places.add_servicepoint", "places.change_servicepoint"} <= permissions_of(editor)
    assert "tracking.add_conversion" in permissions_of(staff)
    assert not {"tracking.add_placement", "media_kit.add_pack", "places.add_servicepoint"} & permissions_of(staff)
    assert not any(name.split(".")[1].startswith(("add_", "change_", "delete_")) for name in permissions_of(viewer))
    # Only the culture office gives roles (within its units: the membership permission policy);
    # no group manages Django users.
    assert {"places.add_membership", "places.change_membership", "places.delete_membership"} <= permissions_of(culture)
    for group in (editor, staff, viewer):
        assert not {"places.add_membership", "places.change_membership"} & permissions_of(group)
    for group in (culture, editor, staff, viewer):
        assert not {name for name in permissions_of(group) if name.startswith("auth.")}


def test_seeding_again_changes_nothing_and_keeps_what_an_administrator_added():
    culture = Group.objects.get(name=ROLE_GROUP_NAMES[Role.CULTURE_OFFICE])
    extra = Permission.objects.get(content_type__app_label="places", codename="delete_servicepoint")
    culture.permissions.add(extra)
    before = (Group.objects.count(), culture.permissions.count())

    ensure_role_groups()
    ensure_role_groups()

    assert (Group.objects.count(), culture.permissions.count()) == before


def test_a_membership_puts_the_user_in_the_role_group_and_the_page_group(bmt):
    editor = MembershipFactory(unit=bmt, role=Role.WARD_EDITOR).user
    approver = MembershipFactory(unit=bmt, role=Role.APPROVER).user
    staff = MembershipFactory(unit=bmt, role=Role.SERVICE_POINT_STAFF).user

    assert group_names(editor) == {"Biên tập viên xã/phường", EDITORS_GROUP}
    assert group_names(approver) == {"Lãnh đạo duyệt nội dung", APPROVERS_GROUP}
    assert group_names(staff) == {"Cán bộ điểm dịch vụ công"}
    assert editor.has_perm("tracking.add_placement") and not staff.has_perm("tracking.add_placement")
    # The approval workflow's task still names the approvers' group: members of the role can act on it.
    (task,) = [task.specific for task in ensure_approval_workflow().workflow.tasks.filter(active=True)]
    assert task.name == APPROVAL_TASK_NAME
    assert approver.groups.filter(pk__in=task.groups.all()).exists()


def test_the_group_stays_until_the_last_membership_of_the_role_goes(bmt, ea_kao):
    user = UserFactory()
    first = MembershipFactory(user=user, unit=bmt, role=Role.WARD_EDITOR)
    second = MembershipFactory(user=user, unit=ea_kao, role=Role.WARD_EDITOR)
    viewer = MembershipFactory(user=user, unit=ea_kao, role=Role.VIEWER)

    first.delete()
    assert group_names(user) == {"Biên tập viên xã/phường", EDITORS_GROUP, "Người xem báo cáo"}
    second.delete()
    assert group_names(user) == {"Người xem báo cáo"}
    viewer.delete()
    assert group_names(user) == set()


def test_culture_office_and_ward_editor_share_the_page_group_until_both_go(bmt):
    user = UserFactory()
    culture = MembershipFactory(user=user, unit=bmt.parent, role=Role.CULTURE_OFFICE)
    editor = MembershipFactory(user=user, unit=bmt, role=Role.WARD_EDITOR)

    culture.delete()
    assert EDITORS_GROUP in group_names(user)
    editor.delete()
    assert EDITORS_GROUP not in group_names(user)


def test_changing_the_role_of_a_membership_moves_the_user(bmt):
    membership = MembershipFactory(unit=bmt, role=Role.WARD_EDITOR)
    membership.role = Role.VIEWER
    membership.save()

    assert group_names(membership.user) == {"Người xem báo cáo"}


def test_a_group_added_by_hand_is_left_alone(bmt):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=APPROVERS_GROUP))
    membership = MembershipFactory(user=user, unit=bmt, role=Role.WARD_EDITOR)
    membership.delete()

    assert group_names(user) == {APPROVERS_GROUP}


def test_memberships_edited_in_the_admin_move_the_user(client, bmt):
    client.force_login(UserFactory(is_superuser=True))
    person = UserFactory(username="nguyenvanan")
    client.post(
        reverse("wagtailsnippets_places_membership:add"), {"user": person.pk, "unit": bmt.pk, "role": Role.VIEWER}
    )
    assert group_names(person) == {"Người xem báo cáo"}

    membership = Membership.objects.get(user=person)
    client.post(reverse("wagtailsnippets_places_membership:delete", args=[membership.pk]))
    assert group_names(person) == set()


def test_a_new_member_reaches_the_admin_through_the_group_alone(client, bmt):
    person = UserFactory(is_staff=False)
    client.force_login(person)
    assert client.get(reverse("wagtailadmin_home")).status_code == 302  # no access yet

    MembershipFactory(user=person, unit=bmt, role=Role.VIEWER)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_the_approval_groups_keep_working_after_the_role_groups(bmt):
    ensure_role_groups()
    setup = ensure_approval_workflow()
    assert setup.editors.name == EDITORS_GROUP and setup.approvers.name == APPROVERS_GROUP
    assert "publish_page" in set(setup.approvers.page_permissions.values_list("permission__codename", flat=True))


def test_deleting_a_user_revokes_their_memberships_in_the_log(bmt):
    user = UserFactory(username="nghihuu")
    MembershipFactory(user=user, unit=bmt, role=Role.WARD_EDITOR)
    user.delete()

    assert not Membership.objects.exists()
    revoked = UnitLogEntry.objects.get(action="places.membership_revoked")
    assert (revoked.data["username"], revoked.data["unit_code"]) == ("nghihuu", "24133")
