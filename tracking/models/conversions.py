from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ConversionAction(models.TextChoices):
    GUIDE_COMPLETED = "guide_completed", _("Làm xong theo hướng dẫn")
    VNEID_LEVEL_1 = "vneid_level_1", _("Đăng ký VNeID mức độ 1")
    VNEID_LEVEL_2 = "vneid_level_2", _("Kích hoạt định danh điện tử mức độ 2")
    DVC_ACCOUNT = "dvc_account", _("Tạo tài khoản Cổng dịch vụ công")
    ONLINE_PROCEDURE = "online_procedure", _("Nộp hồ sơ trực tuyến")


class ConversionSource(models.TextChoices):
    SELF_REPORTED = "self_reported", _("Người dân tự báo")
    ASSISTED = "assisted", _("Cán bộ hỗ trợ ghi nhận")


class Conversion(models.Model):
    """Somebody did what the campaign asks. Anonymous: no citizen is named, no visitor identifier is kept."""

    occurred_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    action = models.CharField(_("việc đã làm"), max_length=24, choices=ConversionAction.choices)
    source = models.CharField(_("nguồn"), max_length=16, choices=ConversionSource.choices)
    placement = models.ForeignKey(
        "tracking.Placement",
        verbose_name=_("qua mã"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conversions",
    )
    guide = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("hướng dẫn"), null=True, blank=True, on_delete=models.SET_NULL
    )
    unit = models.ForeignKey(
        "places.AdministrativeUnit",
        verbose_name=_("xã/phường"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conversions",
    )
    heard_from = models.ForeignKey(
        "tracking.Channel",
        verbose_name=_("biết qua kênh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conversions",
    )
    heard_from_code = models.BooleanField(_("biết qua quét mã"), default=False)
    # The staff member chose "Chưa hỏi / không nhớ": no channel, no code. Kept apart from a missing answer so
    # that a skipped question is never counted as a scan or a channel.
    heard_from_not_asked = models.BooleanField(_("chưa hỏi / không nhớ kênh"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ ghi nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Made on the staff member's phone for each assisted entry (or in the form, without JavaScript): an entry
    # sent twice (a lost answer, a queue replayed after the connection returns) is stored once.
    client_entry_id = models.UUIDField(_("mã mục trên máy"), null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("kết quả")
        verbose_name_plural = _("kết quả")
        ordering = ["-occurred_at"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.get_source_display()})"
