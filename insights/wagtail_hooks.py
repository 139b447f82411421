"""The insights admin: the dashboard, official figures, broadcast airings and monthly reports.

One menu group, "Hiệu quả" (short enough for the sidebar; the dashboard's own title says "Hiệu quả truyền
thông"), holds the dashboard, the import of official figures and the airings; each item shows itself only
to the people it serves, and the group hides when none does.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy

from core.admin import ViewPermissionMenuItem
from insights import home_panels
from insights.airings_admin import BroadcastAiringViewSet
from insights.figures_import import FIGURES_IMPORTED
from insights.figures_views import FigureImportView, figures_template_view
from insights.models import BroadcastAiring, FigureImport, RolloutPlan
from insights.permissions import AiringPermissionPolicy, may_import_figures
from insights.rollout_admin import (
    PlanApproveView,
    PlanCreateView,
    PlanDeleteView,
    PlanDetailView,
    PlanIndexView,
    PlanRedrawView,
    PlanWaveView,
)
from insights.rollout_admin import policy as rollout_policy
from insights.selectors import may_read_dashboard
from insights.views import DashboardView, ReportDetailView, ReportRequestView, download_report, export_table
from places.models import UnitLogEntry

INSIGHTS_MENU_HOOK = "register_insights_menu_item"

# Registered before the viewset, which then uses it: airings belong to units.
register_permission_policy(BroadcastAiring, AiringPermissionPolicy(BroadcastAiring))
register_permission_policy(RolloutPlan, rollout_policy)


class DashboardMenuItem(MenuItem):
    """Shown to whoever may read some unit's figures (superusers, culture office, approvers, viewers, ward
    editors); the reach comes from memberships, not from a Django permission."""

    def is_shown(self, request) -> bool:
        return may_read_dashboard(user=request.user)


class FigureImportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return may_import_figures(user=request.user)


class InsightsViewSetGroup(ViewSetGroup):
    menu_label = _("Hiệu quả")
    menu_icon = "table"
    menu_order = 280
    items = (BroadcastAiringViewSet,)
    submenu_hook = INSIGHTS_MENU_HOOK


@hooks.register("register_admin_viewset")
def register_insights_viewsets():
    return InsightsViewSetGroup()


@hooks.register("register_admin_urls")
def register_insights_urls():
    return [
        path("insights/", DashboardView.as_view(), name="insights_dashboard"),
        path("insights/export/<slug:slug>.<str:fmt>", export_table, name="insights_export"),
        path("insights/reports/new/", ReportRequestView.as_view(), name="insights_report_request"),
        path("insights/reports/<int:report_id>/", ReportDetailView.as_view(), name="insights_report"),
        path("insights/reports/<int:report_id>/download/<str:kind>/", download_report, name="insights_report_download"),
        path("insights/figures/", FigureImportView.as_view(), name="insights_figures_import"),
        path("insights/figures/template.<str:fmt>", figures_template_view, name="insights_figures_template"),
        path("insights/rollouts/", PlanIndexView.as_view(), name="insights_rollouts"),
        path("insights/rollouts/new/", PlanCreateView.as_view(), name="insights_rollout_new"),
        path("insights/rollouts/<int:pk>/", PlanDetailView.as_view(), name="insights_rollout"),
        path("insights/rollouts/<int:pk>/redraw/", PlanRedrawView.as_view(), name="insights_rollout_redraw"),
        path("insights/rollouts/<int:pk>/approve/", PlanApproveView.as_view(), name="insights_rollout_approve"),
        path("insights/rollouts/<int:pk>/delete/", PlanDeleteView.as_view(), name="insights_rollout_delete"),
        path("insights/rollouts/<int:pk>/waves/<int:wave>/", PlanWaveView.as_view(), name="insights_rollout_wave"),
    ]


@hooks.register(INSIGHTS_MENU_HOOK)
def register_dashboard_menu_item():
    return DashboardMenuItem(
        _("Tổng quan"), reverse("insights_dashboard"), name="insights-dashboard", icon_name="table", order=0
    )


@hooks.register(INSIGHTS_MENU_HOOK)
def register_figures_menu_item():
    return FigureImportMenuItem(
        _("Số liệu chính thức"),
        reverse("insights_figures_import"),
        name="official-figures",
        icon_name="upload",
        order=1,
    )


@hooks.register(INSIGHTS_MENU_HOOK)
def register_rollouts_menu_item():
    return ViewPermissionMenuItem(
        _("Triển khai theo đợt"),
        reverse("insights_rollouts"),
        name="rollout-plans",
        icon_name="list-ol",
        order=3,
        view_class=PlanIndexView,
    )


@hooks.register("register_log_actions")
def register_insights_log_actions(actions):
    # An import's entries carry its unit (its province): the site history shows them to that unit's people only.
    actions.register_model(FigureImport, UnitLogEntry)

    @actions.register_action(FIGURES_IMPORTED)
    class FiguresImported(LogFormatter):
        label = _("Nhập số liệu chính thức")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _(
                "Đã nhập %(rows)s số liệu từ tệp %(filename)s (tháng %(months)s; thay %(replaced)s số liệu cũ)"
            ) % {
                "rows": data.get("rows", "?"),
                "filename": data.get("filename", "?"),
                "months": ", ".join(data.get("months", [])),
                "replaced": data.get("replaced", 0),
            }


@hooks.register("construct_homepage_panels")
def add_home_panels(request, panels):
    home_panels.add_home_panels(request, panels)
