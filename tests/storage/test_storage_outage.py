"""The media storage stops answering while a pack is generated: the pack fails cleanly and can be retried."""

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import boto3
import pytest
from botocore.config import Config
from django.urls import reverse

from media_kit.models import Pack, PackStatus, PrintFormat, PrintTemplate
from media_kit.tasks import generate_pack
from places.models import AdministrativeUnit
from tests.factories.campaigns import CampaignPageFactory
from tests.factories.users import UserFactory
from tests.storage.conftest import BUCKET, free_port
from website.settings.base import s3_storage_from_env

pytestmark = pytest.mark.django_db


class MotoServer:
    """moto's S3 server for one test, so that it can be stopped and started again on the same port."""

    def __init__(self) -> None:
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [str(Path(sys.executable).with_name("moto_server")), "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(self.endpoint, timeout=0.5)  # noqa: S310
                break
            except OSError:
                time.sleep(0.1)
        # moto keeps nothing across a restart: the bucket is made again, as an operator would restore it.
        boto3.client("s3", endpoint_url=self.endpoint, region_name="us-east-1").create_bucket(Bucket=BUCKET)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def moto_server(monkeypatch, settings):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    server = MotoServer()
    server.start()
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", BUCKET)
    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", server.endpoint)
    monkeypatch.setenv("AWS_S3_REGION_NAME", "us-east-1")
    # One quick attempt: boto3's default retries would only slow the failure down.
    storage = s3_storage_from_env()
    storage["OPTIONS"]["client_config"] = Config(retries={"max_attempts": 1}, connect_timeout=1, read_timeout=2)
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    yield server
    if server.process.poll() is None:
        server.stop()


@pytest.fixture
def pack(official_units):
    campaign = CampaignPageFactory(title="Kích hoạt định danh điện tử mức độ 2")
    PrintTemplate.objects.create(
        campaign=campaign,
        headline="Kích hoạt định danh điện tử mức độ 2",
        body="Mang thẻ căn cước gắn chip đến Công an xã, phường để được kích hoạt.",
        step_1="Cài ứng dụng VNeID",
        step_2="Đến Công an xã, phường",
        step_3="Nhập mã kích hoạt",
        step_4="Làm thủ tục trực tuyến",
        footer="UBND phường Buôn Ma Thuột",
    )
    assert AdministrativeUnit.objects.filter(code="24133").exists()
    owner = UserFactory(username="vanhoa", is_superuser=True)
    pack = Pack.objects.create(campaign=campaign, unit_codes="24133", requested_by=owner)
    pack.formats.set([PrintFormat.objects.get(slug="ap-phich-a3")])
    return pack


def test_a_pack_fails_with_a_clear_message_when_the_storage_is_down_and_a_retry_succeeds(moto_server, pack, client):
    moto_server.stop()  # the renderer needs no storage; saving the ZIP does
    assert generate_pack.enqueue(pack.pk).return_value == PackStatus.FAILED
    pack.refresh_from_db()
    assert pack.status == PackStatus.FAILED and not pack.file
    assert "Kho lưu trữ tệp không phản hồi" in pack.error and "Thử lại" in pack.error

    client.force_login(pack.requested_by)
    page = client.get(reverse("media_kit_pack", args=[pack.pk])).content.decode()
    assert "Kho lưu trữ tệp không phản hồi" in page and "data-pack-retry" in page

    moto_server.start()
    response = client.post(reverse("media_kit_pack_retry", args=[pack.pk]))
    assert response.status_code == 302
    pack.refresh_from_db()
    assert pack.status == PackStatus.DONE and pack.error == ""
    client_s3 = boto3.client("s3", endpoint_url=moto_server.endpoint, region_name="us-east-1")
    assert pack.file.name in [item["Key"] for item in client_s3.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert "data-pack-retry" not in client.get(reverse("media_kit_pack", args=[pack.pk])).content.decode()


def test_only_someone_who_may_request_packs_may_retry_one(moto_server, pack, client):
    Pack.objects.filter(pk=pack.pk).update(status=PackStatus.FAILED, error="Kho lưu trữ tệp không phản hồi")
    client.force_login(UserFactory(username="nguoi-khac", is_staff=True))
    assert client.post(reverse("media_kit_pack_retry", args=[pack.pk])).status_code in {302, 403}
    pack.refresh_from_db()
    assert pack.status == PackStatus.FAILED
