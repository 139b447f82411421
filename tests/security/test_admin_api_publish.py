"""The admin API's "publish" action asks first (issue 17, found by the POST matrix).

Wagtail's action saved a revision of a page that had none, in the user's name, before refusing: a ward approver's
refused request left a revision on the services index (an installation page: superuser only).
"""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Revision

from campaigns.approval import APPROVERS_GROUP
from campaigns.models import ServiceIndexPage
from places.models import Role
from tests.factories.campaigns import home_page
from tests.security.forms import csrf_client
from tests.security.people import WARD_B, member_of

pytestmark = pytest.mark.django_db


def services_index() -> ServiceIndexPage:
    """The services index as a migration or a script makes it: a page with no revision yet."""
    return home_page().add_child(instance=ServiceIndexPage(title="Dịch vụ công thiết yếu", slug="dich-vu-cong"))


def test_a_ward_approver_cannot_publish_the_services_index_through_the_admin_api(official_units):
    home = services_index()
    assert home.latest_revision_id is None
    approver = member_of(WARD_B, Role.APPROVER, "duyet.b")
    approver.groups.add(Group.objects.get(name=APPROVERS_GROUP))
    client = csrf_client(approver)
    client.get("/admin/")
    before = list(Revision.objects.values_list("pk", flat=True))

    response = client.post(
        f"/admin/api/main/pages/{home.pk}/action/publish/",
        "{}",
        content_type="application/json",
        HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
    )

    assert response.status_code == 403
    assert list(Revision.objects.values_list("pk", flat=True)) == before
    home.refresh_from_db()
    assert home.latest_revision_id is None or home.latest_revision_id in before


def test_a_superuser_still_publishes_through_the_admin_api(admin_client):
    home = services_index()
    response = admin_client.post(
        f"/admin/api/main/pages/{home.pk}/action/publish/", "{}", content_type="application/json"
    )
    assert response.status_code == 200
    assert Revision.objects.filter(object_id=str(home.pk)).exists()
