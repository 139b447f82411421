"""Channels are one national list: every placement, rollup and estimate is per channel, so a province's culture
office renaming "Loa truyền thanh" or adding a channel changes everybody's figures (issue 17, finding 7).
Only superusers add, change or delete channels; there is no national role."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from places.models import Role
from places.roles import ROLE_GROUP_NAMES
from tests.factories.tracking import loudspeaker_channel
from tests.factories.users import UserFactory
from tests.security.forms import csrf_client, form_from_get, post_form, rows
from tests.security.people import PROVINCE, WARD_A, member_of
from tracking.models import Channel

pytestmark = pytest.mark.django_db


def url(view: str, channel=None) -> str:
    return reverse(f"wagtailsnippets_tracking_channel:{view}", args=[channel.pk] if channel else [])


def with_own_token(client, fields: dict) -> dict:
    """Another person's form fields with this client's CSRF token: a well-formed request from this client."""
    client.get(reverse("wagtailadmin_home"))
    return {**fields, "csrfmiddlewaretoken": [client.cookies["csrftoken"].value]}


@pytest.fixture
def superuser_client(db):
    return csrf_client(UserFactory(username="quantri", is_superuser=True))


@pytest.mark.parametrize("role, code", [(Role.CULTURE_OFFICE, PROVINCE), (Role.WARD_EDITOR, WARD_A)])
def test_a_culture_office_or_ward_editor_cannot_add_or_change_a_channel(official_units, superuser_client, role, code):
    channel = loudspeaker_channel()
    client = csrf_client(member_of(code, role, "nguoi.dia.phuong"))
    assert client.get(url("list")).status_code == 200  # everybody sees the list
    for view, target in (("add", None), ("edit", channel)):
        assert client.get(url(view, target)).status_code in {302, 403}

    edit_form = with_own_token(client, form_from_get(superuser_client, url("edit", channel)))
    add_form = with_own_token(client, form_from_get(superuser_client, url("add")))
    before = rows(Channel.objects.all())
    post_form(client, url("edit", channel), edit_form, name="Loa của tỉnh")
    post_form(client, url("add"), add_form, name="Kênh riêng", slug="kenh-rieng", kind="sound")
    assert rows(Channel.objects.all()) == before


def test_the_culture_office_group_no_longer_holds_channel_permissions(official_units):
    group = Group.objects.get(name=ROLE_GROUP_NAMES[Role.CULTURE_OFFICE])
    held = set(group.permissions.values_list("codename", flat=True))
    assert not {"add_channel", "change_channel", "delete_channel"} & held
    assert "view_channel" in held


def test_a_superuser_renames_a_channel(official_units, superuser_client):
    channel = loudspeaker_channel()
    form = form_from_get(superuser_client, url("edit", channel))
    response = post_form(superuser_client, url("edit", channel), form, name="Loa truyền thanh thông minh")
    assert response.status_code == 302, response.content.decode()[:2000]
    channel.refresh_from_db()
    assert channel.name == "Loa truyền thanh thông minh"
