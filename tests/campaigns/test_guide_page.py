import gzip
import json
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from places.models import AdministrativeUnit
from places.services import add_village
from tests.factories.campaigns import GuidePageFactory, PublicServiceFactory, step
from tests.factories.places import ServicePointFactory
from tests.html import ReferenceCollector, css_urls, external

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide():
    guide = GuidePageFactory(
        steps=[
            step("Tải ứng dụng VNeID", "<p>Mở <b>CH Play</b> hoặc App Store.</p>"),
            step(
                "Đăng ký tài khoản",
                "<p>Nhập số định danh cá nhân.</p>",
                callouts=[{"kind": "warning", "text": "Không đưa mã OTP cho bất kỳ ai."}],
            ),
            step("Kích hoạt tại Công an xã, phường", "<p>Mang theo thẻ căn cước gắn chip.</p>"),
        ]
    )
    guide.related_services.add(PublicServiceFactory(name="Đăng ký tạm trú"))
    guide.save_revision().publish()
    return guide


def get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_every_step_is_in_the_html_without_javascript(client, guide):
    html = get(client, guide.url)
    for number, title in enumerate(
        ["Tải ứng dụng VNeID", "Đăng ký tài khoản", "Kích hoạt tại Công an xã, phường"], start=1
    ):
        assert f'id="buoc-{number}"' in html
        assert title in html
    assert "Mở <b>CH Play</b> hoặc App Store." in html
    assert "Không đưa mã OTP cho bất kỳ ai." in html
    assert "Thẻ căn cước gắn chip" in html
    assert "Đăng ký tạm trú" in html
    # Nothing is hidden by the server: collapsing is the script's job.
    assert " hidden" not in html.split("data-steps")[1].split("</ol>")[0]


def test_the_guide_describes_itself_as_a_schema_org_how_to(client, guide):
    html = get(client, guide.url)
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "HowTo"
    assert data["name"] == guide.title
    assert [s["name"] for s in data["step"]] == [
        "Tải ứng dụng VNeID",
        "Đăng ký tài khoản",
        "Kích hoạt tại Công an xã, phường",
    ]
    assert data["step"][0]["text"] == "Mở CH Play hoặc App Store."
    assert data["totalTime"] == "PT15M"


def test_json_ld_cannot_be_broken_out_of_by_a_title(client):
    guide = GuidePageFactory(title="</script><script>alert(1)</script>")
    html = get(client, guide.url)
    assert "</script><script>alert(1)" not in html


def test_a_ward_code_in_the_url_shows_that_wards_help_desk(client, guide, official_units):
    ward = AdministrativeUnit.objects.get(code="24133")
    ServicePointFactory(unit=ward, name="Bộ phận Một cửa phường Buôn Ma Thuột", hotline="0262 3852 100")
    ServicePointFactory(unit=AdministrativeUnit.objects.get(code="24169"), name="Một cửa phường Ea Kao")

    html = get(client, f"{guide.url}?xa=24133")
    assert "Hỗ trợ gần bạn: Phường Buôn Ma Thuột" in html
    assert "Bộ phận Một cửa phường Buôn Ma Thuột" in html
    assert 'href="tel:02623852100"' in html
    assert "Một cửa phường Ea Kao" not in html
    assert 'href="/xa/24133/"' in html


def test_a_village_code_shows_the_village_and_its_ward(client, guide, official_units):
    ward = AdministrativeUnit.objects.get(code="24133")
    village = add_village(ward=ward, name="Khối 3", division_type="khoi")
    other_village = add_village(ward=ward, name="Khối 4", division_type="khoi")
    ServicePointFactory(unit=ward, name="Một cửa phường")
    ServicePointFactory(unit=village, name="Nhà văn hóa khối 3")
    ServicePointFactory(unit=other_village, name="Nhà văn hóa khối 4")

    html = get(client, f"{guide.url}?xa={village.code}")
    assert "Hỗ trợ gần bạn: Khối 3" in html
    assert "Một cửa phường" in html and "Nhà văn hóa khối 3" in html
    assert "Nhà văn hóa khối 4" not in html


@pytest.mark.parametrize("code", ["99999", "66", "<script>", "24133'--", "x" * 200, ""])
def test_an_unknown_or_malformed_ward_code_renders_the_guide_without_the_block(client, guide, official_units, code):
    html = get(client, f"{guide.url}?xa={code}")
    assert "Hỗ trợ gần bạn" not in html
    assert "Tải ứng dụng VNeID" in html


def test_rendering_a_guide_takes_at_most_15_queries(client, guide, official_units, django_assert_max_num_queries):
    ServicePointFactory(unit=AdministrativeUnit.objects.get(code="24133"))
    client.get(guide.url)  # warm Wagtail's per-process caches (site root paths)
    with django_assert_max_num_queries(15):
        assert client.get(f"{guide.url}?xa=24133").status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(guide.url).status_code == 200


def local_asset(url: str) -> Path:
    path = finders.find(url.removeprefix("/static/").split("?")[0])
    assert path, f"{url} is not one of the site's static files"
    return Path(path)


def test_a_guide_weighs_at_most_150_kb_gzipped_without_images(client, guide):
    html = get(client, guide.url)
    collector = ReferenceCollector()
    collector.feed(html)
    assert external(collector.references) == []
    assets = [ref for ref in collector.references if ref.startswith("/static/") and ref.endswith((".css", ".js"))]
    assert any(ref.endswith(".css") for ref in assets) and any(ref.endswith(".js") for ref in assets)
    files = {local_asset(ref) for ref in assets}
    for css in [path for path in files if path.suffix == ".css"]:
        for url in css_urls(css.read_text(encoding="utf-8")):
            files.add((css.parent / url).resolve())
    assert any(path.suffix == ".woff2" for path in files), "the fonts count too"
    total = len(gzip.compress(html.encode())) + sum(len(gzip.compress(path.read_bytes())) for path in files)
    print(f"guide page weight: {total / 1024:.1f} KB gzipped ({len(files)} assets)")
    assert total <= 150 * 1024
