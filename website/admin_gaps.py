"""Admin endpoints of third-party apps that check less than they should, narrowed by our permission policies.

wagtail-localize's snippet API (`/admin/localize/api/snippets/<app>/<model>/`) lists every
object of any snippet model to any admin user; the translation editor uses it to show
snippet titles. Shadowed here (our admin URLs are registered before wagtail-localize's)
by the same view with the model's permission policy applied.

wagtail-localize's translations report (`/admin/localize/reports/translations/`) checks no permission at all and
lists the translations of every page, drafts of other wards' campaigns included. Shadowed the same way: open to
those who work on pages (as our translation status report beside it), and listing the pages they may explore.
"""

from django.urls import path
from wagtail.permissions import policy_registry
from wagtail_localize.views.snippets_api import SnippetViewSet

from languages.translation_report import UnitScopedTranslationsReportView


class PolicyCheckedSnippetAPI(SnippetViewSet):
    def get_queryset(self):
        policy = policy_registry.get_by_type(self.get_model())
        return policy.instances_user_has_any_permission_for(self.request.user, ["view", "change"])


def localize_snippet_api_urls():
    return [
        path("localize/reports/translations/", UnitScopedTranslationsReportView.as_view()),
        path("localize/reports/translations/results/", UnitScopedTranslationsReportView.as_view(results_only=True)),
        path(
            "localize/api/snippets/<slug:app_label>/<slug:model_name>/",
            PolicyCheckedSnippetAPI.as_view({"get": "list"}),
            name="loa_localize_snippets_api_listing",
        ),
        path(
            "localize/api/snippets/<slug:app_label>/<slug:model_name>/<str:pk>/",
            PolicyCheckedSnippetAPI.as_view({"get": "retrieve"}),
            name="loa_localize_snippets_api_detail",
        ),
    ]
