"""Admin report: guides past their review date (procedures change; a printed code must not land on stale steps)."""

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

from campaigns.models import GuidePage

# What the report (and the home panel that links to it) lets a person do: write or approve the guide.
REVIEW_ACTIONS = ("add", "change", "publish")


def guides_past_review(*, user) -> QuerySet[GuidePage]:
    """Guides whose review date has passed, among those the user may change: their units' (unit policy), oldest first.

    The page policy keeps out the campaigns of other units; the permission tester then keeps only the guides this
    person may edit (a ward reads the province's guides but does not change them), as the editor's page does.
    """
    policy: PagePermissionPolicy = policy_registry.get_by_type(Page)
    scoped = policy.instances_user_has_any_permission_for(user, REVIEW_ACTIONS)
    candidates = GuidePage.objects.filter(review_by__lt=timezone.localdate(), pk__in=scoped.values("pk"))
    editable = [guide.pk for guide in candidates if guide.permissions_for_user(user).can_edit()]
    return GuidePage.objects.filter(pk__in=editable).order_by("review_by", "title")


class GuidesPastReviewView(PageReportView):
    page_title = _("Hướng dẫn quá hạn rà soát")
    header_icon = "time"
    results_template_name = "campaigns/reports/guides_past_review_results.html"
    index_url_name = "campaigns_guides_past_review"
    index_results_url_name = "campaigns_guides_past_review_results"
    any_permission_required = list(REVIEW_ACTIONS)
    list_export = ["title", "review_by", "status_string"]
    export_headings = {"title": _("Hướng dẫn"), "review_by": _("Rà soát trước ngày"), "status_string": _("Trạng thái")}

    def get_queryset(self):
        # Scoped by unit like its home panel: a ward editor sees their own ward's guides, not every ward's.
        return guides_past_review(user=self.request.user)
