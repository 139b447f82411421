from urllib.parse import urlparse

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class PlacementStatus(models.TextChoices):
    ACTIVE = "active", _("Đang dùng")
    RETIRED = "retired", _("Đã thu hồi")


class CodeKind(models.TextChoices):
    SHORT = "short", _("Mã ngắn")
    NUMERIC = "numeric", _("Mã số")


class IssuedCode(models.Model):
    """Every code ever issued. A printed code is never given to anything else, even after deletion."""

    code = models.CharField(max_length=12, primary_key=True)
    kind = models.CharField(max_length=8, choices=CodeKind.choices)
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mã đã cấp")
        verbose_name_plural = _("mã đã cấp")

    def __str__(self) -> str:
        return self.code


def validate_target_url(url: str) -> None:
    """External targets: https on a government host of LOA_GOVERNMENT_HOSTS (no open redirect)."""
    parsed = urlparse(url)
    host = (parsed.hostname or "").lower()
    allowed = settings.LOA_GOVERNMENT_HOSTS
    if parsed.scheme != "https" or parsed.username or parsed.password or parsed.port not in (None, 443):
        raise ValidationError(_("Đường dẫn ngoài phải là https, không kèm tài khoản hay cổng riêng."))
    if not any(host == allowed_host or host.endswith("." + allowed_host) for allowed_host in allowed):
        raise ValidationError(
            _("Chỉ được dẫn tới cổng của cơ quan nhà nước: %(hosts)s.") % {"hosts": ", ".join(allowed)}
        )


class Placement(models.Model):
    """One campaign × one unit × one channel (× an optional spot): one code, one line in the report."""

    campaign = models.ForeignKey(
        "campaigns.CampaignPage", verbose_name=_("chiến dịch"), on_delete=models.PROTECT, related_name="placements"
    )
    unit = models.ForeignKey(
        "places.AdministrativeUnit", verbose_name=_("địa bàn"), on_delete=models.PROTECT, related_name="placements"
    )
    channel = models.ForeignKey(
        "tracking.Channel", verbose_name=_("kênh"), on_delete=models.PROTECT, related_name="placements"
    )
    spot = models.CharField(_("điểm đặt"), max_length=150, blank=True, help_text=_("ví dụ: Nhà văn hóa khối 3"))

    target_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("trang đích"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_url = models.URLField(
        _("hoặc đường dẫn ngoài"), blank=True, max_length=500, validators=[validate_target_url]
    )

    quantity = models.PositiveIntegerField(_("số lượng in"), default=0)
    unit_cost_vnd = models.PositiveIntegerField(_("đơn giá (đồng)"), default=0, validators=[MinValueValidator(0)])
    installed_on = models.DateField(_("ngày lắp đặt"), null=True, blank=True)
    installed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi nhận đã treo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    proof_photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh minh chứng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    printed_at = models.DateTimeField(_("đã in lúc"), null=True, blank=True)

    active_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    active_until = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=PlacementStatus.choices, default=PlacementStatus.ACTIVE
    )

    short_code = models.CharField(_("mã ngắn"), max_length=6, unique=True, editable=False)
    numeric_code = models.CharField(_("mã số"), max_length=6, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("điểm đặt mã")
        verbose_name_plural = _("điểm đặt mã")
        ordering = ["campaign", "unit__path", "channel__sort_order", "spot"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "unit", "channel", "spot"], name="tracking_one_placement_per_spot"
            ),
        ]

    def __str__(self) -> str:
        parts = [str(self.unit), str(self.channel)]
        if self.spot:
            parts.append(self.spot)
        return f"{self.short_code} · " + " · ".join(parts)

    def clean(self) -> None:
        if self.target_page_id and self.target_url:
            raise ValidationError({"target_url": _("Chọn trang đích hoặc đường dẫn ngoài, không chọn cả hai.")})
        if self.active_from and self.active_until and self.active_until < self.active_from:
            raise ValidationError({"active_until": _("Ngày kết thúc hiệu lực phải sau ngày bắt đầu.")})

    @property
    def is_printed(self) -> bool:
        """Printed once a pack containing it was generated or its installed-on date is set."""
        return self.printed_at is not None or self.installed_on is not None
