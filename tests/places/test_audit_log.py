"""Role changes, CSV imports and pack generations appear in Wagtail's site history with the user and the time."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from media_kit.models import Pack, PrintFormat
from media_kit.tasks import generate_pack
from places.models import Membership, Role, UnitLogEntry
from tests.factories.campaigns import CampaignPageFactory
from tests.factories.users import MembershipFactory, UserFactory
from tests.media_kit.conftest import print_template  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db

SITE_HISTORY = "/admin/reports/site-history/"


@pytest.fixture
def superuser(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user = UserFactory(username="quantri", is_superuser=True, first_name="Lê Thị Quản Trị")
    client.force_login(user)
    return user


def entries(action: str) -> list:
    # Entries about a unit's things (places, placements, packs) are UnitLogEntry; the others Wagtail's ModelLogEntry.
    model = UnitLogEntry if action.startswith(("places.", "tracking.", "media_kit.")) else ModelLogEntry
    return list(model.objects.filter(action=action).order_by("timestamp", "pk"))


def site_history(client) -> str:
    response = client.get(SITE_HISTORY)
    assert response.status_code == 200
    return response.content.decode()


def test_role_changes_through_the_admin_name_the_user_the_unit_and_the_role(client, superuser, official_units):
    bmt, ea_kao = official_units.get(code="24133"), official_units.get(code="24169")
    person = UserFactory(username="nguyenvanan")
    started = timezone.now()

    client.post(
        reverse("wagtailsnippets_places_membership:add"),
        {"user": person.pk, "unit": bmt.pk, "role": Role.WARD_EDITOR},
    )
    membership = Membership.objects.get(user=person)
    client.post(
        reverse("wagtailsnippets_places_membership:edit", args=[membership.pk]),
        {"user": person.pk, "unit": ea_kao.pk, "role": Role.APPROVER},
    )
    client.post(reverse("wagtailsnippets_places_membership:delete", args=[membership.pk]))
    assert not Membership.objects.exists()

    (granted,) = entries("places.membership_granted")
    (changed,) = entries("places.membership_changed")
    (revoked,) = entries("places.membership_revoked")
    for entry in (granted, changed, revoked):
        assert entry.user == superuser
        assert entry.timestamp >= started
    assert granted.data["username"] == "nguyenvanan" and granted.data["unit_code"] == "24133"
    assert granted.data["role"] == Role.WARD_EDITOR
    assert changed.data["previous"]["role"] == Role.WARD_EDITOR and changed.data["role"] == Role.APPROVER
    assert revoked.data["unit_code"] == "24169"

    page = site_history(client)
    assert "Đã phân công nguyenvanan làm Biên tập viên xã/phường tại Phường Buôn Ma Thuột (24133)" in page
    assert (
        "Đã đổi phân công nguyenvanan – Biên tập viên xã/phường – Phường Buôn Ma Thuột thành nguyenvanan "
        "làm Lãnh đạo duyệt nội dung tại Phường Ea Kao (24169)"
    ) in page
    assert "Đã thu hồi vai trò Lãnh đạo duyệt nội dung của nguyenvanan tại Phường Ea Kao (24169)" in page
    assert "Lê Thị Quản Trị" in page  # who did it


def test_a_user_import_is_one_entry_with_the_file_and_the_counts(client, superuser, official_units):
    csv = (
        "tên đăng nhập,họ và tên,email,mã đơn vị,vai trò\r\n"
        "nguyenvanan,Nguyễn Văn An,an@example.gov.vn,24133,ward_editor\r\n"
        "hnie.kbuor,H'Nie Kbuôr,hnie@example.gov.vn,24169,viewer\r\n"
    ).encode()
    client.post(reverse("places_import_users"), {"file": SimpleUploadedFile("can-bo-dak-lak.csv", csv)})

    (entry,) = entries("places.users_imported")
    assert entry.user == superuser
    assert entry.label == official_units.get(code="66").name == "Đắk Lắk"  # the unit that covers both wards
    assert entry.data["filename"] == "can-bo-dak-lak.csv"
    assert (entry.data["users_created"], entry.data["memberships_created"]) == (2, 2)
    # Each membership the import made is a role change of its own.
    assert sorted(e.data["username"] for e in entries("places.membership_granted")) == ["hnie.kbuor", "nguyenvanan"]
    assert all(e.user == superuser for e in entries("places.membership_granted"))

    page = site_history(client)
    assert "Đã nhập tệp can-bo-dak-lak.csv: 2 người dùng mới, 2 phân công mới" in page


def test_a_refused_user_import_logs_nothing(client, superuser, official_units):
    csv = "tên đăng nhập,họ và tên,email,mã đơn vị,vai trò\r\nx,X,x@example.gov.vn,99999,viewer\r\n".encode()
    client.post(reverse("places_import_users"), {"file": SimpleUploadedFile("sai.csv", csv)})

    assert not UnitLogEntry.objects.filter(action__startswith="places.").exists()


def test_a_service_point_import_is_logged(client, superuser, official_units):
    csv = (
        "unit_code,name,address,hours,hotline\r\n"
        "24133,Bộ phận Một cửa Phường Buôn Ma Thuột,Số 1 Lê Duẩn,7:00–17:00,0262 3852 000\r\n"
    ).encode()
    client.post(reverse("places_import_service_points"), {"file": SimpleUploadedFile("diem.csv", csv)})
    client.post(reverse("places_import_service_points"), {"file": SimpleUploadedFile("diem.csv", csv), "dry_run": "on"})

    (entry,) = entries("places.service_points_imported")  # a dry run is not an import
    assert entry.user == superuser and entry.label == "Phường Buôn Ma Thuột"
    assert (entry.data["filename"], entry.data["created"], entry.data["updated"]) == ("diem.csv", 1, 0)
    assert "Đã nhập tệp diem.csv: tạo mới 1, cập nhật 0 điểm hỗ trợ" in site_history(client)


def test_a_pack_request_and_its_generation_are_logged_with_the_requester(
    client,
    superuser,
    print_template,  # noqa: F811
    official_units,
):
    client.post(
        reverse("media_kit_pack_request"),
        {
            "campaign": print_template.campaign.pk,
            "formats": [PrintFormat.objects.get(slug="ap-phich-a3").pk],
            "unit_codes": "24133",
        },
    )
    pack = Pack.objects.get()

    (requested,) = entries("media_kit.pack_requested")
    (generated,) = entries("media_kit.pack_generated")
    assert requested.user == superuser and generated.user == superuser
    assert requested.object_id == generated.object_id == str(pack.pk)
    assert generated.data["unit_codes"] == ["24133"] and generated.data["files"] == 1

    page = site_history(client)
    assert "Đã yêu cầu tạo bộ ấn phẩm" in page
    assert "Đã tạo xong bộ ấn phẩm" in page


def test_a_failed_pack_is_logged(client, superuser, official_units):
    campaign = CampaignPageFactory(title="Chiến dịch chưa có mẫu")
    requester = UserFactory(username="vanhoa", email="vanhoa@example.invalid")
    MembershipFactory(user=requester, unit=official_units.get(code="66"), role=Role.CULTURE_OFFICE)
    pack = Pack.objects.create(campaign=campaign, unit_codes="24133", requested_by=requester)
    generate_pack.enqueue(pack.pk)

    (failed,) = entries("media_kit.pack_failed")
    assert failed.user == requester
    assert "chưa có mẫu ấn phẩm" in failed.data["error"]
    assert "Không tạo được bộ ấn phẩm" in site_history(client)


def test_a_units_entries_are_shown_only_to_the_people_of_that_unit_or_above(client, superuser, official_units):
    bmt, hanoi_ward = official_units.get(code="24133"), official_units.get(code="00004")
    daklak_office = MembershipFactory(unit=official_units.get(code="66"), role=Role.CULTURE_OFFICE).user
    hanoi_office = MembershipFactory(unit=official_units.get(code="01"), role=Role.CULTURE_OFFICE).user
    MembershipFactory(user=UserFactory(username="bientap.bmt"), unit=bmt, role=Role.WARD_EDITOR)
    MembershipFactory(user=UserFactory(username="bientap.badinh"), unit=hanoi_ward, role=Role.WARD_EDITOR)
    bmt_entry = "Đã phân công bientap.bmt làm Biên tập viên xã/phường tại Phường Buôn Ma Thuột (24133)"
    hanoi_entry = "Đã phân công bientap.badinh làm Biên tập viên xã/phường tại Phường Ba Đình (00004)"

    client.force_login(daklak_office)
    page = site_history(client)
    assert bmt_entry in page and hanoi_entry not in page
    client.force_login(hanoi_office)
    page = site_history(client)
    assert hanoi_entry in page and bmt_entry not in page
    client.force_login(superuser)
    page = site_history(client)
    assert bmt_entry in page and hanoi_entry in page
