import pytest
from django.contrib.auth.models import AnonymousUser

from places.models import Role
from places.selectors import units_for_user, user_may_act_on, wards_of_user
from places.services import grant_membership
from tests.factories.places import ProvinceFactory, VillageFactory, WardFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    province = ProvinceFactory()
    ward_a = WardFactory(parent=province, name="Phường A")
    ward_b = WardFactory(parent=province, name="Phường B")
    return {
        "province": province,
        "ward_a": ward_a,
        "ward_b": ward_b,
        "village_a": VillageFactory(parent=ward_a),
        "elsewhere": WardFactory(),
    }


def test_a_ward_editor_of_ward_a_acts_on_ward_a_and_its_villages_not_ward_b(tree):
    editor = UserFactory()
    grant_membership(user=editor, unit=tree["ward_a"], role=Role.WARD_EDITOR)

    assert user_may_act_on(user=editor, unit=tree["ward_a"])
    assert user_may_act_on(user=editor, unit=tree["village_a"])
    assert not user_may_act_on(user=editor, unit=tree["ward_b"])
    assert not user_may_act_on(user=editor, unit=tree["province"])
    assert set(units_for_user(user=editor)) == {tree["ward_a"], tree["village_a"]}
    assert list(wards_of_user(user=editor)) == [tree["ward_a"]]


def test_a_membership_at_a_province_covers_all_its_wards(tree):
    culture_office = UserFactory()
    grant_membership(user=culture_office, unit=tree["province"], role=Role.CULTURE_OFFICE)

    assert set(wards_of_user(user=culture_office)) == {tree["ward_a"], tree["ward_b"]}
    assert user_may_act_on(user=culture_office, unit=tree["village_a"])
    assert not user_may_act_on(user=culture_office, unit=tree["elsewhere"])


def test_roles_narrow_what_a_membership_covers(tree):
    user = UserFactory()
    grant_membership(user=user, unit=tree["ward_a"], role=Role.VIEWER)
    grant_membership(user=user, unit=tree["ward_b"], role=Role.APPROVER)

    assert list(wards_of_user(user=user, roles=[Role.APPROVER])) == [tree["ward_b"]]
    assert not user_may_act_on(user=user, unit=tree["ward_a"], roles=[Role.APPROVER])
    assert user_may_act_on(user=user, unit=tree["ward_a"], roles=[Role.VIEWER, Role.APPROVER])


def test_granting_twice_keeps_one_membership(tree):
    user = UserFactory()
    first = grant_membership(user=user, unit=tree["ward_a"], role=Role.WARD_EDITOR)
    second = grant_membership(user=user, unit=tree["ward_a"], role="ward_editor")
    assert first == second
    assert user.memberships.count() == 1


def test_anonymous_inactive_and_unassigned_users_act_on_nothing(tree):
    inactive = UserFactory(is_active=False)
    grant_membership(user=inactive, unit=tree["province"], role=Role.CULTURE_OFFICE)
    for user in (AnonymousUser(), inactive, UserFactory()):
        assert not units_for_user(user=user).exists()
        assert not user_may_act_on(user=user, unit=tree["ward_a"])


def test_a_superuser_acts_on_every_unit(tree):
    admin = UserFactory(is_superuser=True)
    assert user_may_act_on(user=admin, unit=tree["elsewhere"])
    assert units_for_user(user=admin).count() >= 5


def test_the_check_costs_one_query(tree, django_assert_num_queries):
    user = UserFactory()
    for ward in (tree["ward_a"], tree["ward_b"]):
        grant_membership(user=user, unit=ward, role=Role.WARD_EDITOR)
    with django_assert_num_queries(1):
        assert user_may_act_on(user=user, unit=tree["village_a"])
