"""Users and memberships imported from a CSV: in the admin, on the command line, all or nothing."""

import re
import unicodedata
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from wagtail.admin.utils import get_user_display_name

from core.text import fold_label
from places.models import Membership, Role
from places.roles import ROLE_GROUP_NAMES
from places.user_imports import import_users, role_lookup, user_template_csv
from tests.factories.users import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
HEADER = "tên đăng nhập,họ và tên,email,mã đơn vị,vai trò"
AN = "nguyenvanan,Nguyễn Văn An,an@example.gov.vn,24133,Biên tập viên xã/phường"
HNIE = "hnie.kbuor,H'Nie Kbuôr,hnie@example.gov.vn,24169,ward_editor"
IMPORT_URL = "/admin/places/users/import/"


def csv_bytes(*lines: str) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def errors_of(report) -> list[tuple[int | None, str]]:
    return [(error.line, error.message) for error in report.errors]


@pytest.fixture
def superuser():
    return UserFactory(username="quantri", is_superuser=True)


@pytest.fixture
def culture_office(official_units):
    """A culture-office member of Đắk Lắk (province 66, which holds wards 24133 and 24169)."""
    return MembershipFactory(
        user=UserFactory(username="vanhoa.daklak"), unit=official_units.get(code="66"), role=Role.CULTURE_OFFICE
    ).user


def run(data: bytes, importer, **kwargs):
    return import_users(file=data, importer=importer, filename="can-bo.csv", **kwargs)


# --- The service -------------------------------------------------------------------------------------


def test_a_good_file_creates_users_memberships_and_sends_password_links_after_commit(
    superuser, official_units, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = run(csv_bytes(HEADER, AN, HNIE), superuser)
        # Nothing leaves before the transaction commits.
        assert mail.outbox == []

    assert errors_of(report) == []
    assert len(callbacks) == 1
    assert (report.users_created, report.memberships_created) == (2, 2)
    an = User.objects.get(username="nguyenvanan")
    assert an.email == "an@example.gov.vn"
    assert not an.has_usable_password()
    assert not an.is_staff and not an.is_superuser
    # Vietnamese order: family name first; Wagtail shows get_full_name(), so the whole name reads right.
    assert get_user_display_name(an) == "Nguyễn Văn An"
    assert an.get_short_name() == "Nguyễn Văn An"
    assert Membership.objects.get(user=an).unit.code == "24133"
    assert Membership.objects.get(user__username="hnie.kbuor").role == Role.WARD_EDITOR
    assert sorted(message.to[0] for message in mail.outbox) == ["an@example.gov.vn", "hnie@example.gov.vn"]
    message = next(message for message in mail.outbox if message.to == ["an@example.gov.vn"])
    assert message.subject == "Tài khoản Loa của bạn: hãy đặt mật khẩu"
    assert "Xin chào Nguyễn Văn An" in message.body
    assert "Biên tập viên xã/phường: Phường Buôn Ma Thuột" in message.body


def test_the_emailed_link_lets_the_new_user_set_a_password_and_log_in(
    client, superuser, official_units, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run(csv_bytes(HEADER, AN), superuser)
    link = re.search(r"http://testserver(/admin/password_reset/confirm/\S+/)", mail.outbox[0].body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"new_password1": "Mot-mat-khau-dai-2026!", "new_password2": "Mot-mat-khau-dai-2026!"},
    )
    assert response.status_code == 302

    an = User.objects.get(username="nguyenvanan")
    assert an.check_password("Mot-mat-khau-dai-2026!")
    # The link works once: the token depends on the password it replaced.
    client.post(link, {"new_password1": "x-Khac-2026!!", "new_password2": "x-Khac-2026!!"}, follow=True)
    assert User.objects.get(username="nguyenvanan").check_password("Mot-mat-khau-dai-2026!")
    # The role's group gives access to Wagtail's admin.
    client.force_login(an)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_roles_match_their_label_in_any_case_and_without_diacritics(superuser, official_units):
    rows = [
        "u1,Người Một,u1@example.gov.vn,24133,LÃNH ĐẠO DUYỆT NỘI DUNG",
        "u2,Người Hai,u2@example.gov.vn,24133,nguoi xem bao cao",
        "u3,Người Ba,u3@example.gov.vn,24133,Service_Point_Staff",
        "u4,Người Bốn,u4@example.gov.vn,66,phong van hoa – thong tin",
    ]
    report = run(csv_bytes(HEADER, *rows), superuser)

    assert errors_of(report) == []
    assert dict(Membership.objects.values_list("user__username", "role")) == {
        "u1": Role.APPROVER,
        "u2": Role.VIEWER,
        "u3": Role.SERVICE_POINT_STAFF,
        "u4": Role.CULTURE_OFFICE,
    }


def test_every_bad_row_is_reported_by_line_and_nothing_is_written(superuser, official_units):
    UserFactory(username="tranthib", email="b.cu@example.gov.vn")
    UserFactory(username="nguoikhac", email="trung@example.gov.vn")
    rows = [
        AN,  # line 2, good
        "c1,Người C,c1@example.gov.vn,99999,Biên tập viên xã/phường",  # 3 unknown unit
        "c2,Người D,c2@example.gov.vn,24133,giám đốc",  # 4 unknown role
        "c3,Người E,khong-phai-email,24133,viewer",  # 5 invalid email
        "c4,Người F,an@example.gov.vn,24133,viewer",  # 6 email duplicated in the file
        "NguyenVanAn,Người G,g@example.gov.vn,24133,viewer",  # 7 username duplicated in the file
        "tranthib,Trần Thị B,b.moi@example.gov.vn,24133,viewer",  # 8 existing username, other email
        "c5,Người H,trung@example.gov.vn,24133,viewer",  # 9 e-mail of another user
        "co dau cach,Người I,i@example.gov.vn,24133,viewer",  # 10 invalid username
        ",Người K,k@example.gov.vn,24133,viewer",  # 11 missing username
    ]
    report = run(csv_bytes(HEADER, *rows), superuser)

    lines = [line for line, _message in errors_of(report)]
    assert lines == [3, 4, 5, 6, 7, 8, 9, 10, 11]
    messages = dict(errors_of(report))
    assert messages[3] == "Không có đơn vị hành chính với mã “99999”."
    assert messages[4].startswith("Vai trò “giám đốc” không có.")
    assert messages[5] == "Địa chỉ thư điện tử “khong-phai-email” không hợp lệ."
    assert messages[6] == "Địa chỉ thư điện tử “an@example.gov.vn” trùng với dòng 2."
    assert messages[7] == "Tên đăng nhập “NguyenVanAn” trùng với dòng 2."
    assert messages[8].startswith("Đã có người dùng “tranthib” với địa chỉ thư điện tử khác")
    assert messages[9] == "Địa chỉ thư điện tử “trung@example.gov.vn” đã thuộc người dùng “nguoikhac”."
    assert messages[10].startswith("Tên đăng nhập “co dau cach” không hợp lệ")
    assert messages[11] == "Thiếu giá trị ở cột tên đăng nhập (username)."
    assert report.summary().startswith("Tệp có 9 lỗi; chưa ghi gì")
    assert not User.objects.filter(username="nguyenvanan").exists()
    assert Membership.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Tệp trống."),
        (csv_bytes(HEADER), "Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào."),
        (
            csv_bytes("username,name,mail,unit,role", AN),
            "Thiếu cột bắt buộc: họ và tên (full_name), thư điện tử (email), mã đơn vị (unit_code).",
        ),
        ("tên đăng nhập".encode("utf-16"), "Tệp không phải văn bản mã UTF-8"),
        (csv_bytes(HEADER, *[AN] * 60000), "Tệp lớn hơn 1 MB; hãy chia thành nhiều tệp nhỏ hơn."),
    ],
    ids=["empty", "header-only", "wrong-header", "not-utf8", "too-large"],
)
def test_a_wrong_file_is_refused_as_a_whole(superuser, official_units, data, message):
    report = run(data, superuser)

    assert len(report.errors) == 1
    assert report.errors[0].message.startswith(message)
    assert User.objects.count() == 1


def test_an_existing_user_gets_the_new_membership_once(superuser, official_units, django_capture_on_commit_callbacks):
    existing = UserFactory(username="nguyenvanan", email="An@Example.gov.vn", first_name="An")
    MembershipFactory(user=existing, unit=official_units.get(code="24133"), role=Role.WARD_EDITOR)
    rows = [AN, "nguyenvanan,Nguyễn Văn An,an@example.gov.vn,24169,approver"]
    # Two rows of one username are refused; the second role comes in a second file.
    assert [line for line, _m in errors_of(run(csv_bytes(HEADER, *rows), superuser))] == [3]

    with django_capture_on_commit_callbacks(execute=True):
        first = run(csv_bytes(HEADER, AN), superuser)
        second = run(csv_bytes(HEADER, rows[1]), superuser)

    assert (first.users_created, first.users_existing, first.memberships_created, first.memberships_unchanged) == (
        0,
        1,
        0,
        1,
    )
    assert (second.memberships_created, second.memberships_unchanged) == (1, 0)
    assert sorted(existing.memberships.values_list("role", flat=True)) == [Role.APPROVER, Role.WARD_EDITOR]
    existing.refresh_from_db()
    assert existing.first_name == "An"  # an existing account is not rewritten
    assert mail.outbox == []  # no password e-mail for someone who has an account


def test_a_dry_run_counts_and_writes_nothing(superuser, official_units, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = run(csv_bytes(HEADER, AN, HNIE), superuser, dry_run=True)

    assert (report.users_created, report.memberships_created) == (2, 2)
    assert "Kiểm tra xong, chưa ghi gì" in report.summary()
    assert User.objects.count() == 1
    assert mail.outbox == []


def test_a_culture_office_imports_only_under_its_own_units(culture_office, official_units):
    outside = "hanoi.user,Người Hà Nội,hn@example.gov.vn,00004,viewer"  # Phường Ba Đình, Hà Nội (province 01)
    report = run(csv_bytes(HEADER, AN, outside), culture_office)

    assert errors_of(report) == [
        (
            3,
            "Bạn không được phân công cho Phường Ba Đình (mã 00004); chỉ nhập được người dùng cho "
            "các đơn vị thuộc Phòng Văn hóa – Thông tin của bạn.",
        )
    ]
    assert run(csv_bytes(HEADER, AN), culture_office).ok
    an = User.objects.get(username="nguyenvanan")
    assert not an.is_staff and not an.is_superuser


def test_a_ward_editor_may_not_import_even_for_its_own_ward(official_units):
    editor = MembershipFactory(unit=official_units.get(code="24133"), role=Role.WARD_EDITOR).user
    report = run(csv_bytes(HEADER, AN), editor)

    assert [line for line, _m in errors_of(report)] == [2]
    assert not User.objects.filter(username="nguyenvanan").exists()


# --- The admin ------------------------------------------------------------------------------------


def test_the_admin_page_imports_and_shows_the_counts(client, culture_office, django_capture_on_commit_callbacks):
    client.force_login(culture_office)
    assert reverse("places_import_users") == IMPORT_URL
    page = client.get(IMPORT_URL)
    assert page.status_code == 200
    assert reverse("places_user_import_template") in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            IMPORT_URL, {"file": SimpleUploadedFile("can-bo.csv", csv_bytes(HEADER, AN, HNIE), "text/csv")}
        )

    body = response.content.decode()
    assert response.status_code == 200
    assert "Đã nhập: 2 người dùng mới" in body
    assert User.objects.filter(username__in=["nguyenvanan", "hnie.kbuor"]).count() == 2
    assert len(mail.outbox) == 2


def test_the_admin_page_lists_errors_by_line(client, culture_office):
    client.force_login(culture_office)
    bad = "x,Người X,x@example.gov.vn,24133,giám đốc"
    response = client.post(IMPORT_URL, {"file": SimpleUploadedFile("sai.csv", csv_bytes(HEADER, AN, bad))})

    body = response.content.decode()
    assert "Tệp có 1 lỗi" in body
    assert "<td>3</td><td>Vai trò “giám đốc” không có." in body
    assert not User.objects.filter(username="nguyenvanan").exists()


def test_the_menu_and_the_page_are_for_culture_offices_and_superusers_only(client, official_units, superuser):
    editor = MembershipFactory(unit=official_units.get(code="24133"), role=Role.WARD_EDITOR).user
    client.force_login(editor)
    assert IMPORT_URL not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(IMPORT_URL).status_code == 302  # Wagtail turns PermissionDenied into a redirect
    assert client.get(reverse("places_user_import_template")).status_code == 302

    client.force_login(superuser)
    assert IMPORT_URL in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_downloaded_template_imports(client, superuser, official_units):
    client.force_login(superuser)
    response = client.get(reverse("places_user_import_template"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content == user_template_csv()
    assert response.content.startswith("\ufefftên đăng nhập,".encode())

    report = run(response.content, superuser)
    assert errors_of(report) == []
    assert User.objects.get(username="nguyenvanan").groups.filter(name=ROLE_GROUP_NAMES[Role.WARD_EDITOR]).exists()


# --- The command line -----------------------------------------------------------------------------


def write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "nguoi-dung.csv"
    path.write_bytes(csv_bytes(*lines))
    return path


def test_the_command_imports_a_good_file(tmp_path, official_units, django_capture_on_commit_callbacks):
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_users", str(write(tmp_path, HEADER, AN)), stdout=out)

    assert "Đã nhập: 1 người dùng mới" in out.getvalue()
    assert Membership.objects.filter(user__username="nguyenvanan", unit__code="24133").exists()
    assert len(mail.outbox) == 1


def test_the_command_fails_with_every_error_and_writes_nothing(tmp_path, official_units):
    path = write(tmp_path, HEADER, AN, "x,Người X,x@example.gov.vn,99999,viewer")
    with pytest.raises(CommandError) as error:
        call_command("import_users", str(path))

    assert "Dòng 3: Không có đơn vị hành chính với mã “99999”." in str(error.value)
    assert not User.objects.filter(username="nguyenvanan").exists()


def test_the_command_on_behalf_of_a_culture_office_keeps_to_its_units(tmp_path, culture_office):
    path = write(tmp_path, HEADER, "hanoi.user,Người Hà Nội,hn@example.gov.vn,00004,viewer")
    with pytest.raises(CommandError, match="Bạn không được phân công cho Phường Ba Đình"):
        call_command("import_users", str(path), "--as", "vanhoa.daklak")
    assert not Group.objects.get(name=ROLE_GROUP_NAMES[Role.VIEWER]).user_set.exists()


@given(
    role=st.sampled_from(list(Role)),
    upper=st.lists(st.booleans(), min_size=60, max_size=60),
    form=st.sampled_from(["NFC", "NFD"]),
    strip_marks=st.booleans(),
)
def test_a_role_label_matches_in_any_case_normal_form_and_with_or_without_diacritics(role, upper, form, strip_marks):
    label = str(role.label)
    if strip_marks:
        label = "".join(c for c in unicodedata.normalize("NFD", label) if not unicodedata.combining(c))
        label = label.replace("đ", "d").replace("Đ", "D")
    label = "".join(char.upper() if flip else char for char, flip in zip(label, upper, strict=False)) + label[60:]
    assert role_lookup()[fold_label(unicodedata.normalize(form, label))] == role


def test_roles_that_only_look_alike_do_not_match():
    lookup = role_lookup()
    assert fold_label("Biên tập viên") not in lookup  # not "Biên tập viên xã/phường"
    assert fold_label("Lãnh đạo") not in lookup
