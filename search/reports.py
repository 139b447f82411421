"""Admin report: what citizens searched for and did not find, per week, so that editors write the missing guide."""

import django_filters
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
