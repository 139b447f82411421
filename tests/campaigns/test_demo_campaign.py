"""The demo campaign that `load_demo` builds: real guides, a captioned video, the services catalogue."""

import unicodedata

import pytest
from django.core.management import call_command

from campaigns.models import CampaignPage, GuidePage, Metric, PublicService, ServiceIndexPage, VideoPage
from home.models import HomePage
from media_kit.models import PrintFormat
from media_kit.packs import build_pack
from places.models import AdministrativeUnit

pytestmark = pytest.mark.django_db

DEMO_GUIDES = {
    "cai-dat-vneid",
    "kich-hoat-dinh-danh-muc-do-2",
    "dang-nhap-dich-vu-cong-bang-vneid",
    "dang-ky-tam-tru-truc-tuyen",
}


@pytest.fixture
def demo(demo_for_module):
    """The demo, loaded once for this module (tests/conftest.py); each test's changes are rolled back."""
    # The demo also translates a guide: its ancestors exist in other locales too.
    return CampaignPage.objects.get(slug="kich-hoat-dinh-danh-dien-tu-muc-do-2", locale__language_code="vi")


def test_the_demo_campaign_has_its_guides_video_and_targets(demo):
    assert demo.title == "Kích hoạt định danh điện tử mức độ 2" and demo.live
    guides = GuidePage.objects.child_of(demo).live()
    assert set(guides.values_list("slug", flat=True)) >= DEMO_GUIDES
    assert all(len(guide.steps) >= 4 for guide in guides)
    assert demo.targets.count() >= 1
    video = VideoPage.objects.child_of(demo).live().get()
    assert video.video_file is not None
    assert set(video.captions.values_list("language", flat=True)) >= {"vi"}
    assert GuidePage.objects.get(slug="cai-dat-vneid", locale__language_code="vi").video == video


def test_the_demo_campaign_renders_every_guide_with_every_step(client, demo):
    assert client.get(demo.url).status_code == 200
    for guide in GuidePage.objects.child_of(demo):
        html = client.get(guide.url).content.decode()
        for number, step in enumerate(guide.steps, start=1):
            assert f'id="buoc-{number}"' in html
            assert str(step.value["title"]).replace("&", "&amp;") in html


def test_the_demo_video_page_plays_our_own_file_with_captions(client, demo):
    video = VideoPage.objects.child_of(demo).get()
    html = client.get(video.url).content.decode()
    assert f'src="{video.video_file.url}"' in html
    assert '<track kind="captions" srclang="vi"' in html
    assert video.transcript and "VNeID" in video.transcript
    caption = video.captions.get(language="vi").file
    with caption.file.open("rb") as handle:
        assert handle.read(6) == b"WEBVTT"


def test_the_catalogue_holds_the_essential_services(client, demo):
    names = set(PublicService.objects.values_list("name", flat=True))
    assert len(names) >= 18
    assert {"Đăng ký tạm trú", "Đăng ký khai sinh", "Đăng ký kết hôn", "Cấp đổi, cấp lại thẻ CCCD"} <= names
    assert PublicService.objects.filter(guide__slug="dang-ky-tam-tru-truc-tuyen").exists()
    index = ServiceIndexPage.objects.get()
    assert client.get(index.url).content.decode().count('class="service"') == len(names)


def test_metrics_are_seeded(demo):
    assert Metric.objects.filter(slug="vneid-muc-2").exists()


def test_the_front_page_leads_with_the_top_tasks(client, demo, django_assert_max_num_queries):
    home = HomePage.objects.get(locale__language_code="vi")
    assert home.top_tasks.count() >= 3
    client.get("/")
    with django_assert_max_num_queries(12):
        html = client.get("/").content.decode()
    assert "Cài đặt ứng dụng VNeID và đăng ký tài khoản" in html
    for task in home.top_tasks.all():
        assert f'href="{task.page.url}"' in html


def test_every_demo_text_is_nfc_vietnamese(demo):
    texts = [
        *GuidePage.objects.values_list("title", "intro"),
        *PublicService.objects.values_list("name", "agency"),
        *Metric.objects.values_list("name", "description"),
    ]
    for row in texts:
        for text in row:
            assert unicodedata.is_normalized("NFC", text), text
    assert "lorem" not in " ".join(text for row in texts for text in row).lower()


def test_loading_the_demo_twice_creates_no_second_copy(demo):
    counts = (GuidePage.objects.count(), VideoPage.objects.count(), PublicService.objects.count())
    call_command("load_demo")
    assert (GuidePage.objects.count(), VideoPage.objects.count(), PublicService.objects.count()) == counts


def test_the_demo_campaign_can_print_a_pack_at_once(demo):
    result = build_pack(
        campaign=demo,
        formats=list(PrintFormat.objects.filter(slug__in=["ap-phich-a3", "kich-ban-loa"])),
        units=[AdministrativeUnit.objects.get(code="24169")],
        channel_choices={"kich-ban-loa": "loa-truyen-thanh"},
    )
    assert len(result.rows) == 2 and not result.failures


def test_the_demo_campaign_belongs_to_the_province_even_on_an_older_database(demo):
    """Đắk Lắk's culture office edits the demo campaign; Ea Kao's approver may not publish or unpublish it.

    Demo databases made before campaigns had owners hold it without one: loading the demo again sets it.
    """
    from django.contrib.auth import get_user_model

    from campaigns.demo import load_content
    from tests.factories.campaigns import home_page

    province = AdministrativeUnit.objects.get(code="66")
    assert demo.owner_unit == province
    guide = GuidePage.objects.child_of(demo).get(slug="cai-dat-vneid")
    users = get_user_model().objects
    culture_office, ward_approver = users.get(username="vanhoa.daklak"), users.get(username="duyet.eakao")

    CampaignPage.objects.update(owner_unit=None)  # as on a database made before owners
    assert not guide.permissions_for_user(culture_office).can_edit()
    assert guide.permissions_for_user(ward_approver).can_unpublish() is False

    load_content(home=home_page())
    assert set(CampaignPage.objects.values_list("owner_unit", flat=True)) == {province.pk}  # every language
    demo.refresh_from_db()
    assert demo.get_latest_revision_as_object().owner_unit == province, "the editor would show no owner"
    assert guide.permissions_for_user(culture_office).can_edit()
    ward = guide.permissions_for_user(ward_approver)
    assert not ward.can_publish() and not ward.can_unpublish() and not ward.can_edit()
