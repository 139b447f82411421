"""The admin page of every tabular import: the upload form, the report (every error by line) and the file guide."""

from collections.abc import Callable
from pathlib import Path

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from core.admin import BreadcrumbsAdminView
from core.numbers import vn_mebibytes, vn_number
from core.tabular import ImportReport, TableSpec

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class TabularUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp CSV hoặc XLSX"),
        help_text=_("Dòng đầu là tiêu đề cột. CSV: mã UTF-8, phân cách bằng dấu phẩy hoặc dấu chấm phẩy."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv," + XLSX_TYPE}),
    )


class DryRunUploadForm(TabularUploadForm):
    dry_run = forms.BooleanField(
        label=_("Chỉ kiểm tra, chưa ghi"),
        required=False,
        help_text=_("Đọc và kiểm tra cả tệp, cho biết sẽ ghi những gì, nhưng không ghi gì."),
    )


class TabularImportView(BreadcrumbsAdminView, FormView):
    """Upload a file; the page shows the report and how to prepare the file (core/admin/tabular_import.html).

    A subclass names its spec, who may import (`may_import`), what an upload runs (`run_import`), and
    fills the template's `instructions` block; `template_urls` are the (label, url) of its sample files.
    """

    template_name = "core/admin/tabular_import.html"
    form_class = DryRunUploadForm
    header_icon = "upload"
    spec: TableSpec
    result_url_name = ""
    result_label = ""

    def may_import(self) -> bool:
        raise NotImplementedError

    def run_import(self, form: forms.Form) -> ImportReport:
        raise NotImplementedError

    def template_urls(self) -> list[tuple[str, str]]:
        return []

    def dispatch(self, request, *args, **kwargs):
        if not self.may_import():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        spec = self.spec
        context["columns"] = [
            {"names": spec.aliases[column], "required": column in spec.required} for column in spec.columns
        ]
        context["max_rows"] = vn_number(spec.max_rows)
        context["max_mb"] = vn_mebibytes(spec.max_bytes)
        context["template_urls"] = self.template_urls()
        context["result_url_name"] = self.result_url_name
        context["result_label"] = self.result_label
        return context

    def fresh_form(self, form: forms.Form) -> forms.Form:
        return self.form_class()

    def form_valid(self, form):
        report = self.run_import(form)
        # A fresh form: a browser cannot refill a file input, and the report says what happened.
        return self.render_to_response(self.get_context_data(form=self.fresh_form(form), report=report))


def finish_command(command: BaseCommand, report: ImportReport) -> None:
    """What an import command prints: every error and a non-zero exit, or the ignored columns and the summary."""
    if not report.ok:
        raise CommandError("\n".join([report.summary(), *(str(error) for error in report.errors)]))
    if report.ignored_columns:
        command.stdout.write(f"Bỏ qua các cột không dùng: {', '.join(report.ignored_columns)}.")
    command.stdout.write(command.style.SUCCESS(report.summary()))


class ImportCommand(BaseCommand):
    """A `manage.py` import: a file (CSV or XLSX) and `--dry-run`; `handle` calls `run_import_command`."""

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="Đường dẫn tệp CSV hoặc XLSX.")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra tệp, không ghi gì.")


def run_import_command(command: BaseCommand, *, path: Path, run: Callable[..., ImportReport]) -> None:
    """Open the file, run the import on it (`run(file=...)`) and print its report; an unreadable file is named."""
    try:
        with path.open("rb") as file:
            report = run(file=file)
    except OSError as error:
        raise CommandError(f"Không mở được tệp “{path}”: {error.strerror or error}.") from error
    finish_command(command, report)
