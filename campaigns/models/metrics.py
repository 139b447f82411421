from django.db import models
from django.utils.translation import gettext_lazy as _


class Metric(models.Model):
    """What a campaign counts: VNeID level-2 activations, public-service accounts, residents…

    Kept here, in content, because campaign targets name them and the insights app imports them.
    """

    slug = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên chỉ tiêu"), max_length=200, unique=True)
    unit = models.CharField(_("đơn vị tính"), max_length=60, blank=True, help_text=_("ví dụ: tài khoản, hồ sơ, người"))
    description = models.TextField(_("giải thích"), blank=True)

    class Meta:
        verbose_name = _("chỉ tiêu đo lường")
        verbose_name_plural = _("chỉ tiêu đo lường")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
