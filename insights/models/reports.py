from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MonthlyReportStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Không tạo được")


class MonthlyReport(models.Model):
    """One unit's monthly report (PDF and XLSX), made in the background; files are served only through a
    permission check. `pdf`/`xlsx` are the working group's own copy ("Nội bộ", exact numbers);
    `shared_pdf`/`shared_xlsx` the copy meant for sharing, with rounded counts (insights.suppression)."""

    unit = models.ForeignKey(
        "places.AdministrativeUnit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="monthly_reports",
    )
    month = models.DateField(_("tháng"), help_text=_("Luôn là ngày 1 của tháng."))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=MonthlyReportStatus.choices, default=MonthlyReportStatus.QUEUED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    scheduled = models.BooleanField(_("tạo theo lịch"), default=False)
    pdf = models.FileField(_("tệp PDF"), upload_to="bao-cao-thang/%Y/%m/", blank=True)
    xlsx = models.FileField(_("tệp XLSX"), upload_to="bao-cao-thang/%Y/%m/", blank=True)
    shared_pdf = models.FileField(_("tệp PDF để chia sẻ"), upload_to="bao-cao-thang/%Y/%m/", blank=True)
    shared_xlsx = models.FileField(_("tệp XLSX để chia sẻ"), upload_to="bao-cao-thang/%Y/%m/", blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    created_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("đã gửi thư lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("báo cáo tháng")
        verbose_name_plural = _("báo cáo tháng")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(month__day=1), name="insights_report_month_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.month:%m/%Y}"

    @property
    def in_progress(self) -> bool:
        return self.status in {MonthlyReportStatus.QUEUED, MonthlyReportStatus.RUNNING}

    @property
    def file_stem(self) -> str:
        return f"bao-cao-thang-{self.unit.code}-{self.month:%Y-%m}"
