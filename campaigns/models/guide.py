import datetime as dt

from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from campaigns.blocks import ChecklistBlock, StepsBlock
from campaigns.caching import PublicCacheMixin
from campaigns.landing import LandingPageMixin
from campaigns.permissions import UnitScopedPageMixin
from campaigns.slugs import VietnameseSlugMixin

REVIEW_INTERVAL = dt.timedelta(days=180)


def default_review_by() -> dt.date:
    return timezone.localdate() + REVIEW_INTERVAL


class GuidePage(LandingPageMixin, UnitScopedPageMixin, PublicCacheMixin, VietnameseSlugMixin, Page):
    """A step-by-step guide (the GOV.UK "step by step" pattern) that a scanned code lands on."""

    intro = models.CharField(_("tóm tắt"), max_length=300, help_text=_("Một câu: hướng dẫn này giúp làm gì."))
    estimated_minutes = models.PositiveSmallIntegerField(_("thời gian ước tính (phút)"), null=True, blank=True)
    what_you_need = StreamField(ChecklistBlock(), verbose_name=_("cần chuẩn bị"), blank=True)
    steps = StreamField(StepsBlock(), verbose_name=_("các bước"))
    related_services = ParentalManyToManyField(
        "campaigns.PublicService", verbose_name=_("dịch vụ công liên quan"), blank=True, related_name="guides"
    )
    video = models.ForeignKey(
        "campaigns.VideoPage",
        verbose_name=_("video hướng dẫn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    still_stuck = RichTextField(
        _("vẫn chưa làm được?"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Để trống để dùng lời nhắn chung: đến Bộ phận Một cửa hoặc Điểm dịch vụ công của xã, phường."),
    )
    review_by = models.DateField(
        _("rà soát trước ngày"),
        default=default_review_by,
        help_text=_("Thủ tục thay đổi: đến ngày này cần kiểm tra lại nội dung hướng dẫn."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("estimated_minutes"),
        FieldPanel("what_you_need"),
        FieldPanel("steps"),
        MultiFieldPanel(
            [
                FieldPanel("related_services"),
                PageChooserPanel("video", "campaigns.VideoPage"),
                FieldPanel("still_stuck"),
            ],
            heading=_("Liên quan và hỗ trợ"),
        ),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("review_by")]

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("steps"),
        # Step titles count more than step text in site search ranking (they name what the citizen wants to do).
        index.SearchField("step_titles", boost=1.5),
        index.AutocompleteField("intro"),
    ]
    api_fields = [
        APIField("intro"),
        APIField("estimated_minutes"),
        APIField("what_you_need"),
        APIField("steps"),
        APIField("related_services"),
        APIField("review_by"),
    ]

    parent_page_types = ["campaigns.CampaignPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("hướng dẫn từng bước")
        verbose_name_plural = _("hướng dẫn từng bước")

    def step_titles(self) -> str:
        """The titles of the steps, one per line, for the search index."""
        return "\n".join(step.value["title"] for step in self.steps if step.block_type == "step")

    @property
    def is_past_review(self) -> bool:
        return self.review_by < timezone.localdate()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: the cached fragment of the template reads it only on a cache miss.
        context["related"] = self.related_services.all()
        return context

    def how_to_json_ld(self) -> dict:
        """schema.org HowTo, so that search engines can show the steps."""
        data = {
            "@context": "https://schema.org",
            "@type": "HowTo",
            "name": self.title,
            "description": self.intro,
            "inLanguage": self.locale.language_code,
            "step": [
                {
                    "@type": "HowToStep",
                    "position": position,
                    "name": step.value["title"],
                    "text": strip_tags(step.value["body"].source).strip(),
                    "url": f"{self.full_url}#buoc-{position}",
                }
                for position, step in enumerate(self.steps, start=1)
            ],
        }
        if self.estimated_minutes:
            data["totalTime"] = f"PT{self.estimated_minutes}M"
        supplies = [item.value for item in self.what_you_need]
        if supplies:
            data["supply"] = [{"@type": "HowToSupply", "name": name} for name in supplies]
        return data
