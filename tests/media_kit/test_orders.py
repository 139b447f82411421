"""The order basket (issue 21): caps, approval, forward-only statuses, ward scoping, re-order, order sheets and
the print shop's signed link, through the admin's forms and buttons and the public link."""

import csv
import io
import time

import pytest
from django.core import signing
from django.urls import reverse
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

from media_kit.models import OrderStatus, PrintFormat, PrintOrder, PrintOrderLine
from media_kit.orders import LINK_SALT, BasketItem, OrderError, print_shop_token, printed_quantity, submit_order
from places.models import AdministrativeUnit, Role
from tests.factories.campaigns import CampaignPageFactory
from tests.factories.places import ServicePointFactory
from tests.factories.users import MembershipFactory, UserFactory
from tracking.models import Placement

pytestmark = pytest.mark.django_db

WARD_A, WARD_B, PROVINCE = "24133", "24169", "66"


def person(username: str, code: str, *roles: Role):
    user = UserFactory(username=username)
    for role in roles:
        MembershipFactory(user=user, unit=AdministrativeUnit.objects.get(code=code), role=role)
    return user


@pytest.fixture
def world(official_units, client):
    ward_a = AdministrativeUnit.objects.get(code=WARD_A)
    ServicePointFactory(unit=ward_a, name="Bộ phận Một cửa phường Buôn Ma Thuột", address="Số 1 đường Lê Duẩn")
    return {
        "ward_a": ward_a,
        "ward_b": AdministrativeUnit.objects.get(code=WARD_B),
        "campaign": CampaignPageFactory(title="Kích hoạt định danh điện tử"),
        "a3": PrintFormat.objects.get(slug="ap-phich-a3"),
        "pano": PrintFormat.objects.get(slug="pa-no-240x120"),
        "editor_a": person("bientap.a", WARD_A, Role.WARD_EDITOR),
        "editor_b": person("bientap.b", WARD_B, Role.WARD_EDITOR),
        "approver_a": person("duyet.a", WARD_A, Role.APPROVER),
        "culture": person("vanhoa.daklak", PROVINCE, Role.CULTURE_OFFICE),
    }


def order_of(world, editor="editor_a", ward="ward_a", lines=(("a3", 30), ("pano", 2))) -> PrintOrder:
    return submit_order(
        user=world[editor],
        campaign=world["campaign"],
        items=[BasketItem(world[slug], world[ward], quantity) for slug, quantity in lines],
        note="Giao trước ngày 15",
    )


def post_basket(client, world, lines, address=""):
    data = {
        "campaign": world["campaign"].pk,
        "delivery_address": address,
        "note": "",
        "gio-TOTAL_FORMS": "8",
        "gio-INITIAL_FORMS": "0",
        "gio-MIN_NUM_FORMS": "0",
        "gio-MAX_NUM_FORMS": "200",
    }
    for number, (print_format, ward, quantity) in enumerate(lines):
        data |= {
            f"gio-{number}-print_format": print_format.pk,
            f"gio-{number}-ward": ward.pk,
            f"gio-{number}-quantity": quantity,
        }
    return client.post(reverse("media_kit_printorder:new"), data)


def refused(response) -> bool:
    """Wagtail's admin answers a PermissionDenied with a redirect to the dashboard (and a message)."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == "/admin/")


def move(client, order, name):
    return client.post(reverse(f"media_kit_printorder:{name}", args=[order.pk]))


def test_the_form_enforces_each_formats_cap(client, world):
    client.force_login(world["editor_a"])
    assert client.get(reverse("media_kit_printorder:new")).status_code == 200

    too_many = post_basket(client, world, [(world["a3"], world["ward_a"], 51), (world["pano"], world["ward_a"], 1)])
    assert too_many.status_code == 200
    assert "từ 1 đến 50 bản" in too_many.content.decode()
    assert not PrintOrder.objects.exists()

    # The same item twice is one item: 30 + 30 is over the cap too.
    twice = post_basket(client, world, [(world["a3"], world["ward_a"], 30), (world["a3"], world["ward_a"], 30)])
    assert twice.status_code == 200 and not PrintOrder.objects.exists()

    accepted = post_basket(client, world, [(world["a3"], world["ward_a"], 50), (world["pano"], world["ward_a"], 2)])
    order = PrintOrder.objects.get()
    assert accepted.url == reverse("media_kit_printorder:detail", args=[order.pk])
    assert order.status == OrderStatus.SUBMITTED and order.unit == world["ward_a"]
    assert order.delivery_address == "Bộ phận Một cửa phường Buôn Ma Thuột, Số 1 đường Lê Duẩn"
    assert sorted(order.lines.values_list("print_format__slug", "quantity")) == [
        ("ap-phich-a3", 50),
        ("pa-no-240x120", 2),
    ]


def test_screens_and_scripts_cannot_be_ordered(world):
    slide = PrintFormat.objects.get(slug="slide-1920x1080")
    with pytest.raises(OrderError, match="không đặt in được"):
        submit_order(user=world["editor_a"], campaign=world["campaign"], items=[BasketItem(slide, world["ward_a"], 1)])


def test_a_ward_editor_orders_only_for_their_wards(client, world):
    client.force_login(world["editor_a"])
    response = post_basket(client, world, [(world["a3"], world["ward_b"], 10)])
    assert response.status_code == 200
    assert not PrintOrder.objects.exists()
    with pytest.raises(OrderError, match="không phụ trách"):
        order_of(world, ward="ward_b")
    assert not PrintOrder.objects.exists()
    # The culture office of the province orders for both wards; the order is the province's.
    order = submit_order(
        user=world["culture"],
        campaign=world["campaign"],
        items=[BasketItem(world["a3"], world["ward_a"], 5), BasketItem(world["a3"], world["ward_b"], 5)],
    )
    assert order.unit.code == PROVINCE


def test_only_those_who_order_open_the_basket_and_only_order_roles_the_list(client, world):
    # The approver approves but does not order; service-point staff and viewers have no business with print orders.
    client.force_login(world["approver_a"])
    assert client.get(reverse("media_kit_printorder:index")).status_code == 200
    assert refused(client.get(reverse("media_kit_printorder:new")))
    assert refused(post_basket(client, world, [(world["a3"], world["ward_a"], 5)]))
    for username, role in (("canbo.a", Role.SERVICE_POINT_STAFF), ("xem.a", Role.VIEWER)):
        client.force_login(person(username, WARD_A, role))
        assert refused(client.get(reverse("media_kit_printorder:index"))), role
        assert refused(client.get(reverse("media_kit_printorder:new"))), role
    assert not PrintOrder.objects.exists()


def test_another_wards_order_is_neither_shown_nor_touched(client, world):
    order_b = order_of(world, editor="editor_b", ward="ward_b")
    client.force_login(world["editor_a"])
    before = list(PrintOrder.objects.values_list("pk", "status")), list(PrintOrderLine.objects.values_list())

    listing = client.get(reverse("media_kit_printorder:index"))
    assert listing.status_code == 200 and f'data-order="{order_b.pk}"' not in listing.content.decode()
    for name in ("detail", "sheet_pdf", "sheet_xlsx"):
        assert refused(client.get(reverse(f"media_kit_printorder:{name}", args=[order_b.pk]))), name
    for name in ("approve", "printing", "delivered", "cancel", "reorder", "installed"):
        assert refused(move(client, order_b, name)), name

    assert (list(PrintOrder.objects.values_list("pk", "status")), list(PrintOrderLine.objects.values_list())) == before
    # The province's culture office sees it, and a ward's history shows that ward's orders only.
    order_a = order_of(world)
    client.force_login(world["culture"])
    assert f'data-order="{order_b.pk}"' in client.get(reverse("media_kit_printorder:index")).content.decode()
    ward_b_history = client.get(reverse("media_kit_printorder:index"), {"xa": WARD_B, "trang_thai": "x"})
    assert f'data-order="{order_b.pk}"' in ward_b_history.content.decode()
    assert f'data-order="{order_a.pk}"' not in ward_b_history.content.decode()


def test_approval_is_required_and_never_by_the_one_who_submitted(client, world):
    both = person("bientap.duyet.a", WARD_A, Role.WARD_EDITOR, Role.APPROVER)
    order = submit_order(user=both, campaign=world["campaign"], items=[BasketItem(world["a3"], world["ward_a"], 20)])

    # Not approved: no printing, no delivery, no link for the print shop, nothing counted as printed.
    client.force_login(world["editor_a"])
    move(client, order, "printing")
    move(client, order, "delivered")
    assert client.get(reverse("print_shop_order", args=[print_shop_token(order)])).status_code == 404
    client.force_login(both)
    move(client, order, "approve")  # the submitter, although an approver
    client.force_login(world["culture"])
    move(client, order, "approve")  # the culture office is not the unit's approver
    order.refresh_from_db()
    assert order.status == OrderStatus.SUBMITTED
    assert not Placement.objects.filter(campaign=world["campaign"]).exists()

    client.force_login(world["approver_a"])
    page = client.get(reverse("media_kit_printorder:detail", args=[order.pk])).content.decode()
    assert reverse("media_kit_printorder:approve", args=[order.pk]) in page
    move(client, order, "approve")
    order.refresh_from_db()
    assert order.status == OrderStatus.APPROVED and order.approved_by == world["approver_a"]
    line = order.lines.get()
    # The basket's placement counts as printed, with the ordered quantity.
    assert line.placement.printed_at is not None and line.placement.quantity == 20
    assert [list(pack.formats.all()) for pack in order.packs.all()] == [[world["a3"]]]
    assert printed_quantity(line.placement) == 20


def test_statuses_only_move_forward(client, world):
    order = order_of(world)
    client.force_login(world["approver_a"])
    move(client, order, "approve")
    client.force_login(world["editor_a"])
    for name, expected in (
        ("cancel", OrderStatus.APPROVED),
        ("approve", OrderStatus.APPROVED),
        ("delivered", OrderStatus.APPROVED),
        ("printing", OrderStatus.PRINTING),
        ("printing", OrderStatus.PRINTING),
        ("delivered", OrderStatus.DELIVERED),
        ("printing", OrderStatus.DELIVERED),
        ("approve", OrderStatus.DELIVERED),
        ("cancel", OrderStatus.DELIVERED),
    ):
        move(client, order, name)
        order.refresh_from_db()
        assert order.status == expected, name
    history = client.get(reverse("media_kit_printorder:detail", args=[order.pk])).content.decode()
    for message in ("Đã gửi đơn đặt in", "Đã duyệt đơn đặt in", "Đã chuyển đơn đặt in sang đang in", "Đã giao"):
        assert message in history

    cancelled = order_of(world)
    move(client, cancelled, "cancel")  # withdrawn by the one who sent it
    client.force_login(world["approver_a"])
    move(client, cancelled, "approve")
    cancelled.refresh_from_db()
    assert cancelled.status == OrderStatus.CANCELLED


def test_the_ward_marks_each_placement_hung_with_a_date_and_a_photo_without_exif(client, world):
    order = order_of(world, lines=(("a3", 10),))
    client.force_login(world["approver_a"])
    move(client, order, "approve")
    client.force_login(world["editor_a"])
    line = order.lines.get()
    url = reverse("media_kit_printorder:installed", args=[order.pk])
    client.post(url, {"line": line.pk, "installed_on": "2026-03-02"})  # not delivered yet: refused
    line.placement.refresh_from_db()
    assert line.placement.installed_on is None

    move(client, order, "printing")
    move(client, order, "delivered")
    photo = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    Image.new("RGB", (40, 30), "red").save(photo, format="JPEG", exif=exif)
    photo.name = "treo.jpg"
    photo.seek(0)
    assert client.post(url, {"line": "x'1", "installed_on": "2026-03-02"}).status_code == 302  # no 500
    client.post(url, {"line": line.pk, "installed_on": "2026-03-02", "photo": photo})
    placement = Placement.objects.get(pk=line.placement.pk)
    assert placement.installed_on.isoformat() == "2026-03-02" and placement.installed_by == world["editor_a"]
    with Image.open(placement.proof_photo.file) as kept:
        assert not kept.getexif()


def test_reorder_repeats_the_lines_and_quantities(client, world):
    order = order_of(world, lines=(("a3", 37), ("pano", 1)))
    client.force_login(world["approver_a"])
    move(client, order, "approve")
    client.force_login(world["editor_a"])
    response = move(client, order, "reorder")
    again = PrintOrder.objects.exclude(pk=order.pk).get()
    assert response.url == reverse("media_kit_printorder:detail", args=[again.pk])
    assert again.status == OrderStatus.SUBMITTED and again.reordered_from == order
    assert again.delivery_address == order.delivery_address

    def basket(of):
        return sorted(of.lines.values_list("print_format__slug", "ward__code", "quantity"))

    assert basket(again) == basket(order) == [("ap-phich-a3", WARD_A, 37), ("pa-no-240x120", WARD_A, 1)]
    # Another ward's editor cannot re-order ward A's basket.
    client.force_login(world["editor_b"])
    assert refused(move(client, order, "reorder"))
    assert PrintOrder.objects.count() == 2


def test_the_order_sheets_list_exactly_the_basket(client, world):
    order = submit_order(
        user=world["culture"],
        campaign=world["campaign"],
        items=[
            BasketItem(world["a3"], world["ward_a"], 45),
            BasketItem(world["pano"], world["ward_a"], 2),
            BasketItem(world["a3"], world["ward_b"], 12),
        ],
        delivery_address='=HYPERLINK("http://x") Kho Phòng Văn hóa',
    )
    client.force_login(UserFactory(username="duyet.tinh", is_superuser=True))
    move(client, order, "approve")
    token = print_shop_token(order)
    client.logout()  # the print shop has no account

    page = client.get(reverse("print_shop_order", args=[token]))
    assert page.status_code == 200 and page["Cache-Control"].startswith("no-store")
    workbook = load_workbook(io.BytesIO(client.get(reverse("print_shop_sheet_xlsx", args=[token])).content))
    rows = [list(row) for row in workbook.active.iter_rows(values_only=True)]
    header = rows.index(
        ["STT", "Mã xã/phường", "Xã/phường", "Mã ấn phẩm", "Ấn phẩm", "Kích thước", "Mã điểm đặt", "Số lượng"]
    )
    listed = sorted((row[1], row[3], row[7]) for row in rows[header + 1 :] if row[0] is not None)
    assert listed == [(WARD_A, "ap-phich-a3", 45), (WARD_A, "pa-no-240x120", 2), (WARD_B, "ap-phich-a3", 12)]
    assert ["Địa chỉ giao", '\'=HYPERLINK("http://x") Kho Phòng Văn hóa'] in [row[:2] for row in rows]  # no formula

    pdf = client.get(reverse("print_shop_sheet_pdf", args=[token]))
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert f"Đơn đặt in số {order.pk}" in text
    for line in order.lines.select_related("ward", "print_format", "placement"):
        assert line.placement.short_code in text
    assert text.count("Áp-phích A3") == 2 and text.count("Pa-nô 240×120 cm") == 1
    assert "Tổng số bản 59" in text
    assert "Pa-nô 300×150" not in text and "Nhãn dán" not in text
    # The packs render the basket and nothing else: A3 for both wards, the pa-nô for ward A only.
    packs = sorted((pack.unit_codes, sorted(fmt.slug for fmt in pack.formats.all())) for pack in order.packs.all())
    assert packs == [(WARD_A, ["pa-no-240x120"]), (f"{WARD_A},{WARD_B}", ["ap-phich-a3"])]


def test_an_expired_or_tampered_link_is_refused_with_a_page(client, world):
    order = order_of(world)
    client.force_login(world["approver_a"])
    move(client, order, "approve")
    client.logout()
    token = print_shop_token(order)
    assert client.get(reverse("print_shop_order", args=[token])).status_code == 200

    class SignedFifteenDaysAgo(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - 15 * 24 * 3600)

    old = SignedFifteenDaysAgo(salt=LINK_SALT).sign(str(order.pk))
    expired = client.get(reverse("print_shop_order", args=[old]))
    assert expired.status_code == 410 and "hết hạn" in expired.content.decode()
    assert client.get(reverse("print_shop_sheet_xlsx", args=[old])).status_code == 410

    value, stamp, signature = token.split(":")
    for forged in (f"{int(value) + 1}:{stamp}:{signature}", token[:-2], "abc", f"{token}x", "1:2:3:4"):
        refused = client.get(reverse("print_shop_order", args=[forged]))
        assert refused.status_code == 403 and "không hợp lệ" in refused.content.decode(), forged
        assert client.get(reverse("print_shop_sheet_pdf", args=[forged])).status_code == 403


def test_on_approval_the_print_shop_gets_the_pack_through_the_link(
    client, print_template, ward, django_capture_on_commit_callbacks
):
    import zipfile

    editor = person("bientap.a", WARD_A, Role.WARD_EDITOR)
    approver = person("duyet.a", WARD_A, Role.APPROVER)
    a3 = PrintFormat.objects.get(slug="ap-phich-a3")
    order = submit_order(user=editor, campaign=print_template.campaign, items=[BasketItem(a3, ward, 40)])
    client.force_login(approver)
    with django_capture_on_commit_callbacks(execute=True):
        move(client, order, "approve")
    pack = order.packs.get()
    assert pack.status == "done", pack.error
    client.logout()
    token = print_shop_token(order)
    assert "data-pack" in client.get(reverse("print_shop_order", args=[token])).content.decode()
    download = client.get(reverse("print_shop_pack", args=[token, pack.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = archive.namelist()
    assert [name for name in names if name.endswith(".pdf") and name.startswith(WARD_A)] == [
        f"{WARD_A}-phuong-buon-ma-thuot/ap-phich-a3.pdf"
    ]
    manifest = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))
    assert [row["quantity"] for row in manifest] == ["40"]  # the ordered quantity, counted as printed
