import re

import pytest
from django.urls import reverse

from tests.factories.users import UserFactory
from tests.languages.conftest import translated

pytestmark = pytest.mark.django_db


def states(html: str, title: str) -> dict[str, str]:
    row = re.search(rf"<tr>\s*<td class=\"title\"><a [^>]*>{re.escape(title)}</a></td>(.*?)</tr>", html, re.S)
    assert row, f"{title} is not in the report"
    return dict(re.findall(r'data-language="([^"]+)" data-state="([^"]+)"', row.group(1)))


def report(client) -> str:
    client.force_login(UserFactory(is_superuser=True))
    response = client.get(reverse("website_translation_status"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_report_shows_translated_missing_and_out_of_date_per_language(
    client, guide, rad_guide, django_capture_on_commit_callbacks
):
    translated(guide, language_code="en", strings={}, capture=django_capture_on_commit_callbacks)
    html = report(client)
    assert states(html, guide.title) == {"en": "translated", "km": "missing", "rad": "translated", "hnj": "missing"}
    # The campaign above the guide exists in rad only as a placeholder (an alias): not translated.
    assert states(html, guide.get_parent().title)["rad"] == "missing"

    # An editor revises the Vietnamese guide: both translations are now behind it.
    guide.title = "Cài đặt ứng dụng VNeID (cập nhật)"
    guide.save_revision().publish()
    html = report(client)
    assert states(html, guide.title) == {
        "en": "out_of_date",
        "km": "missing",
        "rad": "out_of_date",
        "hnj": "missing",
    }
    assert "Cần cập nhật" in html


def test_the_report_is_not_for_anonymous_visitors(client):
    response = client.get(reverse("website_translation_status"))
    assert response.status_code == 302


def test_the_admin_lists_every_content_locale_including_those_django_does_not_know(client):
    client.force_login(UserFactory(is_superuser=True))
    response = client.get(reverse("wagtaillocales:index"))
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("Tiếng Việt", "English", "ភាសាខ្មែរ", "Ê Đê", "Hmoob Ntsuab"):
        assert name in html


def test_a_translator_can_open_the_translation_editor_of_a_page(client, guide, rad_guide):
    client.force_login(UserFactory(is_superuser=True))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[rad_guide.pk]))
    assert response.status_code == 200
    assert "[rad: bản dịch thử nghiệm]" in response.content.decode()
