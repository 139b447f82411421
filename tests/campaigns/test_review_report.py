import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from campaigns.approval import EDITORS_GROUP
from places.models import AdministrativeUnit, Role
from tests.factories.campaigns import CampaignPageFactory, GuidePageFactory
from tests.factories.users import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_admin_lists_guides_past_their_review_date(client):
    today = timezone.localdate()
    GuidePageFactory(title="Hướng dẫn cũ", review_by=today - dt.timedelta(days=1))
    GuidePageFactory(title="Hướng dẫn còn hạn", review_by=today + dt.timedelta(days=30))
    client.force_login(UserFactory(is_superuser=True))

    html = client.get(reverse("campaigns_guides_past_review")).content.decode()
    assert "Hướng dẫn cũ" in html
    assert "Hướng dẫn còn hạn" not in html


def test_the_report_is_not_for_anonymous_visitors(client):
    response = client.get(reverse("campaigns_guides_past_review"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_ward_editor_sees_only_their_wards_guides_in_the_report_as_on_their_home(client, official_units):
    today = timezone.localdate()
    ward_a, ward_b = (AdministrativeUnit.objects.get(code=code) for code in ("24133", "24169"))
    ours = CampaignPageFactory(owner_unit=ward_a)
    theirs = CampaignPageFactory(owner_unit=ward_b)
    GuidePageFactory(parent=ours, title="Tạm trú Buôn Ma Thuột", review_by=today - dt.timedelta(days=3))
    GuidePageFactory(parent=theirs, title="Tạm trú Ea Kao", review_by=today - dt.timedelta(days=3))
    editor = UserFactory(username="bientap.bmt")
    MembershipFactory(user=editor, unit=ward_a, role=Role.WARD_EDITOR)
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(editor)

    report = client.get(reverse("campaigns_guides_past_review"))
    assert report.status_code == 200
    assert "Tạm trú Buôn Ma Thuột" in report.content.decode()
    assert "Tạm trú Ea Kao" not in report.content.decode()
    export = client.get(reverse("campaigns_guides_past_review") + "?export=csv")
    exported = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    assert "Tạm trú Buôn Ma Thuột" in exported and "Tạm trú Ea Kao" not in exported
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Tạm trú Buôn Ma Thuột" in home and "Tạm trú Ea Kao" not in home
