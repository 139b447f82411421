"""The order basket (đơn đặt in): services and selectors.

An official puts printed materials × wards × quantities in a basket (each item capped by its format's
`order_cap`), with a delivery address, and submits it; the ordering unit's approver approves it; the
print shop then gets the packs and an order sheet (PDF and XLSX) through a signed, expiring link that
needs no account. Statuses only move forward: gửi → đã duyệt → đang in → đã giao (or gửi → hủy).
On approval the placements of the basket count as printed, with the ordered quantities; the ward then
marks delivery, and "đã treo" per placement with a date (tracking.installation).
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from core.exports import SheetBlock, xlsx_bytes
from core.fonts import FONT_FACES
from core.numbers import vn_number
from media_kit.models import OrderStatus, Pack, PrintFormat, PrintOrder, PrintOrderLine
from media_kit.permissions import ORDER_APPROVERS, ORDER_READERS, ORDER_WRITERS, print_order_permission_policy
from places.models import AdministrativeUnit, ServicePoint, ServicePointKind, UnitLevel, UnitLogEntry
from places.selectors import nearest_common_unit, user_may_act_on
from tracking.installation import record_installation
from tracking.models import Placement
from tracking.services import create_placement

ORDER_SUBMITTED = "media_kit.order_submitted"
ORDER_APPROVED = "media_kit.order_approved"
ORDER_PRINTING = "media_kit.order_printing"
ORDER_DELIVERED = "media_kit.order_delivered"
ORDER_CANCELLED = "media_kit.order_cancelled"
ORDER_INSTALLED = "media_kit.order_installed"

# The only moves an order can make: forward, or cancelled while it waits for approval.
NEXT_STATUSES = {
    OrderStatus.SUBMITTED: {OrderStatus.APPROVED, OrderStatus.CANCELLED},
    OrderStatus.APPROVED: {OrderStatus.PRINTING},
    OrderStatus.PRINTING: {OrderStatus.DELIVERED},
    OrderStatus.DELIVERED: set(),
    OrderStatus.CANCELLED: set(),
}
LOG_ACTION_OF_STATUS = {
    OrderStatus.APPROVED: ORDER_APPROVED,
    OrderStatus.PRINTING: ORDER_PRINTING,
    OrderStatus.DELIVERED: ORDER_DELIVERED,
    OrderStatus.CANCELLED: ORDER_CANCELLED,
}
LINK_SALT = "media_kit.print-order-link"


class OrderError(ValueError):
    """An order that cannot be made or a move it cannot make; the message is for the official."""


@dataclass(frozen=True)
class BasketItem:
    print_format: PrintFormat
    ward: AdministrativeUnit
    quantity: int


# Selectors -----------------------------------------------------------------------------------------


def orderable_formats():
    """Printed formats with a cap above 0: what can go in a basket (screens and scripts are not printed)."""
    return [fmt for fmt in PrintFormat.objects.filter(order_cap__gt=0) if fmt.is_printed]


def wards_user_may_order_for(user):
    """The wards this user may put in a basket (a ward editor: their wards; the culture office: its province's)."""
    units = print_order_permission_policy.units_user_may_use(user, "add")
    return units.filter(level=UnitLevel.WARD).order_by("path")


def orders_for_user(user):
    """The orders this user may see, newest first."""
    return (
        print_order_permission_policy.instances_user_has_permission_for(user, "view")
        .select_related("campaign", "unit", "submitted_by")
        .order_by("-created_at", "-pk")
    )


def default_delivery_address(ward: AdministrativeUnit) -> str:
    """The ward's one-stop desk (else its first service point), else the ward's own name."""
    points = ServicePoint.objects.filter(unit=ward)
    point = points.filter(kind=ServicePointKind.ONE_STOP_DESK).first() or points.first()
    if point is None:
        return f"UBND {ward.name}"
    return f"{point.name}, {point.address}"


def printed_quantity(placement: Placement) -> int:
    """Copies of a placement printed through approved orders (approved, printing or delivered)."""
    lines = PrintOrderLine.objects.filter(
        placement=placement,
        order__status__in=[OrderStatus.APPROVED, OrderStatus.PRINTING, OrderStatus.DELIVERED],
    )
    return sum(lines.values_list("quantity", flat=True))


def order_history(order: PrintOrder):
    """The order's entries in Wagtail's log, oldest first."""
    content_type = ContentType.objects.get_for_model(PrintOrder)
    return UnitLogEntry.objects.filter(content_type=content_type, object_id=str(order.pk)).order_by("timestamp", "pk")


def may_approve(user, order: PrintOrder) -> bool:
    """The ordering unit's approver (never the person who submitted it, unless a superuser)."""
    if not print_order_permission_policy.user_has_permission(user, "change"):
        return False
    if user.is_superuser:
        return True
    return order.submitted_by_id != user.pk and user_may_act_on(user=user, unit=order.unit, roles=ORDER_APPROVERS)


def may_move(user, order: PrintOrder, status: str) -> bool:
    """Whether this user may move this order to `status` now (the buttons shown, and the check behind them)."""
    if status not in NEXT_STATUSES[OrderStatus(order.status)]:
        return False
    if not print_order_permission_policy.user_has_permission_for_instance(user, "change", order):
        return False
    if status == OrderStatus.APPROVED:
        return may_approve(user, order)
    if status == OrderStatus.CANCELLED:  # withdrawn by whoever sent it, or refused by the approver
        return user.is_superuser or order.submitted_by_id == user.pk or may_approve(user, order)
    if status == OrderStatus.PRINTING:  # the print shop said it has started: whoever follows the order
        return user_may_act_on(user=user, unit=order.unit, roles=ORDER_READERS)
    return user_may_act_on(user=user, unit=order.unit, roles=ORDER_WRITERS)  # delivery: the ward's people


def may_reorder(user, order: PrintOrder) -> bool:
    return print_order_permission_policy.user_has_permission(user, "add") and all(
        user_may_act_on(user=user, unit=line.ward, roles=ORDER_WRITERS) for line in order.lines.all()
    )


def may_mark_installed(user, line: PrintOrderLine) -> bool:
    return (
        line.order.status == OrderStatus.DELIVERED
        and line.placement_id is not None
        and print_order_permission_policy.user_has_permission(user, "change")
        and user_may_act_on(user=user, unit=line.ward, roles=ORDER_WRITERS)
    )


# Services ------------------------------------------------------------------------------------------


def _merged(items: list[BasketItem]) -> list[BasketItem]:
    """The same format for the same ward twice is one item with the quantities added."""
    merged: dict[tuple[int, int], BasketItem] = {}
    for item in items:
        key = (item.print_format.pk, item.ward.pk)
        if key in merged:
            item = BasketItem(item.print_format, item.ward, merged[key].quantity + item.quantity)
        merged[key] = item
    return list(merged.values())


def basket_problems(*, user, items: list[BasketItem]) -> list[str]:
    """What stops this basket (empty: it may be submitted): wards not covered, formats not printed, caps."""
    problems = []
    if not items:
        problems.append(_("Giỏ đặt in chưa có ấn phẩm nào."))
    orderable = {fmt.pk for fmt in orderable_formats()}
    for item in _merged(items):
        if item.ward.level != UnitLevel.WARD or not (
            user.is_superuser or user_may_act_on(user=user, unit=item.ward, roles=ORDER_WRITERS)
        ):
            problems.append(_("Bạn không phụ trách %(ward)s.") % {"ward": item.ward.name})
        if item.print_format.pk not in orderable:
            problems.append(_("“%(format)s” không đặt in được.") % {"format": item.print_format.name})
        elif not 1 <= item.quantity <= item.print_format.order_cap:
            problems.append(
                _("%(format)s cho %(ward)s: số lượng phải từ 1 đến %(cap)s bản (đã nhập %(quantity)s).")
                % {
                    "format": item.print_format.name,
                    "ward": item.ward.name,
                    "cap": vn_number(item.print_format.order_cap),
                    "quantity": vn_number(item.quantity),
                }
            )
    return problems


@transaction.atomic
def submit_order(
    *, user, campaign, items: list[BasketItem], delivery_address: str = "", note: str = "", reordered_from=None
) -> PrintOrder:
    """Create a submitted order for the basket. Raises OrderError with every problem found."""
    if not print_order_permission_policy.user_has_permission(user, "add"):
        raise OrderError(_("Bạn không có quyền đặt in."))
    items = _merged(items)
    if problems := basket_problems(user=user, items=items):
        raise OrderError(" ".join(problems))
    wards = AdministrativeUnit.objects.filter(pk__in=[item.ward.pk for item in items])
    unit = nearest_common_unit(units=wards)
    if unit is None:
        raise OrderError(_("Một đơn chỉ đặt cho các xã, phường của cùng một tỉnh."))
    address = " ".join(delivery_address.split()) or default_delivery_address(items[0].ward)
    order = PrintOrder.objects.create(
        campaign=campaign,
        unit=unit,
        delivery_address=address[:300],
        note=note.strip(),
        submitted_by=user,
        reordered_from=reordered_from,
    )
    PrintOrderLine.objects.bulk_create(
        PrintOrderLine(order=order, print_format=item.print_format, ward=item.ward, quantity=item.quantity)
        for item in items
    )
    log(instance=order, action=ORDER_SUBMITTED, user=user, data=order_data(order))
    return order


def reorder(*, order: PrintOrder, user) -> PrintOrder:
    """ "Đặt lại": a new submitted order with the same campaign, lines, quantities and delivery address."""
    if not may_reorder(user, order):
        raise OrderError(_("Bạn không được đặt lại đơn này."))
    items = [
        BasketItem(line.print_format, line.ward, line.quantity)
        for line in order.lines.select_related("print_format", "ward")
    ]
    return submit_order(
        user=user,
        campaign=order.campaign,
        items=items,
        delivery_address=order.delivery_address,
        note=order.note,
        reordered_from=order,
    )


@transaction.atomic
def move_order(*, order: PrintOrder, user, status: str) -> PrintOrder:
    """Move an order one step forward (or cancel it while submitted). Raises OrderError otherwise."""
    order = PrintOrder.objects.select_for_update().get(pk=order.pk)
    if status not in NEXT_STATUSES[OrderStatus(order.status)]:
        raise OrderError(
            _("Đơn đang ở trạng thái “%(status)s”, không chuyển được sang “%(to)s”.")
            % {"status": order.get_status_display(), "to": OrderStatus(status).label}
        )
    if not may_move(user, order, status):
        raise OrderError(_("Bạn không có quyền chuyển đơn này sang “%(to)s”.") % {"to": OrderStatus(status).label})
    if status == OrderStatus.APPROVED:
        _approve(order=order, user=user)
    if status == OrderStatus.DELIVERED:
        order.delivered_at = timezone.now()
    order.status = status
    order.save()
    log(instance=order, action=LOG_ACTION_OF_STATUS[status], user=user, data=order_data(order))
    return order


def _approve(*, order: PrintOrder, user) -> None:
    """The basket's placements count as printed with their quantities; the print shop's pack is queued."""
    from media_kit.tasks import generate_pack  # the task module imports the pack renderer

    now = timezone.now()
    lines = list(order.lines.select_related("print_format", "ward"))
    for line in lines:
        channel = line.print_format.channels.order_by("sort_order", "pk").first()
        if channel is None:
            raise OrderError(_("“%(format)s” chưa gắn kênh nào.") % {"format": line.print_format.name})
        placement = create_placement(campaign=order.campaign, unit=line.ward, channel=channel)
        Placement.objects.filter(pk=placement.pk).update(quantity=placement.quantity + line.quantity)
        Placement.objects.filter(pk=placement.pk, printed_at=None).update(printed_at=now)
        line.placement = placement
        line.save(update_fields=["placement"])
    # A pack renders every format × every ward it names: group the formats by the wards that ordered them,
    # so that no file is made (and no placement marked printed) outside the basket.
    wards_of_format: dict = {}
    for line in lines:
        wards_of_format.setdefault(line.print_format, set()).add(line.ward.code)
    formats_of_wards: dict[frozenset, list] = {}
    for print_format, codes in wards_of_format.items():
        formats_of_wards.setdefault(frozenset(codes), []).append(print_format)
    packs = []
    for codes, formats in formats_of_wards.items():
        pack = Pack.objects.create(campaign=order.campaign, unit_codes=",".join(sorted(codes)), requested_by=user)
        pack.formats.set(formats)
        packs.append(pack)
    order.packs.set(packs)
    order.approved_by = user
    order.approved_at = now
    for pack in packs:
        transaction.on_commit(lambda pack_id=pack.pk: generate_pack.enqueue(pack_id))


def mark_installed(*, line: PrintOrderLine, user, installed_on: dt.date, photo=None) -> Placement:
    """ "Đã treo": the line's placement went up on this day (optional photo, EXIF stripped)."""
    if not may_mark_installed(user, line):
        raise OrderError(_("Chỉ ghi nhận “đã treo” cho đơn đã giao, ở xã/phường bạn phụ trách."))
    placement = record_installation(placement=line.placement, installed_on=installed_on, user=user, photo=photo)
    log(
        instance=line.order,
        action=ORDER_INSTALLED,
        user=user,
        data={**order_data(line.order), "placement": placement.short_code, "installed_on": installed_on.isoformat()},
    )
    return placement


def order_data(order: PrintOrder) -> dict:
    """What a log entry says on its own."""
    return {
        "order_id": order.pk,
        "campaign": order.campaign.title,
        "status": order.status,
        "lines": order.lines.count(),
        "copies": order.total_quantity,
    }


# The print shop's link -----------------------------------------------------------------------------


def link_max_age() -> dt.timedelta:
    return dt.timedelta(days=settings.LOA_PRINT_ORDER_LINK_DAYS)


def print_shop_token(order: PrintOrder) -> str:
    """A token naming the order, signed and timestamped: the print shop's link needs no account."""
    return signing.TimestampSigner(salt=LINK_SALT).sign(str(order.pk))


def order_for_token(token: str) -> PrintOrder:
    """The approved order a token names. Raises signing.SignatureExpired (too old), signing.BadSignature
    (tampered) or PrintOrder.DoesNotExist (no such order, or one not approved)."""
    value = signing.TimestampSigner(salt=LINK_SALT).unsign(token, max_age=link_max_age())
    if not value.isdigit():
        raise signing.BadSignature(value)
    return PrintOrder.objects.select_related("campaign", "unit").get(
        pk=int(value), status__in=[OrderStatus.APPROVED, OrderStatus.PRINTING, OrderStatus.DELIVERED]
    )


# Order sheets --------------------------------------------------------------------------------------

SHEET_HEADER = ["STT", "Mã xã/phường", "Xã/phường", "Mã ấn phẩm", "Ấn phẩm", "Kích thước", "Mã điểm đặt", "Số lượng"]


def format_size(print_format: PrintFormat) -> str:
    if print_format.width_mm and print_format.height_mm:
        return f"{print_format.width_mm:.0f} × {print_format.height_mm:.0f} mm"
    return ""


def sheet_rows(order: PrintOrder) -> list[list]:
    """One row per basket line, in the order of the order sheet."""
    lines = order.lines.select_related("print_format", "ward", "placement")
    return [
        [
            number,
            line.ward.code,
            line.ward.name,
            line.print_format.slug,
            line.print_format.name,
            format_size(line.print_format),
            line.placement.short_code if line.placement else "",
            line.quantity,
        ]
        for number, line in enumerate(lines, start=1)
    ]


def order_sheet_xlsx(order: PrintOrder) -> bytes:
    """The order sheet as a workbook (through the export writer that neutralises formulas)."""
    rows = sheet_rows(order)
    about = SheetBlock(
        title=f"Đơn đặt in số {order.pk}",
        header=["Mục", "Nội dung"],
        rows=[
            ["Chiến dịch", order.campaign.title],
            ["Đơn vị đặt", order.unit.name],
            ["Trạng thái", order.get_status_display()],
            ["Địa chỉ giao", order.delivery_address],
            ["Ghi chú", order.note],
            ["Tổng số bản", sum(row[-1] for row in rows)],
        ],
    )
    basket = SheetBlock(title="Danh sách ấn phẩm", header=SHEET_HEADER, rows=rows, text_columns=(1, 6))
    return xlsx_bytes([("Don dat in", [about, basket])])


def order_sheet_pdf(order: PrintOrder) -> bytes:
    """The order sheet as an A4 PDF for the print shop."""
    rows = sheet_rows(order)
    html = render_to_string(
        "media_kit/print/order_sheet.html",
        {
            "order": order,
            "rows": [[*row[:-1], vn_number(row[-1])] for row in rows],
            "total": vn_number(sum(row[-1] for row in rows)),
            "generated_at": timezone.localtime(),
            "font_faces": FONT_FACES,
        },
    )
    # Imported here: this module is loaded with the admin's hooks at every process's start-up, and WeasyPrint
    # takes seconds to import; only an order sheet needs it.
    from weasyprint import HTML

    return HTML(string=html).write_pdf()
