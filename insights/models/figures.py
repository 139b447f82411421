from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class FigureImport(models.Model):
    """One upload of official figures: who, when, which file, which months it replaced."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("nhập lúc"), auto_now_add=True)
    filename = models.CharField(_("tên tệp"), max_length=255)
    row_count = models.PositiveIntegerField(_("số dòng"), default=0)
    months = models.JSONField(_("các tháng"), default=list, blank=True)

    class Meta:
        verbose_name = _("lần nhập số liệu")
        verbose_name_plural = _("lần nhập số liệu")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.uploaded_at:%Y-%m-%d %H:%M})"

    @property
    def unit(self):
        """The nearest unit above every ward the import wrote figures for (its province, usually).

        Wagtail's log keeps it (places.UnitLogEntry), so that the site history shows an import only to
        the people of that unit and those above, not to every province's culture office.
        """
        from places.models import AdministrativeUnit
        from places.selectors import nearest_common_unit

        return nearest_common_unit(units=AdministrativeUnit.objects.filter(adoption_figures__figure_import=self))


class AdoptionFigure(models.Model):
    """An official figure for one ward, one month and one metric (residents are the metric "dan-so")."""

    unit = models.ForeignKey(
        "places.AdministrativeUnit",
        verbose_name=_("xã/phường"),
        on_delete=models.PROTECT,
        related_name="adoption_figures",
    )
    month = models.DateField(_("tháng"), help_text=_("Luôn là ngày 1 của tháng."))
    metric = models.ForeignKey(
        "campaigns.Metric", verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT, related_name="adoption_figures"
    )
    value = models.DecimalField(_("giá trị"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    figure_import = models.ForeignKey(
        FigureImport,
        verbose_name=_("lần nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="figures",
    )

    class Meta:
        verbose_name = _("số liệu chính thức")
        verbose_name_plural = _("số liệu chính thức")
        ordering = ["month", "unit__path", "metric__name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "month", "metric"], name="insights_figure_unique"),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="insights_figure_value_not_negative"),
            models.CheckConstraint(condition=models.Q(month__day=1), name="insights_figure_month_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.month:%m/%Y} · {self.metric}: {self.value}"
