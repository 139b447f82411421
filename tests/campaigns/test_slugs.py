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
