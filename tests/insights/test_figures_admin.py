import datetime as dt
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from campaigns.models import Metric
from insights.models import AdoptionFigure, BroadcastAiring
from places.models import AdministrativeUnit, Membership, Role
from tests.factories.tracking import loudspeaker_channel, poster_channel
from tests.factories.users import UserFactory

IMPORT_URL = "/admin/insights/figures/"


@pytest.fixture
def metrics(db):
    Metric.objects.get_or_create(slug="dan-so", defaults={"name": "Dân số"})
    Metric.objects.get_or_create(slug="vneid-muc-2", defaults={"name": "Kích hoạt định danh điện tử mức độ 2"})


def staff_with(role: Role | None, unit_code: str | None):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    if role:
        Membership.objects.create(user=user, unit=AdministrativeUnit.objects.get(code=unit_code), role=role)
    return user


def last_month() -> str:
    return (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")


def test_the_url_is_the_one_announced():
    assert reverse("insights_figures_import") == IMPORT_URL


def test_a_culture_office_uploads_by_name_and_sees_the_result(client, official_units, metrics):
    client.force_login(staff_with(Role.CULTURE_OFFICE, "66"))
    page = client.get(IMPORT_URL)
    assert page.status_code == 200
    assert "Tải tệp mẫu (XLSX)" in page.content.decode()

    daklak = AdministrativeUnit.objects.get(code="66")
    csv = f"xã/phường,tháng,chỉ tiêu,giá trị\nphuong ea kao,{last_month()},dan-so,18000\n".encode()
    response = client.post(
        IMPORT_URL, {"file": SimpleUploadedFile("so-lieu.csv", csv, "text/csv"), "province": daklak.pk}
    )
    assert response.status_code == 200
    assert "Đã nhập 1 số liệu" in response.content.decode()
    assert AdoptionFigure.objects.get().unit.code == "24169"


def test_the_error_report_lists_lines_and_writes_nothing(client, official_units, metrics):
    client.force_login(staff_with(Role.CULTURE_OFFICE, "66"))
    daklak = AdministrativeUnit.objects.get(code="66")
    csv = f"xã/phường,tháng,chỉ tiêu,giá trị\n24133,{last_month()},dan-so,1\n24133,{last_month()},dan-so,-4\n"
    response = client.post(
        IMPORT_URL, {"file": SimpleUploadedFile("loi.csv", csv.encode(), "text/csv"), "province": daklak.pk}
    )
    content = response.content.decode()
    assert "Tệp có 2 lỗi" in content
    assert "<td>3</td><td>Giá trị -4 âm; số liệu không thể âm.</td>" in content
    assert not AdoptionFigure.objects.exists()


def test_a_province_outside_the_users_reach_is_not_offered(client, official_units, metrics):
    client.force_login(staff_with(Role.CULTURE_OFFICE, "66"))
    hanoi = AdministrativeUnit.objects.get(code="01")
    csv = f"xã/phường,tháng,chỉ tiêu,giá trị\n00073,{last_month()},dan-so,1\n".encode()
    response = client.post(IMPORT_URL, {"file": SimpleUploadedFile("a.csv", csv, "text/csv"), "province": hanoi.pk})
    assert not AdoptionFigure.objects.exists()
    assert "Đã nhập" not in response.content.decode()


@pytest.mark.parametrize("role", [None, Role.WARD_EDITOR, Role.VIEWER])
def test_others_are_turned_away(client, official_units, role):
    client.force_login(staff_with(role, "24133"))
    assert client.get(IMPORT_URL).status_code == 302
    assert client.get(reverse("insights_figures_template", args=["xlsx"])).status_code == 302


def test_the_downloaded_template_imports_back_through_the_page(client, official_units, metrics):
    client.force_login(staff_with(Role.CULTURE_OFFICE, "66"))
    template = client.get(reverse("insights_figures_template", args=["xlsx"]))
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(template.content))["Số liệu"].iter_rows(values_only=True))
    assert rows[0] == ("xã/phường", "tháng", "chỉ tiêu", "giá trị")
    daklak = AdministrativeUnit.objects.get(code="66")
    upload = SimpleUploadedFile("mau.xlsx", template.content)
    response = client.post(IMPORT_URL, {"file": upload, "province": daklak.pk})
    assert "Đã nhập 4 số liệu" in response.content.decode()
    assert set(AdoptionFigure.objects.values_list("unit__parent__code", flat=True)) == {"66"}


def test_the_menu_shows_official_figures_to_a_culture_office(client, official_units):
    # The sidebar is a JSON document in the page: look for the item's address.
    client.force_login(staff_with(Role.CULTURE_OFFICE, "66"))
    assert IMPORT_URL in client.get("/admin/").content.decode()
    client.force_login(staff_with(Role.VIEWER, "66"))
    assert IMPORT_URL not in client.get("/admin/").content.decode()


def test_a_ward_editor_logs_an_airing_of_a_sound_channel_in_their_ward(client, official_units):
    user = staff_with(Role.WARD_EDITOR, "24133")
    client.force_login(user)
    loudspeaker = loudspeaker_channel()
    add_url = reverse("broadcastairing:add")
    form = client.get(add_url)
    assert form.status_code == 200
    content = form.content.decode()
    assert loudspeaker.name in content and poster_channel().name not in content
    assert "Ea Kao" not in content  # another ward

    ward = AdministrativeUnit.objects.get(code="24133")
    response = client.post(
        add_url,
        {
            "channel": loudspeaker.pk,
            "unit": ward.pk,
            "aired_at": "2026-10-05 06:30",
            "duration_minutes": 10,
            "note": "Bản tin sáng",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    airing = BroadcastAiring.objects.get()
    assert (airing.unit, airing.created_by, airing.duration_minutes) == (ward, user, 10)
    assert timezone.localtime(airing.aired_at).hour == 6


def test_an_airing_for_another_ward_or_a_print_channel_is_refused(client, official_units):
    client.force_login(staff_with(Role.WARD_EDITOR, "24133"))
    other = AdministrativeUnit.objects.get(code="24169")
    response = client.post(
        reverse("broadcastairing:add"),
        {"channel": poster_channel().pk, "unit": other.pk, "aired_at": "2026-10-05 06:30", "duration_minutes": 5},
    )
    assert response.status_code == 200
    assert not BroadcastAiring.objects.exists()


def test_a_viewer_cannot_log_airings(client, official_units):
    client.force_login(staff_with(Role.VIEWER, "24133"))
    assert client.get(reverse("broadcastairing:add")).status_code == 302
