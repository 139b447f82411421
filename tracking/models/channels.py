from django.db import models
from django.utils.translation import gettext_lazy as _


class ChannelKind(models.TextChoices):
    PRINT = "print", _("Ấn phẩm, pa-nô")
    SOUND = "sound", _("Âm thanh (loa)")
    SCREEN = "screen", _("Màn hình (LED, truyền hình)")
    DIGITAL = "digital", _("Trực tuyến")
    PEOPLE = "people", _("Trực tiếp (hội nghị, tổ hướng dẫn)")


class Channel(models.Model):
    """A communication channel the plans name: pa-nô, loa truyền thanh, Zalo… Editors can add more."""

    slug = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên kênh"), max_length=120, unique=True)
    kind = models.CharField(_("loại kênh"), max_length=16, choices=ChannelKind.choices)
    province_wide = models.BooleanField(
        _("toàn tỉnh"),
        default=False,
        help_text=_("Kênh cấp tỉnh (truyền hình tỉnh, App công dân số, cổng thông tin): đặt ở tỉnh, không ở từng xã."),
    )
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("kênh tuyên truyền")
        verbose_name_plural = _("kênh tuyên truyền")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_sound(self) -> bool:
        """Sound channels also get a numeric code that can be read aloud."""
        return self.kind == ChannelKind.SOUND
