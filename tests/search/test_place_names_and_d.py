"""Done-when of issue 7: place names match their unaccented forms; 'đ' matches 'd' both ways, on both databases."""

import pytest

from search.selectors import load_results, search_site, suggest
from tests.factories.campaigns import CampaignPageFactory, GuidePageFactory, step


@pytest.fixture
def place_guides(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        campaign = CampaignPageFactory(title="Chiến dịch các tỉnh", intro="Điểm hỗ trợ người dân.")
        guides = {
            name: GuidePageFactory(
                parent=campaign,
                title=f"Điểm hỗ trợ VNeID tại {name}",
                intro=f"Nơi người dân {name} được giúp cài đặt ứng dụng.",
                steps=[step("Đến điểm hỗ trợ", "<p>Mang theo thẻ căn cước.</p>")],
            )
            for name in ["Hà Nội", "Đắk Lắk", "Quảng Ngãi", "Thừa Thiên Huế"]
        }
        # Written without diacritics by an editor in a hurry: an accented query must still find it.
        guides["plain"] = GuidePageFactory(
            parent=campaign,
            title="Dang ky xe tai Dak Nong",
            intro="Huong dan nhanh.",
            steps=[step("Mo ung dung", "<p>Lam theo man hinh.</p>")],
        )
        guides["duong"] = GuidePageFactory(
            parent=campaign,
            title="Đường dây nóng hỗ trợ định danh",
            intro="Gọi tổng đài khi cần giúp.",
            steps=[step("Gọi tổng đài", "<p>Nghe hướng dẫn.</p>")],
        )
    return guides


def titles(query):
    return [result.title for result in load_results(search_site(query=query).results)]


@pytest.mark.parametrize(
    ("name", "queries"),
    [
        ("Hà Nội", ["ha noi", "HA NOI", "Hà Nội", "Ha Noi"]),
        ("Đắk Lắk", ["dak lak", "Đắk Lắk", "DAK LAK", "đak lak", "dắk lắk"]),
        ("Quảng Ngãi", ["quang ngai", "Quảng Ngãi", "QUANG  NGAI"]),
        ("Thừa Thiên Huế", ["thua thien hue", "Thừa Thiên Huế", "hue"]),
    ],
)
def test_place_names_match_with_and_without_diacritics(place_guides, name, queries):
    for query in queries:
        assert titles(query)[:1] == [f"Điểm hỗ trợ VNeID tại {name}"], query


def test_d_in_the_query_finds_stroked_d_in_the_text(place_guides):
    assert titles("duong day nong")[:1] == ["Đường dây nóng hỗ trợ định danh"]
    assert "Đường dây nóng hỗ trợ định danh" in titles("dinh danh")


def test_stroked_d_in_the_query_finds_d_in_the_text(place_guides):
    assert titles("Đăng ký xe Đắk Nông")[:1] == ["Dang ky xe tai Dak Nong"]
    assert titles("đak nong")[:1] == ["Dang ky xe tai Dak Nong"]


def test_suggestions_fold_accents_too(place_guides):
    assert [s["title"] for s in suggest(query="diem ho tro vneid tai dak")] == ["Điểm hỗ trợ VNeID tại Đắk Lắk"]
    assert [s["title"] for s in suggest(query="duong day")] == ["Đường dây nóng hỗ trợ định danh"]
    assert [s["title"] for s in suggest(query="Đường dây")] == ["Đường dây nóng hỗ trợ định danh"]


def test_a_word_that_is_nowhere_finds_nothing(place_guides):
    assert titles("ca mau") == []
