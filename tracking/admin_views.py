from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from tracking.forms import BulkPlacementForm
from tracking.services import create_placements, plan_placements


class BulkPlacementView(WagtailAdminTemplateMixin, FormView):
    """Create placements for every ward under some units × some channels, after a preview of the count."""

    template_name = "tracking/admin/bulk_placements.html"
    form_class = BulkPlacementForm
    page_title = _("Tạo điểm đặt mã hàng loạt")
    header_icon = "plus"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("tracking.add_placement"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        choice = {
            "campaign": form.cleaned_data["campaign"],
            "units": form.cleaned_data["unit_codes"],
            "channels": list(form.cleaned_data["channels"]),
            "spot": form.cleaned_data["spot"],
        }
        if "confirm" not in self.request.POST:
            return self.render_to_response(self.get_context_data(form=form, plan=plan_placements(**choice)))
        result = create_placements(**choice)
        messages.success(
            self.request,
            _("Đã tạo %(created)s điểm đặt mã; %(existing)s điểm đã có từ trước.")
            % {"created": len(result.created), "existing": len(result.existing)},
        )
        return redirect(reverse("wagtailsnippets_tracking_placement:list"))
