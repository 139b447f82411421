"""The read-only content API (Wagtail API v2) for the citizen app and the portal."""

from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet

from campaigns.models import GuidePage, PublicService, VideoPage
from core.api import BoundedQueryMixin


class ContentPagesAPIViewSet(BoundedQueryMixin, PagesAPIViewSet):
    """Only guides and video walkthroughs: the pages a citizen app shows."""

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        return queryset.type(GuidePage, VideoPage)


class PublicServicesAPIViewSet(BoundedQueryMixin, BaseAPIViewSet):
    model = PublicService
    body_fields = [*BaseAPIViewSet.body_fields, "name", "agency", "fully_online", "portal_url", "guide"]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "name", "agency", "fully_online", "portal_url"]
    name = "services"

    def get_queryset(self):
        return PublicService.objects.select_related("guide").order_by("sort_order", "name")
