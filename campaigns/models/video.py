from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from campaigns.caching import PublicCacheMixin
from campaigns.embeds import VideoEmbed, parse_video_embed
from campaigns.forms import VideoPageForm
from campaigns.landing import LandingPageMixin
from campaigns.permissions import UnitScopedPageMixin
from campaigns.slugs import VietnameseSlugMixin


class VideoPage(LandingPageMixin, UnitScopedPageMixin, PublicCacheMixin, VietnameseSlugMixin, Page):
    """A video walkthrough: a self-hosted MP4 with captions and a transcript, or an embed behind a facade."""

    intro = models.CharField(_("tóm tắt"), max_length=300, blank=True)
    video_file = models.ForeignKey(
        settings.WAGTAILMEDIA["MEDIA_MODEL"],
        verbose_name=_("tệp video (tự lưu trữ)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    embed_url = models.URLField(
        _("hoặc: đường dẫn YouTube/Facebook"),
        blank=True,
        help_text=_("Người xem chỉ tải video từ YouTube/Facebook khi bấm phát."),
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    transcript = RichTextField(
        _("lời thoại (bản chữ)"),
        features=["bold", "italic", "ol", "ul", "link"],
        help_text=_("Toàn bộ lời nói trong video, cho người không nghe được hoặc mạng chậm."),
    )

    base_form_class = VideoPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("video_file"), FieldPanel("embed_url"), FieldPanel("poster")], heading=_("Video")),
        InlinePanel("captions", label=_("Phụ đề (WebVTT)"), heading=_("Phụ đề")),
        FieldPanel("transcript"),
        InlinePanel("chapters", label=_("Chương"), heading=_("Các chương (mốc thời gian)")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("transcript")]
    api_fields = [APIField("intro"), APIField("embed_url"), APIField("transcript"), APIField("chapters")]

    parent_page_types = ["campaigns.CampaignPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("video hướng dẫn")
        verbose_name_plural = _("video hướng dẫn")

    @cached_property
    def embed(self) -> VideoEmbed | None:
        return parse_video_embed(self.embed_url) if self.embed_url and not self.video_file_id else None


class VideoCaption(Orderable):
    video = ParentalKey(VideoPage, on_delete=models.CASCADE, related_name="captions")
    language = models.CharField(_("ngôn ngữ"), max_length=12, choices=settings.LANGUAGES)
    file = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("tệp phụ đề .vtt"), on_delete=models.PROTECT, related_name="+"
    )

    panels = [FieldPanel("language"), FieldPanel("file")]

    class Meta(Orderable.Meta):
        verbose_name = _("phụ đề")
        constraints = [models.UniqueConstraint(fields=["video", "language"], name="campaigns_one_caption_per_language")]


class VideoChapter(Orderable):
    """A timestamp in the video, optionally pointing into a step of a guide."""

    video = ParentalKey(VideoPage, on_delete=models.CASCADE, related_name="chapters")
    start_seconds = models.PositiveIntegerField(_("bắt đầu (giây)"))
    title = models.CharField(_("tên chương"), max_length=160)
    guide = models.ForeignKey(
        "campaigns.GuidePage", verbose_name=_("hướng dẫn"), null=True, blank=True, on_delete=models.SET_NULL
    )
    step_number = models.PositiveSmallIntegerField(_("bước số"), null=True, blank=True)

    panels = [FieldPanel("start_seconds"), FieldPanel("title"), PageChooserPanel("guide"), FieldPanel("step_number")]
    api_fields = [APIField("start_seconds"), APIField("title"), APIField("step_number")]

    class Meta(Orderable.Meta):
        verbose_name = _("chương")

    def clean(self) -> None:
        if self.step_number and not self.guide_id:
            raise ValidationError({"guide": _("Chọn hướng dẫn có bước này.")})

    @property
    def timestamp(self) -> str:
        minutes, seconds = divmod(self.start_seconds, 60)
        return f"{minutes}:{seconds:02d}"
