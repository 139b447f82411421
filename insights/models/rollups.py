from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyPlacementRollup(models.Model):
    """One placement's day (local date, Asia/Ho_Chi_Minh), computed from raw scan events and conversions.

    The citizen scans of the day (not bots, not HEAD requests) are split three ways, with no overlap
    (see insights.rollups for the exact rules):

    - `scans`, the headline count: citizen scans that are neither repeats nor inside a suspected flood;
    - `repeats`: the same device scanning the same code again within the repeat window;
    - `suspect_scans`: every citizen scan inside an hour the rollup job flagged as a suspected flood
      (insights.bursts), set aside and shown to staff as such.

    `device_days` is the number of distinct visitor hashes among the day's citizen scans outside flagged
    hours: "lượt thiết bị-ngày". It is not a count of people: the hash's salt lives for one day and is
    deleted after 48 hours, so a device is never recognised across days or codes, and many phones share
    one address behind carrier NAT or a commune hall's Wi-Fi. Summed over days and placements it counts
    device-days, never persons.
    """

    day = models.DateField(_("ngày"))
    placement = models.ForeignKey(
        "tracking.Placement",
        verbose_name=_("điểm đặt mã"),
        on_delete=models.CASCADE,
        related_name="daily_rollups",
    )
    scans = models.PositiveIntegerField(_("lượt quét"), default=0)
    device_days = models.PositiveIntegerField(_("lượt thiết bị-ngày"), default=0)
    repeats = models.PositiveIntegerField(_("quét lặp lại"), default=0)
    suspect_scans = models.PositiveIntegerField(_("lượt nghi bất thường (để riêng)"), default=0)
    bots = models.PositiveIntegerField(_("máy tự động"), default=0)
    conversions = models.PositiveIntegerField(_("kết quả"), default=0)

    class Meta:
        verbose_name = _("tổng hợp theo ngày")
        verbose_name_plural = _("tổng hợp theo ngày")
        constraints = [
            models.UniqueConstraint(fields=["day", "placement"], name="insights_daily_rollup_unique"),
        ]
        indexes = [
            models.Index(fields=["day"], name="insights_daily_rollup_day"),
            # A placement's days (the impact estimate, a ward's view): the unique constraint leads with the day.
            models.Index(fields=["placement", "day"], name="insights_daily_rollup_pl_day"),
        ]

    def __str__(self) -> str:
        return f"{self.placement_id} · {self.day.isoformat()}"


class HourlyPlacementScans(models.Model):
    """Citizen scans of one placement in one hour (start of the hour, aware): for broadcast lift.

    `scans` counts the hour's citizen scans that are not repeats; when the rollup job flags the hour as a
    suspected flood, `scans` is 0 and every citizen scan of the hour is in `suspect_scans` instead. Summed
    over a day, `scans` and `suspect_scans` give the daily row's `scans` and `suspect_scans`.
    """

    hour = models.DateTimeField(_("giờ"))
    placement = models.ForeignKey(
        "tracking.Placement",
        verbose_name=_("điểm đặt mã"),
        on_delete=models.CASCADE,
        related_name="hourly_scans",
    )
    scans = models.PositiveIntegerField(_("lượt quét"), default=0)
    suspect_scans = models.PositiveIntegerField(_("lượt nghi bất thường (để riêng)"), default=0)

    class Meta:
        verbose_name = _("lượt quét theo giờ")
        verbose_name_plural = _("lượt quét theo giờ")
        constraints = [
            models.UniqueConstraint(fields=["hour", "placement"], name="insights_hourly_scans_unique"),
        ]
        indexes = [models.Index(fields=["hour"], name="insights_hourly_scans_hour")]

    def __str__(self) -> str:
        return f"{self.placement_id} · {self.hour.isoformat()}"


class RollupWatermark(models.Model):
    """How far the incremental rollup has read, and the lock that serialises rollup writers.

    One row (name="default"). `last_scan_id` / `last_conversion_id` are low watermarks: every
    event with an id at or below them is reflected in the rollups. `checkpoints` remembers the
    highest ids seen by recent runs ([iso time, scan id, conversion id]); a checkpoint becomes the
    low watermark only once it is older than the late-commit window (see insights.rollups),
    because on PostgreSQL an id can become visible after a higher one.
    """

    name = models.CharField(max_length=32, primary_key=True, default="default")
    last_scan_id = models.BigIntegerField(default=0)
    last_conversion_id = models.BigIntegerField(default=0)
    checkpoints = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mốc tổng hợp")
        verbose_name_plural = _("mốc tổng hợp")

    def __str__(self) -> str:
        return f"{self.name}: {self.last_scan_id}/{self.last_conversion_id}"
