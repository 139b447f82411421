import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeviceClass(models.TextChoices):
    MOBILE = "mobile", _("Điện thoại")
    TABLET = "tablet", _("Máy tính bảng")
    DESKTOP = "desktop", _("Máy tính")
    BOT = "bot", _("Máy tự động")


class ScanEvent(models.Model):
    """One scan of one code: no IP address, no user agent, no identifier of a person.

    `visitor_hash` is a keyed hash of (IP, user agent) with a salt that exists for one
    day and is deleted the next (see tracking.privacy); it only lets us estimate unique
    visitors and repeats within a day.
    """

    event_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    occurred_at = models.DateTimeField(_("thời điểm"), db_index=True)
    placement = models.ForeignKey(
        "tracking.Placement", verbose_name=_("điểm đặt mã"), on_delete=models.PROTECT, related_name="scans"
    )
    device_class = models.CharField(_("thiết bị"), max_length=8, choices=DeviceClass.choices)
    language = models.CharField(_("ngôn ngữ máy"), max_length=12, blank=True)
    visitor_hash = models.CharField(max_length=32, blank=True)
    is_bot = models.BooleanField(_("máy tự động"), default=False)
    is_head = models.BooleanField(default=False)
    is_repeat = models.BooleanField(_("quét lặp lại"), default=False)
    landed_on_fallback = models.BooleanField(_("dẫn về trang dự phòng"), default=False)

    class Meta:
        verbose_name = _("lượt quét")
        verbose_name_plural = _("lượt quét")
        indexes = [models.Index(fields=["placement", "occurred_at"], name="tracking_scan_placement_time")]

    def __str__(self) -> str:
        return f"{self.placement_id} @ {self.occurred_at:%Y-%m-%d %H:%M}"


class DailySalt(models.Model):
    """The random salt of one day's visitor hashes. At most today's and yesterday's exist."""

    day = models.DateField(primary_key=True)
    salt = models.BinaryField(max_length=32)

    class Meta:
        verbose_name = _("muối băm theo ngày")

    def __str__(self) -> str:
        return self.day.isoformat()
