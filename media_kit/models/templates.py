from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Màu viết dạng #RRGGBB, ví dụ #A3141B."))


WHAT_TO_BRING = "Thẻ căn cước gắn chip (hoặc CCCD gắn chip)\nĐiện thoại thông minh dùng số thuê bao chính chủ"


class PrintTemplate(ClusterableModel):
    """What a campaign's printed and broadcast materials say; every ward's copy adds its own code and help desk."""

    campaign = models.OneToOneField(
        "campaigns.CampaignPage", verbose_name=_("chiến dịch"), on_delete=models.CASCADE, related_name="print_template"
    )
    headline = models.CharField(_("khẩu hiệu chính"), max_length=120)
    body = models.TextField(_("nội dung"), max_length=400)
    step_1 = models.CharField(_("bước 1"), max_length=90, blank=True)
    step_2 = models.CharField(_("bước 2"), max_length=90, blank=True)
    step_3 = models.CharField(_("bước 3"), max_length=90, blank=True)
    step_4 = models.CharField(_("bước 4"), max_length=90, blank=True)
    call_to_action = models.CharField(_("lời kêu gọi cạnh mã QR"), max_length=80, default="Quét mã để xem hướng dẫn")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("ảnh"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    what_to_bring = models.TextField(
        _("mang theo gì"),
        max_length=300,
        blank=True,
        default=WHAT_TO_BRING,
        # Also in the database, so that code of the previous release can still insert rows during a deploy.
        db_default=WHAT_TO_BRING,
        help_text=_("Mỗi dòng một thứ; in ở mặt sau tờ rơi."),
    )
    primary_colour = models.CharField(_("màu chính"), max_length=7, default="#A3141B", validators=[COLOUR])
    accent_colour = models.CharField(_("màu phụ"), max_length=7, default="#FFD54F", validators=[COLOUR])
    footer = models.CharField(_("chân trang"), max_length=200, blank=True)
    script_intro = models.TextField(
        _("lời mở đầu đọc trên loa"),
        max_length=600,
        blank=True,
        help_text=_("Để trống: đọc khẩu hiệu và nội dung."),
    )

    panels = [
        FieldPanel("campaign"),
        FieldPanel("headline"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("step_1"), FieldPanel("step_2"), FieldPanel("step_3"), FieldPanel("step_4")],
            heading=_("Tối đa 4 bước chính"),
        ),
        FieldPanel("call_to_action"),
        FieldPanel("what_to_bring"),
        FieldPanel("image"),
        FieldRowPanel([FieldPanel("primary_colour"), FieldPanel("accent_colour")], heading=_("Màu sắc")),
        InlinePanel("logos", label=_("Logo cơ quan ban hành"), max_num=4),
        FieldPanel("footer"),
        FieldPanel("script_intro"),
        InlinePanel(
            "translations",
            label=_("Bản dịch"),
            heading=_("Bản dịch cho xã/phường có ngôn ngữ mặc định khác tiếng Việt"),
            help_text=_(
                "Ấn phẩm của xã/phường có ngôn ngữ mặc định là ngôn ngữ này được in song ngữ: "
                "tiếng Việt trước, bản dịch sau. Bản dịch do người biết tiếng viết, không dịch máy."
            ),
        ),
    ]

    class Meta:
        verbose_name = _("mẫu ấn phẩm")
        verbose_name_plural = _("mẫu ấn phẩm")

    def __str__(self) -> str:
        return f"{self.campaign}: {self.headline}"

    @property
    def steps(self) -> list[str]:
        return [step for step in (self.step_1, self.step_2, self.step_3, self.step_4) if step.strip()]

    @property
    def things_to_bring(self) -> list[str]:
        return [line.strip() for line in self.what_to_bring.splitlines() if line.strip()]

    def translation_for(self, language: str) -> "PrintTemplateTranslation | None":
        """The translation into a ward's language, or None (then the material is in Vietnamese only)."""
        if not language or language == settings.LANGUAGE_CODE:
            return None
        return self.translations.filter(language=language).first()


def translation_languages() -> list[tuple[str, str]]:
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class PrintTemplateTranslation(Orderable):
    """The template's words in a ward's language; printed beside the Vietnamese, never instead of it.

    Explicit fields rather than wagtail-localize: a print template belongs to one campaign, and a
    translator fills these few lines right under the Vietnamese ones in the same form.
    """

    template = ParentalKey(PrintTemplate, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("ngôn ngữ"), max_length=8, choices=translation_languages)
    headline = models.CharField(_("khẩu hiệu chính"), max_length=120)
    body = models.TextField(_("nội dung"), max_length=400, blank=True)
    step_1 = models.CharField(_("bước 1"), max_length=90, blank=True)
    step_2 = models.CharField(_("bước 2"), max_length=90, blank=True)
    step_3 = models.CharField(_("bước 3"), max_length=90, blank=True)
    step_4 = models.CharField(_("bước 4"), max_length=90, blank=True)
    call_to_action = models.CharField(_("lời kêu gọi cạnh mã QR"), max_length=80, blank=True)

    panels = [
        FieldPanel("language"),
        FieldPanel("headline"),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("step_1"), FieldPanel("step_2")]),
        FieldRowPanel([FieldPanel("step_3"), FieldPanel("step_4")]),
        FieldPanel("call_to_action"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("bản dịch mẫu ấn phẩm")
        verbose_name_plural = _("bản dịch mẫu ấn phẩm")
        constraints = [
            models.UniqueConstraint(fields=["template", "language"], name="media_kit_one_translation_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.template} ({self.language})"

    @property
    def steps(self) -> list[str]:
        return [step for step in (self.step_1, self.step_2, self.step_3, self.step_4) if step.strip()]


class PrintTemplateLogo(Orderable):
    template = ParentalKey(PrintTemplate, on_delete=models.CASCADE, related_name="logos")
    image = models.ForeignKey("wagtailimages.Image", verbose_name=_("logo"), on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("tên cơ quan"), max_length=120)

    panels = [FieldPanel("image"), FieldPanel("name")]
