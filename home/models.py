from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from campaigns.caching import PublicCacheMixin
from campaigns.permissions import UnitScopedPageMixin
from campaigns.slugs import VietnameseSlugMixin


class HomePage(UnitScopedPageMixin, PublicCacheMixin, VietnameseSlugMixin, Page):
    """The portal's front page: the top tasks first, then what the campaign is about.

    It belongs to no unit: only superusers change it or add campaigns under it.
    """

    intro = models.CharField(_("lời giới thiệu"), max_length=300, blank=True)
    body = RichTextField(_("nội dung"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("top_tasks", label=_("Việc cần làm"), heading=_("Việc người dân hay cần làm"), max_num=8),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang chủ")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        tasks = self.top_tasks.filter(page__live=True).select_related("page")
        context["top_tasks"] = [task.page.specific_deferred for task in tasks]
        return context


class HomeTopTask(Orderable):
    """A guide the front page leads with ("Cài VNeID", "Kích hoạt mức độ 2"…)."""

    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="top_tasks")
    page = models.ForeignKey("wagtailcore.Page", verbose_name=_("trang"), on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("page", ["campaigns.GuidePage", "campaigns.VideoPage", "campaigns.ServiceIndexPage"])]

    class Meta(Orderable.Meta):
        verbose_name = _("việc cần làm")
