import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import RequestFactory
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db

URL_ATTRIBUTES = {"href", "src", "action", "srcset", "poster", "data", "formaction", "content"}


class ReferenceCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.references: list[str] = []
        self.inline_styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self._in_style = tag == "style"
        for name, value in attrs:
            if not value:
                continue
            if name == "style":
                self.inline_styles.append(value)
            elif name in URL_ATTRIBUTES:
                if name == "content" and "://" not in value:
                    continue
                self.references += (
                    [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
                )

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.inline_styles.append(data)


def css_urls(css: str) -> list[str]:
    return [match.strip("'\" ") for match in re.findall(r"url\(([^)]*)\)", css)] + re.findall(
        r"@import\s+['\"]([^'\"]+)", css
    )


def external(references: list[str]) -> list[str]:
    return [ref for ref in references if urlparse(ref).netloc or ref.startswith("//")]


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
