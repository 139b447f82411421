"""Admin report: guides past their review date (procedures change; a printed code must not land on stale steps)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import PageReportView

from campaigns.models import GuidePage


class GuidesPastReviewView(PageReportView):
    page_title = _("Hướng dẫn quá hạn rà soát")
    header_icon = "time"
    results_template_name = "campaigns/reports/guides_past_review_results.html"
    index_url_name = "campaigns_guides_past_review"
    index_results_url_name = "campaigns_guides_past_review_results"
    any_permission_required = ["add", "change", "publish"]
    list_export = ["title", "review_by", "status_string"]
    export_headings = {"title": _("Hướng dẫn"), "review_by": _("Rà soát trước ngày"), "status_string": _("Trạng thái")}

    def get_queryset(self):
        return GuidePage.objects.filter(review_by__lt=timezone.localdate()).order_by("review_by", "title")
