"""The admin in Vietnamese, as each demo role walks it.

Every admin URL, for seven kinds of person, is read by the permission matrix
(tests/security/test_permission_matrix.py), which checks the text of each of its 2xx answers with the same
function: that walk is not repeated here. Here each demo person (the five roles of `load_demo` and the
superuser) opens what only the demo has content for: the page editor for a new guide and an existing one, the
page explorer, the history, the image and document choosers and the workflow history; and an anonymous visitor
the login and password-reset pages. The visible text and the title/aria-label/placeholder/alt attributes of every
200 answer must hold no English msgid of the installed packages' catalogues (tests/website/admin_text.py): a
version bump that brings an untranslated string onto these pages fails until locale_packages/source/ translates
it (scripts/package_messages.py).
"""

import re
from collections import defaultdict

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from campaigns.models import CampaignPage, GuidePage
from media_kit.models import PrintTemplate
from places.models import AdministrativeUnit
from tests.factories.users import UserFactory
from tests.website.admin_text import KNOWN_GAPS, untranslated, visible_text
from tracking.models import Placement

pytestmark = [pytest.mark.django_db]

DEMO_PEOPLE = ["vanhoa.daklak", "bientap.buonmathuot", "canbo.buonmathuot", "duyet.buonmathuot", "xem.buonmathuot"]
# Routes that answer something other than a page a person reads: files, JSON, redirects, previews.
NOT_READ = re.compile(r"(\.(js|json|css|txt|xml)$|/usage/|/preview|jsi18n|/api/|/autocomplete|/serve|/download)")


@pytest.fixture(scope="module")
def people(demo_for_module, django_db_blocker):
    with django_db_blocker.unblock():
        User = get_user_model()
        users = {name: User.objects.get(username=name) for name in DEMO_PEOPLE}
        users["superuser"], _created = User.objects.get_or_create(
            username="quantri.vi", defaults={"is_superuser": True, "is_staff": True}
        )
        return users


def object_urls() -> list[str]:
    guide = GuidePage.objects.live().first()
    campaign = CampaignPage.objects.first()
    urls = [
        reverse("wagtailadmin_explore", args=[campaign.pk]),
        reverse("wagtailadmin_pages:edit", args=[guide.pk]),
        reverse("wagtailadmin_pages:add", args=["campaigns", "guidepage", campaign.pk]),
        reverse("wagtailadmin_pages:history", args=[guide.pk]),
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtaildocs_chooser:choose"),
        reverse("wagtailadmin_choose_page"),
        *inspect_urls(),
    ]
    state = WorkflowState.objects.first()
    if state is not None:
        page = Page.objects.get(pk=state.base_id)
        urls.append(reverse("wagtailadmin_pages:workflow_history", args=[page.pk]))
    return urls


def inspect_urls() -> list[str]:
    """Inspect pages whose objects have empty fields: a placement without a proof photo, a print template without
    an image, a province without a parent (Wagtail would print Python's "None" for each)."""
    placement = Placement.objects.filter(proof_photo__isnull=True).first()
    template = PrintTemplate.objects.filter(image__isnull=True).first()
    province = AdministrativeUnit.objects.filter(parent__isnull=True).first()
    return [
        reverse("wagtailsnippets_tracking_placement:inspect", args=[placement.pk]),
        reverse("wagtailsnippets_media_kit_printtemplate:inspect", args=[template.pk]),
        reverse("wagtailsnippets_places_administrativeunit:inspect", args=[province.pk]),
    ]


def readable_html(response) -> str | None:
    """The HTML a person reads: the page, or the modal's HTML that a chooser answers in JSON."""
    if response.status_code != 200:
        return None
    if response.get("Content-Type", "").startswith("text/html"):
        return response.content.decode()
    if response.get("Content-Type", "").startswith("application/json"):
        return response.json().get("html")
    return None


def test_every_walked_admin_page_is_in_vietnamese(people):
    urls = object_urls()
    found = defaultdict(set)  # English string → where it shows
    walked = 0
    anonymous = Client()
    for url in (reverse("wagtailadmin_login"), reverse("wagtailadmin_password_reset")):
        response = anonymous.get(url)
        assert response.status_code == 200, url
        walked += 1
        for text in untranslated(response.content.decode()) - KNOWN_GAPS:
            found[text].add(f"anonymous {url}")
    walked_by = defaultdict(int)
    for name, user in people.items():
        client = Client()
        client.force_login(user)
        for url in urls:
            response = client.get(url, HTTP_USER_AGENT="Mozilla/5.0 (walk)")
            html = readable_html(response)
            if html is None:
                continue
            walked += 1
            walked_by[name] += 1
            for text in untranslated(html) - KNOWN_GAPS:
                found[text].add(f"{name} {url}")
    assert walked_by["superuser"] == len(urls), (walked_by, urls)
    assert all(walked_by[name] for name in DEMO_PEOPLE), walked_by
    report = [f"{text!r}: {', '.join(sorted(where)[:3])}" for text, where in sorted(found.items())]
    assert not found, f"{len(found)} English strings on {walked} walked pages:\n" + "\n".join(report)


def test_empty_fields_read_chua_co_on_inspect_pages(people):
    client = Client()
    client.force_login(people["superuser"])
    for url in inspect_urls():
        text = visible_text(client.get(url).content.decode())
        assert "None" not in text, url
        assert "Chưa có" in text, url


def test_the_login_form_labels_are_vietnamese(client):
    text = visible_text(client.get(reverse("wagtailadmin_login")).content.decode())
    assert "Password" not in text
    assert {"Tên đăng nhập", "Nhập tên đăng nhập", "Mật khẩu", "Nhập mật khẩu"} <= set(text), text


def test_the_login_page_is_loas_not_wagtails(client):
    body = client.get(reverse("wagtailadmin_login")).content.decode()
    assert "Đăng nhập Loa" in body
    assert "Wagtail" not in " ".join(visible_text(body))


def test_the_password_reset_email_is_vietnamese_plain_text(client, mailoutbox):
    UserFactory(username="quen.matkhau", email="quen.matkhau@example.invalid")
    response = client.post(reverse("wagtailadmin_password_reset"), {"email": "quen.matkhau@example.invalid"})
    assert response.status_code == 302
    (message,) = mailoutbox
    assert message.content_subtype == "plain" and message.body.strip()
    text = f"{message.subject}\n{message.body}"
    english = {line for line in text.splitlines() if line.strip() and untranslated(f"<p>{line.strip()}</p>")}
    assert not english, english
    assert re.search(r"/admin/password_reset/confirm/\S+/", message.body)
    assert "Đặt lại mật khẩu" in message.subject
