"""Uploads through the real admin views: sizes, pixel counts, types; a decompression bomb is
refused from its header, without the worker decoding it."""

import io
import os
import struct
import subprocess
import sys
import zlib

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtailmedia.models import get_media_model

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (0, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


def png_bomb(width: int, height: int) -> bytes:
    """A valid PNG header declaring width × height pixels (1 bit, greyscale), with a few hundred bytes
    of compressed rows: it decompresses to width × height / 8 bytes, and to many times that once decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    rows = compressor.compress(row * 64) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def upload_image(client, name: str, content: bytes, content_type="image/png"):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": name, "file": SimpleUploadedFile(name, content, content_type=content_type)},
    )


def upload_document(client, name: str, content: bytes, content_type="application/octet-stream"):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": name, "file": SimpleUploadedFile(name, content, content_type=content_type)},
    )


def test_a_normal_image_uploads(admin_client):
    response = upload_image(admin_client, "ap-phich.png", png(640, 480))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert get_image_model().objects.filter(title="ap-phich.png").exists()


def field_errors(response) -> str:
    form = response.context["form"]
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def test_an_image_over_10_mb_is_refused(admin_client):
    content = png(64, 64)
    oversized = content + b"\x00" * (10 * MB + 1 - len(content))
    response = upload_image(admin_client, "qua-lon.png", oversized)
    assert response.status_code == 200
    assert "10" in field_errors(response)
    assert not get_image_model().objects.exists()


def test_an_svg_is_refused_even_with_an_image_content_type(admin_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
    response = upload_image(admin_client, "logo.svg", svg, content_type="image/svg+xml")
    assert response.status_code == 200
    assert field_errors(response)
    assert not get_image_model().objects.exists()


def test_an_image_over_40_megapixels_is_refused(admin_client):
    response = upload_image(admin_client, "8000x8000.png", png_bomb(8000, 8000))
    assert response.status_code == 200
    assert field_errors(response)
    assert not get_image_model().objects.exists()


# Run in a fresh interpreter: this test process has grown with the suite (to ~880 MB on CI), so its own peak could
# hide a decoding; a fresh worker starts at a fraction of the 900 MB that decoding would take.
BOMB_IN_A_FRESH_WORKER = """
import sys
import django
django.setup()
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images.fields import WagtailImageField


def peak_bytes():
    # VmHWM: this process's own peak (getrusage's ru_maxrss keeps the forking parent's across exec).
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:"))


bomb = sys.stdin.buffer.read()
before = peak_bytes()
try:
    WagtailImageField().clean(SimpleUploadedFile("bom.png", bomb, content_type="image/png"))
    refused = False
except ValidationError:
    refused = True
print(refused, before, peak_bytes())
"""


def test_a_decompression_bomb_is_refused_without_the_worker_growing(admin_client):
    bomb = png_bomb(30_000, 30_000)
    assert len(bomb) < 20_000  # 900 megapixels declared in a few kilobytes
    response = upload_image(admin_client, "bom.png", bomb)
    assert response.status_code == 200
    assert field_errors(response)
    assert not get_image_model().objects.exists()

    # The admin form's image field, alone in a new worker: refused from the header, the peak unmoved.
    worker = subprocess.run(
        [sys.executable, "-c", BOMB_IN_A_FRESH_WORKER],
        input=bomb,
        capture_output=True,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "website.settings.test"},
        cwd=settings.BASE_DIR,
    )
    refused, peak_before, peak_after = worker.stdout.decode().split()
    assert refused == "True"
    # Decoding would take 900 MB (one byte per pixel): far above a fresh worker's peak, so the peak would show it.
    assert int(peak_before) + 100 * MB < 900 * MB
    assert int(peak_after) - int(peak_before) < 100 * MB


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("cai-dat.exe", b"MZ\x90\x00" + b"\x00" * 60),
        ("trang.html", b"<html><script>alert(document.cookie)</script></html>"),
        ("anh.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("nen.zip", b"PK\x03\x04"),
    ],
)
def test_documents_other_than_office_files_and_captions_are_refused(admin_client, name, content):
    response = upload_document(admin_client, name, content)
    assert response.status_code == 200
    assert field_errors(response)
    assert not get_document_model().objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("phu-de-vi.vtt", b"WEBVTT\n\n00:00.000 --> 00:02.000\nM\xe1\xbb\x9f \xe1\xbb\xa9ng d\xe1\xbb\xa5ng VNeID\n"),
        ("huong-dan.pdf", b"%PDF-1.4\n%%EOF\n"),
        ("danh-sach.csv", "mã,tên\n24133,Buôn Ma Thuột\n".encode()),
    ],
)
def test_captions_and_office_documents_still_upload(admin_client, name, content):
    response = upload_document(admin_client, name, content)
    assert response.status_code == 302, field_errors(response)
    assert get_document_model().objects.filter(title=name).exists()


def upload_media(client, media_type: str, name: str, content: bytes, content_type: str):
    return client.post(
        reverse("wagtailmedia:add", args=[media_type]),
        {"title": name, "file": SimpleUploadedFile(name, content, content_type=content_type), "duration": 10},
    )


def test_a_small_mp4_video_uploads(admin_client):
    mp4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64
    response = upload_media(admin_client, "video", "huong-dan.mp4", mp4, "video/mp4")
    assert response.status_code == 302, field_errors(response)
    assert get_media_model().objects.filter(title="huong-dan.mp4").exists()


@pytest.mark.parametrize(
    ("media_type", "name", "content_type"),
    [("video", "trang.html", "video/mp4"), ("video", "virus.exe", "video/mp4"), ("audio", "bai-hat.mp4", "audio/mp4")],
)
def test_media_of_another_type_is_refused_on_the_server(admin_client, media_type, name, content_type):
    response = upload_media(admin_client, media_type, name, b"\x00" * 128, content_type)
    assert response.status_code == 200
    assert "Chỉ nhận các định dạng" in field_errors(response)
    assert not get_media_model().objects.exists()


def test_a_video_over_the_limit_is_refused(admin_client, settings):
    settings.LOA_VIDEO_MAX_UPLOAD_SIZE = 1 * MB
    response = upload_media(admin_client, "video", "dai.mp4", b"\x00" * (MB + 1), "video/mp4")
    assert response.status_code == 200
    assert "Tệp quá lớn" in field_errors(response)
    assert not get_media_model().objects.exists()


def test_a_video_thumbnail_must_be_an_image(admin_client):
    response = admin_client.post(
        reverse("wagtailmedia:add", args=["video"]),
        {
            "title": "co-anh",
            "file": SimpleUploadedFile("co-anh.mp4", b"\x00" * 64, content_type="video/mp4"),
            "thumbnail": SimpleUploadedFile("anh.svg", b"<svg onload=alert(1)>", content_type="image/svg+xml"),
            "duration": 10,
        },
    )
    assert response.status_code == 200
    assert "Ảnh đại diện phải là ảnh" in field_errors(response)
