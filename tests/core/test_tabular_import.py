"""The one import pipeline (core/tabular.py) refuses a bad file with a clear message on every import of the admin,
a service-point import writes in a bounded number of queries, and a fake image is a form error, not a 500."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook
from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex

from insights.models import AdoptionFigure
from places.imports import import_service_points
from places.models import Membership, ServicePoint
from tests.factories.places import ProvinceFactory, WardFactory

pytestmark = pytest.mark.django_db

BOMB_MESSAGE = "Bảng tính quá lớn khi giải nén; hãy chia thành nhiều tệp nhỏ hơn hoặc lưu thành CSV."
HEADERS = {
    "service_points": "mã đơn vị,tên,địa chỉ,giờ làm việc,đường dây nóng",
    "users": "tên đăng nhập,họ và tên,email,mã đơn vị,vai trò",
    "figures": "xã/phường,tháng,chỉ tiêu,giá trị",
}
# Batches of 500 rows (smaller on SQLite, whose statements take fewer parameters): ~90 queries for 5,000 rows,
# not one or more per row as before.
QUERY_BUDGET = 120
URLS = {
    "service_points": "places_import_service_points",
    "users": "places_import_users",
    "figures": "insights_figures_import",
}


@pytest.fixture(scope="module")
def bomb_xlsx() -> bytes:
    """477 KB-ish that unpacks to ~210 MB: one sheet of repeated rows, as the probe's file."""
    out = io.BytesIO()
    row = b'<row><c t="inlineStr"><is><t>' + b"x" * 1000 + b"</t></is></c></row>"
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = row * 1024
            for _ in range(200):
                member.write(block)
    return out.getvalue()


def many_cells_xlsx(header: str) -> bytes:
    """A real workbook, small when unpacked (~2 MB), with more cells than a service-point file may hold."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Trang 1")
    sheet.append(header.split(","))
    for _ in range(700):
        sheet.append(["1"] * 100)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def post(admin_client, kind: str, name: str, content: bytes):
    data = {"file": SimpleUploadedFile(name, content)}
    if kind == "figures":
        data["province"] = ProvinceFactory().pk
    return admin_client.post(reverse(URLS[kind]), data)


def refused(response) -> str:
    assert response.status_code == 200
    report = response.context["report"]
    assert not report.ok
    assert len(report.errors) == 1
    return report.errors[0].message


def nothing_written() -> bool:
    return not (ServicePoint.objects.exists() or Membership.objects.exists() or AdoptionFigure.objects.exists())


@pytest.mark.parametrize("kind", list(HEADERS))
def test_a_nul_byte_is_refused_with_its_line(admin_client, kind):
    content = f"{HEADERS[kind]}\r\n24133,a\x00b,c,d,e\r\n".encode()
    message = refused(post(admin_client, kind, "nul.csv", content))
    assert message.startswith("Tệp có ký tự rỗng (NUL) ở dòng 2: đây không phải tệp văn bản CSV")
    assert nothing_written()


@pytest.mark.parametrize("kind", list(HEADERS))
@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("cp1258", "Tệp không phải văn bản mã UTF-8 (lỗi từ dòng 1). Trong Excel, hãy lưu lại bằng “CSV UTF-8"),
        ("utf-16", "Tệp không phải văn bản mã UTF-8: tệp được lưu bằng mã UTF-16"),
    ],
)
def test_a_wrong_encoding_is_refused_with_what_to_do(admin_client, kind, encoding, expected):
    content = f"{HEADERS[kind]}\r\nPhường Ea Kao,2026-03,dân số,12\r\n".encode(encoding, errors="replace")
    assert refused(post(admin_client, kind, "sai-ma.csv", content)).startswith(expected)
    assert nothing_written()


@pytest.mark.parametrize("kind", list(HEADERS))
def test_a_50_mb_file_is_refused_unread(admin_client, kind):
    content = (HEADERS[kind] + "\r\n").encode() + b"24133,a,b,c,d\r\n" * (50 * 2**20 // 15)
    message = refused(post(admin_client, kind, "lon.csv", content))
    assert message.startswith("Tệp lớn hơn ") and message.endswith(" MB; hãy chia thành nhiều tệp nhỏ hơn.")
    assert nothing_written()


@pytest.mark.parametrize("kind", list(HEADERS))
def test_an_xlsx_that_unpacks_past_the_budget_is_refused(admin_client, kind, bomb_xlsx):
    assert len(bomb_xlsx) < 1024 * 1024
    assert refused(post(admin_client, kind, "bom.xlsx", bomb_xlsx)) == BOMB_MESSAGE
    assert nothing_written()


def test_an_xlsx_with_more_cells_than_the_budget_is_refused_before_openpyxl_reads_it(admin_client):
    content = many_cells_xlsx(HEADERS["service_points"])
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert sum(member.file_size for member in archive.infolist()) < 8 * 1024 * 1024
    assert refused(post(admin_client, "service_points", "nhieu-o.xlsx", content)) == BOMB_MESSAGE
    assert nothing_written()


def test_an_xlsx_of_service_points_imports_like_its_csv(admin_client):
    ward = WardFactory()
    workbook = Workbook()
    workbook.active.append(HEADERS["service_points"].split(","))
    workbook.active.append([ward.code, "Bộ phận Một cửa", "Số 1 Lê Duẩn", "Thứ Hai – Thứ Sáu", "0262 3852 000"])
    out = io.BytesIO()
    workbook.save(out)
    response = post(admin_client, "service_points", "diem.xlsx", out.getvalue())
    assert response.context["report"].ok
    assert ServicePoint.objects.get(unit=ward).hotline == "0262 3852 000"


def test_5000_service_points_import_in_a_bounded_number_of_queries(django_assert_max_num_queries):
    ward = WardFactory()
    lines = [HEADERS["service_points"]] + [
        f"{ward.code},Điểm hỗ trợ số {number},Tổ dân phố {number},Thứ Hai – Thứ Sáu,0262 3852 000"
        for number in range(5000)
    ]
    content = "\r\n".join(lines).encode()
    with django_assert_max_num_queries(QUERY_BUDGET):
        report = import_service_points(file=content)
    assert report.ok and report.created == 5000
    # The unit's "usage" lists every new point, as a save per point would have recorded it.
    assert ReferenceIndex.get_references_to(ward).count() == 5000
    changed = "\r\n".join([lines[0], *(line.replace("0262 3852 000", "0262 3852 111") for line in lines[1:])])
    with django_assert_max_num_queries(QUERY_BUDGET):
        report = import_service_points(file=changed.encode())
    assert (report.created, report.updated) == (0, 5000)
    assert set(ServicePoint.objects.values_list("hotline", flat=True)) == {"0262 3852 111"}


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("wagtailimages:add", lambda file: {"title": "anh.gif", "file": file, "collection": "1"}),
        ("wagtailimages:add_multiple", lambda file: {"files[]": file, "collection": "1"}),
        (
            "wagtailimages_chooser:create",
            lambda file: {
                "image-chooser-upload-title": "anh",
                "image-chooser-upload-file": file,
                "image-chooser-upload-collection": "1",
            },
        ),
    ],
)
def test_a_file_that_starts_like_a_gif_and_is_not_one_is_refused_as_not_an_image(admin_client, url_name, data):
    fake = SimpleUploadedFile("anh.gif", b"GIF89a" + b"not an image" * 20, content_type="image/gif")
    response = admin_client.post(reverse(url_name), data(fake), HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200
    assert not get_image_model().objects.exists()
