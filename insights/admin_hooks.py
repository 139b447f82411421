"""Admin wiring for official figures and broadcast airings.

Kept apart from wagtail_hooks.py (the dashboard's) and imported from InsightsConfig.ready(), so that
the two halves of the insights admin could be built side by side. Other insights pages join the
"Dữ liệu hiệu quả" submenu through the `register_insights_menu_item` hook.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy

from insights.airings_admin import BroadcastAiringViewSet
from insights.figures_import import FIGURES_IMPORTED
from insights.figures_views import FigureImportView, figures_template_view
from insights.models import BroadcastAiring
from insights.permissions import AiringPermissionPolicy, may_import_figures

INSIGHTS_MENU_HOOK = "register_insights_menu_item"

# Registered before the viewset, which then uses it: airings belong to units.
register_permission_policy(BroadcastAiring, AiringPermissionPolicy(BroadcastAiring))


class FigureImportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return may_import_figures(user=request.user)


class InsightsDataViewSetGroup(ViewSetGroup):
    menu_label = _("Dữ liệu hiệu quả")
    menu_icon = "table"
    menu_order = 281
    items = (BroadcastAiringViewSet,)
    submenu_hook = INSIGHTS_MENU_HOOK


@hooks.register("register_admin_viewset")
def register_insights_data_viewsets():
    return InsightsDataViewSetGroup()


@hooks.register("register_admin_urls")
def register_figures_urls():
    return [
        path("insights/figures/", FigureImportView.as_view(), name="insights_figures_import"),
        path("insights/figures/template.<str:fmt>", figures_template_view, name="insights_figures_template"),
    ]


@hooks.register(INSIGHTS_MENU_HOOK)
def register_figures_menu_item():
    return FigureImportMenuItem(
        _("Số liệu chính thức"),
        reverse("insights_figures_import"),
        name="official-figures",
        icon_name="upload",
        order=1,
    )


@hooks.register("register_log_actions")
def register_insights_log_actions(actions):
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
