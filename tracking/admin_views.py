from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView

from core.admin import BreadcrumbsAdminView
from tracking.forms import BulkPlacementForm, InstallationForm
from tracking.installation import InstallationError, record_installation
from tracking.models import Placement, TargetChange, TargetChangeStatus
from tracking.permissions import may_see_target_changes, placement_permission_policy
from tracking.services import create_placements, plan_placements
from tracking.target_changes import decide_target_change, may_decide


class BulkPlacementView(BreadcrumbsAdminView, FormView):
    """Create placements for every ward under some units × some channels, after a preview of the count."""

    template_name = "tracking/admin/bulk_placements.html"
    form_class = BulkPlacementForm
    page_title = gettext_lazy("Tạo điểm đặt mã hàng loạt")
    header_icon = "plus"

    def dispatch(self, request, *args, **kwargs):
        if not placement_permission_policy.user_has_permission(request.user, "add"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        allowed = placement_permission_policy.units_user_may_use(self.request.user, "add")
        outside = [unit for unit in form.cleaned_data["unit_codes"] if not allowed.filter(pk=unit.pk).exists()]
        if outside:
            form.add_error(
                "unit_codes",
                _("Bạn không phụ trách: %(units)s.")
                % {"units": ", ".join(f"{unit.name} ({unit.code})" for unit in outside)},
            )
            return self.form_invalid(form)
        choice = {
            "campaign": form.cleaned_data["campaign"],
            "units": form.cleaned_data["unit_codes"],
            "channels": list(form.cleaned_data["channels"]),
            "spot": form.cleaned_data["spot"],
        }
        if "confirm" not in self.request.POST:
            return self.render_to_response(self.get_context_data(form=form, plan=plan_placements(**choice)))
        result = create_placements(**choice, target_page=form.cleaned_data["target_page"])
        messages.success(
            self.request,
            _("Đã tạo %(created)s điểm đặt mã; %(existing)s điểm đã có từ trước.")
            % {"created": len(result.created), "existing": len(result.existing)},
        )
        return redirect(reverse("wagtailsnippets_tracking_placement:list"))


class TargetChangesView(BreadcrumbsAdminView, TemplateView):
    """Pending requests to change where a printed code leads, for the approvers who may decide them."""

    template_name = "tracking/admin/target_changes.html"
    page_title = gettext_lazy("Đề nghị đổi trang đích")
    header_icon = "link"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_target_changes(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visible = placement_permission_policy.instances_user_has_permission_for(self.request.user, "view")
        pending = TargetChange.objects.filter(status=TargetChangeStatus.PENDING, placement__in=visible).select_related(
            "placement__unit", "placement__channel", "requested_by", "from_page", "to_page"
        )
        context["changes"] = [change for change in pending if may_decide(user=self.request.user, change=change)]
        context["history"] = (
            TargetChange.objects.exclude(status=TargetChangeStatus.PENDING)
            .filter(placement__in=visible)
            .select_related("placement", "decided_by")[:20]
        )
        return context


@require_POST
def decide_target_change_view(request, change_id: int):
    change = get_object_or_404(TargetChange.objects.select_related("placement__unit"), pk=change_id)
    try:
        decide_target_change(change=change, user=request.user, accept=request.POST.get("decision") == "accept")
    except PermissionError as error:
        raise PermissionDenied from error
    except ValueError:
        messages.error(request, _("Đề nghị này đã được quyết định rồi."))
        return redirect("tracking_target_changes")
    messages.success(request, _("Đã ghi nhận quyết định."))
    return redirect("tracking_target_changes")


class InstallationView(BreadcrumbsAdminView, FormView):
    """ "Ghi nhận đã treo" for one placement, for those who may change it (the unit-scoped policy)."""

    template_name = "tracking/admin/installation.html"
    form_class = InstallationForm
    page_title = gettext_lazy("Ghi nhận đã treo")
    header_icon = "tick"

    def dispatch(self, request, *args, placement_id: int, **kwargs):
        self.placement = get_object_or_404(Placement.objects.select_related("unit", "channel"), pk=placement_id)
        if not placement_permission_policy.user_has_permission_for_instance(request.user, "change", self.placement):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.placement)

    def get_initial(self):
        return {"installed_on": self.placement.installed_on}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "placement": self.placement}

    def form_valid(self, form):
        try:
            record_installation(
                placement=self.placement,
                installed_on=form.cleaned_data["installed_on"],
                user=self.request.user,
                photo=form.cleaned_data.get("photo"),
            )
        except InstallationError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Đã ghi nhận mã %(code)s được treo ngày %(day)s.")
            % {"code": self.placement.short_code, "day": form.cleaned_data["installed_on"].strftime("%d/%m/%Y")},
        )
        return redirect(reverse("wagtailsnippets_tracking_placement:list"))
