"""A stepped-wedge roll-out plan: a channel (or a bundle) reaches a unit's wards in waves drawn at random.

The ward order is drawn with a recorded seed (insights.rollout.randomise), so that anyone can draw it
again and see it was not chosen. Once the unit's approver approves the plan its design (wards, order,
strata, seed, metric, effect size) is frozen and its placements are created with the planned start of
each ward's wave; when a ward's material actually went up is read from those placements (`installed_on`),
so a ward that started early or late shows as a deviation, never hidden.
"""

import datetime as dt

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.dates import add_months, month_end


class RolloutStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    APPROVED = "approved", _("Đã duyệt")
    ACTIVE = "active", _("Đang triển khai")
    FINISHED = "finished", _("Đã kết thúc")


class WaveUnit(models.TextChoices):
    WEEK = "week", _("tuần")
    MONTH = "month", _("tháng")


class StrataChoice(models.TextChoices):
    NONE = "none", _("Không phân tầng")
    GROUPS = "groups", _("Theo nhóm xã do phòng tự đặt")
    URBAN_RURAL = "urban_rural", _("Phường (đô thị) / xã, đặc khu (nông thôn)")
    BASELINE_TERTILE = "baseline_tertile", _("Theo mức sử dụng ban đầu (3 nhóm từ số liệu chính thức)")


# Plans whose wards are taken for their channels: a ward cannot be in two of them for the same channel.
LIVE_STATUSES = (RolloutStatus.APPROVED, RolloutStatus.ACTIVE)


class RolloutPlan(models.Model):
    """A randomised roll-out of one channel (or a bundle placed together) over the wards of a unit."""

    name = models.CharField(_("tên kế hoạch"), max_length=200)
    campaign = models.ForeignKey(
        "campaigns.CampaignPage", verbose_name=_("chiến dịch"), on_delete=models.PROTECT, related_name="rollout_plans"
    )
    channels = models.ManyToManyField("tracking.Channel", verbose_name=_("kênh"), related_name="rollout_plans")
    unit = models.ForeignKey(
        "places.AdministrativeUnit",
        verbose_name=_("đơn vị lập kế hoạch"),
        on_delete=models.PROTECT,
        related_name="rollout_plans",
    )
    metric = models.ForeignKey(
        "campaigns.Metric", verbose_name=_("chỉ tiêu đo"), on_delete=models.PROTECT, related_name="rollout_plans"
    )
    waves = models.PositiveSmallIntegerField(_("số đợt"), validators=[MinValueValidator(2)])
    wave_length = models.PositiveSmallIntegerField(_("độ dài mỗi đợt"), validators=[MinValueValidator(1)])
    wave_unit = models.CharField(_("đơn vị độ dài"), max_length=8, choices=WaveUnit.choices, default=WaveUnit.MONTH)
    first_wave_start = models.DateField(_("ngày bắt đầu đợt 1"))
    seed = models.BigIntegerField(_("hạt giống bốc thăm"), editable=False)
    strata = models.CharField(_("phân tầng"), max_length=20, choices=StrataChoice.choices, default=StrataChoice.NONE)
    strata_groups = models.TextField(
        _("nhóm xã"),
        blank=True,
        help_text=_("Mỗi dòng một nhóm: “tên nhóm: mã xã, mã xã, …”."),
    )
    effect_size = models.DecimalField(
        _("mức tăng muốn phát hiện"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(0.01)],
        help_text=_("Mức tăng hằng tháng của chỉ tiêu (trên 1.000 dân khi có số dân) mà kế hoạch cần phát hiện."),
    )
    # The history the power was computed from, recorded with the draw (so the figure can be checked later).
    between_ward_sd = models.FloatField(_("độ lệch chuẩn giữa các xã"), null=True, blank=True, editable=False)
    within_ward_sd = models.FloatField(_("độ lệch chuẩn theo tháng"), null=True, blank=True, editable=False)
    baseline_mean = models.FloatField(_("mức tăng ban đầu"), null=True, blank=True, editable=False)
    per_thousand = models.BooleanField(_("tính trên 1.000 dân"), default=False, editable=False)
    power = models.FloatField(_("độ mạnh kiểm định"), null=True, blank=True, editable=False)
    minimum_detectable_effect = models.FloatField(
        _("mức tăng nhỏ nhất phát hiện được"), null=True, blank=True, editable=False
    )

    status = models.CharField(
        _("trạng thái"), max_length=10, choices=RolloutStatus.choices, default=RolloutStatus.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("lập lúc"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("kế hoạch triển khai theo đợt")
        verbose_name_plural = _("kế hoạch triển khai theo đợt")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(waves__gte=2), name="insights_rollout_two_waves_or_more"),
            models.CheckConstraint(condition=models.Q(wave_length__gte=1), name="insights_rollout_wave_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_frozen(self) -> bool:
        """Approved or later: the design may no longer change."""
        return self.status != RolloutStatus.DRAFT

    def wave_start(self, wave: int) -> dt.date:
        """The planned first day of a wave (1-based)."""
        steps = (wave - 1) * self.wave_length
        if self.wave_unit == WaveUnit.WEEK:
            return self.first_wave_start + dt.timedelta(weeks=steps)
        month = add_months(self.first_wave_start, steps)
        return month.replace(day=min(self.first_wave_start.day, month_end(month).day))

    @property
    def end_date(self) -> dt.date:
        """The day after the last wave's period: the plan is finished from then on."""
        return self.wave_start(self.waves + 1)

    @property
    def months_per_period(self) -> float:
        """How many monthly figures one wave's period holds (a week is 7/30.44 of a month)."""
        if self.wave_unit == WaveUnit.WEEK:
            return self.wave_length * 7 / 30.44
        return float(self.wave_length)


class RolloutWard(models.Model):
    """One ward of a plan: its wave, its stratum and its planned start; its placements once approved."""

    plan = models.ForeignKey(RolloutPlan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="wards")
    unit = models.ForeignKey(
        "places.AdministrativeUnit", verbose_name=_("xã/phường"), on_delete=models.PROTECT, related_name="+"
    )
    wave = models.PositiveSmallIntegerField(_("đợt"))
    stratum = models.CharField(_("nhóm"), max_length=120, blank=True)
    planned_start = models.DateField(_("ngày bắt đầu theo kế hoạch"))
    placements = models.ManyToManyField(
        "tracking.Placement", verbose_name=_("điểm đặt mã"), blank=True, related_name="rollout_wards"
    )

    class Meta:
        verbose_name = _("xã trong kế hoạch")
        verbose_name_plural = _("xã trong kế hoạch")
        ordering = ["plan", "wave", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "unit"], name="insights_rollout_ward_once_per_plan"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} · {self.unit} · {self.wave}"
