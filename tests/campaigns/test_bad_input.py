"""Bad input in the editor gets a clear message, and nothing is published."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtailmedia.models import get_media_model

from campaigns.models import GuidePage, VideoPage
from tests.factories.campaigns import CampaignPageFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="quantri", is_superuser=True))
    return client


@pytest.fixture
def campaign():
    return CampaignPageFactory()


def png_bytes(width: int = 40, height: int = 30) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "white").save(buffer, "PNG")
    return buffer.getvalue()


def step_data(**overrides) -> tuple[str, dict]:
    value = {
        "title": "Mở ứng dụng VNeID",
        "body": rich_text("<p>Đăng nhập.</p>"),
        "image": "",
        "image_alt": "",
        "callouts": streamfield([]),
    }
    value.update(overrides)
    return ("step", value)


def guide_post(title: str, steps: list) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": "huong-dan-loi",
            "intro": "Tóm tắt.",
            "estimated_minutes": "",
            "what_you_need": streamfield([]),
            "steps": streamfield(steps),
            "still_stuck": rich_text(""),
            "review_by": "2030-01-01",
            "action-publish": "1",
        }
    )


def add_url(parent, model: str) -> str:
    return reverse("wagtailadmin_pages:add", args=["campaigns", model, parent.pk])


def test_a_guide_with_no_steps_is_refused(admin_client, campaign):
    response = admin_client.post(add_url(campaign, "guidepage"), guide_post("Không có bước nào", []))
    assert response.status_code == 200
    assert not GuidePage.objects.filter(title="Không có bước nào").exists()
    assert "không thể lưu" in response.content.decode().lower() or response.context["form"].errors


def error_messages(error) -> list[str]:
    """Every message in a (possibly nested) StreamField validation error."""
    messages = list(error.messages)
    for child in (getattr(error, "block_errors", None) or {}).values():
        messages += error_messages(child)
    return messages


def test_a_screenshot_without_alt_text_is_refused(admin_client, campaign):
    image = get_image_model().objects.create(
        title="Màn hình VNeID", file=SimpleUploadedFile("man-hinh.png", png_bytes(), content_type="image/png")
    )
    response = admin_client.post(
        add_url(campaign, "guidepage"), guide_post("Ảnh thiếu mô tả", [step_data(image=str(image.pk))])
    )
    assert response.status_code == 200
    [steps_error] = response.context["form"].errors.as_data()["steps"]
    assert "Ảnh chụp màn hình cần có mô tả (alt)." in error_messages(steps_error)
    assert not GuidePage.objects.filter(title="Ảnh thiếu mô tả").exists()

    response = admin_client.post(
        add_url(campaign, "guidepage"),
        guide_post("Ảnh có mô tả", [step_data(image=str(image.pk), image_alt="Nút Đăng ký ở cuối màn hình")]),
    )
    assert response.status_code == 302
    assert GuidePage.objects.get(title="Ảnh có mô tả").live


def video_post(title: str, *, video_file="", embed_url="", captions=(), action="action-publish") -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": "video-thu",
            "intro": "",
            "video_file": str(video_file),
            "embed_url": embed_url,
            "poster": "",
            "captions": inline_formset(list(captions)),
            "transcript": rich_text("<p>Xin chào bà con.</p>"),
            "chapters": inline_formset([]),
            action: "1",
        }
    )


@pytest.fixture
def media():
    return get_media_model().objects.create(
        title="Video thử", file=SimpleUploadedFile("video.mp4", b"\x00" * 64, content_type="video/mp4"), type="video"
    )


def document(name: str, content: bytes):
    return get_document_model().objects.create(title=name, file=SimpleUploadedFile(name, content))


def test_a_self_hosted_video_without_captions_cannot_be_published_but_can_be_saved_as_draft(
    admin_client, campaign, media
):
    response = admin_client.post(
        add_url(campaign, "videopage"), video_post("Video chưa có phụ đề", video_file=media.pk)
    )
    assert response.status_code == 200
    assert "cần ít nhất một tệp phụ đề" in response.content.decode()
    assert not VideoPage.objects.filter(title="Video chưa có phụ đề").exists()

    response = admin_client.post(
        add_url(campaign, "videopage"),
        video_post("Video chưa có phụ đề", video_file=media.pk, action="action-draft"),
    )
    video = VideoPage.objects.get(title="Video chưa có phụ đề")
    assert not video.live


def test_captions_must_be_webvtt(admin_client, campaign, media):
    not_vtt = document("phu-de.txt", b"1\n00:00:01,000 --> 00:00:02,000\nXin chao\n")
    response = admin_client.post(
        add_url(campaign, "videopage"),
        video_post("Phụ đề sai định dạng", video_file=media.pk, captions=[{"language": "vi", "file": not_vtt.pk}]),
    )
    assert response.status_code == 200
    assert "không phải WebVTT" in response.content.decode()

    vtt = document("phu-de.vtt", "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nXin chào\n".encode())
    response = admin_client.post(
        add_url(campaign, "videopage"),
        video_post("Phụ đề đúng định dạng", video_file=media.pk, captions=[{"language": "vi", "file": vtt.pk}]),
    )
    assert response.status_code == 302
    assert VideoPage.objects.get(title="Phụ đề đúng định dạng").live


@pytest.mark.parametrize(
    "url",
    ["https://vimeo.com/123456", "http://www.youtube.com/watch?v=dQw4w9WgXcQ", "javascript:alert(1)"],
)
def test_only_youtube_and_facebook_embeds_over_https_are_accepted(admin_client, campaign, url):
    response = admin_client.post(add_url(campaign, "videopage"), video_post("Video nhúng", embed_url=url))
    assert response.status_code == 200
    assert not VideoPage.objects.filter(title="Video nhúng").exists()


def test_an_embed_needs_no_captions_and_shows_behind_a_facade(admin_client, client, campaign):
    response = admin_client.post(
        add_url(campaign, "videopage"),
        video_post("Video YouTube", embed_url="https://youtu.be/dQw4w9WgXcQ"),
    )
    assert response.status_code == 302
    html = client.get(VideoPage.objects.get(title="Video YouTube").url).content.decode()
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"' in html
    assert "<iframe" not in html


def test_a_video_over_the_size_limit_is_refused(admin_client, settings):
    settings.LOA_VIDEO_MAX_UPLOAD_SIZE = 1024
    before = get_media_model().objects.count()
    response = admin_client.post(
        reverse("wagtailmedia:add", args=["video"]),
        {
            "title": "Video quá lớn",
            "file": SimpleUploadedFile("lon.mp4", b"\x00" * 4096, content_type="video/mp4"),
            "collection": "1",
        },
    )
    assert response.status_code == 200
    assert "Tệp quá lớn" in response.content.decode()
    assert get_media_model().objects.count() == before


def upload_image(client, name: str, content: bytes, content_type: str):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": name, "file": SimpleUploadedFile(name, content, content_type=content_type), "collection": "1"},
    )


def test_an_svg_image_is_refused(admin_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = upload_image(admin_client, "logo.svg", svg, "image/svg+xml")
    assert response.status_code == 200
    assert not get_image_model().objects.filter(title="logo.svg").exists()


def test_an_image_over_the_size_or_pixel_limit_is_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 2000
    response = upload_image(admin_client, "to.png", png_bytes(400, 400) + b"\x00" * 4000, "image/png")
    assert response.status_code == 200
    assert not get_image_model().objects.filter(title="to.png").exists()

    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100 * 100
    response = upload_image(admin_client, "nhieu-diem-anh.png", png_bytes(400, 400), "image/png")
    assert response.status_code == 200
    assert not get_image_model().objects.filter(title="nhieu-diem-anh.png").exists()
