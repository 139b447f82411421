"""A draft in moderation belongs to its campaign's unit: Wagtail's workflow reports and the publish-time
confirmation answered every editor about every ward's drafts (found by the permission matrix once it was given
a page in a workflow, issue 17)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from campaigns.approval import EDITORS_GROUP, ensure_approval_workflow
from places.models import Role
from tests.factories.campaigns import CampaignPageFactory, GuidePageFactory
from tests.security.people import WARD_A, member_of, places

pytestmark = pytest.mark.django_db

SECRET = "Bản nháp KINHB7"


@pytest.fixture
def draft_of_ward_b_in_moderation(official_units):
    where = places()
    campaign = CampaignPageFactory(title="Chiến dịch phường B", owner_unit=where.ward_b)
    draft = GuidePageFactory(parent=campaign, title=SECRET, slug="nhap-b", live=False)
    draft.save_revision()
    owner = member_of(WARD_A, Role.CULTURE_OFFICE, "vanhoa")
    ensure_approval_workflow().workflow.start(draft, owner)
    return draft


@pytest.fixture
def editor_of_ward_a(client):
    editor = member_of(WARD_A, Role.WARD_EDITOR, "bientap.a")
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(editor)
    return client


@pytest.mark.parametrize(
    "report", ["wagtailadmin_reports:workflow", "wagtailadmin_reports:workflow_tasks"], ids=["workflows", "tasks"]
)
def test_the_workflow_reports_do_not_list_another_wards_drafts(draft_of_ward_b_in_moderation, editor_of_ward_a, report):
    response = editor_of_ward_a.get(reverse(report))
    assert response.status_code == 200
    assert SECRET not in response.content.decode()


def test_the_publish_time_confirmation_does_not_answer_about_another_wards_draft(
    draft_of_ward_b_in_moderation, editor_of_ward_a
):
    url = reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[draft_of_ward_b_in_moderation.pk])
    response = editor_of_ward_a.get(url)
    assert response.status_code in (302, 403)
    assert "Duyệt" not in response.content.decode()


def test_the_superuser_still_sees_the_draft_in_the_reports(draft_of_ward_b_in_moderation, admin_client):
    assert SECRET in admin_client.get(reverse("wagtailadmin_reports:workflow")).content.decode()
