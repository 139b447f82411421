"""The content API as the citizen app sees it: each guide carries its code of the "app" channel.

Content (campaigns) knows nothing of codes, so the tracked endpoint lives here and website/urls.py mounts it.
"""

from django.core.cache import cache
from rest_framework.fields import Field
from wagtail.api.v2.serializers import PageSerializer

from campaigns.api import ContentPagesAPIViewSet
from tracking.exports import scan_url
from tracking.models import Placement

APP_CHANNEL = "app-cong-dan-so"
APP_CODES_CACHE_KEY = "tracking:app-codes"


def app_codes() -> dict[int, str]:
    """Target page id → short code of the app channel's placements (cached briefly)."""
    codes = cache.get(APP_CODES_CACHE_KEY)
    if codes is None:
        codes = dict(
            Placement.objects.filter(channel__slug=APP_CHANNEL, target_page__isnull=False, status="active")
            .order_by("pk")
            .values_list("target_page_id", "short_code")
        )
        cache.set(APP_CODES_CACHE_KEY, codes, 300)
    return codes


class AppUrlField(Field):
    """The tracked address to open this page from the citizen app: scans then count as the app channel."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, page) -> str | None:
        code = app_codes().get(page.pk)
        return scan_url(code) if code else None


class TrackedPageSerializer(PageSerializer):
    app_url = AppUrlField()


class TrackedContentPagesAPIViewSet(ContentPagesAPIViewSet):
    base_serializer_class = TrackedPageSerializer
    body_fields = [*ContentPagesAPIViewSet.body_fields, "app_url"]
    listing_default_fields = [*ContentPagesAPIViewSet.listing_default_fields, "app_url"]
