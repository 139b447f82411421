"""Admin reports: which pages are untranslated or out of date in which language; wagtail-localize's list of
translations, narrowed to the pages a person may explore (it checks no permission of its own)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail_localize.views.report import TranslationsReportView

from languages.translations import target_languages, translation_statuses


class TranslationStatusView(PageReportView):
    page_title = _("Tình trạng bản dịch")
    header_icon = "globe"
    results_template_name = "languages/translation_status_results.html"
    index_url_name = "website_translation_status"
    index_results_url_name = "website_translation_status_results"
    any_permission_required = ["add", "change", "publish"]
    list_export = []  # the statuses are computed per page, not columns of the page

    def get_queryset(self):
        # Every page of the source language below the root that the user may explore, in tree order.
        explorable = policy_registry.get_by_type(Page).explorable_instances(self.request.user)
        return explorable.filter(locale__language_code=settings.LANGUAGE_CODE, depth__gt=1).order_by("path")

    def decorate_paginated_queryset(self, object_list):
        return translation_statuses(pages=object_list)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        names = dict(settings.LANGUAGES)
        context["languages"] = [(code, names[code]) for code in target_languages()]
        return context


class UnitScopedTranslationsReportView(TranslationsReportView):
    # Wagtail's own check (PermissionCheckedMixin, which the report already has but leaves unset).
    any_permission_required = ["add", "change", "publish"]

    @property
    def permission_policy(self):
        return policy_registry.get_by_type(Page)

    def get_queryset(self):
        translations = super().get_queryset()
        if self.request.user.is_superuser:
            return translations
        explorable = policy_registry.get_by_type(Page).explorable_instances(self.request.user)
        # Pages only: snippets' translations are the superuser's.
        return translations.filter(source__object_id__in=explorable.values("translation_key"))
