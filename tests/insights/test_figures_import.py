import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from wagtail.models import ModelLogEntry

from campaigns.models import Metric
from core.dates import parse_month
from insights.figures_import import (
    FIGURES_IMPORTED,
    MAX_BYTES,
    bare_ward_name,
    import_figures,
    parse_value,
    template_csv,
    template_xlsx,
)
from insights.models import AdoptionFigure, FigureImport
from places.models import AdministrativeUnit, DivisionType, Membership, Role, UnitLogEntry
from tests.factories.places import ProvinceFactory, WardFactory
from tests.factories.users import UserFactory

TODAY = dt.date(2026, 11, 23)
HEADER = "xã/phường,tháng,chỉ tiêu,giá trị\n"


@pytest.fixture
def metrics(db):
    return {
        slug: Metric.objects.get_or_create(slug=slug, defaults={"name": name, "unit": "người"})[0]
        for slug, name in [
            ("dan-so", "Dân số"),
            ("vneid-muc-2", "Kích hoạt định danh điện tử mức độ 2"),
            ("tai-khoan-dvc", "Tài khoản Cổng dịch vụ công"),
        ]
    }


@pytest.fixture
def daklak(official_units):
    return AdministrativeUnit.objects.get(code="66")


def run(text: str | bytes, **kwargs):
    data = text.encode("utf-8") if isinstance(text, str) else text
    kwargs.setdefault("today", TODAY)
    return import_figures(file=data, filename="so-lieu.csv", **kwargs)


def values() -> dict:
    return {
        (figure.unit.code, figure.month.strftime("%Y-%m"), figure.metric.slug): figure.value
        for figure in AdoptionFigure.objects.select_related("unit", "metric")
    }


def messages(report) -> list[str]:
    return [str(error) for error in report.errors]


def test_codes_and_unaccented_names_import(metrics, daklak):
    report = run(
        HEADER + "24133,2026-10,vneid-muc-2,1200\n"
        'phuong ea kao,10/2026,Kích hoạt định danh điện tử mức độ 2,"1.350"\n'
        "Ea Kao,T10/2026,dan-so,18000\n",
        province=daklak,
    )
    assert report.ok, messages(report)
    assert values() == {
        ("24133", "2026-10", "vneid-muc-2"): Decimal("1200"),
        ("24169", "2026-10", "vneid-muc-2"): Decimal("1350"),
        ("24169", "2026-10", "dan-so"): Decimal("18000"),
    }
    assert report.figure_import.months == ["2026-10"]
    assert report.figure_import.row_count == 3


def test_english_headers_semicolons_bom_and_a_code_without_leading_zeros(metrics, official_units):
    report = run("\ufeffward;month;metric;value\n73;2026-09;dan-so;4500,5\n")
    assert report.ok, messages(report)
    assert values() == {("00073", "2026-09", "dan-so"): Decimal("4500.5")}


def test_an_unknown_name_lists_the_closest_wards(metrics, daklak):
    report = run(HEADER + "Phường Ea Kaoo,2026-10,dan-so,1\n", province=daklak)
    assert (
        messages(report)
        == ["Dòng 2: Không tìm thấy xã/phường “Phường Ea Kaoo” trong Tỉnh Đắk Lắk. Có phải: Phường Ea Kao (24169)?"]
        or "Phường Ea Kao (24169)" in messages(report)[0]
    )
    assert not AdoptionFigure.objects.exists()


def test_an_ambiguous_name_lists_both_and_the_prefix_settles_it(metrics):
    province = ProvinceFactory()
    commune = WardFactory(parent=province, name="Xã Hòa Bình", division_type=DivisionType.COMMUNE)
    ward = WardFactory(parent=province, name="Phường Hòa Bình")
    report = run(HEADER + "hoa binh,2026-10,dan-so,1\n", province=province)
    [message] = messages(report)
    assert "trùng với nhiều xã/phường" in message
    assert f"({commune.code})" in message and f"({ward.code})" in message

    report = run(HEADER + "phuong hoa binh,2026-10,dan-so,1\nXA HOA BINH,2026-10,dan-so,2\n", province=province)
    assert report.ok, messages(report)
    assert values() == {(ward.code, "2026-10", "dan-so"): 1, (commune.code, "2026-10", "dan-so"): 2}


def test_names_need_a_province(metrics, official_units):
    report = run(HEADER + "Ea Kao,2026-10,dan-so,1\n")
    assert "hãy chọn tỉnh/thành phố" in messages(report)[0]


def test_a_ward_outside_the_province_is_refused(metrics, daklak):
    report = run(HEADER + "00073,2026-10,dan-so,1\n", province=daklak)
    assert messages(report) == ["Dòng 2: Mã “00073” là Phường Cửa Nam, không thuộc Đắk Lắk."]


def test_every_bad_row_is_reported_and_nothing_is_written(metrics, daklak):
    AdoptionFigure.objects.create(
        unit=AdministrativeUnit.objects.get(code="24133"), month=dt.date(2026, 10, 1), metric=metrics["dan-so"], value=7
    )
    report = run(
        HEADER + "24133,2026-10,dan-so,100\n"  # fine
        "99999,2026-10,dan-so,1\n"  # unknown code
        "24133,2026-12,vneid-muc-2,1\n"  # future month
        "24133,2026-09,vneid-muc-2,-5\n"  # negative
        "24133,2026-08,vneid-muc-2,nhiều\n"  # not a number
        "24133,2026-10,dan-so,101\n"  # duplicate of line 2
        "24133,2026-10,so-ho-gia-dinh,1\n"  # unknown metric
        "66,2026-10,dan-so,1\n"  # a province
        "24133,13/2026,dan-so,1\n"  # not a month
        ",,,\n"  # blank: skipped
        "24169,2026-10,dan-so,1.5555\n",  # too many decimals
        province=daklak,
    )
    lines = [error.line for error in report.errors]
    assert lines == [3, 4, 5, 6, 7, 8, 9, 10, 12]
    text = "\n".join(messages(report))
    assert "Không có xã/phường với mã “99999”" in text
    assert "Tháng 12/2026 chưa tới" in text
    assert "âm" in text
    assert "“nhiều” không phải là số" in text
    assert "Trùng với dòng 2" in text
    assert "Chỉ tiêu “so-ho-gia-dinh” không có trong danh mục" in text and "dan-so (Dân số)" in text
    assert "không phải xã/phường" in text
    assert "Tháng “13/2026” không hợp lệ" in text
    assert "quá 2 chữ số thập phân" in text
    assert values() == {("24133", "2026-10", "dan-so"): 7}
    assert not FigureImport.objects.exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "Tệp trống."),
        (b"   \n\n", "Tệp trống."),
        (HEADER.encode(), "Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào."),
        ("tên,địa chỉ\nA,B\n".encode(), "Thiếu cột bắt buộc"),
        ("xã/phường,tháng\n24133,2026-10\n".encode("utf-16"), "UTF-8"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "(.xls)"),
        (b"PK\x03\x04 not really a zip", "Không mở được tệp XLSX"),
    ],
)
def test_bad_files_are_refused_whole(metrics, content, expected):
    report = run(content)
    assert not report.ok
    assert expected in messages(report)[0]
    assert not FigureImport.objects.exists()


def test_a_50_mb_upload_is_refused_before_it_is_read(metrics):
    class Unreadable(io.BytesIO):
        def read(self, *args):  # a refusal must not depend on reading the file
            raise AssertionError("read")

    upload = SimpleUploadedFile("lon.csv", b"")
    upload.file = Unreadable()
    upload.size = 50 * 1024 * 1024
    report = import_figures(file=upload, filename="lon.csv", today=TODAY)
    assert messages(report) == ["Tệp lớn hơn 5 MB; hãy chia thành nhiều tệp nhỏ hơn."]


def test_a_file_just_over_the_limit_without_a_size_is_refused(metrics):
    report = run(io.BytesIO(HEADER.encode() + b"0" * MAX_BYTES).read())
    assert messages(report) == ["Tệp lớn hơn 5 MB; hãy chia thành nhiều tệp nhỏ hơn."]


def xlsx(rows, *, title="Số liệu", extra_first_sheet=False) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    if extra_first_sheet:
        sheet.title = "Ghi chú"
        sheet.append(["Bảng này không phải số liệu"])
        sheet = workbook.create_sheet(title)
    else:
        sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_xlsx_with_numbers_and_dates_in_cells(metrics, daklak):
    data = xlsx(
        [
            ["Xã/phường", "Tháng", "Chỉ tiêu", "Giá trị"],
            [24133, dt.datetime(2026, 10, 1), "vneid-muc-2", 1200],
            ["Buôn Ma Thuột", "2026-09", "vneid-muc-2", 1100.0],
        ],
        extra_first_sheet=True,
    )
    report = import_figures(file=data, filename="so-lieu.xlsx", province=daklak, today=TODAY)
    assert report.ok, messages(report)
    assert values() == {
        ("24133", "2026-10", "vneid-muc-2"): Decimal("1200"),
        ("24133", "2026-09", "vneid-muc-2"): Decimal("1100"),
    }


def test_xlsx_errors_carry_the_sheet_row_number(metrics, daklak):
    data = xlsx(
        [
            ["xã/phường", "tháng", "chỉ tiêu", "giá trị"],
            [24133, "2026-10", "dan-so", 5],
            [],
            [24133, "2026-09", "dan-so", -1],
        ]
    )
    report = import_figures(file=data, filename="so-lieu.xlsx", province=daklak, today=TODAY)
    assert [error.line for error in report.errors] == [4], messages(report)


def test_a_wrong_sheet_is_named_in_the_report(metrics):
    data = xlsx([["Họ tên", "Số điện thoại"], ["A", "0901"]], title="Danh bạ")
    report = import_figures(file=data, filename="danh-ba.xlsx", today=TODAY)
    assert "Thiếu cột bắt buộc" in messages(report)[0]
    assert any("Hãy dùng tệp mẫu" in message for message in messages(report))


def test_reimporting_a_month_replaces_it_for_the_wards_and_metrics_in_the_file(metrics, daklak):
    run(
        HEADER + "24133,2026-09,vneid-muc-2,900\n24133,2026-10,vneid-muc-2,1000\n"
        "24169,2026-10,vneid-muc-2,500\n24133,2026-10,dan-so,20000\n",
        province=daklak,
    )
    report = run(HEADER + "24133,2026-10,vneid-muc-2,1100\n", province=daklak)
    assert report.ok and report.replaced == 1
    assert values() == {
        ("24133", "2026-09", "vneid-muc-2"): 900,  # another month: kept
        ("24133", "2026-10", "vneid-muc-2"): 1100,  # replaced
        ("24169", "2026-10", "vneid-muc-2"): 500,  # another ward: kept
        ("24133", "2026-10", "dan-so"): 20000,  # another metric: kept
    }


def test_an_import_is_logged_with_its_user(metrics, daklak):
    user = UserFactory(is_superuser=True)
    report = run(HEADER + "24133,2026-10,dan-so,1\n", province=daklak, user=user)
    entry = UnitLogEntry.objects.get(action=FIGURES_IMPORTED)
    assert not ModelLogEntry.objects.filter(action=FIGURES_IMPORTED).exists()
    assert entry.unit_path == "66/24133/"  # shown in the site history to that unit's people (and those above) only
    assert entry.user == user
    assert entry.object_id == str(report.figure_import.pk)
    assert entry.data["months"] == ["2026-10"] and entry.data["rows"] == 1
    assert report.figure_import.uploaded_by == user


def test_a_culture_office_imports_only_under_its_units(metrics, daklak):
    user = UserFactory()
    Membership.objects.create(user=user, unit=AdministrativeUnit.objects.get(code="24133"), role=Role.CULTURE_OFFICE)
    report = run(HEADER + "24133,2026-10,dan-so,1\n24169,2026-10,dan-so,1\n", province=daklak, user=user)
    assert messages(report) == ["Dòng 3: Bạn không được nhập số liệu cho Phường Ea Kao (24169)."]


@pytest.mark.parametrize("maker", [template_csv, template_xlsx])
def test_the_template_round_trips(metrics, daklak, maker):
    data = maker(province=daklak)
    report = import_figures(file=data, filename="mau", province=daklak)
    assert report.ok, messages(report)
    assert report.created == 4
    assert {code for code, _month, _metric in values()} == {
        ward.code for ward in AdministrativeUnit.objects.filter(parent=daklak).order_by("code")[:2]
    }


def test_the_xlsx_template_has_the_figures_sheet_and_the_metric_list(metrics, daklak):
    workbook = load_workbook(io.BytesIO(template_xlsx(province=daklak)))
    assert workbook.sheetnames == ["Số liệu", "Chỉ tiêu"]
    assert [cell.value for cell in workbook["Số liệu"][1]] == ["xã/phường", "tháng", "chỉ tiêu", "giá trị"]
    assert {row[0] for row in workbook["Chỉ tiêu"].iter_rows(min_row=2, values_only=True)} == set(metrics)


def test_the_command_imports_and_reports_errors(metrics, official_units, tmp_path):
    good = tmp_path / "so-lieu.csv"
    good.write_text(HEADER + "Ea Kao,2026-10,dan-so,18000\n", encoding="utf-8")
    out = io.StringIO()
    call_command("import_figures", str(good), "--province", "66", stdout=out)
    assert "Đã nhập 1 số liệu" in out.getvalue()
    bad = tmp_path / "loi.csv"
    bad.write_text(HEADER + "Ea Kao,2099-10,dan-so,1\n", encoding="utf-8")
    with pytest.raises(CommandError, match="1 lỗi"):
        call_command("import_figures", str(bad), "--province", "66", stdout=io.StringIO(), stderr=io.StringIO())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03", dt.date(2026, 3, 1)),
        ("2026-3", dt.date(2026, 3, 1)),
        ("03/2026", dt.date(2026, 3, 1)),
        ("T3/2026", dt.date(2026, 3, 1)),
        ("Tháng 3/2026", dt.date(2026, 3, 1)),
        ("2026-03-17", dt.date(2026, 3, 1)),
        ("2026/03", dt.date(2026, 3, 1)),
        ("13/2026", None),
        ("March", None),
        ("", None),
    ],
)
def test_months(text, expected):
    assert parse_month(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1200", Decimal("1200")),
        ("1.234", Decimal("1234")),
        ("1,234", Decimal("1234")),
        ("1.234.567", Decimal("1234567")),
        ("12,5", Decimal("12.5")),
        ("12.5", Decimal("12.5")),
        ("1.234,5", Decimal("1234.5")),
        ("1,234.5", Decimal("1234.5")),
        ("-3", Decimal("-3")),
        ("1 200", Decimal("1200")),
        ("abc", None),
        ("NaN", None),
        ("1e5", None),
        ("", None),
    ],
)
def test_values(text, expected):
    assert parse_value(text) == expected


@given(st.integers(min_value=0, max_value=10**11))
def test_whole_numbers_survive_vietnamese_thousands_separators(number):
    written = f"{number:,}".replace(",", ".")
    assert parse_value(written) == number


@given(
    st.text(
        alphabet="abcdđeêghiklmnoôơpqrstuưvxyáàảãạăắằẳẵặâấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ ",
        min_size=1,
    )
)
def test_folding_ignores_case_and_diacritics(name):
    from core.text import fold_label

    assert bare_ward_name(name.upper()) == bare_ward_name(fold_label(name))


def test_a_small_xlsx_that_unpacks_to_gigabytes_is_refused_before_it_is_opened(metrics):
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b"\0" * (1024 * 1024)
            for _ in range(300):  # 300 MB of zeros, a few hundred kB compressed
                member.write(block)
    data = out.getvalue()
    assert len(data) < MAX_BYTES
    report = import_figures(file=data, filename="bom.xlsx", today=TODAY)
    assert messages(report) == ["Bảng tính quá lớn khi giải nén; hãy chia thành nhiều tệp nhỏ hơn hoặc lưu thành CSV."]
