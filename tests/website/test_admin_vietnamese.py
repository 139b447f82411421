"""The admin in Vietnamese, as each demo role walks it.

Each demo person (the five roles of `load_demo`, the superuser, and an anonymous visitor on the
login and password-reset pages) opens every admin URL the resolver lists that takes no object
(listings, reports, settings, account, choosers: a view added tomorrow is walked tomorrow), plus
the page editor for a new guide and an existing one, the page explorer, the image and document
choosers and the workflow history. The visible text and the title/aria-label/placeholder/alt
attributes of every 200 answer must hold no English msgid of the installed packages' catalogues
(tests/website/admin_text.py): a version bump that brings an untranslated string onto these pages
fails here until locale_packages/source/ translates it (scripts/package_messages.py).
"""

import re
from collections import defaultdict

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import get_resolver, reverse
from wagtail.models import Page, WorkflowState

from campaigns.models import CampaignPage, GuidePage
from tests.security.test_permission_matrix import NOT_WALKED, walk
from tests.website.admin_text import untranslated, visible_text

pytestmark = [pytest.mark.django_db]

DEMO_PEOPLE = ["vanhoa.daklak", "bientap.buonmathuot", "canbo.buonmathuot", "duyet.buonmathuot", "xem.buonmathuot"]
# Routes that answer something other than a page a person reads: files, JSON, redirects, previews.
# Known gaps, each translated in the catalogue but still shown in English on a walked page (a label that reaches
# the page without gettext, or a msgid with a context): to fix, not to grow. A new English string still fails.
KNOWN_GAPS = {"Actions", "Enabled", "Locale", "None", "Page", "Password", "Search", "Site"}
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


def admin_urls_without_objects() -> list[str]:
    urls = []
    for pattern, _name in walk(get_resolver().url_patterns):
        if not pattern.startswith("admin/") or NOT_WALKED.search(pattern) or NOT_READ.search(pattern):
            continue
        if "<" in pattern or "(?P" in pattern or "(" in pattern:
            continue
        urls.append("/" + pattern.replace("^", "").replace("$", "").replace("\\", ""))
    return sorted(set(urls))


def object_urls() -> list[str]:
    guide = GuidePage.objects.live().first()
    campaign = CampaignPage.objects.first()
    urls = [
        reverse("wagtailadmin_explore", args=[campaign.pk]),
        reverse("wagtailadmin_pages:edit", args=[guide.pk]),
        reverse("wagtailadmin_pages:add", args=["campaigns", "guidepage", campaign.pk]),
        reverse("wagtailadmin_pages:history", args=[guide.pk]),
        reverse("wagtailadmin_pages:revisions_index", args=[guide.pk]),
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtaildocs_chooser:choose"),
        reverse("wagtailadmin_choose_page"),
    ]
    state = WorkflowState.objects.first()
    if state is not None:
        page = Page.objects.get(pk=state.base_id)
        urls.append(reverse("wagtailadmin_pages:workflow_history", args=[page.pk]))
    return urls


def test_every_walked_admin_page_is_in_vietnamese(people):
    urls = admin_urls_without_objects() + object_urls()
    found = defaultdict(set)  # English string → where it shows
    walked = 0
    anonymous = Client()
    for url in (reverse("wagtailadmin_login"), reverse("wagtailadmin_password_reset")):
        response = anonymous.get(url)
        assert response.status_code == 200, url
        walked += 1
        for text in untranslated(response.content.decode()) - KNOWN_GAPS:
            found[text].add(f"anonymous {url}")
    for name, user in people.items():
        client = Client()
        client.force_login(user)
        for url in urls:
            response = client.get(url, HTTP_USER_AGENT="Mozilla/5.0 (walk)")
            if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
                continue
            walked += 1
            for text in untranslated(response.content.decode()) - KNOWN_GAPS:
                found[text].add(f"{name} {url}")
    assert walked > 100, walked
    report = [f"{text!r}: {', '.join(sorted(where)[:3])}" for text, where in sorted(found.items())]
    assert not found, f"{len(found)} English strings on {walked} walked pages:\n" + "\n".join(report)


def test_the_login_page_is_loas_not_wagtails(client):
    body = client.get(reverse("wagtailadmin_login")).content.decode()
    assert "Đăng nhập Loa" in body
    assert "Wagtail" not in " ".join(visible_text(body))
