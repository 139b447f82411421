"""Every dashboard table downloads as CSV and XLSX, with the dashboard's filters and scoping."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from places.models import Role
from tests.factories.insights_dashboard import october_fixture, staff_member
from tests.factories.users import UserFactory

OCTOBER = {"start": "2026-10-01", "end": "2026-10-31"}


@pytest.fixture
def october(official_units):
    return october_fixture()


@pytest.fixture
def culture_office(client, october):
    client.force_login(staff_member(username="vanhoa", unit=october.province, role=Role.CULTURE_OFFICE))
    return client


def export(client, slug, fmt, **params):
    return client.get(reverse("insights_export", args=[slug, fmt]), params)


def csv_rows(response) -> list[dict]:
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM that tells Excel it is UTF-8
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_channel_table_as_csv(culture_office):
    response = export(culture_office, "theo-kenh", "csv", unit="66", **OCTOBER)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="theo-kenh_66_2026-10-01_2026-10-31.csv"' in response["Content-Disposition"]
    rows = {row["Kênh"]: row for row in csv_rows(response)}
    assert rows["Áp-phích"]["Lượt quét"] == "203"
    assert rows["Áp-phích"]["Chi phí"] == "450000"
    assert rows["Loa truyền thanh cơ sở"]["Tỷ lệ chuyển đổi qua mã"] == "20"


def test_the_staff_copy_is_exact_and_the_shared_copy_hides_small_wards(culture_office):
    exact = {row["Mã"]: row for row in csv_rows(export(culture_office, "theo-xa", "csv", unit="66", **OCTOBER))}
    assert exact["24169"]["Lượt quét"] == "3" and exact["24169"]["Chuyển đổi qua mã"] == "1"

    shared_response = export(culture_office, "theo-xa", "csv", unit="66", **{"chia-se": "1"}, **OCTOBER)
    assert "_chia-se.csv" in shared_response["Content-Disposition"]
    shared = {row["Mã"]: row for row in csv_rows(shared_response)}
    assert shared["24169"]["Lượt quét"] == "< 5"
    assert shared["24169"]["Chuyển đổi qua mã"] == "< 5"
    assert shared["24169"]["Lượt quét / 1.000 dân"] == "—"
    assert shared["24133"]["Lượt quét"] == "230"  # large enough to show


def test_a_table_as_xlsx(culture_office):
    response = export(culture_office, "chi-tieu", "xlsx", unit="66", **OCTOBER)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    by_ward = {row[header.index("Xã/phường")]: row for row in rows[1:]}
    assert by_ward["Phường Buôn Ma Thuột"][header.index("Đạt (%)")] == pytest.approx(85.0)
    assert by_ward["Phường Ea Kao"][header.index("Đánh giá")] == "Chưa đạt"


def test_every_table_in_one_workbook(culture_office):
    response = export(culture_office, "tat-ca", "xlsx", unit="66", **OCTOBER)
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == 12
    channels = workbook[workbook.sheetnames[0]]
    assert [cell.value for cell in channels[1]][:2] == ["Kênh", "Điểm đặt"]


def test_exports_follow_the_users_reach(client, october):
    client.force_login(staff_member(username="bientap.eakao", unit=october.ward_b, role=Role.WARD_EDITOR))
    rows = csv_rows(export(client, "theo-kenh", "csv", **OCTOBER))
    assert [(row["Kênh"], row["Lượt quét"]) for row in rows] == [("Áp-phích", "3")]
    assert export(client, "theo-xa", "csv", unit="24133", **OCTOBER).status_code == 302
    assert export(client, "theo-xa", "csv", unit="66", **OCTOBER).status_code == 302


def test_a_ward_scope_suppresses_even_channel_totals_when_shared(client, october):
    client.force_login(staff_member(username="bientap.eakao", unit=october.ward_b, role=Role.WARD_EDITOR))
    rows = csv_rows(export(client, "theo-kenh", "csv", **{"chia-se": "1"}, **OCTOBER))
    assert rows[0]["Lượt quét"] == "< 5"


def test_unknown_tables_formats_and_bad_filters(client, october):
    client.force_login(UserFactory(username="quantri", is_superuser=True))
    assert export(client, "khong-co", "csv").status_code == 404
    assert export(client, "theo-kenh", "pdf").status_code == 404
    bad = export(client, "theo-kenh", "csv", start="2026-10-31", end="2026-10-01")
    assert bad.status_code == 400
    assert "Ngày kết thúc phải sau ngày bắt đầu." in bad.content.decode()
