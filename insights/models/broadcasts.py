from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tracking.models import ChannelKind

# Only channels that cannot be clicked are logged as airings: loudspeakers, local TV, LED boards.
BROADCAST_CHANNEL_KINDS = (ChannelKind.SOUND, ChannelKind.SCREEN)


class BroadcastAiring(models.Model):
    """One airing of a sound or screen channel in a unit: loudspeaker bulletin, local TV spot, LED loop."""

    channel = models.ForeignKey(
        "tracking.Channel",
        verbose_name=_("kênh"),
        on_delete=models.PROTECT,
        related_name="airings",
        limit_choices_to={"kind__in": BROADCAST_CHANNEL_KINDS},
    )
    unit = models.ForeignKey(
        "places.AdministrativeUnit",
        verbose_name=_("địa bàn"),
        on_delete=models.PROTECT,
        related_name="airings",
    )
    aired_at = models.DateTimeField(_("phát lúc"), db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(_("thời lượng (phút)"), default=5)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("lượt phát sóng")
        verbose_name_plural = _("lượt phát sóng")
        ordering = ["-aired_at"]

    def __str__(self) -> str:
        return f"{self.channel} · {self.unit} · {self.aired_at:%Y-%m-%d %H:%M}"
