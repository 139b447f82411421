from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Màu viết dạng #RRGGBB, ví dụ #A3141B."))


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
        FieldPanel("image"),
        FieldRowPanel([FieldPanel("primary_colour"), FieldPanel("accent_colour")], heading=_("Màu sắc")),
        InlinePanel("logos", label=_("Logo cơ quan ban hành"), max_num=4),
        FieldPanel("footer"),
        FieldPanel("script_intro"),
    ]

    class Meta:
        verbose_name = _("mẫu ấn phẩm")
        verbose_name_plural = _("mẫu ấn phẩm")

    def __str__(self) -> str:
        return f"{self.campaign}: {self.headline}"

    @property
    def steps(self) -> list[str]:
        return [step for step in (self.step_1, self.step_2, self.step_3, self.step_4) if step.strip()]


class PrintTemplateLogo(Orderable):
    template = ParentalKey(PrintTemplate, on_delete=models.CASCADE, related_name="logos")
    image = models.ForeignKey("wagtailimages.Image", verbose_name=_("logo"), on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("tên cơ quan"), max_length=120)

    panels = [FieldPanel("image"), FieldPanel("name")]
