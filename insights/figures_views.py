"""Admin pages for official figures: upload with a report of every bad row, and the templates."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.tabular_views import XLSX_TYPE, TabularImportView, TabularUploadForm
from insights.figures_import import SPEC, import_figures, template_csv, template_xlsx
from insights.permissions import FIGURE_IMPORTER_ROLES, figure_imports_for, may_import_figures
from places.models import AdministrativeUnit, UnitLevel
from places.selectors import membership_paths


def provinces_for(user) -> list[AdministrativeUnit]:
    """The provinces whose ward names the user's uploads are read against."""
    provinces = AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE).order_by("name")
    if user.is_superuser:
        return list(provinces)
    codes = {path.split("/")[0] for path in membership_paths(user=user, roles=FIGURE_IMPORTER_ROLES)}
    return list(provinces.filter(code__in=codes))


class FigureUploadForm(TabularUploadForm):
    province = forms.ModelChoiceField(
        label=_("Tỉnh/thành phố"),
        queryset=AdministrativeUnit.objects.none(),
        help_text=_("Dùng để tìm xã/phường theo tên (không cần dấu) khi tệp không ghi mã."),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        provinces = provinces_for(user)
        self.fields["province"].queryset = AdministrativeUnit.objects.filter(pk__in=[p.pk for p in provinces])
        if len(provinces) == 1:
            self.fields["province"].initial = provinces[0].pk


def _check(request) -> None:
    if not may_import_figures(user=request.user):
        raise PermissionDenied


class FigureImportView(TabularImportView):
    """Upload official figures; the page shows the report (every error by line) and the recent imports."""

    template_name = "insights/admin/figures_import.html"
    form_class = FigureUploadForm
    page_title = _("Số liệu chính thức")
    spec = SPEC

    def may_import(self) -> bool:
        return may_import_figures(user=self.request.user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def template_urls(self):
        return [
            (_("Tải tệp mẫu (XLSX)"), reverse("insights_figures_template", args=["xlsx"])),
            (_("Tải tệp mẫu (CSV)"), reverse("insights_figures_template", args=["csv"])),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["imports"] = figure_imports_for(user=self.request.user).select_related("uploaded_by")[:10]
        return context

    def fresh_form(self, form):
        return self.form_class(user=self.request.user, initial={"province": form.cleaned_data["province"]})

    def run_import(self, form):
        upload = form.cleaned_data["file"]
        return import_figures(
            file=upload, filename=upload.name, province=form.cleaned_data["province"], user=self.request.user
        )


def figures_template_view(request, fmt: str):
    """The template, as XLSX or CSV, with two wards of the user's (first) province."""
    _check(request)
    provinces = provinces_for(request.user)
    province = provinces[0] if len(provinces) == 1 else None
    if fmt == "xlsx":
        response = HttpResponse(template_xlsx(province=province), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(template_csv(province=province), content_type="text/csv; charset=utf-8")
        fmt = "csv"
    response["Content-Disposition"] = f'attachment; filename="mau-so-lieu-chinh-thuc.{fmt}"'
    return response
