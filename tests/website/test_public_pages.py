from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import RequestFactory
from django.views.defaults import server_error

from tests.html import ReferenceCollector, css_urls, external

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_site():
    call_command("load_demo")


def public_html(client, path: str) -> tuple[int, str]:
    response = client.get(path)
    return response.status_code, response.content.decode()


@pytest.mark.parametrize("path", ["/", "/khong-co-trang-nay/"])
def test_public_pages_reference_no_other_host(client, demo_site, path):
    _status, html = public_html(client, path)
    collector = ReferenceCollector()
    collector.feed(html)
    assert collector.references, "the page should at least link its stylesheet"
    assert external(collector.references) == []
    assert external([url for style in collector.inline_styles for url in css_urls(style)]) == []


def test_the_stylesheet_loads_fonts_from_the_site_itself():
    css_path = finders.find("css/site.css")
    urls = css_urls(Path(css_path).read_text(encoding="utf-8"))
    assert urls and external(urls) == []
    for url in urls:
        assert finders.find(url.replace("../", "")), f"{url} is not served by the site"


def test_the_home_page_is_vietnamese_and_accessible_in_its_bones(client, demo_site):
    status, html = public_html(client, "/")
    assert status == 200
    assert '<html lang="vi">' in html
    assert "Định danh điện tử và dịch vụ công trực tuyến" in html
    assert '<meta name="viewport"' in html
    assert 'href="#noi-dung"' in html and 'id="noi-dung"' in html
    assert html.count("<h1") == 1


def test_the_home_page_query_budget(client, demo_site, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert client.get("/").status_code == 200


def test_a_missing_page_answers_404_in_vietnamese(client, demo_site):
    status, html = public_html(client, "/khong-co-trang-nay/")
    assert status == 404
    assert "Không tìm thấy trang" in html
    assert '<html lang="vi">' in html


def test_the_server_error_page_is_vietnamese_and_standalone():
    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in html
    collector = ReferenceCollector()
    collector.feed(html)
    assert external(collector.references) == []


def test_the_404_page_offers_guides_and_a_help_desk(client, demo_site):
    response = client.get("/q/ZZZZZZ")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Hướng dẫn nhiều người cần" in html
    assert "Cài đặt ứng dụng VNeID và đăng ký tài khoản" in html
    assert "Bộ phận Một cửa" in html
