import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories.campaigns import GuidePageFactory
from tests.factories.users import UserFactory

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
