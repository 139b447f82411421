"""The admin page that imports users and memberships from a CSV or XLSX file, and its template download."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem

from core.tabular_views import TabularImportView
from places.models import Role
from places.user_imports import SPEC, import_users, may_import_users, user_template_csv


class UserImportView(TabularImportView):
    """Upload a file of users; the page shows the report: every error by line, or the counts."""

    template_name = "places/admin/import_users.html"
    page_title = _("Nhập người dùng và phân công từ tệp CSV hoặc XLSX")
    spec = SPEC
    result_url_name = "wagtailsnippets_places_membership:list"
    result_label = _("Xem danh sách phân công")

    def may_import(self) -> bool:
        return may_import_users(self.request.user)

    def get_parent_breadcrumbs(self):
        return [{"url": reverse("wagtailsnippets_places_membership:list"), "label": _("Phân công")}]

    def template_urls(self):
        return [(_("Tải tệp mẫu (CSV)"), reverse("places_user_import_template"))]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "roles": Role.choices}

    def run_import(self, form):
        upload = form.cleaned_data["file"]
        return import_users(
            file=upload, importer=self.request.user, dry_run=form.cleaned_data["dry_run"], filename=upload.name
        )


def user_template_view(request):
    """The CSV template: the header and one sample row."""
    if not may_import_users(request.user):
        raise PermissionDenied
    response = HttpResponse(user_template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mau-nguoi-dung.csv"'
    return response


class UserImportMenuItem(MenuItem):
    """Shown to superusers and culture-office members: a role, not a model permission, decides."""

    def is_shown(self, request) -> bool:
        return may_import_users(request.user)
