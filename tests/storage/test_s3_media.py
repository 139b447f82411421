"""Media and packs on S3-compatible storage, over real HTTP against moto's S3 server."""

import urllib.error
import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.urls import reverse

from media_kit.models import Pack, PackStatus
from tests.factories.campaigns import CampaignPageFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


def storage():
    return storages["default"]


def test_upload_and_download_go_through_the_s3_api(s3_storage):
    name = storage().save("packs/thu-nghiem.txt", ContentFile("Bộ ấn phẩm mẫu".encode()))
    listed = s3_storage.list_objects_v2(Bucket="loa-test-media")["Contents"]
    assert name in [item["Key"] for item in listed]
    with storage().open(name, "rb") as handle:
        assert handle.read().decode() == "Bộ ấn phẩm mẫu"


def test_files_are_never_overwritten(s3_storage):
    first = storage().save("packs/bo-an-pham.zip", ContentFile(b"first"))
    second = storage().save("packs/bo-an-pham.zip", ContentFile(b"second"))
    assert first != second
    with storage().open(first, "rb") as handle:
        assert handle.read() == b"first"


def test_objects_are_private_and_signed_urls_expire_within_five_minutes(s3_storage):
    name = storage().save("packs/rieng-tu.zip", ContentFile(b"private"))
    signed = storage().url(name)
    query = parse_qs(urlsplit(signed).query)
    assert int(query["X-Amz-Expires"][0]) <= 300  # moto does not enforce expiry: assert what we sign
    assert urllib.request.urlopen(signed).read() == b"private"  # noqa: S310
    unsigned = signed.split("?")[0]
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(unsigned)  # noqa: S310
    assert error.value.code == 403


def test_a_pack_on_s3_is_served_only_through_the_permission_check(s3_storage, client):
    owner = UserFactory(username="vanhoa", is_superuser=True)
    pack = Pack.objects.create(
        campaign=CampaignPageFactory(), unit_codes="24133", status=PackStatus.DONE, requested_by=owner
    )
    pack.file.save("bo-an-pham.zip", ContentFile(b"PK zip"), save=True)
    keys = [item["Key"] for item in s3_storage.list_objects_v2(Bucket="loa-test-media")["Contents"]]
    assert pack.file.name in keys  # the pack lives on the S3 server, not on the local disk

    client.force_login(UserFactory(username="nguoi-khac", is_staff=True))
    assert client.get(reverse("media_kit_pack_download", args=[pack.pk])).status_code in {302, 403}
    client.force_login(owner)
    response = client.get(reverse("media_kit_pack_download", args=[pack.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"PK zip"
