"""Every page a code may land on (campaign, guide, video): the ward's help desk, or the ward picker.

The picker works in two GET steps without JavaScript (province, then its wards), each page under 30 KB;
names match with or without diacritics; it goes back to the page with `?xa=`, never to another site.
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Count

from places.models import AdministrativeUnit, UnitLevel
from tests.factories.campaigns import CampaignPageFactory, GuidePageFactory, VideoPageFactory
from tests.factories.places import ServicePointFactory

pytestmark = pytest.mark.django_db

BUON_MA_THUOT, EA_KAO, DAK_LAK = "24133", "24169", "66"
PAGE_WEIGHT_LIMIT = 30 * 1024
SITE = "http://testserver"
# Literal: reverse() would follow the language a previous request left active in this thread.
PICKER = "/chon-xa/"


@pytest.fixture
def pages(official_units):
    campaign = CampaignPageFactory(title="Kích hoạt định danh điện tử")
    guide = GuidePageFactory(parent=campaign, title="Cài đặt VNeID")
    video = VideoPageFactory(parent=campaign, title="Video cài đặt VNeID")
    ServicePointFactory(unit=AdministrativeUnit.objects.get(code=EA_KAO), name="Bộ phận Một cửa phường Ea Kao")
    return {"campaign": campaign, "guide": guide, "video": video}


def html_of(client, url: str, **headers) -> str:
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


@pytest.mark.parametrize("kind", ["campaign", "guide", "video"])
def test_every_landing_page_shows_the_wards_help_desk_and_the_completion_form(client, pages, kind):
    html = html_of(client, f"{pages[kind].url}?qr=ABCDEF&xa={EA_KAO}")
    assert "Hỗ trợ gần bạn: Phường Ea Kao" in html
    assert "Bộ phận Một cửa phường Ea Kao" in html
    assert "data-completion-form" in html and "Tôi đã làm xong" in html
    assert "qr-attribution.js" in html
    assert "Chọn xã/phường của bạn" not in html


@pytest.mark.parametrize("kind", ["campaign", "guide", "video"])
def test_the_code_never_appears_in_the_page_and_links_carry_only_the_ward(client, pages, kind):
    html = html_of(client, f"{pages[kind].url}?qr=QZXWVU&xa={EA_KAO}")
    assert "QZXWVU" not in html
    assert re.search(r'name="qr" value=""', html)
    # Links to the campaign's other pages keep the ward, so that the help desk follows the visit.
    if kind == "campaign":
        assert f'href="{pages["guide"].url}?xa={EA_KAO}"' in html
        assert f'href="{pages["video"].url}?xa={EA_KAO}"' in html
    else:
        assert f'href="{pages["campaign"].url}?xa={EA_KAO}"' in html


@pytest.mark.parametrize("kind", ["campaign", "guide", "video"])
def test_without_a_ward_a_landing_page_offers_the_ward_picker(client, pages, kind):
    html = html_of(client, pages[kind].url)
    assert "Hỗ trợ gần bạn" not in html
    assert "Chọn xã/phường của bạn" in html
    form = html.split('class="ward-picker"', 1)[1].split("</form>", 1)[0]
    assert f'action="{PICKER}"' in form
    assert f'name="tiep" value="{pages[kind].url}"' in form
    assert form.count("<option ") == 1 + 34  # a prompt and the 34 provinces
    # Alphabetical as a reader expects: Đắk Lắk among the D's, not after Z.
    names = re.findall(r'<option value="\d+">([^<]+)</option>', form)
    assert names.index("Đắk Lắk") < names.index("Điện Biên") < names.index("Gia Lai")


def test_a_province_wide_code_starts_the_picker_in_its_province(client, pages):
    html = html_of(client, f"{pages['guide'].url}?qr=ABCDEF&xa={DAK_LAK}")
    assert "Chọn xã/phường ở Đắk Lắk" in html
    link = re.search(r'<a class="button" href="([^"]+)">Chọn xã/phường ở', html).group(1).replace("&amp;", "&")
    query = parse_qs(urlsplit(link).query)
    assert query == {"tinh": [DAK_LAK], "tiep": [pages["guide"].url]}


def test_an_unknown_or_malformed_ward_code_gives_the_picker_not_an_error(client, pages):
    for code in ("99999", "<script>", "x" * 40):
        html = html_of(client, f"{pages['guide'].url}?xa={code}")
        assert "Chọn xã/phường của bạn" in html
        assert "<script>" not in html.split("</head>", 1)[1].replace("<script src=", "")


def picker_buttons(html: str, name: str) -> dict[str, str]:
    return dict(re.findall(rf'<button type="submit" name="{name}" value="([^"]+)">([^<]+)</button>', html))


def test_the_picker_is_two_light_steps_province_then_ward(client, pages):
    guide = pages["guide"]
    step_one = client.get(PICKER, {"tiep": guide.url})
    provinces = picker_buttons(step_one.content.decode(), "tinh")
    assert len(provinces) == 34 and provinces[DAK_LAK] == "Đắk Lắk"
    assert len(step_one.content) <= PAGE_WEIGHT_LIMIT

    step_two = client.get(PICKER, {"tiep": guide.url, "tinh": DAK_LAK})
    wards = picker_buttons(step_two.content.decode(), "xa")
    assert wards[EA_KAO] == "Phường Ea Kao" and wards[BUON_MA_THUOT] == "Phường Buôn Ma Thuột"
    assert len(wards) == AdministrativeUnit.objects.filter(parent__code=DAK_LAK, level=UnitLevel.WARD).count()

    chosen = client.get(PICKER, {"tiep": guide.url, "xa": EA_KAO})
    assert chosen.status_code == 302
    assert chosen["Location"] == f"{guide.url}?xa={EA_KAO}"
    assert "Hỗ trợ gần bạn: Phường Ea Kao" in html_of(client, chosen["Location"])
    for response in (step_one, step_two, chosen):
        assert not response.cookies
        assert "no-store" in response["Cache-Control"]


def test_every_step_of_the_picker_weighs_under_30_kb_even_for_the_largest_province(client, pages):
    largest = (
        AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE)
        .annotate(wards=Count("children"))
        .order_by("-wards")
        .first()
    )
    assert largest.wards >= 160  # Thành phố Hồ Chí Minh and Thanh Hóa have about 166 each
    long_path = pages["guide"].url + "?" + "x" * 200  # a long page address does not make it heavier
    for language in ("", "/en"):
        for params in ({"tiep": long_path}, {"tiep": long_path, "tinh": largest.code}):
            response = client.get(f"{language}/chon-xa/", params)
            assert response.status_code == 200
            assert len(response.content) <= PAGE_WEIGHT_LIMIT, (language, params, len(response.content))


@pytest.mark.parametrize("typed", ["ea kao", "EA KAO", "Ea Káo", "  ea   kao "])
def test_the_ward_search_matches_with_or_without_diacritics(client, pages, typed):
    html = client.get(PICKER, {"tinh": DAK_LAK, "q": typed, "tiep": "/"}).content.decode()
    assert picker_buttons(html, "xa") == {EA_KAO: "Phường Ea Kao"}


def test_the_province_search_matches_without_diacritics_and_says_when_nothing_does(client, pages):
    html = client.get(PICKER, {"q": "dak lak"}).content.decode()
    assert picker_buttons(html, "tinh") == {DAK_LAK: "Đắk Lắk"}
    nothing = client.get(PICKER, {"q": "khong co tinh nay"}).content.decode()
    assert picker_buttons(nothing, "tinh") == {}
    assert "Không có tên nào khớp" in nothing and "data-picker-empty hidden" not in nothing


def test_the_picker_script_is_a_static_file_and_the_page_has_no_inline_script(client, pages):
    html = client.get(PICKER, {"tinh": DAK_LAK}).content.decode()
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts and all('src="/static/' in attributes for attributes in scripts)
    assert any("campaigns/ward-picker.js" in attributes for attributes in scripts)
    assert "http://" not in html.replace(SITE, "") and "https://" not in html


@pytest.mark.parametrize(
    "back_to", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)", ""]
)
def test_the_picker_never_sends_anyone_to_another_site(client, pages, back_to):
    response = client.get(PICKER, {"tiep": back_to, "xa": EA_KAO})
    assert response.status_code == 302
    assert response["Location"] == f"/?xa={EA_KAO}"


def test_the_picker_keeps_the_language_of_the_visit(client, pages):
    html = client.get("/en/chon-xa/", {"tinh": DAK_LAK}).content.decode()
    assert '<html lang="en">' in html
    assert "Choose your commune or ward" in html


def test_without_javascript_the_code_of_a_province_wide_channel_survives_the_picker(client, pages):
    """The code is in the landing page's address, never in the HTML: each step takes it from its Referer."""
    guide = pages["guide"]
    landing = f"{SITE}{guide.url}?qr=TVCODE&xa={DAK_LAK}"
    step_two = client.get(PICKER, {"tinh": DAK_LAK, "tiep": guide.url}, HTTP_REFERER=landing)
    assert step_two.status_code == 302
    picker_address = step_two["Location"]
    assert parse_qs(urlsplit(picker_address).query)["qr"] == ["TVCODE"]
    html = html_of(client, picker_address)
    assert "TVCODE" not in html

    chosen = client.get(PICKER, {"tiep": guide.url, "xa": EA_KAO}, HTTP_REFERER=f"{SITE}{picker_address}")
    assert parse_qs(urlsplit(chosen["Location"]).query) == {"xa": [EA_KAO], "qr": ["TVCODE"]}
    # A Referer from another site carries nothing.
    foreign = client.get(PICKER, {"tiep": guide.url, "xa": EA_KAO}, HTTP_REFERER="https://evil.example/?qr=EVILQR")
    assert foreign["Location"] == f"{guide.url}?xa={EA_KAO}"


def test_a_campaigns_main_guide_is_where_new_codes_lead(pages):
    campaign, guide, video = pages["campaign"], pages["guide"], pages["video"]
    assert campaign.landing_page().pk == guide.pk  # no main guide chosen: the first guide
    campaign.main_guide = video
    campaign.full_clean()
    campaign.save()
    assert campaign.landing_page().pk == video.pk
    other = GuidePageFactory(title="Hướng dẫn của chiến dịch khác")
    campaign.main_guide = other
    with pytest.raises(ValidationError) as error:
        campaign.full_clean()
    assert "main_guide" in error.value.message_dict


def test_a_campaign_without_guides_leads_to_itself(official_units):
    campaign = CampaignPageFactory()
    assert campaign.landing_page().pk == campaign.pk
