"""Every dashboard table downloads as CSV and XLSX, with the dashboard's filters and scoping."""

import csv
import datetime as dt
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
    assert rows["Áp-phích"]["Chi phí (đồng)"] == "450000"
    assert rows["Loa truyền thanh cơ sở"]["Tỷ lệ chuyển đổi qua mã (%)"] == "20"


def data_rows(rows: list[dict], key: str) -> dict[str, dict]:
    """The table's rows by `key`, without the notes a shared copy ends with."""
    return {row[key]: row for row in rows if row[key] and not row[key].startswith(("Bản chia sẻ", "Số lượt"))}


def test_the_staff_copy_is_exact_and_the_shared_copy_is_rounded_and_says_so(culture_office):
    exact = {row["Mã"]: row for row in csv_rows(export(culture_office, "theo-xa", "csv", unit="66", **OCTOBER))}
    assert exact["24169"]["Lượt quét"] == "3" and exact["24169"]["Chuyển đổi qua mã"] == "1"

    shared_response = export(culture_office, "theo-xa", "csv", unit="66", **{"chia-se": "1"}, **OCTOBER)
    assert 'filename="theo-xa_66_2026-10-01_2026-10-31_chia-se.csv"' in shared_response["Content-Disposition"]
    rows = csv_rows(shared_response)
    shared = data_rows(rows, "Mã")
    assert set(shared) == {"24133", "24169"}
    for row in shared.values():
        assert int(row["Lượt quét"]) % 5 == 0 and int(row["Chuyển đổi qua mã"]) % 5 == 0
    assert abs(int(shared["24133"]["Lượt quét"]) - 230) < 5 * 3  # three base cells with scans
    notes = [row["Hạng"] for row in rows[-2:]]
    assert notes[0].startswith("Bản chia sẻ. Kỳ số liệu: 01/10/2026 – 31/10/2026 (tháng trọn vẹn")
    assert "làm tròn có kiểm soát đến bội số của 5" in notes[1]


def test_a_shared_copy_covers_whole_weeks_and_says_how_the_dates_were_snapped(culture_office):
    response = export(
        culture_office, "theo-tuan", "xlsx", unit="66", start="2026-10-07", end="2026-10-20", **{"chia-se": "1"}
    )
    assert 'filename="theo-tuan_66_2026-10-05_2026-10-25_chia-se.xlsx"' in response["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    text = " ".join(str(cell) for row in rows for cell in row if cell)
    assert "05/10/2026 – 25/10/2026 (tuần trọn vẹn" in text
    assert "Khoảng đã chọn 07/10/2026 – 20/10/2026 được điều chỉnh" in text
    # A period with no whole week ended yet is refused with a clear message, never a 500.
    today = dt.date.today()
    refused = export(
        culture_office,
        "theo-tuan",
        "csv",
        unit="66",
        start=today.isoformat(),
        end=today.isoformat(),
        **{"chia-se": "1"},
    )
    assert refused.status_code == 400 and "tuần hoặc tháng trọn vẹn" in refused.content.decode()


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
    channels = workbook["Theo kênh"]
    assert [cell.value for cell in channels[1]][:2] == ["Kênh", "Điểm đặt"]


def test_exports_follow_the_users_reach(client, october):
    client.force_login(staff_member(username="bientap.eakao", unit=october.ward_b, role=Role.WARD_EDITOR))
    rows = csv_rows(export(client, "theo-kenh", "csv", **OCTOBER))
    assert [(row["Kênh"], row["Lượt quét"]) for row in rows] == [("Áp-phích", "3")]
    assert export(client, "theo-xa", "csv", unit="24133", **OCTOBER).status_code == 302
    assert export(client, "theo-xa", "csv", unit="66", **OCTOBER).status_code == 302


def test_a_ward_scope_rounds_its_channel_totals_when_shared(client, october):
    client.force_login(staff_member(username="bientap.eakao", unit=october.ward_b, role=Role.WARD_EDITOR))
    rows = csv_rows(export(client, "theo-kenh", "csv", **{"chia-se": "1"}, **OCTOBER))
    assert rows[0]["Kênh"] == "Áp-phích" and rows[0]["Lượt quét"] in {"0", "5"}


def test_unknown_tables_formats_and_bad_filters(client, october):
    client.force_login(UserFactory(username="quantri", is_superuser=True))
    assert export(client, "khong-co", "csv").status_code == 404
    assert export(client, "theo-kenh", "pdf").status_code == 404
    bad = export(client, "theo-kenh", "csv", start="2026-10-31", end="2026-10-01")
    assert bad.status_code == 400
    assert "Ngày kết thúc phải sau ngày bắt đầu." in bad.content.decode()
