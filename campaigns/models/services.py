from urllib.parse import urlparse

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from campaigns.caching import PublicCacheMixin
from campaigns.permissions import UnitScopedPageMixin
from campaigns.slugs import VietnameseSlugMixin
from core.text import ascii_slug


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
    # What the service's own page shows when it has no guide (null: the columns come without a default).
    steps = models.TextField(_("các bước"), null=True, blank=True, help_text=_("Mỗi dòng một bước."))
    documents = models.TextField(_("giấy tờ cần mang"), null=True, blank=True, help_text=_("Mỗi dòng một giấy tờ."))
    fee = models.CharField(_("lệ phí"), max_length=200, null=True, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("agency"),
        FieldPanel("fully_online"),
        FieldPanel("portal_url"),
        PageChooserPanel("guide", "campaigns.GuidePage"),
        FieldPanel("steps"),
        FieldPanel("documents"),
        FieldPanel("fee"),
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

    @property
    def step_list(self) -> list[str]:
        return [line.strip() for line in (self.steps or "").splitlines() if line.strip()]

    @property
    def document_list(self) -> list[str]:
        return [line.strip() for line in (self.documents or "").splitlines() if line.strip()]

    def slug(self) -> str:
        return ascii_slug(self.name)[:60].strip("-")


class ServiceIndexPage(RoutablePageMixin, UnitScopedPageMixin, PublicCacheMixin, VietnameseSlugMixin, Page):
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

    @path("")
    def catalogue(self, request):
        return self.render(request)

    @re_path(r"^(?P<pk>[0-9]{1,9})(?:-[a-z0-9-]{0,80})?/$")
    def service(self, request, pk):
        """One service's own page: what it is, its steps, what to bring, the fee and the portal's deep link, so that
        a search or a link never drops the citizen on the portal's home page."""
        service = PublicService.objects.select_related("guide").filter(pk=int(pk)).first()
        if service is None:
            raise Http404
        return self.render(
            request, context_overrides={"service": service}, template="campaigns/public_service_page.html"
        )

    def service_url(self, service: "PublicService") -> str:
        return self.url + self.reverse_subpage("service", kwargs={"pk": service.pk}).rstrip("/") + f"-{service.slug()}/"
