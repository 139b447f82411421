import pytest

from tests.factories.campaigns import GuidePageFactory, PublicServiceFactory, VideoPageFactory

pytestmark = pytest.mark.django_db


def test_the_api_lists_guides_and_videos_only(client):
    guide = GuidePageFactory(title="Cài đặt VNeID")
    video = VideoPageFactory(title="Video cài đặt VNeID", parent=guide.get_parent())
    response = client.get("/api/v2/pages/")
    assert response.status_code == 200
    titles = {item["title"] for item in response.json()["items"]}
    assert titles == {guide.title, video.title}


def test_a_guides_steps_come_through_the_api(client):
    guide = GuidePageFactory()
    guide.related_services.add(PublicServiceFactory(name="Đăng ký tạm trú"))
    guide.save_revision().publish()
    data = client.get(f"/api/v2/pages/{guide.pk}/").json()
    assert [step["value"]["title"] for step in data["steps"]] == [
        "Mở ứng dụng VNeID",
        "Chọn thủ tục đăng ký tạm trú",
        "Nộp hồ sơ và theo dõi kết quả",
    ]
    assert data["intro"] == guide.intro
    assert data["meta"]["type"] == "campaigns.GuidePage"


def test_drafts_are_not_in_the_api(client):
    guide = GuidePageFactory(title="Bản nháp")
    guide.unpublish()
    assert client.get("/api/v2/pages/").json()["meta"]["total_count"] == 0
    assert client.get(f"/api/v2/pages/{guide.pk}/").status_code == 404


def test_the_services_catalogue_comes_through_the_api(client):
    PublicServiceFactory(name="Đăng ký khai sinh", agency="Bộ Tư pháp")
    data = client.get("/api/v2/services/").json()
    assert [(item["name"], item["agency"]) for item in data["items"]] == [("Đăng ký khai sinh", "Bộ Tư pháp")]


def test_the_api_is_read_only(client):
    assert client.post("/api/v2/pages/", {"title": "x"}).status_code == 405
