from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

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
    return MenuItem(_("Tình trạng bản dịch"), reverse("website_translation_status"), icon_name="globe", order=200)
