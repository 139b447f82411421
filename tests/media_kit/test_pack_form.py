"""The pack form as an official uses it, without JavaScript: one entry per campaign, wards by name typed
without accents or found by a search, and the channel required where a format serves several."""

import html
import re
from collections import Counter

import pytest
from django.urls import reverse
from wagtail.models import Locale

from media_kit.models import Pack, PrintFormat
from places.models import AdministrativeUnit, UnitLevel
from tests.factories.users import UserFactory
from tracking.models import Placement
from tracking.services import create_placement

pytestmark = pytest.mark.django_db


@pytest.fixture
def official(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user = UserFactory(username="vanhoa", is_superuser=True)
    client.force_login(user)
    return user


def post(client, print_template, **fields):
    data = {"campaign": print_template.campaign.pk, "formats": [PrintFormat.objects.get(slug="kich-ban-loa").pk]}
    data["channel_kich-ban-loa"] = "loa-truyen-thanh"
    data.update(fields)
    return client.post(reverse("media_kit_pack_request"), data)


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def test_a_translated_campaign_is_offered_once(client, official, print_template):
    campaign = print_template.campaign
    campaign.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    page = page_text(client.get(reverse("media_kit_pack_request")))
    assert len(re.findall(rf"<option value=\"\d+\"[^>]*>{re.escape(campaign.title)}</option>", page)) == 1
    assert f'<option value="{campaign.pk}"' in page


def test_wards_typed_by_name_without_accents_make_the_pack(client, official, print_template, ward, official_units):
    response = post(client, print_template, unit_codes="buon ma thuot\nphuong ea kao")
    assert response.status_code == 302, page_text(response)[-3000:]
    assert Pack.objects.get().unit_codes == "24133,24169"


def test_a_name_two_provinces_share_is_not_guessed(client, official, print_template, official_units):
    names = Counter(AdministrativeUnit.objects.filter(level=UnitLevel.WARD).values_list("name", flat=True))
    name, count = names.most_common(1)[0]
    assert count > 1
    page = page_text(post(client, print_template, unit_codes=name.lower()))
    assert f"Có {count} nơi tên “{name.lower()}”" in page and "Hãy ghi mã của nơi cần in." in page
    assert "Không tìm thấy xã, phường tên “khong co xa nay”" in page_text(
        post(client, print_template, unit_codes="khong co xa nay")
    )
    assert not Pack.objects.exists()


def test_the_ward_search_finds_a_ward_without_accents_and_the_ticked_one_is_printed(
    client, official, print_template, ward, official_units
):
    searched = post(client, print_template, unit_codes="24133", tim="1", tim_xa="ea ka")
    page = page_text(searched)
    assert searched.status_code == 200 and not Pack.objects.exists()  # a search generates nothing
    assert '<input type="checkbox" name="chon" value="24169"> Phường Ea Kao (Đắk Lắk, 24169)' in page
    assert re.search(r'<textarea name="unit_codes"[^>]*>\s*24133</textarea>', page)  # what was typed stays
    response = post(client, print_template, unit_codes="24133", chon="24169")
    assert response.status_code == 302
    assert Pack.objects.get().unit_codes == "24133,24169"


def test_a_multi_channel_format_without_its_channel_is_refused_with_a_clear_message(
    client, official, print_template, ward
):
    response = post(client, print_template, unit_codes="24133", **{"channel_kich-ban-loa": ""})
    assert response.status_code == 200
    assert "Định dạng “Kịch bản đọc trên loa” dùng cho nhiều kênh: hãy chọn một kênh" in page_text(response)
    assert not Pack.objects.exists()


def test_the_preview_counts_files_copies_and_cost_before_anything_is_made(
    client, official, print_template, ward, official_units
):
    campaign = print_template.campaign
    poster = create_placement(
        campaign=campaign, unit=ward, channel=PrintFormat.objects.get(slug="ap-phich-a3").channels.get()
    )
    poster.quantity, poster.unit_cost_vnd = 150, 18_000
    poster.save()
    before = Placement.objects.count()
    formats = [PrintFormat.objects.get(slug=slug).pk for slug in ("ap-phich-a3", "to-nhan-dan-a4", "kich-ban-loa")]
    response = post(client, print_template, unit_codes="24133, ea kao", formats=formats, xem_truoc="1")
    page = page_text(response)
    assert response.status_code == 200 and not Pack.objects.exists() and Placement.objects.count() == before
    rows = {
        cells[0]: cells[1:]
        for cells in (
            re.findall(r"<td>(.*?)</td>", row, re.S)
            for row in re.findall(r"<tr><td>.*?</tr>", page.split("data-pack-estimate")[1], re.S)
        )
    }
    poster_row = rows["Áp-phích A3"]
    assert (
        poster_row[1:3] == ["2", "2"] and poster_row[3].startswith("150 ") and "1 mã chưa có số lượng" in poster_row[3]
    )
    assert poster_row[4] == "2.700.000 đ"
    assert rows["Tờ nhãn dán A4 (bàn, cửa, bãi xe)"][1:3] == ["2", "8"]  # a sheet per ward, a code per spot
    assert rows["Kịch bản đọc trên loa"][3] == "không in"
    assert re.search(r"data-estimate-copies>150<", page) and re.search(r"data-estimate-cost>2.700.000 đ<", page)
