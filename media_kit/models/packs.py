from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PackStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    DONE = "done", _("Xong")
    FAILED = "failed", _("Lỗi")


class Pack(models.Model):
    """A print pack: one file per ward and format, zipped with a manifest and a cover sheet for the print shop."""

    campaign = models.ForeignKey(
        "campaigns.CampaignPage", verbose_name=_("chiến dịch"), on_delete=models.PROTECT, related_name="packs"
    )
    formats = models.ManyToManyField("media_kit.PrintFormat", verbose_name=_("định dạng"))
    unit_codes = models.CharField(_("mã đơn vị"), max_length=2000)
    channel_choices = models.JSONField(_("kênh cho định dạng nhiều kênh"), default=dict, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=PackStatus.choices, default=PackStatus.QUEUED)
    done = models.PositiveIntegerField(_("đã xong"), default=0)
    total = models.PositiveIntegerField(_("tổng số"), default=0)
    failures = models.JSONField(_("lỗi"), default=list, blank=True)
    # db_default: code of the previous release can still insert packs during a deploy (django-migration-linter).
    preflight = models.JSONField(_("kiểm tra trước in"), default=dict, db_default={}, blank=True)
    error = models.TextField(_("lỗi chung"), blank=True)
    file = models.FileField(_("tệp ZIP"), upload_to="packs/%Y/%m/", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("bộ ấn phẩm")
        verbose_name_plural = _("bộ ấn phẩm")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.campaign} – {self.created_at:%d/%m/%Y %H:%M}"

    @property
    def unit(self):
        """The unit the pack is for: its only unit, or the nearest unit above all of them.

        Wagtail's log keeps it (places.UnitLogEntry), so that a pack's history is shown only to
        the people of that unit and those above.
        """
        from places.models import AdministrativeUnit
        from places.selectors import nearest_common_unit

        codes = [code for code in self.unit_codes.split(",") if code]
        return nearest_common_unit(units=AdministrativeUnit.objects.filter(code__in=codes))

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0
