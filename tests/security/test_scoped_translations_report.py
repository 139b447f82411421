"""wagtail-localize's translations report checked no permission and listed every page's translations, other
wards' drafts included (noticed while shaping the admin to roles, issue 20; scoped under issue 17's rule)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from campaigns.approval import EDITORS_GROUP
from languages.translations import translate_page
from places.models import Role
from tests.factories.campaigns import CampaignPageFactory, GuidePageFactory
from tests.security.people import WARD_A, WARD_B, member_of, places

pytestmark = pytest.mark.django_db

REPORT = "wagtail_localize:translations_report"


@pytest.fixture
def translated_drafts(official_units):
    where = places()
    for letter, ward in (("A", where.ward_a), ("B", where.ward_b)):
        campaign = CampaignPageFactory(title=f"Chiến dịch phường {letter}", owner_unit=ward)
        draft = GuidePageFactory(parent=campaign, title=f"Bản nháp DICH{letter}9", slug=f"nhap-{letter}", live=False)
        translate_page(page=draft, language_code="en", strings={})


def logged_in(client, code, role, username, *groups):
    user = member_of(code, role, username)
    for group in groups:
        user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return client


def test_a_ward_editor_sees_the_translations_of_their_wards_pages_only(translated_drafts, client):
    editor = logged_in(client, WARD_A, Role.WARD_EDITOR, "bientap.a", EDITORS_GROUP)
    page = editor.get(reverse(REPORT)).content.decode()
    assert "DICHA9" in page
    assert "DICHB9" not in page
    assert "DICHB9" not in editor.get(reverse("wagtail_localize:translations_report_results")).content.decode()


def test_a_viewer_cannot_open_the_report(translated_drafts, client):
    viewer = logged_in(client, WARD_B, Role.VIEWER, "xem.b")
    response = viewer.get(reverse(REPORT))
    assert response.status_code in (302, 403)
    assert "DICHB9" not in response.content.decode()


def test_the_superuser_sees_every_translation(translated_drafts, admin_client):
    page = admin_client.get(reverse(REPORT)).content.decode()
    assert "DICHA9" in page and "DICHB9" in page
