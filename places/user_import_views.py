"""The admin page that imports users and memberships from a CSV file, and its template download."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.menu import MenuItem

from core.admin import BreadcrumbsAdminView
from core.numbers import vn_number
from places.models import Role
from places.user_imports import COLUMN_ALIASES, COLUMNS, MAX_ROWS, import_users, may_import_users, user_template_csv


class UserImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp CSV"),
        help_text=_("Mã UTF-8, dòng đầu là tiêu đề cột, phân cách bằng dấu phẩy hoặc dấu chấm phẩy."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    dry_run = forms.BooleanField(
        label=_("Chỉ kiểm tra, chưa ghi"),
        required=False,
        help_text=_("Đọc và kiểm tra cả tệp, cho biết sẽ tạo bao nhiêu người dùng và phân công, nhưng không ghi gì."),
    )


def _check_permission(request) -> None:
    if not may_import_users(request.user):
        raise PermissionDenied


class UserImportView(BreadcrumbsAdminView, FormView):
    """Upload a CSV of users; the page shows the report: every error by line, or the counts."""

    template_name = "places/admin/import_users.html"
    form_class = UserImportForm
    page_title = _("Nhập người dùng và phân công từ tệp CSV")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        _check_permission(request)
        return super().dispatch(request, *args, **kwargs)

    def get_parent_breadcrumbs(self):
        return [{"url": reverse("wagtailsnippets_places_membership:list"), "label": _("Phân công")}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = [COLUMN_ALIASES[column] for column in COLUMNS]
        context["roles"] = Role.choices
        context["max_rows"] = vn_number(MAX_ROWS)
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        report = import_users(
            file=upload, importer=self.request.user, dry_run=form.cleaned_data["dry_run"], filename=upload.name
        )
        # A fresh form: a browser cannot refill a file input, and the report says what happened.
        return self.render_to_response(self.get_context_data(form=self.form_class(), report=report))


def user_template_view(request):
    """The CSV template: the header and one sample row."""
    _check_permission(request)
    response = HttpResponse(user_template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mau-nguoi-dung.csv"'
    return response


class UserImportMenuItem(MenuItem):
    """Shown to superusers and culture-office members: a role, not a model permission, decides."""

    def is_shown(self, request) -> bool:
        return may_import_users(request.user)
