"""Issue 22: a search that matches only a service lands on the service's own page, not on the portal's home page."""

import pytest

from campaigns.models import PublicService, ServiceIndexPage
from search.selectors import load_results, search_site
from tests.factories.campaigns import home_page

CITIZEN_BROWSER = "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"


@pytest.fixture
def service(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        catalogue = ServiceIndexPage(title="Dịch vụ công thiết yếu", slug="dich-vu-cong")
        home_page().add_child(instance=catalogue)
        catalogue.save_revision().publish()
        return PublicService.objects.create(
            name="Đăng ký khai sinh",
            agency="Bộ Tư pháp",
            fully_online=True,
            portal_url="https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193",
            steps="Đăng nhập bằng VNeID\nKhai tờ khai\nNhận giấy khai sinh điện tử",
            documents="Giấy chứng sinh",
            fee="Miễn lệ phí khi đăng ký đúng hạn",
        )


def test_a_service_without_a_guide_leads_to_its_own_page_with_steps_papers_fee_and_deep_link(service, client):
    [result] = load_results(search_site(query="khai sinh").results[:1])
    assert result.url == f"/dich-vu-cong/{service.pk}-dang-ky-khai-sinh/"
    page = client.get(result.url, HTTP_USER_AGENT=CITIZEN_BROWSER)
    assert page.status_code == 200
    html = page.content.decode()
    for text in ("Đăng ký khai sinh", "Khai tờ khai", "Giấy chứng sinh", "Miễn lệ phí", "ma_thu_tuc=1.001193"):
        assert text in html
    assert client.get("/dich-vu-cong/99999/").status_code == 404
    assert client.get("/dich-vu-cong/").status_code == 200  # the catalogue itself still works
