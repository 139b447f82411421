from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from campaigns import action_menu, home_panels
from campaigns.admin_views import LoaPagesAdminAPIViewSet, LoaPageViewSet
from campaigns.models import CampaignPage, GuidePage, Metric, PublicService, ServiceIndexPage, VideoPage
from campaigns.reports import GuidesPastReviewView
from core.admin import ViewPermissionMenuItem


class MetricViewSet(SnippetViewSet):
    model = Metric
    icon = "table"
    menu_label = _("Chỉ tiêu đo lường")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "slug", "unit"]
    search_fields = ["name", "slug"]


class PublicServiceViewSet(SnippetViewSet):
    model = PublicService
    icon = "list-ul"
    menu_label = _("Dịch vụ thiết yếu")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["name", "agency", "fully_online", "guide"]
    list_filter = ["fully_online", "agency"]
    search_fields = ["name", "agency"]


register_snippet(MetricViewSet)
register_snippet(PublicServiceViewSet)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/guides-past-review/", GuidesPastReviewView.as_view(), name="campaigns_guides_past_review"),
        path(
            "reports/guides-past-review/results/",
            GuidesPastReviewView.as_view(results_only=True),
            name="campaigns_guides_past_review_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_guides_past_review_menu_item():
    return ViewPermissionMenuItem(
        _("Hướng dẫn quá hạn rà soát"),
        reverse("campaigns_guides_past_review"),
        icon_name="time",
        order=100,
        view_class=GuidesPastReviewView,
    )


@hooks.register("before_move_page")
def refuse_a_move_the_user_may_not_make(request, page, destination):
    """Wagtail's move confirmation page (GET) shows both pages before any check; the move itself is checked."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


@hooks.register("construct_admin_api")
def check_permission_before_publishing_through_the_api(router):
    router.register_endpoint("pages", LoaPagesAdminAPIViewSet)


@hooks.register("register_admin_viewset")
def register_page_viewsets():
    """Our page types use Wagtail's page views, but a failed publication on approval is a message, not a 500."""
    return [
        LoaPageViewSet(model.__name__.lower(), model=model)
        for model in (CampaignPage, GuidePage, VideoPage, ServiceIndexPage)
    ]


# Late, after the packages have added theirs: this removes what does not fit the person.
@hooks.register("construct_homepage_panels", order=1000)
def shape_home_panels(request, panels):
    home_panels.shape_home_panels(request, panels)


@hooks.register("construct_homepage_summary_items", order=1000)
def shape_summary_items(request, items):
    home_panels.shape_summary_items(request, items)


@hooks.register("construct_page_action_menu")
def say_gui_duyet(menu_items, request, context):
    action_menu.say_gui_duyet(menu_items, request, context)
