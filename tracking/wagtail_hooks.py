from django.db.models import IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, PageChooserPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.admin import PermissionMenuItem
from core.numbers import vn_number
from places.models import UnitLogEntry
from places.viewsets import UnitScopedSnippetViewSet
from tracking import home_panels
from tracking.admin_views import BulkPlacementView, InstallationView, TargetChangesView, decide_target_change_view
from tracking.assisted import may_use_desk
from tracking.forms import PlacementForm
from tracking.models import Channel, OverLimitTaps, Placement
from tracking.page_guards import guard
from tracking.permissions import channel_permission_policy, may_see_target_changes, placement_permission_policy
from tracking.selectors import recent_over_limit_taps


class ChannelViewSet(SnippetViewSet):
    model = Channel
    icon = "radio-full"
    menu_label = _("Kênh tuyên truyền")
    list_display = ["name", "slug", "kind", "province_wide"]
    list_filter = ["kind", "province_wide"]
    search_fields = ["name", "slug"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("province_wide"),
        FieldPanel("sort_order"),
    ]


class PlacementInspectView(UnitScopedSnippetViewSet.inspect_view_class):
    """The placement's fields, and its taps of "Tôi đã làm xong" past the per-address limit, by day."""

    def get_fields(self):
        return [*super().get_fields(), "over_limit_taps"]

    def get_field_label(self, field_name, field):
        if field_name == "over_limit_taps":
            return gettext("Lượt bấm vượt giới hạn")
        return super().get_field_label(field_name, field)

    def get_over_limit_taps_display_value(self):
        total, days = recent_over_limit_taps(placement=self.object)
        if not total:
            return "0"
        recent = "; ".join(f"{day:%d/%m/%Y}: {vn_number(taps)}" for day, taps in days)
        summary = gettext("tổng %(total)s") % {"total": vn_number(total)}
        return f"{summary} ({recent})" if recent else summary


class PlacementViewSet(UnitScopedSnippetViewSet):
    model = Placement
    icon = "link"
    menu_label = _("Điểm đặt mã")
    list_display = [
        "short_code",
        "numeric_code",
        "unit",
        "channel",
        "spot",
        "status",
        Column("over_limit_total", label=_("Lượt bấm vượt giới hạn"), sort_key="over_limit_total"),
    ]
    list_filter = ["campaign", "channel", "status"]
    search_fields = ["short_code", "numeric_code", "spot", "unit__name", "unit__code"]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [
            FieldPanel("campaign"),
            FieldRowPanel([FieldPanel("unit"), FieldPanel("channel")]),
            FieldPanel("spot"),
            MultiFieldPanel([PageChooserPanel("target_page"), FieldPanel("target_url")], heading=_("Đích đến")),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("quantity"), FieldPanel("unit_cost_vnd")]),
                    FieldRowPanel([FieldPanel("installed_on"), FieldPanel("proof_photo")]),
                ],
                heading=_("Bản in"),
            ),
            FieldRowPanel([FieldPanel("active_from"), FieldPanel("active_until"), FieldPanel("status")]),
        ],
        base_form_class=PlacementForm,
    )
    inspect_view_class = PlacementInspectView

    def get_queryset(self, request):
        # Taps past the per-address limit, all days together (the inspect view has them by day).
        over_limit = (
            OverLimitTaps.objects.filter(placement=OuterRef("pk"))
            .values("placement")
            .annotate(total=Sum("taps"))
            .values("total")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(over_limit_total=Coalesce(Subquery(over_limit, output_field=IntegerField()), 0))
        )


class TrackingViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Mã QR")
    menu_icon = "link"
    menu_order = 250
    items = (PlacementViewSet, ChannelViewSet)


# Registered before the viewsets are built, so that every placement view uses it.
register_permission_policy(Placement, placement_permission_policy)
register_permission_policy(Channel, channel_permission_policy)
register_snippet(TrackingViewSetGroup)


@hooks.register("register_admin_urls")
def register_tracking_admin_urls():
    return [
        path("tracking/placements/bulk/", BulkPlacementView.as_view(), name="tracking_bulk_placements"),
        path("tracking/target-changes/", TargetChangesView.as_view(), name="tracking_target_changes"),
        path(
            "tracking/placements/<int:placement_id>/installed/",
            InstallationView.as_view(),
            name="tracking_record_installation",
        ),
        path(
            "tracking/target-changes/<int:change_id>/decide/",
            decide_target_change_view,
            name="tracking_decide_target_change",
        ),
    ]


class TargetChangesMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return may_see_target_changes(request.user)


@hooks.register("register_admin_menu_item")
def register_target_changes_menu_item():
    return TargetChangesMenuItem(_("Đổi trang đích"), reverse("tracking_target_changes"), icon_name="link", order=270)


class DeskMenuItem(MenuItem):
    """The assisted-registration form, for whoever it lets in: service-point staff of some ward."""

    def is_shown(self, request) -> bool:
        return may_use_desk(request.user)


@hooks.register("register_admin_menu_item")
def register_desk_menu_item():
    return DeskMenuItem(_("Ghi nhận hỗ trợ"), reverse("assisted_registration"), icon_name="form", order=50)


@hooks.register("register_log_actions")
def register_tracking_log_actions(actions):
    # A placement's entries (target changes) carry its unit: shown in the site history to that unit's people only.
    actions.register_model(Placement, UnitLogEntry)
    actions.register_action(
        "tracking.target_change_requested", _("Đề nghị đổi trang đích"), _("Đã đề nghị đổi trang đích")
    )
    actions.register_action("tracking.target_change_accepted", _("Chấp nhận đổi trang đích"), _("Đã đổi trang đích"))
    actions.register_action(
        "tracking.target_change_rejected", _("Từ chối đổi trang đích"), _("Đã từ chối đổi trang đích")
    )


@hooks.register("register_admin_menu_item")
def register_bulk_placement_menu_item():
    return PermissionMenuItem(
        _("Đặt mã hàng loạt"),
        reverse("tracking_bulk_placements"),
        icon_name="plus",
        order=260,
        permission="tracking.add_placement",
    )


@hooks.register("before_delete_page")
def warn_before_deleting_a_printed_target(request, page):
    return guard(request, page, deleting=True)


@hooks.register("before_unpublish_page")
def warn_before_unpublishing_a_printed_target(request, page):
    return guard(request, page, deleting=False)


@hooks.register("register_snippet_listing_buttons")
def installation_listing_button(snippet, user, next_url=None):
    if isinstance(snippet, Placement) and placement_permission_policy.user_has_permission_for_instance(
        user, "change", snippet
    ):
        yield Button(
            _("Ghi nhận đã treo"),
            url=reverse("tracking_record_installation", args=[snippet.pk]),
            icon_name="tick",
            priority=15,
        )


@hooks.register("register_log_actions")
def register_installation_log_action(actions):
    actions.register_action("tracking.installed", _("Ghi nhận đã treo"), _("Đã ghi nhận điểm đặt mã được treo"))


@hooks.register("construct_homepage_panels")
def add_home_panels(request, panels):
    home_panels.add_home_panels(request, panels)
