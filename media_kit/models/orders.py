from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrderStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Đã gửi")
    APPROVED = "approved", _("Đã duyệt")
    PRINTING = "printing", _("Đang in")
    DELIVERED = "delivered", _("Đã giao")
    CANCELLED = "cancelled", _("Đã hủy")


class PrintOrder(models.Model):
    """An order basket (đơn đặt in): printed copies of a campaign's materials for wards, to be approved.

    Statuses only move forward (media_kit.orders.NEXT_STATUSES); the history is Wagtail's log.
    """

    campaign = models.ForeignKey(
        "campaigns.CampaignPage", verbose_name=_("chiến dịch"), on_delete=models.PROTECT, related_name="print_orders"
    )
    # The ordering unit: whose approver approves and whose people see the order.
    unit = models.ForeignKey(
        "places.AdministrativeUnit", verbose_name=_("đơn vị đặt"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=OrderStatus.choices, default=OrderStatus.SUBMITTED
    )
    delivery_address = models.CharField(_("địa chỉ giao"), max_length=300)
    note = models.TextField(_("ghi chú"), blank=True, max_length=2000)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người gửi"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("giao lúc"), null=True, blank=True)
    # One pack per group of formats ordered for the same wards: the packs hold the basket's files and no other.
    packs = models.ManyToManyField("media_kit.Pack", verbose_name=_("bộ ấn phẩm"), blank=True, related_name="+")
    reordered_from = models.ForeignKey(
        "self", verbose_name=_("đặt lại từ đơn"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("đơn đặt in")
        verbose_name_plural = _("đơn đặt in")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Đơn đặt in số {self.pk} – {self.unit}"

    @property
    def total_quantity(self) -> int:
        return sum(line.quantity for line in self.lines.all())


class PrintOrderLine(models.Model):
    """One item of the basket: copies of one printed format for one ward."""

    order = models.ForeignKey(PrintOrder, on_delete=models.CASCADE, related_name="lines")
    print_format = models.ForeignKey(
        "media_kit.PrintFormat", verbose_name=_("ấn phẩm"), on_delete=models.PROTECT, related_name="+"
    )
    ward = models.ForeignKey(
        "places.AdministrativeUnit", verbose_name=_("xã/phường"), on_delete=models.PROTECT, related_name="+"
    )
    quantity = models.PositiveIntegerField(_("số lượng"), validators=[MinValueValidator(1)])
    # Set when the order is approved: the placement whose code is printed, counted as printed.
    placement = models.ForeignKey(
        "tracking.Placement",
        verbose_name=_("điểm đặt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="order_lines",
    )

    class Meta:
        verbose_name = _("dòng đơn đặt in")
        verbose_name_plural = _("dòng đơn đặt in")
        ordering = ["ward__path", "print_format__sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["order", "print_format", "ward"], name="media_kit_one_line_per_item"),
        ]

    def __str__(self) -> str:
        return f"{self.print_format} × {self.ward}: {self.quantity}"
