from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.admin import ViewPermissionMenuItem
from languages.translation_report import TranslationStatusView


@hooks.register("register_admin_urls")
def translation_status_urls():
    return [
        path("reports/translation-status/", TranslationStatusView.as_view(), name="website_translation_status"),
        path(
            "reports/translation-status/results/",
            TranslationStatusView.as_view(results_only=True),
            name="website_translation_status_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def translation_status_menu_item():
    return ViewPermissionMenuItem(
        _("Tình trạng bản dịch"),
        reverse("website_translation_status"),
        icon_name="globe",
        order=200,
        view_class=TranslationStatusView,
    )


@hooks.register("construct_reports_menu")
def hide_translations_report_from_readers(request, menu_items):
    """wagtail-localize's list of translations shows itself to everyone; it is for those who work on pages,
    as the translation status report beside it (same view class policy: add, change or publish a page)."""
    if not ViewPermissionMenuItem("", "", view_class=TranslationStatusView).is_shown(request):
        menu_items[:] = [item for item in menu_items if item.url != reverse("wagtail_localize:translations_report")]
