"""Page addresses from Vietnamese titles are plain ASCII, with đ as d."""

import pytest
from django.urls import reverse

from campaigns.models import GuidePage
from core.text import ascii_slug
from tests.campaigns.test_approval import guide_form
from tests.factories.campaigns import CampaignPageFactory, GuidePageFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Kích hoạt định danh điện tử mức độ 2", "kich-hoat-dinh-danh-dien-tu-muc-do-2"),
        ("Đăng ký thường trú trực tuyến cho con", "dang-ky-thuong-tru-truc-tuyen-cho-con"),
        ("ĐẮK LẮK – Buôn Ma Thuột", "dak-lak-buon-ma-thuot"),
        ("đăng-ký-tạm-trú", "dang-ky-tam-tru"),
    ],
)
def test_vietnamese_titles_fold_to_ascii_addresses(title, slug):
    assert ascii_slug(title) == slug


def test_a_page_made_in_code_without_a_slug_gets_an_ascii_one():
    guide = GuidePageFactory(title="Đăng ký tạm trú trực tuyến", slug="")
    assert guide.slug == "dang-ky-tam-tru-truc-tuyen"


def test_the_slug_the_admin_script_leaves_with_vietnamese_letters_is_saved_in_ascii(client):
    campaign = CampaignPageFactory()
    client.force_login(UserFactory(is_superuser=True))
    url = reverse("wagtailadmin_pages:add", args=["campaigns", "guidepage", campaign.pk])
    response = client.post(url, {**guide_form("Đăng ký thường trú", slug="đăng-ký-thường-trú"), "action-publish": "1"})
    assert response.status_code == 302
    assert GuidePage.objects.get(title="Đăng ký thường trú").slug == "dang-ky-thuong-tru"


# Wagtail 8's autosave makes a draft as soon as a title is typed, with the slug the admin's script
# derives from it (Vietnamese letters kept); typing that title again on a new page used to answer 500.
AUTOSAVED_TITLE = "Đăng ký tạm trú"
SCRIPT_SLUG = "đăng-ký-tạm-trú"
SLUG_TAKEN = "đã được một trang cùng cấp sử dụng"


@pytest.fixture
def autosaved(client):
    """A campaign holding an autosaved draft titled "Đăng ký tạm trú", and a superuser at the keyboard."""
    campaign = CampaignPageFactory()
    draft = GuidePageFactory(parent=campaign, title=AUTOSAVED_TITLE, slug="dang-ky-tam-tru", live=False)
    client.force_login(UserFactory(is_superuser=True))
    return campaign, draft


def add_url(campaign) -> str:
    return reverse("wagtailadmin_pages:add", args=["campaigns", "guidepage", campaign.pk])


def test_save_draft_with_a_title_an_autosaved_draft_holds_is_a_form_error(client, autosaved):
    campaign, _draft = autosaved
    pages = GuidePage.objects.count()
    response = client.post(add_url(campaign), guide_form(AUTOSAVED_TITLE, slug=SCRIPT_SLUG))  # "Lưu bản nháp"
    assert response.status_code == 200
    assert SLUG_TAKEN in response.content.decode()
    assert GuidePage.objects.count() == pages


def test_autosave_with_that_title_answers_a_validation_error(client, autosaved):
    campaign, _draft = autosaved
    pages = GuidePage.objects.count()
    form = guide_form(AUTOSAVED_TITLE, slug=SCRIPT_SLUG)
    response = client.post(add_url(campaign), form, HTTP_ACCEPT="application/json")
    # Wagtail's autosave answer to an invalid form: the editor then shows the error on "Save draft".
    assert response.status_code == 400
    assert response.json()["success"] is False and response.json()["error_code"] == "validation_error"
    assert GuidePage.objects.count() == pages


@pytest.mark.parametrize("accept", ["text/html", "application/json"])
def test_editing_a_page_to_a_siblings_address_saves_nothing(client, autosaved, accept):
    campaign, _draft = autosaved
    page = GuidePageFactory(parent=campaign, title="Đăng ký thường trú", slug="dang-ky-thuong-tru")
    revision = page.latest_revision_id
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(url, guide_form(AUTOSAVED_TITLE, slug=SCRIPT_SLUG), HTTP_ACCEPT=accept)
    assert response.status_code == (200 if accept == "text/html" else 400)
    if accept == "text/html":
        assert SLUG_TAKEN in response.content.decode()
    page.refresh_from_db()
    assert page.latest_revision_id == revision
    assert (page.slug, page.draft_title) == ("dang-ky-thuong-tru", "Đăng ký thường trú")


def test_a_page_made_without_a_slug_next_to_that_draft_gets_a_free_ascii_one(autosaved):
    """Wagtail de-duplicates the slug it makes from the title; it must de-duplicate the folded one."""
    campaign, _draft = autosaved
    page = GuidePageFactory(parent=campaign, title=AUTOSAVED_TITLE, slug="")
    assert page.slug == "dang-ky-tam-tru-2"
