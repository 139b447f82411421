"""Admin pages for official figures: upload with a report of every bad row, and the templates."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from core.admin import BreadcrumbsAdminView
from core.numbers import vn_number
from insights.figures_import import (
    COLUMN_ALIASES,
    COLUMNS,
    MAX_BYTES,
    MAX_ROWS,
    import_figures,
    template_csv,
    template_xlsx,
)
from insights.permissions import FIGURE_IMPORTER_ROLES, figure_imports_for, may_import_figures
from places.models import AdministrativeUnit, UnitLevel
from places.selectors import membership_paths

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def provinces_for(user) -> list[AdministrativeUnit]:
    """The provinces whose ward names the user's uploads are read against."""
    provinces = AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE).order_by("name")
    if user.is_superuser:
        return list(provinces)
    codes = {path.split("/")[0] for path in membership_paths(user=user, roles=FIGURE_IMPORTER_ROLES)}
    return list(provinces.filter(code__in=codes))


class FigureUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp số liệu (CSV hoặc XLSX)"),
        help_text=_("Dòng đầu là tiêu đề: xã/phường, tháng, chỉ tiêu, giá trị. Tối đa 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv," + XLSX_TYPE}),
    )
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


class FigureImportView(BreadcrumbsAdminView, FormView):
    """Upload official figures; the page shows the report (every error by line) and the recent imports."""

    template_name = "insights/admin/figures_import.html"
    form_class = FigureUploadForm
    page_title = _("Số liệu chính thức")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        _check(request)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = [COLUMN_ALIASES[column] for column in COLUMNS]
        context["max_rows"] = vn_number(MAX_ROWS)
        context["max_mb"] = MAX_BYTES // 2**20
        context["imports"] = figure_imports_for(user=self.request.user).select_related("uploaded_by")[:10]
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        report = import_figures(
            file=upload, filename=upload.name, province=form.cleaned_data["province"], user=self.request.user
        )
        # A fresh form: a browser cannot refill a file input, and the report says what happened.
        fresh = self.form_class(user=self.request.user, initial={"province": form.cleaned_data["province"]})
        return self.render_to_response(self.get_context_data(form=fresh, report=report))


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
