from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from insights.selectors import may_read_dashboard
from insights.views import DashboardView, ReportDetailView, ReportRequestView, download_report, export_table


class DashboardMenuItem(MenuItem):
    """Shown to whoever may read some unit's figures (superusers, culture office, approvers, viewers, ward
    editors); the reach comes from memberships, not from a Django permission."""

    def is_shown(self, request) -> bool:
        return may_read_dashboard(user=request.user)


@hooks.register("register_admin_urls")
def register_insights_dashboard_urls():
    return [
        path("insights/", DashboardView.as_view(), name="insights_dashboard"),
        path("insights/export/<slug:slug>.<str:fmt>", export_table, name="insights_export"),
        path("insights/reports/new/", ReportRequestView.as_view(), name="insights_report_request"),
        path("insights/reports/<int:report_id>/", ReportDetailView.as_view(), name="insights_report"),
        path("insights/reports/<int:report_id>/download/<str:kind>/", download_report, name="insights_report_download"),
    ]


@hooks.register("register_admin_menu_item")
def register_insights_dashboard_menu_item():
    return DashboardMenuItem(_("Hiệu quả truyền thông"), reverse("insights_dashboard"), icon_name="table", order=280)
