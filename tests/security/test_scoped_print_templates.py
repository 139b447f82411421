"""Print templates belong to their campaign's unit (issue 17, finding 7): another province's culture office
can neither list, change, preview nor re-assign a template of Đắk Lắk, and a template of a campaign without an
owner unit (national content) is changed by superusers only."""

import pytest
from django.urls import reverse

from media_kit.models import PrintTemplate, PrintTemplateTranslation
from places.models import Role
from tests.factories.campaigns import CampaignPageFactory
from tests.security.forms import csrf_client, form_from_get, post_form, rows
from tests.security.people import OTHER_PROVINCE, PROVINCE, WARD_A, member_of, places

pytestmark = pytest.mark.django_db


@pytest.fixture
def templates(official_units):
    where = places()

    def template(owner, headline):
        campaign = CampaignPageFactory(owner_unit=owner)
        return PrintTemplate.objects.create(campaign=campaign, headline=headline, body="Nội dung ấn phẩm.")

    return {
        "a": template(where.ward_a, "Khẩu hiệu phường A"),
        "b": template(where.ward_b, "Khẩu hiệu riêng phường B"),
        "daklak": template(where.province, "Khẩu hiệu tỉnh Đắk Lắk"),
        "hanoi": template(where.other_province, "Khẩu hiệu Hà Nội"),
        "national": template(None, "Khẩu hiệu toàn quốc"),
        "free_campaign_b": CampaignPageFactory(owner_unit=where.ward_b),  # a campaign of ward B without a template
    }


def url(view: str, template=None) -> str:
    return reverse(f"wagtailsnippets_media_kit_printtemplate:{view}", args=[template.pk] if template else [])


def snapshot():
    return rows(PrintTemplate.objects.all(), PrintTemplateTranslation.objects.all())


def listing(client) -> str:
    return client.get(url("list")).content.decode()


def test_each_person_lists_the_templates_of_their_units_above_them_and_national_ones(templates):
    hanoi = listing(csrf_client(member_of(OTHER_PROVINCE, Role.CULTURE_OFFICE, "vanhoa.hanoi")))
    assert "Khẩu hiệu Hà Nội" in hanoi and "Khẩu hiệu toàn quốc" in hanoi
    for hidden in ("Khẩu hiệu phường A", "Khẩu hiệu riêng phường B", "Khẩu hiệu tỉnh Đắk Lắk"):
        assert hidden not in hanoi

    ward_a = listing(csrf_client(member_of(WARD_A, Role.WARD_EDITOR, "bientap.a")))
    for seen in ("Khẩu hiệu phường A", "Khẩu hiệu tỉnh Đắk Lắk", "Khẩu hiệu toàn quốc"):
        assert seen in ward_a
    for hidden in ("Khẩu hiệu riêng phường B", "Khẩu hiệu Hà Nội"):
        assert hidden not in ward_a


def test_another_provinces_culture_office_cannot_change_preview_or_take_over_a_template(templates):
    client = csrf_client(member_of(OTHER_PROVINCE, Role.CULTURE_OFFICE, "vanhoa.hanoi"))
    for view in ("edit", "history", "inspect"):
        assert client.get(url(view, templates["b"])).status_code in {302, 403}
    preview = reverse("media_kit_preview", args=[templates["b"].pk, "ap-phich-a3"])
    assert client.get(preview).status_code in {302, 403}

    own_form = form_from_get(client, url("edit", templates["hanoi"]))
    before = snapshot()
    post_form(client, url("edit", templates["b"]), own_form, campaign=templates["b"].campaign_id, headline="Đã sửa")
    # Re-assign their own template to a campaign of ward B: not among their campaigns.
    post_form(client, url("edit", templates["hanoi"]), own_form, campaign=templates["free_campaign_b"].pk)
    # The installation's national template is for superusers.
    post_form(
        client,
        url("edit", templates["national"]),
        own_form,
        campaign=templates["national"].campaign_id,
        headline="Sửa nội dung toàn quốc",
    )
    assert snapshot() == before


def test_a_culture_office_changes_the_templates_of_its_province(templates):
    client = csrf_client(member_of(PROVINCE, Role.CULTURE_OFFICE, "vanhoa.daklak"))
    form = form_from_get(client, url("edit", templates["a"]))
    response = post_form(client, url("edit", templates["a"]), form, headline="Kích hoạt VNeID ngay hôm nay")
    assert response.status_code == 302, response.content.decode()[:3000]
    templates["a"].refresh_from_db()
    assert templates["a"].headline == "Kích hoạt VNeID ngay hôm nay"
    assert client.get(reverse("media_kit_preview", args=[templates["a"].pk, "kich-ban-loa"])).status_code == 200
