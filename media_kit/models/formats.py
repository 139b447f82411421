from django.db import models
from django.utils.translation import gettext_lazy as _


class OutputKind(models.TextChoices):
    PDF = "pdf", _("PDF in ấn")
    PNG = "png", _("Ảnh PNG (màn hình, mạng xã hội)")
    SCRIPT = "script", _("Kịch bản đọc trên loa (văn bản)")
    SHEET = "sheet", _("Tờ nhãn dán A4 (nhiều mã, có đường cắt)")


class PrintFormat(models.Model):
    """A thing to print or broadcast: pa-nô 300×150 cm, áp-phích A3, slide 1920×1080, loudspeaker script…"""

    slug = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=120, unique=True)
    kind = models.CharField(_("loại"), max_length=8, choices=OutputKind.choices)
    width_mm = models.DecimalField(_("rộng (mm)"), max_digits=7, decimal_places=1, null=True, blank=True)
    height_mm = models.DecimalField(_("cao (mm)"), max_digits=7, decimal_places=1, null=True, blank=True)
    bleed_mm = models.DecimalField(_("tràn lề (mm)"), max_digits=4, decimal_places=1, default=3)
    width_px = models.PositiveIntegerField(_("rộng (px)"), null=True, blank=True)
    height_px = models.PositiveIntegerField(_("cao (px)"), null=True, blank=True)
    reading_distance_m = models.DecimalField(
        _("khoảng cách đọc (m)"),
        max_digits=5,
        decimal_places=2,
        default=1,
        help_text=_("Mã QR được in rộng ít nhất bằng khoảng cách đọc chia 10."),
    )
    sides = models.PositiveSmallIntegerField(_("số mặt"), default=1)
    channels = models.ManyToManyField("tracking.Channel", verbose_name=_("kênh"), related_name="formats")
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    # The order basket's per-item cap: copies of this format one ward may order in one order.
    order_cap = models.PositiveIntegerField(
        _("số bản tối đa mỗi đơn"),
        default=100,
        # db_default: the previous release's code can still insert formats during a deploy.
        db_default=100,
        help_text=_("Số bản tối đa một xã/phường được đặt in trong một đơn; 0 là không cho đặt in."),
    )

    class Meta:
        verbose_name = _("định dạng ấn phẩm")
        verbose_name_plural = _("định dạng ấn phẩm")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def min_qr_mm(self) -> float:
        """The smallest printed QR that can be read from the format's reading distance (distance ÷ 10)."""
        return float(self.reading_distance_m) * 1000 / 10

    @property
    def output(self):
        """The kind's entry in the registry (media_kit.outputs): extension, renderer, printed or not."""
        from media_kit.outputs import output_for

        return output_for(self)

    @property
    def is_printed(self) -> bool:
        return self.output.printed

    @property
    def is_landscape(self) -> bool:
        if self.output.page_unit == "pt":
            return (self.width_px or 0) > (self.height_px or 0)
        return (self.width_mm or 0) > (self.height_mm or 0)
