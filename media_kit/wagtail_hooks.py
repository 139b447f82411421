from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import InspectView, SnippetViewSet, SnippetViewSetGroup

from core.admin import PermissionMenuItem
from media_kit import home_panels
from media_kit.audit import PACK_FAILED, PACK_GENERATED, PACK_REQUESTED
from media_kit.forms import PrintTemplateForm
from media_kit.models import Pack, PrintFormat, PrintOrder, PrintTemplate
from media_kit.order_views import (
    OrderCreateView,
    OrderDetailView,
    OrderIndexView,
    OrderInstalledView,
    OrderMoveView,
    OrderReorderView,
    OrderSheetView,
)
from media_kit.orders import (
    ORDER_APPROVED,
    ORDER_CANCELLED,
    ORDER_DELIVERED,
    ORDER_INSTALLED,
    ORDER_PRINTING,
    ORDER_SUBMITTED,
)
from media_kit.permissions import print_order_permission_policy, print_template_permission_policy
from media_kit.views import PackDetailView, PackRequestView, download_pack, pack_sample, preview_format, retry_pack
from places.models import UnitLogEntry
from places.viewsets import UnitScopedSnippetViewSet, scoped


class PrintTemplateInspectView(scoped(InspectView, "view")):
    """The inspect page shows a preview image of every format."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["print_formats"] = PrintFormat.objects.all()
        return context


class PrintTemplateViewSet(UnitScopedSnippetViewSet):
    """Templates belong to their campaign's unit: listing, edit, history, usage and inspect ask the policy."""

    model = PrintTemplate
    icon = "doc-full"
    menu_label = _("Mẫu ấn phẩm")
    list_display = ["campaign", "headline"]
    search_fields = ["headline"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = PrintTemplateInspectView
    inspect_template_name = "media_kit/admin/template_inspect.html"
    edit_handler = ObjectList(PrintTemplate.panels, base_form_class=PrintTemplateForm)


class PrintFormatViewSet(SnippetViewSet):
    model = PrintFormat
    icon = "table"
    menu_label = _("Định dạng")
    list_display = ["name", "slug", "kind", "reading_distance_m"]
    list_filter = ["kind"]
    form_fields = [
        "name",
        "slug",
        "kind",
        "width_mm",
        "height_mm",
        "bleed_mm",
        "width_px",
        "height_px",
        "reading_distance_m",
        "sides",
        "channels",
        "sort_order",
        "order_cap",
    ]


class MediaKitViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Ấn phẩm")
    menu_icon = "doc-full"
    menu_order = 260
    items = (PrintTemplateViewSet, PrintFormatViewSet)


# Registered before the viewsets are built, so that every template view uses it.
register_permission_policy(PrintTemplate, print_template_permission_policy)
register_permission_policy(PrintOrder, print_order_permission_policy)
register_snippet(MediaKitViewSetGroup)


# The order basket; the namespace ends in "_printorder", so the permission matrices fill <pk> with an order.
ORDER_URLS = [
    path("", OrderIndexView.as_view(), name="index"),
    path("new/", OrderCreateView.as_view(), name="new"),
    path("<int:pk>/", OrderDetailView.as_view(), name="detail"),
    path("<int:pk>/approve/", OrderMoveView.as_view(status="approved"), name="approve"),
    path("<int:pk>/printing/", OrderMoveView.as_view(status="printing"), name="printing"),
    path("<int:pk>/delivered/", OrderMoveView.as_view(status="delivered"), name="delivered"),
    path("<int:pk>/cancel/", OrderMoveView.as_view(status="cancelled"), name="cancel"),
    path("<int:pk>/reorder/", OrderReorderView.as_view(), name="reorder"),
    path("<int:pk>/installed/", OrderInstalledView.as_view(), name="installed"),
    path("<int:pk>/don-dat-in.pdf", OrderSheetView.as_view(kind="pdf"), name="sheet_pdf"),
    path("<int:pk>/don-dat-in.xlsx", OrderSheetView.as_view(kind="xlsx"), name="sheet_xlsx"),
]


@hooks.register("register_admin_urls")
def register_media_kit_urls():
    return [
        path("media-kit/orders/", include((ORDER_URLS, "media_kit_printorder"))),
        path("media-kit/packs/new/", PackRequestView.as_view(), name="media_kit_pack_request"),
        path(
            "media-kit/packs/sample/<int:campaign_id>/<slug:format_slug>/<str:unit_code>.png",
            pack_sample,
            name="media_kit_pack_sample",
        ),
        path("media-kit/packs/<int:pack_id>/", PackDetailView.as_view(), name="media_kit_pack"),
        path("media-kit/packs/<int:pack_id>/download/", download_pack, name="media_kit_pack_download"),
        path("media-kit/packs/<int:pack_id>/retry/", retry_pack, name="media_kit_pack_retry"),
        path(
            "media-kit/templates/<int:template_id>/preview/<slug:format_slug>/",
            preview_format,
            name="media_kit_preview",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_pack_menu_item():
    return PermissionMenuItem(
        _("Tạo bộ ấn phẩm"),
        reverse("media_kit_pack_request"),
        icon_name="download",
        order=265,
        permission="media_kit.add_pack",
    )


@hooks.register("register_admin_menu_item")
def register_order_menu_item():
    return PermissionMenuItem(
        _("Đơn đặt in"),
        reverse("media_kit_printorder:index"),
        icon_name="list-ul",
        order=266,
        permission="media_kit.view_printorder",
    )


@hooks.register("register_log_actions")
def register_media_kit_log_actions(actions):
    # A pack's entries carry its unit: the site history shows them to that unit's people only.
    actions.register_model(Pack, UnitLogEntry)
    actions.register_action(PACK_REQUESTED, _("Yêu cầu bộ ấn phẩm"), _("Đã yêu cầu tạo bộ ấn phẩm"))
    actions.register_action(PACK_GENERATED, _("Tạo xong bộ ấn phẩm"), _("Đã tạo xong bộ ấn phẩm"))
    actions.register_action(PACK_FAILED, _("Không tạo được bộ ấn phẩm"), _("Không tạo được bộ ấn phẩm"))
    # An order's entries carry its ordering unit (PrintOrder.unit), like a pack's.
    actions.register_model(PrintOrder, UnitLogEntry)
    actions.register_action(ORDER_SUBMITTED, _("Gửi đơn đặt in"), _("Đã gửi đơn đặt in"))
    actions.register_action(ORDER_APPROVED, _("Duyệt đơn đặt in"), _("Đã duyệt đơn đặt in"))
    actions.register_action(ORDER_PRINTING, _("Đơn đặt in đang in"), _("Đã chuyển đơn đặt in sang đang in"))
    actions.register_action(ORDER_DELIVERED, _("Giao đơn đặt in"), _("Đã giao đơn đặt in"))
    actions.register_action(ORDER_CANCELLED, _("Hủy đơn đặt in"), _("Đã hủy đơn đặt in"))
    actions.register_action(ORDER_INSTALLED, _("Đã treo ấn phẩm"), _("Đã ghi nhận ấn phẩm đã treo"))


@hooks.register("construct_homepage_panels")
def add_home_panels(request, panels):
    home_panels.add_home_panels(request, panels)
