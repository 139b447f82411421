"""Villages belong to their ward: nobody creates, renames, re-parents or deletes a village under a ward their
membership does not cover, and a village's service point goes where its village goes (issue 17, finding 2:
a ward editor re-parented another ward's village into their own and then changed its service point's hotline).
"""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from places.models import AdministrativeUnit, DivisionType, Role, ServicePoint
from places.services import add_village
from tests.factories.places import ServicePointFactory
from tests.factories.users import MembershipFactory
from tests.security.forms import csrf_client, form_from_get, post_form, rows
from tests.security.people import OTHER_PROVINCE, PROVINCE, WARD_A, WARD_B, member_of, places

pytestmark = pytest.mark.django_db


@pytest.fixture
def villages(official_units):
    where = places()
    village_b = add_village(ward=where.ward_b, name="Buôn Ea Kao B", division_type=DivisionType.BUON)
    return {
        "a": add_village(ward=where.ward_a, name="Khối 1 phường A", division_type=DivisionType.BLOCK),
        "b": village_b,
        "b_empty": add_village(ward=where.ward_b, name="Khối 9 phường B", division_type=DivisionType.BLOCK),
        "point_b": ServicePointFactory(unit=village_b, name="Nhà văn hóa buôn Ea Kao", hotline="0262 3999 111"),
        "hanoi_ward": AdministrativeUnit.objects.filter(path__startswith=f"{OTHER_PROVINCE}/", level="ward").first(),
    }


def url(view: str, obj=None, model: str = "administrativeunit") -> str:
    return reverse(f"wagtailsnippets_places_{model}:{view}", args=[obj.pk] if obj else [])


def may_delete_units(user):
    """No role deletes units; an administrator may grant it by hand, and then only under the user's wards."""
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="places", codename="delete_administrativeunit")
    )
    return user


def snapshot():
    return rows(AdministrativeUnit.objects.filter(is_official=False), ServicePoint.objects.all())


def test_the_add_form_offers_only_the_editors_ward_as_parent(villages):
    where = places()
    client = csrf_client(member_of(WARD_A, Role.WARD_EDITOR, "bientap.a"))
    page = client.get(url("add")).content.decode()
    assert f'<option value="{where.ward_a.pk}"' in page
    assert f'<option value="{where.ward_b.pk}"' not in page
    assert f'<option value="{villages["hanoi_ward"].pk}"' not in page


def test_a_ward_editor_cannot_create_villages_under_another_ward_or_province(villages):
    where = places()
    client = csrf_client(member_of(WARD_A, Role.WARD_EDITOR, "bientap.a"))
    form = form_from_get(client, url("add"))
    before = snapshot()
    for parent in (where.ward_b, villages["hanoi_ward"]):
        post_form(client, url("add"), form, name="Thôn cài cắm", division_type=DivisionType.VILLAGE, parent=parent.pk)
    assert snapshot() == before


def test_a_ward_editor_can_neither_edit_reparent_nor_delete_another_wards_village(villages):
    client = csrf_client(may_delete_units(member_of(WARD_A, Role.WARD_EDITOR, "bientap.a")))
    for view in ("edit", "delete"):
        assert client.get(url(view, villages["b"])).status_code in {302, 403}
    own_form = form_from_get(client, url("edit", villages["a"]))  # parent: ward A
    before = snapshot()

    post_form(client, url("edit", villages["b"]), own_form, name="Buôn đã chiếm")  # re-parent into ward A
    post_form(client, url("edit", villages["b"]), own_form, name="Đổi tên", parent=villages["b"].parent_id)
    post_form(client, url("delete", villages["b_empty"]), form_from_get(client, url("delete", villages["a"])))
    # The service point of ward B's village stays out of reach.
    point_form = form_from_get(client, url("add", model="servicepoint"))
    post_form(client, url("edit", villages["point_b"], "servicepoint"), point_form, hotline="0999 000 000")

    assert snapshot() == before
    assert client.get(url("edit", villages["point_b"], "servicepoint")).status_code in {302, 403}


def test_a_ward_editor_cannot_move_their_own_village_into_another_ward(villages):
    where = places()
    client = csrf_client(member_of(WARD_A, Role.WARD_EDITOR, "bientap.a"))
    form = form_from_get(client, url("edit", villages["a"]))
    before = snapshot()
    post_form(client, url("edit", villages["a"]), form, parent=where.ward_b.pk)
    assert snapshot() == before


def test_another_provinces_culture_office_cannot_touch_a_village_of_dak_lak(villages):
    where = places()
    client = csrf_client(may_delete_units(member_of(OTHER_PROVINCE, Role.CULTURE_OFFICE, "vanhoa.hanoi")))
    form = form_from_get(client, url("add"))
    before = snapshot()
    post_form(client, url("add"), form, name="Thôn lạ", division_type=DivisionType.VILLAGE, parent=where.ward_b.pk)
    post_form(client, url("edit", villages["b"]), form, parent=villages["hanoi_ward"].pk, name="Thôn chuyển tỉnh")
    post_form(client, url("delete", villages["b_empty"]), form)
    assert snapshot() == before


def test_a_viewer_of_the_ward_cannot_add_or_change_its_villages(villages):
    client = csrf_client(member_of(WARD_B, Role.VIEWER, "xem.b"))
    assert client.get(url("add")).status_code in {302, 403}
    assert client.get(url("edit", villages["b"])).status_code in {302, 403}


def test_a_ward_editor_adds_renames_and_deletes_villages_of_their_ward(villages):
    where = places()
    client = csrf_client(may_delete_units(member_of(WARD_A, Role.WARD_EDITOR, "bientap.a")))
    form = form_from_get(client, url("add"))
    response = post_form(
        client,
        url("add"),
        form,
        name="Tổ dân phố 8",
        division_type=DivisionType.RESIDENTIAL_GROUP,
        parent=where.ward_a.pk,
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    added = AdministrativeUnit.objects.get(name="Tổ dân phố 8")
    assert added.parent == where.ward_a and added.code.startswith(f"{WARD_A}-")

    response = post_form(client, url("edit", added), form_from_get(client, url("edit", added)), name="Tổ dân phố 8A")
    assert response.status_code == 302
    added.refresh_from_db()
    assert added.name == "Tổ dân phố 8A"

    response = post_form(client, url("delete", added), form_from_get(client, url("delete", added)))
    assert response.status_code == 302
    assert not AdministrativeUnit.objects.filter(pk=added.pk).exists()


def test_a_village_moved_by_the_province_takes_its_service_point_along(villages):
    where = places()
    office = csrf_client(member_of(PROVINCE, Role.CULTURE_OFFICE, "vanhoa.daklak"))
    editor_a = csrf_client(member_of(WARD_A, Role.WARD_EDITOR, "bientap.a"))
    editor_b = csrf_client(member_of(WARD_B, Role.WARD_EDITOR, "bientap.b"))
    point_url = url("edit", villages["point_b"], "servicepoint")
    assert editor_b.get(point_url).status_code == 200
    assert editor_a.get(point_url).status_code in {302, 403}

    form = form_from_get(office, url("edit", villages["b"]))
    response = post_form(office, url("edit", villages["b"]), form, parent=where.ward_a.pk)
    assert response.status_code == 302, response.content.decode()[:2000]
    villages["b"].refresh_from_db()
    assert villages["b"].path.startswith(where.ward_a.path)

    assert editor_b.get(point_url).status_code in {302, 403}
    response = post_form(editor_a, point_url, form_from_get(editor_a, point_url), hotline="0262 3888 222")
    assert response.status_code == 302, response.content.decode()[:2000]
    villages["point_b"].refresh_from_db()
    assert villages["point_b"].hotline == "0262 3888 222"


@pytest.mark.parametrize("view", ["history", "usage"])
def test_a_units_history_and_usage_are_for_its_own_people(villages, view):
    where = places()
    editor_a = csrf_client(member_of(WARD_A, Role.WARD_EDITOR, "bientap.a"))
    for unit in (villages["a"], where.ward_a):
        assert editor_a.get(url(view, unit)).status_code == 200
    for unit in (villages["b"], where.ward_b):  # the usage of ward B would list its memberships' usernames
        assert editor_a.get(url(view, unit)).status_code in {302, 403}


def test_a_viewer_elsewhere_does_not_make_a_ward_editor_keeper_of_that_ward(villages):
    where = places()
    user = member_of(WARD_A, Role.WARD_EDITOR, "bientap.a")
    MembershipFactory(user=user, unit=where.ward_b, role=Role.VIEWER)
    client = csrf_client(user)
    language_url = reverse("places_unit_language", args=[where.ward_b.pk])
    form = form_from_get(client, reverse("places_unit_language", args=[where.ward_a.pk]))
    before = rows(AdministrativeUnit.objects.filter(pk=where.ward_b.pk))
    post_form(client, language_url, form, default_language="rad")
    post_form(client, url("edit", villages["b"]), form_from_get(client, url("edit", villages["a"])), name="Đổi tên")
    assert rows(AdministrativeUnit.objects.filter(pk=where.ward_b.pk)) == before
    villages["b"].refresh_from_db()
    assert villages["b"].name == "Buôn Ea Kao B"
