from urllib.parse import urlparse

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from campaigns.caching import PublicCacheMixin
from campaigns.permissions import UnitScopedPageMixin
from campaigns.slugs import VietnameseSlugMixin


def validate_government_url(url: str) -> None:
    """Portal links may only point at the government hosts of settings.LOA_GOVERNMENT_HOSTS."""
    host = (urlparse(url).hostname or "").lower()
    allowed = settings.LOA_GOVERNMENT_HOSTS
    if urlparse(url).scheme != "https" or not any(host == h or host.endswith("." + h) for h in allowed):
        raise ValidationError(
            _("Chỉ được liên kết tới cổng của cơ quan nhà nước qua https (%(hosts)s).") % {"hosts": ", ".join(allowed)}
        )


class PublicService(index.Indexed, models.Model):
    """An essential online public service (the national list of 25, later 53), kept by editors."""

    name = models.CharField(_("tên dịch vụ"), max_length=255, unique=True)
    agency = models.CharField(_("cơ quan chủ trì"), max_length=150)
    fully_online = models.BooleanField(
        _("trực tuyến toàn trình"), default=False, help_text=_("Làm được toàn bộ trên mạng, không phải đến nộp giấy.")
    )
    portal_url = models.URLField(
        _("đường dẫn cổng dịch vụ công"), blank=True, validators=[validate_government_url], max_length=300
    )
    guide = models.ForeignKey(
        "campaigns.GuidePage",
        verbose_name=_("hướng dẫn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("agency"),
        FieldPanel("fully_online"),
        FieldPanel("portal_url"),
        PageChooserPanel("guide", "campaigns.GuidePage"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.SearchField("agency"),
        index.AutocompleteField("name"),
        index.FilterField("fully_online"),
    ]
    api_fields = [APIField("name"), APIField("agency"), APIField("fully_online"), APIField("portal_url")]

    class Meta:
        verbose_name = _("dịch vụ công thiết yếu")
        verbose_name_plural = _("dịch vụ công thiết yếu")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class ServiceIndexPage(UnitScopedPageMixin, PublicCacheMixin, VietnameseSlugMixin, Page):
    """The catalogue of essential services, filterable by agency and by "fully online".

    It belongs to no unit: only superusers change, publish or unpublish it.
    """

    intro = RichTextField(_("lời giới thiệu"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("danh mục dịch vụ công")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        services = PublicService.objects.select_related("guide")
        agencies = sorted(set(services.values_list("agency", flat=True)))
        agency = request.GET.get("co_quan", "").strip()
        online_only = request.GET.get("truc_tuyen") == "1"
        if agency in agencies:
            services = services.filter(agency=agency)
        else:
            agency = ""
        if online_only:
            services = services.filter(fully_online=True)
        context.update(services=services, agencies=agencies, agency=agency, online_only=online_only)
        return context
