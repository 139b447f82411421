import json

import pytest
from django.urls import reverse

from tests.factories.campaigns import CampaignPageFactory, GuidePageFactory, PublicServiceFactory, home_page, step
from tests.html import ReferenceCollector, external

CITIZEN_BROWSER = "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"


@pytest.fixture
def guides(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        campaign = CampaignPageFactory(title="Chiến dịch định danh điện tử")
        tam_tru = GuidePageFactory(
            parent=campaign,
            title="Đăng ký tạm trú trực tuyến",
            intro="Người thuê trọ tự đăng ký tạm trú trên điện thoại.",
            steps=[
                step("Mở ứng dụng", "<p>Chọn mục thủ tục hành chính.</p>"),
                step(
                    "Gửi hồ sơ",
                    "<p>Sau khi kiểm tra lại toàn bộ thông tin chủ nhà, số phòng và thời hạn hợp đồng, "
                    "bấm gửi để hoàn tất đăng ký <b>tạm trú</b> cho cả gia đình.</p>",
                ),
            ],
        )
        GuidePageFactory(
            parent=campaign,
            title="Hướng dẫn <script>alert(1)</script> thử",
            intro="Tiêu đề có <b>thẻ</b> do biên tập viên gõ nhầm: phải được hiển thị như chữ (vneid).",
            steps=[step("Bước một")],
        )
        for number in range(12):
            GuidePageFactory(
                parent=campaign,
                title=f"Câu hỏi thường gặp về VNeID số {number}",
                intro="Giải đáp thắc mắc về tài khoản VNeID.",
                steps=[step("Đọc câu hỏi")],
            )
        PublicServiceFactory(name="Đăng ký thường trú", guide=None, portal_url="https://dichvucong.gov.vn/")
    return {"tam_tru": tam_tru}


def get(client, path, **params):
    return client.get(path, params, HTTP_USER_AGENT=CITIZEN_BROWSER)


def test_results_are_ranked_with_a_highlighted_snippet(client, guides):
    response = get(client, "/tim-kiem/", q="dang ky tam tru")
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("private") or "private" in response["Cache-Control"]
    first = html.index('class="search-result"')
    assert "<mark>Đăng ký tạm trú</mark> trực tuyến</a>" in html[first : first + 500]
    assert guides["tam_tru"].url in html
    assert "tự <mark>đăng ký tạm trú</mark> trên điện thoại" in html
    assert '<meta name="robots" content="noindex">' in html


def test_a_long_text_is_cut_around_the_match(client, guides):
    html = get(client, "/tim-kiem/", q="hop dong").content.decode()
    snippet = html[html.index('class="search-snippet"') :].split("</p>")[0]
    assert "<mark>hợp đồng</mark>" in snippet
    assert len(snippet) < 400


def test_what_editors_typed_is_shown_as_text_not_markup(client, guides):
    html = get(client, "/tim-kiem/", q="vneid", trang="2").content.decode()
    html += get(client, "/tim-kiem/", q="the").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html or "&lt;b&gt;" in html


def test_results_come_in_pages_of_ten(client, guides):
    first = get(client, "/tim-kiem/", q="VNeID").content.decode()
    assert first.count('class="search-result"') == 10
    assert "trang=2" in first
    second = get(client, "/tim-kiem/", q="VNeID", trang="2").content.decode()
    assert 1 <= second.count('class="search-result"') <= 4
    assert 'rel="prev"' in second


def test_services_are_found_and_link_to_the_portal(client, guides):
    html = get(client, "/tim-kiem/", q="thuong tru").content.decode()
    assert "Đăng ký <mark>thường trú</mark>" in html
    assert "https://dichvucong.gov.vn/" in html
    assert "Dịch vụ công" in html


def test_an_empty_query_shows_the_form_and_an_example(client, guides):
    html = get(client, "/tim-kiem/").content.decode()
    assert 'name="q"' in html
    assert "dang ky tam tru" in html
    assert 'class="search-result"' not in html


def test_no_results_suggest_the_top_guides(client, guides):
    html = get(client, "/tim-kiem/", q="phao hoa tet").content.decode()
    assert "Không tìm thấy kết quả" in html
    assert "Hướng dẫn nhiều người cần" in html
    assert "Đăng ký tạm trú trực tuyến" in html
    assert 'class="search-result"' not in html


def test_when_no_page_has_every_word_pages_with_some_are_offered_as_such(client, guides):
    # ("online" would match: the seeded synonyms make it "trực tuyến")
    html = get(client, "/tim-kiem/", q="tam tru ban dem").content.decode()
    assert "Không có trang nào có đủ các từ" in html
    first = html.index('class="search-result"')
    assert "Đăng ký <mark>tạm trú</mark> trực tuyến</a>" in html[first : first + 500]


def test_punctuation_cannot_break_the_query(client, guides):
    for query in ['"', "tam' tru", 'tạm "trú', "AND OR NOT", "(", "*", "\\", "-tam", "tam:tru", "%"]:
        assert get(client, "/tim-kiem/", q=query).status_code == 200, query


def test_the_search_page_works_under_a_language_prefix(client, guides):
    assert get(client, "/en/tim-kiem/", q="tam tru").status_code == 200


def test_suggestions_answer_json_with_a_short_public_cache(client, guides):
    response = get(client, "/tim-kiem/goi-y/", q="dang ky tam")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["suggestions"][0] == {"title": "Đăng ký tạm trú trực tuyến", "url": guides["tam_tru"].url}
    assert json.loads(get(client, "/tim-kiem/goi-y/", q="d").content)["suggestions"] == []


def test_the_home_page_has_the_search_box_and_its_script(client, guides):
    html = get(client, home_page().url).content.decode()
    assert f'action="{reverse("search")}"' in html
    assert f'data-suggest-url="{reverse("search_suggestions")}"' in html
    collector = ReferenceCollector()
    collector.feed(html)
    assert any(ref.endswith("search/suggest.js") for ref in collector.references)
    assert external(collector.references) == []
    assert "<script>" not in html  # no inline script: the site's Content-Security-Policy forbids it


def test_other_pages_carry_the_search_box_in_the_header(client, guides):
    html = get(client, guides["tam_tru"].url).content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    assert 'role="search"' in header and 'name="q"' in header


def test_the_404_page_has_a_search_box(client, guides):
    response = get(client, "/khong-co-trang-nay/")
    assert response.status_code == 404
    assert f'action="{reverse("search")}"' in response.content.decode()
