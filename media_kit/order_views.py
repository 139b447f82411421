"""The order basket's admin views (thin shells over media_kit.orders) and the print shop's signed link."""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from core.admin import BreadcrumbsAdminView
from media_kit.models import OrderStatus, PackStatus, PrintOrder
from media_kit.order_forms import BasketFormSet, PrintOrderForm
from media_kit.orders import (
    BasketItem,
    OrderError,
    link_max_age,
    mark_installed,
    may_mark_installed,
    may_move,
    may_reorder,
    move_order,
    order_for_token,
    order_history,
    order_sheet_pdf,
    order_sheet_xlsx,
    orders_for_user,
    print_shop_token,
    reorder,
    submit_order,
)
from media_kit.permissions import print_order_permission_policy as policy
from tracking.installation import InstallationError

MOVES = [
    (OrderStatus.APPROVED, "approve", gettext_lazy("Phê duyệt đơn")),
    (OrderStatus.PRINTING, "printing", gettext_lazy("Đánh dấu đang in")),
    (OrderStatus.DELIVERED, "delivered", gettext_lazy("Xác nhận đã giao")),
    (OrderStatus.CANCELLED, "cancel", gettext_lazy("Hủy đơn")),
]


def orders_breadcrumb() -> list[dict]:
    return [{"url": reverse("media_kit_printorder:index"), "label": _("Đơn đặt in")}]


def order_seen_by(user, pk: int) -> PrintOrder:
    """The order, if this user may see it (else 404 / 403)."""
    order = get_object_or_404(PrintOrder.objects.select_related("campaign", "unit"), pk=pk)
    if not policy.user_has_permission_for_instance(user, "view", order):
        raise PermissionDenied
    return order


class OrderIndexView(PermissionCheckedMixin, BreadcrumbsAdminView, TemplateView):
    """The orders of the user's units, filtered by status and by ward (a ward's order history)."""

    template_name = "media_kit/admin/order_index.html"
    page_title = gettext_lazy("Đơn đặt in")
    header_icon = "list-ul"
    permission_policy = policy
    permission_required = "view"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        orders = orders_for_user(self.request.user).prefetch_related("lines")
        status = self.request.GET.get("trang_thai", "")
        if status in OrderStatus.values:
            orders = orders.filter(status=status)
        ward = self.request.GET.get("xa", "").strip()[:32]
        if ward:
            orders = orders.filter(lines__ward__code=ward).distinct()
        context.update(
            orders=orders[:200],
            statuses=OrderStatus.choices,
            status=status,
            ward=ward,
            may_add=policy.user_has_permission(self.request.user, "add"),
        )
        return context


class OrderCreateView(PermissionCheckedMixin, BreadcrumbsAdminView, FormView):
    template_name = "media_kit/admin/order_form.html"
    form_class = PrintOrderForm
    page_title = gettext_lazy("Đặt in ấn phẩm")
    header_icon = "doc-full"
    permission_policy = policy
    permission_required = "add"

    def get_parent_breadcrumbs(self) -> list[dict]:
        return orders_breadcrumb()

    def basket(self):
        data = self.request.POST if self.request.method == "POST" else None
        return BasketFormSet(data, prefix="gio", form_kwargs={"user": self.request.user})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("basket", self.basket())
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        basket = self.basket()
        if not (form.is_valid() and basket.is_valid()):
            return self.render_to_response(self.get_context_data(form=form, basket=basket))
        items = [
            BasketItem(line.cleaned_data["print_format"], line.cleaned_data["ward"], line.cleaned_data["quantity"])
            for line in basket.forms
            if line.has_changed() and line.is_filled
        ]
        try:
            order = submit_order(
                user=request.user,
                campaign=form.cleaned_data["campaign"],
                items=items,
                delivery_address=form.cleaned_data["delivery_address"],
                note=form.cleaned_data["note"],
            )
        except OrderError as error:
            form.add_error(None, str(error))
            return self.render_to_response(self.get_context_data(form=form, basket=basket))
        messages.success(request, _("Đã gửi đơn đặt in số %(number)s, chờ lãnh đạo duyệt.") % {"number": order.pk})
        return redirect("media_kit_printorder:detail", pk=order.pk)


class OrderDetailView(BreadcrumbsAdminView, DetailView):
    """The order, its lines, the moves this user may make, its history and (once approved) the print shop's link."""

    model = PrintOrder
    template_name = "media_kit/admin/order_detail.html"
    page_title = gettext_lazy("Đơn đặt in")
    header_icon = "doc-full"
    context_object_name = "order"

    def get_object(self, queryset=None):
        return order_seen_by(self.request.user, self.kwargs["pk"])

    def get_page_title(self) -> str:
        return _("Đơn đặt in số %(number)s") % {"number": self.object.pk}

    def get_parent_breadcrumbs(self) -> list[dict]:
        return orders_breadcrumb()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order, user = self.object, self.request.user
        lines = list(order.lines.select_related("print_format", "ward", "placement"))
        for line in lines:
            line.may_mark_installed = may_mark_installed(user, line)
        link = ""
        if order.status in {OrderStatus.APPROVED, OrderStatus.PRINTING, OrderStatus.DELIVERED}:
            link = self.request.build_absolute_uri(reverse("print_shop_order", args=[print_shop_token(order)]))
        context.update(
            lines=lines,
            total=sum(line.quantity for line in lines),
            moves=[(name, label) for status, name, label in MOVES if may_move(user, order, status)],
            may_reorder=may_reorder(user, order),
            history=order_history(order).select_related("user"),
            print_shop_link=link,
            link_days=link_max_age().days,
            today=timezone.localdate(),
        )
        return context


class OrderMoveView(View):
    """POST: one step forward (approve, printing, delivered) or cancel."""

    model = PrintOrder
    status = ""
    http_method_names = ["post"]

    def post(self, request, pk: int):
        order = order_seen_by(request.user, pk)
        try:
            move_order(order=order, user=request.user, status=self.status)
        except OrderError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Đơn đặt in số %(number)s: %(status)s.")
                % {
                    "number": order.pk,
                    "status": OrderStatus(self.status).label,
                },
            )
        return redirect("media_kit_printorder:detail", pk=order.pk)


class OrderReorderView(View):
    """POST "Đặt lại": a new submitted order with the same lines and quantities."""

    model = PrintOrder
    http_method_names = ["post"]

    def post(self, request, pk: int):
        order = order_seen_by(request.user, pk)
        try:
            new_order = reorder(order=order, user=request.user)
        except OrderError as error:
            messages.error(request, str(error))
            return redirect("media_kit_printorder:detail", pk=order.pk)
        messages.success(request, _("Đã đặt lại: đơn số %(number)s, chờ duyệt.") % {"number": new_order.pk})
        return redirect("media_kit_printorder:detail", pk=new_order.pk)


class OrderInstalledView(View):
    """POST "Đã treo" for one line of a delivered order: the date and an optional photo (EXIF stripped)."""

    model = PrintOrder
    http_method_names = ["post"]

    def post(self, request, pk: int):
        order = order_seen_by(request.user, pk)
        line_id = request.POST.get("line", "")
        line = None
        if line_id.isdigit() and len(line_id) < 12:
            line = order.lines.select_related("order", "ward", "placement").filter(pk=int(line_id)).first()
        if line is None:
            messages.error(request, _("Không tìm thấy dòng này trong đơn."))
            return redirect("media_kit_printorder:detail", pk=order.pk)
        try:
            installed_on = timezone.datetime.strptime(request.POST.get("installed_on", ""), "%Y-%m-%d").date()
        except ValueError:
            messages.error(request, _("Hãy nhập ngày treo theo dạng năm-tháng-ngày."))
            return redirect("media_kit_printorder:detail", pk=order.pk)
        try:
            mark_installed(line=line, user=request.user, installed_on=installed_on, photo=request.FILES.get("photo"))
        except (OrderError, InstallationError) as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Đã ghi nhận đã treo: %(ward)s.") % {"ward": line.ward.name})
        return redirect("media_kit_printorder:detail", pk=order.pk)


class OrderSheetView(View):
    """The order sheet (PDF or XLSX) for whoever may see the order."""

    model = PrintOrder
    kind = "pdf"
    http_method_names = ["get"]

    def get(self, request, pk: int):
        return sheet_response(order_seen_by(request.user, pk), self.kind)


def sheet_response(order: PrintOrder, kind: str) -> HttpResponse:
    if kind == "xlsx":
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(order_sheet_xlsx(order), content_type=content_type)
    else:
        response = HttpResponse(order_sheet_pdf(order), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="don-dat-in-{order.pk}.{kind}"'
    return response


# The print shop: no account, a signed link that expires -----------------------------------------------


def _private(response: HttpResponse) -> HttpResponse:
    # The token is the key: never cached, never sent on as a referrer, never indexed.
    response["Cache-Control"] = "no-store, private"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _refused(request, *, status: int, title: str, reason: str) -> HttpResponse:
    response = render(request, "media_kit/print_shop_refused.html", {"title": title, "reason": reason}, status=status)
    return _private(response)


def _order_or_refusal(request, token: str):
    try:
        return order_for_token(token), None
    except signing.SignatureExpired:
        return None, _refused(
            request,
            status=410,
            title=_("Đường dẫn đã hết hạn"),
            reason=_("Đường dẫn tải đơn đặt in chỉ dùng được trong %(days)s ngày. Hãy xin đơn vị đặt in gửi lại.")
            % {"days": link_max_age().days},
        )
    except signing.BadSignature:
        return None, _refused(
            request,
            status=403,
            title=_("Đường dẫn không hợp lệ"),
            reason=_("Đường dẫn này không đúng hoặc đã bị sửa. Hãy dùng đúng đường dẫn đơn vị đặt in đã gửi."),
        )
    except PrintOrder.DoesNotExist:
        return None, _refused(
            request,
            status=404,
            title=_("Không có đơn đặt in"),
            reason=_("Đơn đặt in này không còn hoặc chưa được duyệt."),
        )


def print_shop_order(request, token: str):
    """The print shop's page: the order, its lines, and the pack and order-sheet downloads."""
    order, refusal = _order_or_refusal(request, token)
    if refusal is not None:
        return refusal
    lines = order.lines.select_related("print_format", "ward", "placement")
    packs = list(order.packs.order_by("pk"))
    return _private(
        render(
            request,
            "media_kit/print_shop.html",
            {
                "order": order,
                "lines": lines,
                "total": sum(line.quantity for line in lines),
                "token": token,
                "packs": [
                    {
                        "pack": pack,
                        "ready": pack.status == PackStatus.DONE and bool(pack.file),
                        "failed": pack.status == PackStatus.FAILED,
                    }
                    for pack in packs
                ],
            },
        )
    )


def print_shop_file(request, token: str, kind: str, pack_id: int | None = None):
    """The order sheet (PDF, XLSX) or one of the order's packs (ZIP) through the signed link."""
    order, refusal = _order_or_refusal(request, token)
    if refusal is not None:
        return refusal
    if kind in {"pdf", "xlsx"}:
        return _private(sheet_response(order, kind))
    pack = order.packs.filter(pk=pack_id).first()
    if pack is None or pack.status != PackStatus.DONE or not pack.file:
        raise Http404(_("Bộ ấn phẩm chưa sẵn sàng."))
    name = f"bo-an-pham-don-{order.pk}-{pack.pk}.zip"
    return _private(FileResponse(pack.file.open("rb"), as_attachment=True, filename=name))
