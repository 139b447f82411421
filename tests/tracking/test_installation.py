"""The placement register's "đã treo": the day, who recorded it, a photo without its EXIF; unit-scoped."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from places.models import Role
from tests.factories.places import ProvinceFactory, WardFactory
from tests.factories.tracking import placement
from tests.factories.users import MembershipFactory
from tracking.models import Placement

pytestmark = pytest.mark.django_db


def jpeg_with_gps() -> bytes:
    """A phone photo: EXIF with a GPS block and the phone's model."""
    image = Image.new("RGB", (64, 48), "orange")
    exif = Image.Exif()
    exif[0x0110] = "Redmi 9A"  # Model
    exif[0x8825] = {1: "N", 2: (12.0, 40.0, 47.0), 3: "E", 4: (108.0, 2.0, 16.0)}  # GPSInfo
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    assert Image.open(io.BytesIO(buffer.getvalue())).getexif()
    return buffer.getvalue()


@pytest.fixture
def wards():
    province = ProvinceFactory()
    return WardFactory(parent=province), WardFactory(parent=province)


def editor_of(unit):
    return MembershipFactory(unit=unit, role=Role.WARD_EDITOR).user


def form_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_the_wards_editor_records_the_day_and_a_photo_without_exif(client, wards):
    poster = placement(unit=wards[0])
    user = editor_of(wards[0])
    client.force_login(user)
    url = reverse("tracking_record_installation", args=[poster.pk])
    form_of(client, url)
    day = timezone.localdate() - dt.timedelta(days=3)
    photo = SimpleUploadedFile("IMG_0001.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = client.post(url, {"installed_on": day.isoformat(), "photo": photo})
    assert response.status_code == 302
    poster.refresh_from_db()
    assert (poster.installed_on, poster.installed_by) == (day, user)
    with poster.proof_photo.file.open("rb") as stored:
        kept = Image.open(io.BytesIO(stored.read()))
        assert not kept.getexif() and "exif" not in kept.info
    listing = client.get(reverse("wagtailsnippets_tracking_placement:list")).content.decode()
    assert url in listing  # the "Ghi nhận đã treo" button


def test_another_wards_editor_can_neither_see_nor_post(client, wards):
    poster = placement(unit=wards[0])
    client.force_login(editor_of(wards[1]))
    url = reverse("tracking_record_installation", args=[poster.pk])
    # Wagtail's admin answers a refusal with a redirect to its home and a message.
    assert client.get(url).status_code in (302, 403)
    response = client.post(url, {"installed_on": "2026-01-05"})
    assert response.status_code in (302, 403)
    poster.refresh_from_db()
    assert poster.installed_on is None and poster.installed_by is None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"installed_on": "2999-01-01"}, "tương lai"),
        ({"installed_on": "ngày mai"}, ""),
        ({"installed_on": "2026-01-05", "photo": ("anh.jpg", b"GIF89a not really")}, ""),
    ],
)
def test_bad_input_changes_nothing(client, wards, fields, message):
    poster = placement(unit=wards[0])
    client.force_login(editor_of(wards[0]))
    data = dict(fields)
    if "photo" in data:
        name, content = data["photo"]
        data["photo"] = SimpleUploadedFile(name, content, content_type="image/jpeg")
    response = client.post(reverse("tracking_record_installation", args=[poster.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Placement.objects.get(pk=poster.pk).installed_on is None
