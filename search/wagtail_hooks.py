from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from search.models import PinnedSearchResult, SearchSynonym
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


class PrefilledCreateView(CreateView):
    """The create form filled from the address (?tu_khoa=…), so that the zero-result report's "Thêm từ đồng nghĩa" and
    "Ghim kết quả" open with the query already typed: one click there, one on Save."""

    prefilled_field = ""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or self.model()
        query = self.request.GET.get("tu_khoa", "")[:100]
        if query and "\x00" not in query:
            setattr(instance, self.prefilled_field, query)
        return instance


class SynonymCreateView(PrefilledCreateView):
    prefilled_field = "terms"


class PinCreateView(PrefilledCreateView):
    prefilled_field = "query"


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = _("Từ đồng nghĩa")
    url_prefix = "search/synonyms"
    add_view_class = SynonymCreateView
    list_display = ["__str__", "one_way"]
    search_fields = ["terms"]
    panels = [FieldPanel("terms"), FieldPanel("one_way")]


class PinnedSearchResultViewSet(SnippetViewSet):
    model = PinnedSearchResult
    icon = "pick"
    menu_label = _("Kết quả gợi ý")
    url_prefix = "search/pinned"
    add_view_class = PinCreateView
    list_display = ["query", "page"]
    search_fields = ["query"]
    panels = [FieldPanel("query"), PageChooserPanel("page", ["campaigns.GuidePage", "campaigns.VideoPage"])]


register_snippet(SearchSynonymViewSet)
register_snippet(PinnedSearchResultViewSet)
