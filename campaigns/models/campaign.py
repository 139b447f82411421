from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from campaigns.caching import PublicCacheMixin
from campaigns.forms import CampaignPageForm
from campaigns.permissions import UnitScopedPageMixin
from campaigns.slugs import VietnameseSlugMixin


class CampaignPage(UnitScopedPageMixin, PublicCacheMixin, VietnameseSlugMixin, Page):
    """A campaign: its period, goal and targets, with its guides and video walkthroughs under it."""

    owner_unit = models.ForeignKey(
        "places.AdministrativeUnit",
        verbose_name=_("đơn vị phụ trách"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Xã/phường hoặc tỉnh chịu trách nhiệm về nội dung: chỉ biên tập viên và lãnh đạo của đơn vị này "
            "(hoặc cấp trên) được sửa và duyệt. Để trống: nội dung chung của cả hệ thống."
        ),
    )
    intro = models.CharField(_("tóm tắt"), max_length=300, blank=True)
    goal = RichTextField(_("mục tiêu"), blank=True, features=["bold", "italic", "ol", "ul", "link"])
    starts_on = models.DateField(_("bắt đầu"), null=True, blank=True)
    ends_on = models.DateField(_("kết thúc"), null=True, blank=True)
    fallback_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("trang dự phòng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Nơi mã QR đã in dẫn tới khi mã bị thu hồi hoặc trang đích không còn. Để trống: trang chiến dịch."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("owner_unit", required_on_save=True),
        FieldPanel("intro"),
        FieldPanel("goal"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")], heading=_("Thời gian")),
        MultiFieldPanel([InlinePanel("targets", label=_("Chỉ tiêu"))], heading=_("Chỉ tiêu của chiến dịch")),
        PageChooserPanel("fallback_page"),
    ]

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("goal")]

    base_form_class = CampaignPageForm
    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.GuidePage", "campaigns.VideoPage"]

    class Meta:
        verbose_name = _("chiến dịch")
        verbose_name_plural = _("chiến dịch")

    def clean(self) -> None:
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Ngày kết thúc phải sau ngày bắt đầu.")})

    def get_fallback_page(self) -> Page:
        """Where a retired or broken code of this campaign lands."""
        fallback = self.fallback_page
        if fallback is not None and fallback.live:
            return fallback
        return self

    def get_context(self, request, *args, **kwargs):
        from campaigns.models.guide import GuidePage
        from campaigns.models.video import VideoPage

        context = super().get_context(request, *args, **kwargs)
        context["guides"] = GuidePage.objects.child_of(self).live().public().specific().order_by("path")
        context["videos"] = VideoPage.objects.child_of(self).live().public().order_by("path")
        return context


class CampaignTarget(Orderable):
    """A campaign's target: reach this share of the metric's denominator by a deadline."""

    campaign = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="targets")
    metric = models.ForeignKey("campaigns.Metric", verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT)
    target_percent = models.DecimalField(
        _("tỷ lệ mục tiêu (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0.01), MaxValueValidator(100)],
    )
    deadline = models.DateField(_("hạn"))

    panels = [FieldPanel("metric"), FieldPanel("target_percent"), FieldPanel("deadline")]

    class Meta(Orderable.Meta):
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")

    def __str__(self) -> str:
        return f"{self.metric}: {self.target_percent}% ({self.deadline:%d/%m/%Y})"
