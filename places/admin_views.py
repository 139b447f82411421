from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import UpdateView
from wagtail.log_actions import log

from core.admin import BreadcrumbsAdminView
from core.tabular_views import TabularImportView
from places.imports import SPEC, import_service_points, service_point_template_csv
from places.models import AdministrativeUnit, ServicePointKind
from places.permissions import UNIT_KEEPER_ROLES
from places.selectors import user_may_act_on

IMPORT_PERMISSION = "places.add_servicepoint"
LANGUAGE_PERMISSION = "places.change_administrativeunit"


def _check_permission(request) -> None:
    if not request.user.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied


class ServicePointImportView(TabularImportView):
    """Upload a CSV or XLSX of service points; the page shows the report: every error by line, or the counts."""

    template_name = "places/admin/import_service_points.html"
    page_title = _("Nhập điểm hỗ trợ người dân từ tệp CSV hoặc XLSX")
    spec = SPEC
    result_url_name = "wagtailsnippets_places_servicepoint:list"
    result_label = _("Xem danh sách điểm hỗ trợ người dân")

    def may_import(self) -> bool:
        return self.request.user.has_perm(IMPORT_PERMISSION)

    def get_parent_breadcrumbs(self):
        return [{"url": reverse("wagtailsnippets_places_servicepoint:list"), "label": _("Điểm hỗ trợ người dân")}]

    def template_urls(self):
        return [(_("Tải tệp mẫu (CSV)"), reverse("places_service_point_import_template"))]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "kinds": ServicePointKind.choices}

    def run_import(self, form):
        upload = form.cleaned_data["file"]
        return import_service_points(
            file=upload, dry_run=form.cleaned_data["dry_run"], user=self.request.user, filename=upload.name
        )


def service_point_template_view(request):
    """The CSV template: the header and one sample row."""
    _check_permission(request)
    response = HttpResponse(service_point_template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mau-diem-ho-tro-nguoi-dan.csv"'
    return response


class UnitLanguageForm(forms.ModelForm):
    class Meta:
        model = AdministrativeUnit
        fields = ["default_language"]


class UnitLanguageView(BreadcrumbsAdminView, UpdateView):
    """The one thing editors may change on an official unit: the language its codes lead to."""

    model = AdministrativeUnit
    form_class = UnitLanguageForm
    template_name = "wagtailadmin/generic/form.html"
    page_title = _("Ngôn ngữ mặc định của xã/phường")
    header_icon = "globe"

    def get_object(self, queryset=None):
        unit = super().get_object(queryset)
        user = self.request.user
        if not (user.has_perm(LANGUAGE_PERMISSION) and user_may_act_on(user=user, unit=unit, roles=UNIT_KEEPER_ROLES)):
            raise PermissionDenied
        return unit

    def get_page_subtitle(self):
        return self.object.name

    def get_parent_breadcrumbs(self):
        return [{"url": reverse("wagtailsnippets_places_administrativeunit:list"), "label": _("Đơn vị hành chính")}]

    def get_breadcrumb_label(self):
        return self.object.name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = self.request.path
        context["submit_button_label"] = _("Lưu")
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.has_changed():  # in the unit's history: who chose which language, when
            log(instance=self.object, action="wagtail.edit", user=self.request.user)
        return response

    def get_success_url(self) -> str:
        messages.success(self.request, _("Đã lưu ngôn ngữ mặc định của %(unit)s.") % {"unit": self.object.name})
        return reverse("wagtailsnippets_places_administrativeunit:list")
