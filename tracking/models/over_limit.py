from django.db import models
from django.utils.translation import gettext_lazy as _


class OverLimitTaps(models.Model):
    """Taps of "Tôi đã làm xong" past the per-address limit, counted per placement and day.

    Such a tap is not a conversion (it is not stored as one); only this count is kept, so that
    staff can see when a code drew more taps from one address than people plausibly make.
    No address, hash or identifier is stored. A tap that came through no code counts on the
    rows without a placement.
    """

    placement = models.ForeignKey(
        "tracking.Placement",
        verbose_name=_("điểm đặt mã"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="over_limit_taps",
    )
    day = models.DateField(_("ngày"))
    taps = models.PositiveIntegerField(_("lượt bấm vượt giới hạn"), default=0)

    class Meta:
        verbose_name = _("lượt bấm vượt giới hạn")
        verbose_name_plural = _("lượt bấm vượt giới hạn")
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "day"], name="tracking_over_limit_taps_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.placement_id or '-'} @ {self.day:%Y-%m-%d}: {self.taps}"
