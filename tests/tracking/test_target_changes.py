import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse

from campaigns.approval import APPROVERS_GROUP
from places.models import AdministrativeUnit, Role, UnitLogEntry
from places.services import grant_membership
from tests.factories.campaigns import GuidePageFactory
from tests.factories.tracking import placement, poster_channel
from tests.factories.users import UserFactory
from tracking.models import TargetChange, TargetChangeStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward(official_units):
    return AdministrativeUnit.objects.get(code="24133")


@pytest.fixture
def printed(ward):
    guide = GuidePageFactory(title="Cài đặt VNeID")
    return placement(
        unit=ward, campaign=guide.get_parent().specific, target_page=guide, installed_on=dt.date(2026, 3, 1)
    )


def approver_of(unit, username: str):
    """An approver as load_demo makes them: the approvers' group (admin access) and a membership."""
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=APPROVERS_GROUP))
    grant_membership(user=user, unit=unit, role=Role.APPROVER)
    return user


def edit(client, item, new_target):
    return client.post(
        reverse("wagtailsnippets_tracking_placement:edit", args=[item.pk]),
        {
            "campaign": item.campaign_id,
            "unit": item.unit_id,
            "channel": item.channel_id,
            "spot": item.spot,
            "target_page": new_target.pk,
            "target_url": "",
            "quantity": "100",
            "unit_cost_vnd": "15000",
            "installed_on": "2026-03-01",
            "status": "active",
        },
    )


@pytest.fixture
def editor(client):
    user = UserFactory(username="bientap", is_superuser=True)
    client.force_login(user)
    return user


def test_editing_a_printed_target_makes_a_request_and_the_code_keeps_its_target(client, editor, printed):
    other = GuidePageFactory(title="Đăng ký tạm trú", parent=printed.campaign)
    response = edit(client, printed, other)
    assert response.status_code == 302
    printed.refresh_from_db()
    assert printed.target_page_id != other.pk and printed.quantity == 100
    change = TargetChange.objects.get()
    assert (change.status, change.to_page_id, change.requested_by) == (TargetChangeStatus.PENDING, other.pk, editor)
    assert UnitLogEntry.objects.filter(action="tracking.target_change_requested").exists()


def test_an_unprinted_placement_changes_target_at_once(client, editor, ward):
    guide = GuidePageFactory()
    item = placement(unit=ward, campaign=guide.get_parent().specific, target_page=guide)
    other = GuidePageFactory(parent=item.campaign)
    edit(client, item, other)
    item.refresh_from_db()
    assert item.target_page_id == other.pk and not TargetChange.objects.exists()


def test_the_units_approver_accepts_and_the_scan_follows(client, editor, printed, ward):
    other = GuidePageFactory(title="Đăng ký tạm trú", parent=printed.campaign)
    edit(client, printed, other)
    change = TargetChange.objects.get()
    approver = approver_of(ward, "duyet")
    cache.clear()

    client.force_login(approver)
    assert "Đăng ký tạm trú" in client.get(reverse("tracking_target_changes")).content.decode()
    response = client.post(reverse("tracking_decide_target_change", args=[change.pk]), {"decision": "accept"})
    assert response.status_code == 302
    printed.refresh_from_db()
    assert printed.target_page_id == other.pk
    assert client.get(f"/q/{printed.short_code}")["Location"].startswith(other.url)
    entry = UnitLogEntry.objects.get(action="tracking.target_change_accepted")
    assert entry.user == approver and entry.data["to"] == "Đăng ký tạm trú"


def test_an_approver_of_another_ward_cannot_decide(client, editor, printed, official_units):
    edit(client, printed, GuidePageFactory(parent=printed.campaign))
    change = TargetChange.objects.get()
    outsider = approver_of(AdministrativeUnit.objects.get(code="24169"), "duyet.eakao")
    client.force_login(outsider)
    assert "Không có đề nghị nào chờ bạn." in client.get(reverse("tracking_target_changes")).content.decode()
    response = client.post(reverse("tracking_decide_target_change", args=[change.pk]), {"decision": "accept"})
    assert response.status_code in {302, 403}  # Wagtail's admin turns a refusal into a redirect with a message
    change.refresh_from_db()
    assert change.status == TargetChangeStatus.PENDING


def test_a_rejection_keeps_the_target_and_is_logged(client, editor, printed, ward):
    original = printed.target_page_id
    edit(client, printed, GuidePageFactory(parent=printed.campaign))
    approver = approver_of(ward, "duyet")
    client.force_login(approver)
    client.post(reverse("tracking_decide_target_change", args=[TargetChange.objects.get().pk]), {"decision": "reject"})
    printed.refresh_from_db()
    assert printed.target_page_id == original
    assert UnitLogEntry.objects.filter(action="tracking.target_change_rejected", user=approver).exists()
    assert poster_channel()  # the channel is untouched
