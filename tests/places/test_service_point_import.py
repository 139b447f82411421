import unicodedata
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.urls import reverse

from places.imports import import_service_points, service_point_template_csv
from places.models import AdministrativeUnit, Role, ServicePoint, ServicePointKind
from tests.factories.places import ServicePointFactory, VillageFactory
from tests.factories.users import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADER = "unit_code,name,address,hours,hotline,kind"
BUON_MA_THUOT_DESK = (
    "24133,Bộ phận Một cửa Phường Buôn Ma Thuột,"
    '"Số 1 đường Lê Duẩn, Phường Buôn Ma Thuột",'
    "Thứ Hai – Thứ Sáu 7:00–17:00,0262 3852 000,"
)
EA_KAO_POLICE = (
    "24169,Công an Phường Ea Kao,Buôn Ea Kao,Thứ Hai – Thứ Bảy 7:30–17:00,(0262) 3.812.345,Công an xã/phường"
)
IMPORT_URL = "/admin/places/service-points/import/"


def write_csv(tmp_path: Path, lines: list[str], *, encoding: str = "utf-8", name: str = "diem-ho-tro.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def import_file(path: Path, **kwargs):
    with path.open("rb") as file:
        return import_service_points(file=file, **kwargs)


def error_lines(report) -> list[tuple[int | None, str]]:
    return [(error.line, error.message) for error in report.errors]


@pytest.fixture
def buon_ma_thuot(official_units) -> AdministrativeUnit:
    return official_units.get(code="24133")


@pytest.fixture
def ea_kao(official_units) -> AdministrativeUnit:
    return official_units.get(code="24169")


# --- Through the service function ------------------------------------------------------------------


def test_a_good_file_creates_the_service_points(tmp_path, buon_ma_thuot, ea_kao):
    report = import_file(write_csv(tmp_path, [HEADER, BUON_MA_THUOT_DESK, EA_KAO_POLICE]))

    assert error_lines(report) == []
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    desk = ServicePoint.objects.get(unit=buon_ma_thuot)
    assert desk.name == "Bộ phận Một cửa Phường Buôn Ma Thuột"
    assert desk.address == "Số 1 đường Lê Duẩn, Phường Buôn Ma Thuột"
    assert desk.opening_hours == "Thứ Hai – Thứ Sáu 7:00–17:00"
    assert desk.hotline == "0262 3852 000"
    assert desk.kind == ServicePointKind.ONE_STOP_DESK
    assert not desk.is_sample
    police = ServicePoint.objects.get(unit=ea_kao)
    assert police.kind == ServicePointKind.POLICE
    assert police.hotline == "(0262) 3.812.345"


def test_values_are_nfc_stripped_and_folded_and_kinds_match_their_label_in_any_case(tmp_path, ea_kao):
    decomposed_name = unicodedata.normalize("NFD", "  Tổ  công nghệ số   cộng đồng Ea Kao ")
    assert decomposed_name != unicodedata.normalize("NFC", decomposed_name)
    path = write_csv(
        tmp_path,
        [
            "unit_code,name,address,hours,hotline,kind,map_link",
            f" 24169 ,{decomposed_name},Nhà văn hóa buôn Ky,Tối thứ Bảy,+84 262 3812 346,"
            ' TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG ,"12.6690, 108.0583"',
        ],
    )

    report = import_file(path)

    assert error_lines(report) == []
    point = ServicePoint.objects.get(unit=ea_kao)
    assert point.name == "Tổ công nghệ số cộng đồng Ea Kao"
    assert unicodedata.is_normalized("NFC", point.name)
    assert point.kind == ServicePointKind.COMMUNITY_TEAM
    assert point.map_link == "12.6690, 108.0583"


def test_importing_the_same_file_twice_creates_nothing_the_second_time(tmp_path, official_units):
    path = write_csv(tmp_path, [HEADER, BUON_MA_THUOT_DESK, EA_KAO_POLICE])
    import_file(path)

    report = import_file(path)

    assert error_lines(report) == []
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert ServicePoint.objects.count() == 2


def test_a_row_that_matches_unit_and_name_updates_the_point_and_leaves_absent_columns_alone(tmp_path, buon_ma_thuot):
    existing = ServicePointFactory(
        unit=buon_ma_thuot,
        name="Công an Phường Buôn Ma Thuột",
        kind=ServicePointKind.POLICE,
        hotline="0262 3000 000",
        map_link="12.6800, 108.0400",
    )
    path = write_csv(
        tmp_path,
        [
            "unit_code,name,address,hours,hotline",
            "24133,Công an Phường Buôn Ma Thuột,Số 1 đường Lê Duẩn,Thứ Hai – Thứ Sáu,0262 3852 111",
        ],
    )

    report = import_file(path)

    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    existing.refresh_from_db()
    assert existing.hotline == "0262 3852 111"
    assert existing.kind == ServicePointKind.POLICE
    assert existing.map_link == "12.6800, 108.0400"


def test_a_village_code_is_accepted(tmp_path, buon_ma_thuot):
    village = VillageFactory(parent=buon_ma_thuot, name="Tổ dân phố 5")
    path = write_csv(
        tmp_path,
        [HEADER, f"{village.code},Nhà văn hóa tổ dân phố 5,Hẻm 12 Y Jút,Tối thứ Năm,0905 123 456,Nhà văn hóa"],
    )

    report = import_file(path)

    assert error_lines(report) == []
    assert ServicePoint.objects.get().unit == village


def test_a_ward_code_that_lost_its_leading_zeros_is_repaired(tmp_path, official_units):
    path = write_csv(
        tmp_path, [HEADER, "70,Bộ phận Một cửa Phường Hoàn Kiếm,Số 126 Hàng Trống,Thứ Hai – Thứ Sáu,024 3825 3536,"]
    )

    report = import_file(path)

    assert error_lines(report) == []
    assert ServicePoint.objects.get().unit == official_units.get(code="00070")


def test_a_repaired_code_and_the_full_code_are_the_same_ward_for_duplicates(tmp_path, official_units):
    row = "Bộ phận Một cửa Phường Hoàn Kiếm,Số 126 Hàng Trống,Thứ Hai – Thứ Sáu,024 3825 3536,"
    report = import_file(write_csv(tmp_path, [HEADER, f"00070,{row}", f"70,{row}"]))

    assert error_lines(report) == [
        (3, "Trùng mã đơn vị và tên điểm với dòng 2 (“Bộ phận Một cửa Phường Hoàn Kiếm”, Phường Hoàn Kiếm).")
    ]
    assert not ServicePoint.objects.exists()


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        pytest.param(
            "99999,Điểm dịch vụ công Hòa Bình,Thôn 3,Thứ Hai – Thứ Sáu,0262 3852 001,",
            "Không có đơn vị hành chính với mã “99999”.",
            id="unknown unit code",
        ),
        pytest.param(
            "99,Điểm dịch vụ công Hòa Bình,Thôn 3,Thứ Hai – Thứ Sáu,0262 3852 001,",
            "Không có đơn vị hành chính với mã “99”.",
            id="short code matching no ward",
        ),
        pytest.param(
            "66,Bộ phận Một cửa tỉnh Đắk Lắk,Số 9 Lê Duẩn,Thứ Hai – Thứ Sáu,0262 3852 001,",
            "Mã “66” là Đắk Lắk, cấp tỉnh/thành phố; điểm hỗ trợ người dân phải thuộc một xã/phường/đặc khu",
            id="province",
        ),
        pytest.param(
            "1,Bộ phận Một cửa Hà Nội,Số 12 Lê Lai,Thứ Hai – Thứ Sáu,024 3825 0000,",
            "Mã “1” là Thành phố Hà Nội, cấp tỉnh/thành phố",
            id="province code that lost its leading zero",
        ),
        pytest.param(
            "24169,Điểm dịch vụ công Ea Kao,,Thứ Hai – Thứ Sáu,0262 3852 001,",
            "Thiếu giá trị ở cột địa chỉ (address).",
            id="missing required value",
        ),
        pytest.param(
            f"24169,{'Đ' * 201},Buôn Ea Kao,Thứ Hai – Thứ Sáu,0262 3852 001,",
            "Cột tên điểm (name) dài 201 ký tự, quá giới hạn 200 ký tự.",
            id="value too long",
        ),
        pytest.param(
            "24169,Điểm dịch vụ công Ea Kao,Buôn Ea Kao,Thứ Hai – Thứ Sáu,0262 3852 001,Bưu điện văn hóa xã",
            "Loại điểm “Bưu điện văn hóa xã” không có trong danh mục.",
            id="unknown kind",
        ),
        pytest.param(
            "24169,Công an Phường Ea Kao,Buôn Ea Kao,Thứ Hai – Thứ Sáu,0262 3852 001,police",
            "Trùng mã đơn vị và tên điểm với dòng 3 (“Công an Phường Ea Kao”, Phường Ea Kao).",
            id="duplicate in the file",
        ),
        pytest.param(
            "24169,Điểm dịch vụ công Ea Kao,Buôn Ea Kao,Thứ Hai – Thứ Sáu,0262 3852 001 hoặc Zalo,",
            "Đường dây nóng “0262 3852 001 hoặc Zalo” chỉ được gồm chữ số, dấu cách, dấu chấm, dấu gạch ngang",
            id="hotline with letters",
        ),
        pytest.param(
            "24169,Điểm dịch vụ công Ea Kao,Buôn Ea Kao,Thứ Hai – Thứ Sáu,0262+3852001,",
            "Đường dây nóng “0262+3852001” chỉ được gồm",
            id="hotline with a plus that is not leading",
        ),
        pytest.param(
            "24169,Điểm dịch vụ công Ea Kao,Số 5, đường Y Bih,Thứ Hai – Thứ Sáu,0262 3852 001,police",
            "Dòng có 7 ô, nhiều hơn 6 cột của tiêu đề; ô có dấu phẩy hoặc dấu chấm phẩy cần đặt trong ngoặc kép.",
            id="unquoted comma",
        ),
    ],
)
def test_a_bad_row_is_reported_on_its_line_and_nothing_is_written(tmp_path, buon_ma_thuot, bad_row, message):
    existing = ServicePointFactory(
        unit=buon_ma_thuot, name="Bộ phận Một cửa Phường Buôn Ma Thuột", hotline="0262 3000 000"
    )
    path = write_csv(tmp_path, [HEADER, BUON_MA_THUOT_DESK, EA_KAO_POLICE, bad_row])

    report = import_file(path)

    assert len(report.errors) == 1
    assert report.errors[0].line == 4
    assert message in report.errors[0].message
    assert str(report.errors[0]).startswith("Dòng 4: ")
    assert (report.created, report.updated, report.unchanged) == (0, 0, 0)
    assert list(ServicePoint.objects.all()) == [existing]
    existing.refresh_from_db()
    assert existing.hotline == "0262 3000 000"


def test_every_problem_of_every_row_is_reported_in_line_order(tmp_path, official_units):
    path = write_csv(
        tmp_path,
        [
            HEADER,
            "24133,,Số 1 Lê Duẩn,Thứ Hai – Thứ Sáu,0262 3852 000,trạm y tế",
            # A quoted cell over two lines: the next row starts on line 5.
            '24169,Công an Phường Ea Kao,"Buôn Ea Kao,',
            'Phường Ea Kao",Thứ Hai – Thứ Sáu,0262 3812 345,police',
            "",
            "99998,Điểm dịch vụ công,Thôn 1,Thứ Hai – Thứ Sáu,không có,",
        ],
    )

    report = import_file(path)

    assert [(line, message.split(" ")[0]) for line, message in error_lines(report)] == [
        (2, "Thiếu"),
        (2, "Loại"),
        (6, "Đường"),
        (6, "Không"),
    ]
    assert "Thiếu giá trị ở cột tên điểm (name)." in report.errors[0].message
    assert report.summary() == "Tệp có 4 lỗi; chưa ghi gì vào cơ sở dữ liệu. Hãy sửa tệp rồi nhập lại."
    assert not ServicePoint.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"", "Tệp trống.", id="empty"),
        pytest.param(b"\xef\xbb\xbf\r\n  \r\n", "Tệp trống.", id="only a BOM and blank lines"),
        pytest.param(
            (HEADER + "\r\n").encode(), "Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào.", id="header only"
        ),
        pytest.param(
            "mã đơn vị,tên,địa chỉ\r\n24133,Bộ phận Một cửa,Số 1 Lê Duẩn\r\n".encode(),
            "Thiếu cột bắt buộc: giờ làm việc (hours), đường dây nóng (hotline).",
            id="missing columns",
        ),
        pytest.param(
            f"{HEADER}\r\n{BUON_MA_THUOT_DESK}\r\n".encode("utf-16"),
            "Tệp không phải văn bản mã UTF-8",
            id="UTF-16 from Excel's Unicode text",
        ),
        pytest.param(
            f"{HEADER}\r\n{EA_KAO_POLICE}\r\n".encode("cp1258", errors="replace"),
            "Tệp không phải văn bản mã UTF-8 (lỗi từ dòng 2). Trong Excel, hãy lưu lại bằng “CSV UTF-8",
            id="Windows-1258",
        ),
    ],
)
def test_a_bad_file_is_refused_whole(tmp_path, official_units, content, message):
    path = tmp_path / "diem-ho-tro.csv"
    path.write_bytes(content)

    report = import_file(path)

    assert len(report.errors) == 1
    assert message in report.errors[0].message
    assert not ServicePoint.objects.exists()


def test_more_than_5000_rows_is_refused_and_5000_rows_pass(tmp_path, official_units):
    rows = [
        f"24133,Điểm hỗ trợ số {number},Tổ dân phố {number},Thứ Hai – Thứ Sáu,0262 3852 000," for number in range(5001)
    ]

    too_many = import_file(write_csv(tmp_path, [HEADER, *rows], name="qua-nhieu.csv"))
    just_enough = import_file(write_csv(tmp_path, [HEADER, *rows[:5000]], name="vua-du.csv"), dry_run=True)

    assert error_lines(too_many) == [(None, "Tệp có hơn 5.000 dòng dữ liệu; hãy chia thành nhiều tệp nhỏ hơn.")]
    assert error_lines(just_enough) == []
    assert just_enough.created == 5000
    assert not ServicePoint.objects.exists()


def test_a_bom_semicolon_file_with_vietnamese_headers_is_read(tmp_path, buon_ma_thuot, ea_kao):
    header = ";".join(["Mã đơn vị", "TÊN", unicodedata.normalize("NFD", " Địa chỉ "), "giờ làm việc", "Đường dây nóng"])
    path = write_csv(
        tmp_path,
        [
            header,
            "24133;Bộ phận Một cửa Phường Buôn Ma Thuột;Số 1, đường Lê Duẩn;Thứ Hai, Thứ Ba;0262 3852 000",
            "24169;Công an Phường Ea Kao;Buôn Ea Kao;Thứ Hai – Thứ Bảy;0262 3812 345",
        ],
        encoding="utf-8-sig",
    )
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")

    report = import_file(path)

    assert error_lines(report) == []
    assert report.created == 2
    desk = ServicePoint.objects.get(unit=buon_ma_thuot)
    assert (desk.address, desk.opening_hours) == ("Số 1, đường Lê Duẩn", "Thứ Hai, Thứ Ba")


def test_headers_without_diacritics_are_read_and_unknown_columns_are_named(tmp_path, ea_kao):
    path = write_csv(
        tmp_path,
        [
            "ma_don_vi,ten,dia_chi,gio_lam_viec,duong_day_nong,ghi chú",
            "24169,Công an Phường Ea Kao,Buôn Ea Kao,Thứ Hai – Thứ Bảy,0262 3812 345,gọi trước",
        ],
    )

    report = import_file(path)

    assert error_lines(report) == []
    assert report.ignored_columns == ["ghi chú"]
    assert ServicePoint.objects.get().unit == ea_kao


def test_a_dry_run_counts_but_writes_nothing(tmp_path, buon_ma_thuot):
    ServicePointFactory(unit=buon_ma_thuot, name="Bộ phận Một cửa Phường Buôn Ma Thuột", hotline="0262 3000 000")

    report = import_file(write_csv(tmp_path, [HEADER, BUON_MA_THUOT_DESK, EA_KAO_POLICE]), dry_run=True)

    assert (report.created, report.updated, report.unchanged) == (1, 1, 0)
    assert report.summary() == "Kiểm tra xong, chưa ghi gì: sẽ tạo mới 1, cập nhật 1, giữ nguyên 0."
    assert ServicePoint.objects.get().hotline == "0262 3000 000"


def test_the_template_imports_as_it_is(official_units):
    template = service_point_template_csv()

    assert template.startswith(b"\xef\xbb\xbf")
    assert template.decode("utf-8-sig").splitlines()[0] == (
        "mã đơn vị,tên điểm,địa chỉ,giờ làm việc,đường dây nóng,loại điểm,chỉ đường"
    )
    report = import_service_points(file=template)
    assert error_lines(report) == []
    assert report.created == 1


# --- Through the management command ---------------------------------------------------------------


def test_the_command_imports_and_reports_in_vietnamese(tmp_path, capsys, official_units):
    path = write_csv(tmp_path, [HEADER, BUON_MA_THUOT_DESK, EA_KAO_POLICE])

    call_command("import_service_points", str(path))
    call_command("import_service_points", str(path))

    output = capsys.readouterr().out
    assert "Đã nhập: tạo mới 2, cập nhật 0, giữ nguyên 0." in output
    assert "Đã nhập: tạo mới 0, cập nhật 0, giữ nguyên 2." in output
    assert ServicePoint.objects.count() == 2


def test_the_command_fails_with_every_error_and_writes_nothing(tmp_path, official_units):
    path = write_csv(tmp_path, [HEADER, BUON_MA_THUOT_DESK, "66,Bộ phận Một cửa tỉnh,Số 9 Lê Duẩn,Sáng,0262,"])

    with pytest.raises(CommandError) as raised:
        call_command("import_service_points", str(path))

    assert "Tệp có 1 lỗi; chưa ghi gì" in str(raised.value)
    assert "Dòng 3: Mã “66” là Đắk Lắk" in str(raised.value)
    assert not ServicePoint.objects.exists()


def test_the_command_dry_run_writes_nothing(tmp_path, capsys, official_units):
    path = write_csv(tmp_path, [HEADER, BUON_MA_THUOT_DESK, EA_KAO_POLICE])

    call_command("import_service_points", str(path), "--dry-run")

    assert "Kiểm tra xong, chưa ghi gì: sẽ tạo mới 2" in capsys.readouterr().out
    assert not ServicePoint.objects.exists()


def test_the_command_names_a_missing_file(tmp_path, official_units):
    with pytest.raises(CommandError, match="Không mở được tệp"):
        call_command("import_service_points", str(tmp_path / "khong-co.csv"))


# --- Through the Wagtail admin --------------------------------------------------------------------


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="quantri", is_superuser=True))
    return client


def admin_user_with(*permissions: str):
    """A staff user who may enter the admin, with some more permissions ("app_label.codename")."""
    user = UserFactory()
    for permission in ("wagtailadmin.access_admin", *permissions):
        app_label, codename = permission.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return user


def test_the_admin_url_is_the_one_announced():
    assert reverse("places_import_service_points") == IMPORT_URL


def test_the_admin_page_offers_the_form_and_the_template(admin_client, official_units):
    response = admin_client.get(IMPORT_URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert 'enctype="multipart/form-data"' in content
    assert reverse("places_service_point_import_template") in content
    assert "Nhập điểm hỗ trợ người dân từ tệp CSV" in content


def test_posting_without_a_file_asks_for_one(admin_client, official_units):
    response = admin_client.post(IMPORT_URL, {})

    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert "report" not in response.context


def test_uploading_a_good_file_in_the_admin_creates_the_points_and_shows_the_counts(
    admin_client, tmp_path, official_units
):
    path = write_csv(tmp_path, [HEADER, BUON_MA_THUOT_DESK, EA_KAO_POLICE])

    with path.open("rb") as file:
        response = admin_client.post(IMPORT_URL, {"file": file})

    assert response.status_code == 200
    assert "Đã nhập: tạo mới 2, cập nhật 0, giữ nguyên 0." in response.content.decode()
    assert ServicePoint.objects.count() == 2


def test_uploading_a_bad_file_in_the_admin_lists_errors_by_line_and_writes_nothing(
    admin_client, tmp_path, official_units
):
    path = write_csv(tmp_path, [HEADER, BUON_MA_THUOT_DESK, "24169,Công an Phường Ea Kao,Buôn Ea Kao,Sáng,0262 ABC,"])

    with path.open("rb") as file:
        response = admin_client.post(IMPORT_URL, {"file": file})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Tệp có 1 lỗi; chưa ghi gì vào cơ sở dữ liệu." in content
    assert "<td>3</td><td>Đường dây nóng “0262 ABC” chỉ được gồm" in content
    assert not ServicePoint.objects.exists()


def test_a_dry_run_in_the_admin_writes_nothing(admin_client, tmp_path, official_units):
    path = write_csv(tmp_path, [HEADER, BUON_MA_THUOT_DESK])

    with path.open("rb") as file:
        response = admin_client.post(IMPORT_URL, {"file": file, "dry_run": "on"})

    assert "Kiểm tra xong, chưa ghi gì: sẽ tạo mới 1" in response.content.decode()
    assert not ServicePoint.objects.exists()


def test_the_downloaded_template_opens_in_excel_and_imports(admin_client, tmp_path, official_units):
    response = admin_client.get(reverse("places_service_point_import_template"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"\xef\xbb\xbf")
    path = tmp_path / "mau.csv"
    path.write_bytes(response.content)
    with path.open("rb") as file:
        admin_client.post(IMPORT_URL, {"file": file})
    assert ServicePoint.objects.get().unit.code == "24133"


def test_staff_without_the_permission_cannot_see_or_use_the_import(client, tmp_path, official_units):
    client.force_login(admin_user_with("places.change_servicepoint"))
    path = write_csv(tmp_path, [HEADER, BUON_MA_THUOT_DESK])

    assert IMPORT_URL not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(IMPORT_URL).status_code in {302, 403}
    assert client.get(reverse("places_service_point_import_template")).status_code in {302, 403}
    with path.open("rb") as file:
        response = client.post(IMPORT_URL, {"file": file})
    assert response.status_code in {302, 403}
    assert response.get("Location", reverse("wagtailadmin_home")) == reverse("wagtailadmin_home")
    assert not ServicePoint.objects.exists()


def test_staff_with_the_add_permission_see_the_menu_item_and_import(client, tmp_path, official_units):
    user = admin_user_with("places.add_servicepoint")
    # The permission says what; a membership says where (the rows' ward must be the user's).
    MembershipFactory(user=user, unit=official_units.get(code="24133"), role=Role.WARD_EDITOR)
    client.force_login(user)
    path = write_csv(tmp_path, [HEADER, BUON_MA_THUOT_DESK])

    assert IMPORT_URL in client.get(reverse("wagtailadmin_home")).content.decode()
    with path.open("rb") as file:
        response = client.post(IMPORT_URL, {"file": file})
    assert "Đã nhập: tạo mới 1" in response.content.decode()
    assert ServicePoint.objects.count() == 1


def test_an_imported_row_matching_a_sample_point_makes_it_real(official_units):
    ward = AdministrativeUnit.objects.get(code="24133")
    ServicePoint.objects.create(
        unit=ward, name="Bộ phận Một cửa", address="Mẫu", opening_hours="7:30", hotline="0262", is_sample=True
    )
    csv_bytes = (
        "unit_code,name,address,hours,hotline\n24133,Bộ phận Một cửa,Số 1 Lê Duẩn,7:30–17:00,0262 3852 100\n"
    ).encode()
    report = import_service_points(file=csv_bytes)
    assert (report.created, report.updated) == (0, 1)
    assert not ServicePoint.objects.get(unit=ward, name="Bộ phận Một cửa").is_sample


def test_a_ward_editor_imports_for_their_own_ward_only(client, tmp_path, buon_ma_thuot, ea_kao):
    editor = UserFactory(username="bientap.a")
    MembershipFactory(user=editor, unit=buon_ma_thuot, role=Role.WARD_EDITOR)  # joins the role's group
    client.force_login(editor)
    path = write_csv(tmp_path, [HEADER, BUON_MA_THUOT_DESK, EA_KAO_POLICE])
    with path.open("rb") as file:
        response = client.post(IMPORT_URL, {"file": file})

    assert response.status_code == 200
    assert "Bạn không phụ trách Phường Ea Kao (mã 24169)" in response.content.decode()
    assert not ServicePoint.objects.exists()

    with write_csv(tmp_path, [HEADER, BUON_MA_THUOT_DESK], name="a.csv").open("rb") as file:
        client.post(IMPORT_URL, {"file": file})
    assert list(ServicePoint.objects.values_list("unit__code", flat=True)) == ["24133"]
