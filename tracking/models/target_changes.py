from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TargetChangeStatus(models.TextChoices):
    PENDING = "pending", _("Chờ duyệt")
    ACCEPTED = "accepted", _("Đã chấp nhận")
    REJECTED = "rejected", _("Đã từ chối")


class TargetChange(models.Model):
    """A request to send a printed code somewhere else; the unit's approver decides. Kept as the audit trail."""

    placement = models.ForeignKey(
        "tracking.Placement", verbose_name=_("điểm đặt mã"), on_delete=models.CASCADE, related_name="target_changes"
    )
    from_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_url = models.URLField(max_length=500, blank=True)
    to_page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    to_url = models.URLField(max_length=500, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=TargetChangeStatus.choices, default=TargetChangeStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đề nghị"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("đề nghị lúc"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người quyết định"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("quyết định lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("đề nghị đổi trang đích")
        verbose_name_plural = _("đề nghị đổi trang đích")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.placement.short_code}: {self.describe_from()} → {self.describe_to()}"

    def describe_from(self) -> str:
        return str(self.from_page) if self.from_page_id else self.from_url or "—"

    def describe_to(self) -> str:
        return str(self.to_page) if self.to_page_id else self.to_url or "—"
