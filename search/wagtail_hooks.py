from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search.reports import EDITOR_PERMISSIONS, ZeroResultSearchesView


class EditorsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return ZeroResultSearchesView.permission_policy.user_has_any_permission(request.user, EDITOR_PERMISSIONS)


@hooks.register("register_admin_urls")
def register_search_report_urls():
    return [
        path("reports/zero-result-searches/", ZeroResultSearchesView.as_view(), name="search_zero_result_searches"),
        path(
            "reports/zero-result-searches/results/",
            ZeroResultSearchesView.as_view(results_only=True),
            name="search_zero_result_searches_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_zero_result_searches_menu_item():
    return EditorsMenuItem(
        _("Tìm kiếm không có kết quả"), reverse("search_zero_result_searches"), icon_name="search", order=110
    )
