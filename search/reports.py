"""Admin report: what citizens searched for and did not find, per week, so that editors write the missing guide."""

from urllib.parse import urlencode

import django_filters
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from search.models import SearchQueryLog
from search.selectors import zero_result_weeks

# Those who may write pages may read what citizens could not find.
EDITOR_PERMISSIONS = ["add", "change", "publish"]


def week_choices(request=None) -> list[tuple[str, str]]:
    return [(week.isoformat(), week.strftime("%d/%m/%Y")) for week in zero_result_weeks()]


class ZeroResultSearchFilterSet(WagtailFilterSet):
    week = django_filters.ChoiceFilter(label=_("Tuần (bắt đầu thứ Hai)"), choices=week_choices)

    class Meta:
        model = SearchQueryLog
        fields = ["week"]


class ZeroResultActionsColumn(Column):
    """Two clicks from a query that found nothing to a fix: add it as a synonym, or pin a guide as its answer."""

    cell_template_name = "search/zero_result_actions_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        query = urlencode({"tu_khoa": instance.query})
        context.update(
            synonym_url=f"{reverse('wagtailsnippets_search_searchsynonym:add')}?{query}",
            pin_url=f"{reverse('wagtailsnippets_search_pinnedsearchresult:add')}?{query}",
        )
        return context


class ZeroResultSearchesView(ReportView):
    page_title = _("Tìm kiếm không có kết quả")
    header_icon = "search"
    index_url_name = "search_zero_result_searches"
    index_results_url_name = "search_zero_result_searches_results"
    permission_policy = PagePermissionPolicy()
    any_permission_required = EDITOR_PERMISSIONS
    filterset_class = ZeroResultSearchFilterSet
    model = SearchQueryLog
    columns = [
        Column("week", label=_("Tuần (thứ Hai)"), accessor="week_label"),
        Column("query", label=_("Từ khóa (không dấu)")),
        Column("zero_result_searches", label=_("Lượt không có kết quả")),
        Column("searches", label=_("Lượt tìm")),
        ZeroResultActionsColumn("actions", label=_("Xử lý")),
    ]
    list_export = ["week", "query", "zero_result_searches", "searches"]
    export_headings = {
        "week": _("Tuần (thứ Hai)"),
        "query": _("Từ khóa (không dấu)"),
        "zero_result_searches": _("Lượt không có kết quả"),
        "searches": _("Lượt tìm"),
    }

    def get_queryset(self):
        return SearchQueryLog.objects.filter(zero_result_searches__gt=0).order_by(
            "-week", "-zero_result_searches", "query"
        )
