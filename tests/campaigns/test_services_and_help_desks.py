import pytest
from django.core.exceptions import ValidationError

from campaigns.models import ServiceIndexPage
from campaigns.models.services import validate_government_url
from places.models import AdministrativeUnit
from places.services import add_village
from tests.factories.campaigns import GuidePageFactory, PublicServiceFactory, home_page
from tests.factories.places import ServicePointFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    index = ServiceIndexPage(title="Dịch vụ công thiết yếu", slug="dich-vu-cong-thiet-yeu")
    home_page().add_child(instance=index)
    guide = GuidePageFactory(title="Đăng ký tạm trú trực tuyến")
    PublicServiceFactory(name="Đăng ký tạm trú", agency="Bộ Công an", fully_online=True, guide=guide)
    PublicServiceFactory(name="Đăng ký khai sinh", agency="Bộ Tư pháp", fully_online=True)
    PublicServiceFactory(
        name="Cấp điện mới từ lưới điện hạ áp", agency="Tập đoàn Điện lực Việt Nam", fully_online=False
    )
    return index


def test_the_catalogue_lists_every_service_with_its_guide(client, catalogue):
    html = client.get(catalogue.url).content.decode()
    assert html.count('class="service"') == 3
    assert "Xem hướng dẫn" in html and 'href="https://dichvucong.gov.vn/"' in html


def test_the_catalogue_filters_by_agency_and_by_fully_online(client, catalogue):
    html = client.get(catalogue.url, {"co_quan": "Bộ Tư pháp"}).content.decode()
    assert "Đăng ký khai sinh" in html and "Đăng ký tạm trú" not in html
    html = client.get(catalogue.url, {"truc_tuyen": "1"}).content.decode()
    assert "Cấp điện mới" not in html and html.count('class="service"') == 2
    # An agency that does not exist is ignored, not an error.
    html = client.get(catalogue.url, {"co_quan": "<script>"}).content.decode()
    assert html.count('class="service"') == 3 and "<script>" not in html


@pytest.mark.parametrize(
    "url",
    [
        "http://dichvucong.gov.vn/",
        "https://dichvucong.gov.vn.evil.example/",
        "https://example.com/",
        "ftp://vneid.gov.vn",
    ],
)
def test_portal_links_must_be_government_hosts_over_https(url):
    with pytest.raises(ValidationError):
        validate_government_url(url)


@pytest.mark.parametrize("url", ["https://dichvucong.gov.vn/p/home/dvc-trang-chu.html", "https://vneid.gov.vn/"])
def test_government_portal_links_are_accepted(url):
    validate_government_url(url)


def test_the_ward_page_lists_its_service_points_and_the_guides(client, official_units):
    ward = AdministrativeUnit.objects.get(code="24169")
    village = add_village(ward=ward, name="Buôn Ea Nao", division_type="buon")
    ServicePointFactory(unit=ward, name="Bộ phận Một cửa phường Ea Kao", opening_hours="Thứ Hai – Thứ Sáu")
    ServicePointFactory(unit=village, name="Nhà văn hóa buôn Ea Nao")
    guide = GuidePageFactory(title="Kích hoạt định danh điện tử mức độ 2")

    response = client.get("/xa/24169/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hỗ trợ người dân tại Phường Ea Kao" in html
    assert "Bộ phận Một cửa phường Ea Kao" in html and "Nhà văn hóa buôn Ea Nao" in html
    assert "Thứ Hai – Thứ Sáu" in html
    assert f'href="{guide.url}?xa=24169"' in html


def test_sample_service_points_say_so_on_the_public_page(client, official_units):
    ServicePointFactory(unit=AdministrativeUnit.objects.get(code="24133"), is_sample=True)
    assert "Dữ liệu mẫu" in client.get("/xa/24133/").content.decode()


@pytest.mark.parametrize("path", ["/xa/99999/", "/xa/66/", "/xa/abc%2F..%2F/", "/xa/" + "9" * 40 + "/"])
def test_an_unknown_ward_answers_404_in_vietnamese(client, official_units, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_the_ward_page_query_budget(client, official_units, django_assert_max_num_queries):
    ServicePointFactory(unit=AdministrativeUnit.objects.get(code="24133"))
    GuidePageFactory()
    client.get("/xa/24133/")
    with django_assert_max_num_queries(8):
        assert client.get("/xa/24133/").status_code == 200
