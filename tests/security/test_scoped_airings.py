"""Broadcast airings belong to their unit: a ward editor and another province's culture office can neither
see, edit, re-assign nor delete another ward's airing (issue 17, finding 1). Refused requests are well-formed
(the form read from a page the person may open, CSRF token included) and the rows are compared, not only codes.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from insights.models import BroadcastAiring
from places.models import Role
from tests.factories.tracking import loudspeaker_channel
from tests.security.forms import csrf_client, form_from_get, post_form, rows
from tests.security.people import OTHER_PROVINCE, PROVINCE, WARD_A, member_of, places

pytestmark = pytest.mark.django_db


@pytest.fixture
def airings(official_units):
    where = places()
    channel = loudspeaker_channel()
    at = timezone.make_aware(dt.datetime(2026, 10, 5, 6, 30))
    return {
        "a": BroadcastAiring.objects.create(channel=channel, unit=where.ward_a, aired_at=at, note="Bản tin phường A"),
        "b": BroadcastAiring.objects.create(channel=channel, unit=where.ward_b, aired_at=at, note="Bản tin riêng B"),
        "b2": BroadcastAiring.objects.create(channel=channel, unit=where.ward_b, aired_at=at, note="Bản tin thứ hai B"),
    }


def url(view: str, airing=None) -> str:
    return reverse(f"broadcastairing:{view}", args=[airing.pk] if airing else [])


def snapshot():
    return rows(BroadcastAiring.objects.all())


def test_a_ward_editor_lists_only_the_airings_of_their_ward(airings):
    client = csrf_client(member_of(WARD_A, Role.WARD_EDITOR, "bientap.a"))
    for view in ("index", "index_results"):
        listing = client.get(url(view)).content.decode()
        assert "Bản tin phường A" in listing
        assert "Bản tin riêng B" not in listing and "Bản tin thứ hai B" not in listing


@pytest.mark.parametrize("view", ["edit", "delete", "history", "usage"])
def test_a_ward_editor_cannot_open_another_wards_airing(airings, view):
    client = csrf_client(member_of(WARD_A, Role.WARD_EDITOR, "bientap.a"))
    assert client.get(url(view, airings["a"])).status_code == 200
    response = client.get(url(view, airings["b"]))
    assert response.status_code in {302, 403, 404}
    assert "Bản tin riêng B" not in response.content.decode()


def test_a_ward_editor_can_neither_edit_nor_reassign_nor_delete_another_wards_airing(airings):
    client = csrf_client(member_of(WARD_A, Role.WARD_EDITOR, "bientap.a"))
    own_form = form_from_get(client, url("edit", airings["a"]))
    before = snapshot()

    # Re-assign ward B's airing to ward A (the form of their own airing: unit A, a valid channel).
    post_form(client, url("edit", airings["b"]), own_form, note="Đã chiếm")
    # Edit it in place.
    post_form(client, url("edit", airings["b2"]), own_form, unit=airings["b2"].unit_id, duration_minutes=59)
    # Delete it, with the token of their own delete page.
    delete_form = form_from_get(client, url("delete", airings["a"]))
    post_form(client, url("delete", airings["b"]), delete_form)
    post_form(client, url("delete", airings["b2"]), delete_form)

    assert snapshot() == before


def test_another_provinces_culture_office_can_neither_see_nor_change_an_airing(airings):
    client = csrf_client(member_of(OTHER_PROVINCE, Role.CULTURE_OFFICE, "vanhoa.hanoi"))
    listing = client.get(url("index")).content.decode()
    assert "Bản tin riêng B" not in listing and "Bản tin phường A" not in listing
    add_form = form_from_get(client, url("add"))
    before = snapshot()

    post_form(client, url("edit", airings["b"]), add_form, unit=airings["b"].unit_id, note="Sửa từ tỉnh khác")
    post_form(client, url("delete", airings["b"]), add_form)
    # Nor can they log an airing for a ward of Đắk Lắk: the unit is not among their choices.
    post_form(client, url("add"), add_form, unit=airings["b"].unit_id, channel=airings["b"].channel_id)

    assert snapshot() == before


def test_the_add_form_offers_only_the_users_units(airings):
    where = places()
    client = csrf_client(member_of(WARD_A, Role.WARD_EDITOR, "bientap.a"))
    offered = form_from_get(client, url("add"))
    page = client.get(url("add")).content.decode()
    assert f'value="{where.ward_a.pk}"' in page
    assert f'value="{where.ward_b.pk}"' not in page and f'value="{where.province.pk}"' not in page
    assert offered["csrfmiddlewaretoken"]


def test_a_ward_editor_edits_and_deletes_their_own_wards_airing(airings):
    client = csrf_client(member_of(WARD_A, Role.WARD_EDITOR, "bientap.a"))
    form = form_from_get(client, url("edit", airings["a"]))
    response = post_form(client, url("edit", airings["a"]), form, note="Bản tin sáng đã sửa", duration_minutes=12)
    assert response.status_code == 302, response.content.decode()[:2000]
    airings["a"].refresh_from_db()
    assert (airings["a"].note, airings["a"].duration_minutes) == ("Bản tin sáng đã sửa", 12)

    response = post_form(client, url("delete", airings["a"]), form_from_get(client, url("delete", airings["a"])))
    assert response.status_code == 302
    assert not BroadcastAiring.objects.filter(pk=airings["a"].pk).exists()
    assert BroadcastAiring.objects.count() == 2


def test_the_provinces_culture_office_acts_on_every_ward_of_the_province(airings):
    client = csrf_client(member_of(PROVINCE, Role.CULTURE_OFFICE, "vanhoa.daklak"))
    listing = client.get(url("index")).content.decode()
    assert "Bản tin phường A" in listing and "Bản tin riêng B" in listing
    response = post_form(client, url("delete", airings["b"]), form_from_get(client, url("delete", airings["b"])))
    assert response.status_code == 302
    assert not BroadcastAiring.objects.filter(pk=airings["b"].pk).exists()
