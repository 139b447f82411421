"""The roll-out planner in the admin: list, draw, look, approve, move a wave. Thin shells over rollout_plans.

Every view asks RolloutPlanPermissionPolicy (insights.permissions): the listing shows the plans of the
user's units, each per-plan view refuses a plan of a unit the user does not cover, and state changes need
the action's role on the plan's unit (the culture office drafts, the unit's approver approves).
"""

import math
import re
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.models import Locale

from campaigns.models import CampaignPage, Metric
from core.admin import BreadcrumbsAdminView
from core.numbers import vn_number
from insights.models import RolloutPlan, RolloutStatus, StrataChoice, WaveUnit
from insights.permissions import ROLLOUT_PLANNER_ROLES, RolloutPlanPermissionPolicy
from insights.rollout_plans import (
    ASSUMPTIONS,
    DEVIATION_LABELS,
    PlanError,
    PlanInput,
    analyse_plan,
    approve,
    create_draft,
    current_power,
    delete_draft,
    may_approve,
    outcome_unit,
    redraw,
    refresh_status,
    reschedule_wave,
    schedule_grid,
    ward_schedule,
    wave_units,
)
from places.models import AdministrativeUnit, UnitLevel
from places.selectors import units_for_user
from tracking.models import Channel

policy = RolloutPlanPermissionPolicy(RolloutPlan)
CODE = re.compile(r"^\d{2,5}$")


class PlanForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Tên kế hoạch"), max_length=200)
    campaign = forms.ModelChoiceField(label=gettext_lazy("Chiến dịch"), queryset=CampaignPage.objects.none())
    channels = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Kênh (một kênh, hoặc nhiều kênh luôn đặt cùng nhau)"),
        queryset=Channel.objects.filter(province_wide=False),
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Các kênh chọn cùng nhau được đánh giá như một gói: không tách được tác động riêng."),
    )
    unit = forms.ModelChoiceField(label=gettext_lazy("Đơn vị lập kế hoạch"), queryset=AdministrativeUnit.objects.none())
    ward_codes = forms.CharField(
        label=gettext_lazy("Chỉ các xã/phường này (mã)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Bỏ trống: mọi xã, phường thuộc đơn vị. Mã cách nhau bằng dấu phẩy."),
    )
    metric = forms.ModelChoiceField(
        label=gettext_lazy("Chỉ tiêu đo"),
        queryset=Metric.objects.all(),
        help_text=gettext_lazy("Một chỉ tiêu của chiến dịch, có số liệu chính thức theo tháng."),
    )
    waves = forms.IntegerField(label=gettext_lazy("Số đợt"), min_value=2, max_value=24, initial=4)
    wave_length = forms.IntegerField(label=gettext_lazy("Độ dài mỗi đợt"), min_value=1, max_value=52, initial=1)
    wave_unit = forms.ChoiceField(label=gettext_lazy("Tính theo"), choices=WaveUnit.choices, initial=WaveUnit.MONTH)
    first_wave_start = forms.DateField(
        label=gettext_lazy("Ngày bắt đầu đợt 1"), widget=forms.DateInput(attrs={"type": "date"})
    )
    strata = forms.ChoiceField(label=gettext_lazy("Phân tầng"), choices=StrataChoice.choices, initial=StrataChoice.NONE)
    strata_groups = forms.CharField(
        label=gettext_lazy("Nhóm xã (khi phân tầng theo nhóm)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Mỗi dòng một nhóm: “Cụm phía Bắc: 24133, 24169”."),
    )
    effect_size = forms.DecimalField(
        label=gettext_lazy("Mức tăng muốn phát hiện (mỗi tháng)"),
        min_value=0.01,
        max_digits=8,
        decimal_places=2,
        help_text=gettext_lazy("Trên 1.000 dân khi các xã có số dân; nếu không, theo đơn vị của chỉ tiêu."),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = CampaignPage.objects.filter(locale=Locale.get_default()).order_by("title")
        units = AdministrativeUnit.objects.filter(level__in=[UnitLevel.PROVINCE, UnitLevel.WARD])
        if not user.is_superuser:
            units = units.filter(pk__in=units_for_user(user=user, roles=ROLLOUT_PLANNER_ROLES).values("pk"))
        self.fields["unit"].queryset = units.order_by("path")

    def clean_ward_codes(self) -> list[str]:
        entries = [entry.strip() for entry in re.split(r"[,;\s]+", self.cleaned_data["ward_codes"]) if entry.strip()]
        wrong = [entry for entry in entries if not CODE.match(entry)]
        if wrong:
            raise forms.ValidationError(_("Không phải mã xã/phường: %(codes)s.") % {"codes": ", ".join(wrong[:10])})
        return entries

    def clean(self):
        cleaned = super().clean()
        campaign, metric = cleaned.get("campaign"), cleaned.get("metric")
        if campaign is not None and metric is not None:
            metrics = set(campaign.targets.values_list("metric_id", flat=True))
            if metrics and metric.pk not in metrics:
                self.add_error("metric", _("Chiến dịch này không đặt chỉ tiêu “%(metric)s”.") % {"metric": metric})
        return cleaned

    def plan_input(self) -> PlanInput:
        data = self.cleaned_data
        return PlanInput(
            name=data["name"],
            campaign=data["campaign"],
            channels=list(data["channels"]),
            unit=data["unit"],
            metric=data["metric"],
            waves=data["waves"],
            wave_length=data["wave_length"],
            wave_unit=data["wave_unit"],
            first_wave_start=data["first_wave_start"],
            effect_size=data["effect_size"],
            strata=data["strata"],
            strata_groups=data["strata_groups"],
            ward_codes=data["ward_codes"],
        )


def plans_breadcrumb() -> list[dict]:
    return [{"url": reverse("insights_rollouts"), "label": _("Triển khai theo đợt")}]


def plan_seen_by(user, pk: int, action: str = "view") -> RolloutPlan:
    plan = get_object_or_404(RolloutPlan.objects.select_related("campaign", "unit", "metric"), pk=pk)
    if not policy.user_has_permission_for_instance(user, action, plan):
        raise PermissionDenied
    return plan


class PlanIndexView(PermissionCheckedMixin, BreadcrumbsAdminView, TemplateView):
    template_name = "insights/rollout/index.html"
    page_title = gettext_lazy("Triển khai theo đợt")
    header_icon = "list-ol"
    permission_policy = policy
    permission_required = "view"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plans = policy.instances_user_has_permission_for(self.request.user, "view")
        context["plans"] = plans.select_related("campaign", "unit").prefetch_related("channels")[:200]
        context["may_add"] = policy.user_has_permission(self.request.user, "add")
        return context


class PlanCreateView(PermissionCheckedMixin, BreadcrumbsAdminView, FormView):
    template_name = "insights/rollout/form.html"
    form_class = PlanForm
    page_title = gettext_lazy("Lập kế hoạch triển khai theo đợt")
    header_icon = "list-ol"
    permission_policy = policy
    permission_required = "add"

    def get_parent_breadcrumbs(self) -> list[dict]:
        return plans_breadcrumb()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "assumptions": ASSUMPTIONS}

    def form_valid(self, form):
        if not policy.user_has_permission_for_instance(
            self.request.user, "add", RolloutPlan(unit=form.cleaned_data["unit"])
        ):
            form.add_error("unit", _("Bạn không phụ trách đơn vị này."))
            return self.form_invalid(form)
        try:
            plan = create_draft(data=form.plan_input(), user=self.request.user)
        except PlanError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Đã bốc thăm thứ tự các xã (hạt giống %(seed)s).") % {"seed": plan.seed})
        return redirect("insights_rollout", pk=plan.pk)


def pack_url(*, plan: RolloutPlan, units) -> str:
    """The media kit's normal pack form, filled in for these wards (a URL: insights imports no media_kit)."""
    query = urlencode({"campaign": plan.campaign_id, "unit_codes": ", ".join(unit.code for unit in units)})
    return f"{reverse('media_kit_pack_request')}?{query}"


class PlanDetailView(BreadcrumbsAdminView, TemplateView):
    template_name = "insights/rollout/detail.html"
    header_icon = "list-ol"

    def dispatch(self, request, *args, **kwargs):
        self.plan = plan_seen_by(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.plan.name

    def get_parent_breadcrumbs(self) -> list[dict]:
        return plans_breadcrumb()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = refresh_status(plan=self.plan)
        today = timezone.localdate()
        lines = ward_schedule(plan=plan, today=today)
        user = self.request.user
        may_change = policy.user_has_permission_for_instance(user, "change", plan)
        waves = []
        for number, units in sorted(wave_units(plan=plan).items()):
            start = min(line.row.planned_start for line in lines if line.row.wave == number)
            waves.append(
                {
                    "number": number,
                    "start": start,
                    "units": units,
                    "started": start <= today,
                    "pack_url": pack_url(plan=plan, units=units),
                }
            )
        power = current_power(plan=plan)
        context.update(
            plan=plan,
            channels=list(plan.channels.all()),
            grid=schedule_grid(plan=plan, lines=lines),
            lines=lines,
            deviation_labels={key: _(label) for key, label in DEVIATION_LABELS.items()},
            deviating=sum(1 for line in lines if line.deviation),
            waves=waves,
            power=power,
            power_percent=vn_number(round(power.power * 100)) if power.power is not None else None,
            # Rounded up, as in the warning: "detects ≥ x" must never promise a smaller effect than it can.
            mde=vn_number(math.ceil(power.minimum_detectable_effect * 10) / 10, decimals=1)
            if power.minimum_detectable_effect is not None
            else None,
            effect=vn_number(float(plan.effect_size), decimals=1),
            outcome_unit=outcome_unit(per_thousand=plan.per_thousand, metric=plan.metric),
            between_sd=vn_number(plan.between_ward_sd or 0, decimals=2),
            within_sd=vn_number(plan.within_ward_sd or 0, decimals=2),
            baseline=vn_number(plan.baseline_mean or 0, decimals=2),
            assumptions=ASSUMPTIONS,
            may_change=may_change and plan.status == RolloutStatus.DRAFT,
            may_move_waves=may_change and plan.status in (RolloutStatus.DRAFT, RolloutStatus.APPROVED, "active"),
            may_approve=plan.status == RolloutStatus.DRAFT and may_approve(user=user, plan=plan),
            today=today,
            analysis=analyse_plan(plan=plan, today=today)
            if plan.status in (RolloutStatus.ACTIVE, RolloutStatus.FINISHED)
            else None,
        )
        return context


class PlanActionView(View):
    """A POST that changes a plan; refusals come back as a message on the plan's page, nothing changed."""

    action = "change"
    http_method_names = ["post"]

    def post(self, request, pk, **kwargs):
        plan = plan_seen_by(request.user, pk, self.action)
        try:
            done = self.act(request, plan, **kwargs)
        except PlanError as error:
            messages.error(request, str(error))
            return redirect("insights_rollout", pk=plan.pk)
        messages.success(request, done)
        return self.after(plan)

    def after(self, plan):
        return redirect("insights_rollout", pk=plan.pk)

    def act(self, request, plan, **kwargs) -> str:
        raise NotImplementedError


class PlanRedrawView(PlanActionView):
    def act(self, request, plan, **kwargs) -> str:
        redraw(plan=plan)
        return _("Đã bốc thăm lại (hạt giống mới %(seed)s).") % {"seed": plan.seed}


class PlanDeleteView(PlanActionView):
    action = "delete"

    def act(self, request, plan, **kwargs) -> str:
        delete_draft(plan=plan)
        return _("Đã xóa bản nháp “%(name)s”.") % {"name": plan.name}

    def after(self, plan):
        return redirect("insights_rollouts")


class PlanApproveView(PlanActionView):
    action = "approve"

    def act(self, request, plan, **kwargs) -> str:
        placements = approve(plan=plan, user=request.user)
        return _("Đã duyệt kế hoạch; %(count)s điểm đặt mã đã sẵn sàng với ngày bắt đầu theo từng đợt.") % {
            "count": len(placements)
        }


class WaveMoveForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("Ngày bắt đầu mới"))


class PlanWaveView(PlanActionView):
    def act(self, request, plan, wave: int, **kwargs) -> str:
        form = WaveMoveForm(request.POST)
        if not form.is_valid():
            raise PlanError(_("Hãy nhập ngày bắt đầu mới của đợt (ngày/tháng/năm)."))
        moved = reschedule_wave(plan=plan, wave=wave, start=form.cleaned_data["start"])
        return _("Đã dời đợt %(wave)s (%(count)s xã) sang ngày %(day)s.") % {
            "wave": wave,
            "count": moved,
            "day": f"{form.cleaned_data['start']:%d/%m/%Y}",
        }
