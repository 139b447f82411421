"""A role's pack permission means what it says (issue 17, finding 13): approvers and viewers held
media_kit.view_pack but could never see a pack. Print work is the culture office's and the ward editors';
approvers and viewers read reports, so they hold no pack permission, and the groups seeded before lose it."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from media_kit.models import Pack
from places.models import AdministrativeUnit, Role
from places.roles import ROLE_GROUP_NAMES, ROLE_PERMISSIONS
from tests.factories.campaigns import CampaignPageFactory
from tests.factories.users import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pack_of_ward_a(official_units):
    ward = AdministrativeUnit.objects.get(code="24133")
    office = UserFactory(username="vanhoa.daklak")
    MembershipFactory(user=office, unit=ward.parent, role=Role.CULTURE_OFFICE)
    return Pack.objects.create(campaign=CampaignPageFactory(owner_unit=ward), unit_codes=ward.code, requested_by=office)


@pytest.mark.parametrize("role", list(Role))
def test_holding_view_pack_means_seeing_the_packs_of_ones_ward(pack_of_ward_a, client, role):
    user = UserFactory(username=f"nguoi.{role.value}")
    MembershipFactory(user=user, unit=AdministrativeUnit.objects.get(code="24133"), role=role)
    client.force_login(user)
    sees = client.get(reverse("media_kit_pack", args=[pack_of_ward_a.pk])).status_code == 200
    assert user.has_perm("media_kit.view_pack") == sees, role
    assert sees == (role in {Role.CULTURE_OFFICE, Role.WARD_EDITOR}), role


def test_approvers_and_viewers_hold_no_pack_permission():
    # Approvers do hold the print-order permissions: they approve their unit's orders (media_kit.orders).
    for role in (Role.APPROVER, Role.VIEWER):
        held = [name for name in ROLE_PERMISSIONS[role] if name.startswith("media_kit.")]
        assert not [name for name in held if not name.endswith("_printorder")], role
        group = Group.objects.get(name=ROLE_GROUP_NAMES[role])
        media_kit = group.permissions.filter(content_type__app_label="media_kit")
        assert not media_kit.exclude(content_type__model="printorder").exists(), role
    assert not [name for name in ROLE_PERMISSIONS[Role.VIEWER] if name.startswith("media_kit.")]


def test_the_migration_takes_the_permissions_back_from_groups_seeded_before():
    migration = importlib.import_module("places.migrations.0004_roles_drop_unused_permissions")
    viewer = Group.objects.get(name=ROLE_GROUP_NAMES[Role.VIEWER])
    office = Group.objects.get(name=ROLE_GROUP_NAMES[Role.CULTURE_OFFICE])
    view_pack = Permission.objects.get(content_type__app_label="media_kit", codename="view_pack")
    change_channel = Permission.objects.get(content_type__app_label="tracking", codename="change_channel")
    view_channel = Permission.objects.get(content_type__app_label="tracking", codename="view_channel")
    viewer.permissions.add(view_pack)
    office.permissions.add(change_channel)

    migration.take_back(apps, None)

    assert not viewer.permissions.filter(pk=view_pack.pk).exists()
    assert not office.permissions.filter(pk=change_channel.pk).exists()
    assert office.permissions.filter(pk=view_channel.pk).exists()  # what the role keeps stays
