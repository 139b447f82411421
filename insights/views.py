"""The dashboard "Hiệu quả truyền thông", its exports and the monthly reports, in the Wagtail admin.

Every view reads the user's reach first (`dashboard_roots`): a unit outside it is refused, whether it
comes from the form, an export link or a report's id.
"""

from dataclasses import replace

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import DetailView, FormView, TemplateView

from core.admin import BreadcrumbsAdminView
from core.dates import last_month
from insights.dashboard_tables import build_dashboard, build_table, entry_for, table_slugs
from insights.exports import table_csv, table_xlsx, tables_xlsx
from insights.forms import DashboardFilterForm, ReportRequestForm
from insights.models import RolloutPlan
from insights.models.reports import MonthlyReport
from insights.permissions import RolloutPlanPermissionPolicy
from insights.report_tasks import generate_monthly_report
from insights.rollout_plans import plan_headlines
from insights.selectors import InsightFilter, dashboard_roots
from insights.summary import dashboard_summary
from insights.suppression import shared_period
from places.models import AdministrativeUnit

ALL_TABLES = "tat-ca"
# A longer table is folded (details/summary, no JavaScript) under its title: the summary at the top says what
# it holds, and the page stays a page. The channel table, which the summary's channel lines come from, stays open.
COLLAPSE_ABOVE_ROWS = 12
rollout_policy = RolloutPlanPermissionPolicy(RolloutPlan)
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class InsightsAdminMixin(BreadcrumbsAdminView):
    """Insights pages sit under the dashboard in the breadcrumbs."""

    def get_parent_breadcrumbs(self):
        if self.page_title == DashboardView.page_title:
            return []
        return [{"url": reverse("insights_dashboard"), "label": DashboardView.page_title}]


def reach(request) -> list[AdministrativeUnit] | None:
    """The user's top units (None: all). Someone with no reach at all is refused."""
    roots = dashboard_roots(user=request.user)
    if roots is not None and not roots:
        raise PermissionDenied
    return roots


def within(unit: AdministrativeUnit, roots: list[AdministrativeUnit] | None) -> bool:
    return roots is None or any(unit.path.startswith(root.path) for root in roots)


def read_filter(request, roots) -> tuple[DashboardFilterForm, InsightFilter | None]:
    """The GET filters; a unit outside the user's reach is refused, not quietly replaced."""
    form = DashboardFilterForm(request.GET, roots=roots)
    if not form.is_valid():
        return form, None
    unit = form.cleaned_data.get("unit")
    if unit is not None and not within(unit, roots):
        raise PermissionDenied
    return form, form.insight_filter()


def scope_label(f: InsightFilter) -> str:
    if f.units is None:
        return "toan-quoc"
    return "-".join(unit.code for unit in f.units[:3]) + ("-va-khac" if len(f.units) > 3 else "")


class DashboardView(InsightsAdminMixin, TemplateView):
    template_name = "insights/admin/dashboard.html"
    page_title = gettext_lazy("Hiệu quả truyền thông")
    header_icon = "table"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        roots = reach(self.request)
        form, f = read_filter(self.request, roots)
        context["form"] = form
        context["query"] = self.request.GET.urlencode()
        if f is not None:
            dashboard = build_dashboard(f=f)
            context["dashboard"] = dashboard
            # The registry's tables in order, each with its chart and the template that shows it.
            context["tables"] = [
                {
                    "table": table,
                    "chart": entry.chart(table) if entry.chart else "",
                    "template": entry.template,
                    "collapse": len(table.rows) > COLLAPSE_ABOVE_ROWS and entry.slug != "theo-kenh",
                }
                for entry, table in dashboard.entries
            ]
            context["filter"] = f
            context["summary"], context["summary_note"] = dashboard_summary(f=f, dashboard=dashboard)
            # A randomised roll-out's own analysis comes first: it is the one figure that may say "caused".
            context["plan_headlines"] = plan_headlines(
                plans=rollout_policy.instances_user_has_permission_for(self.request.user, "view"),
                units=f.units,
                campaign=f.campaign,
            )
        report_unit = f.units[0] if f is not None and f.units and len(f.units) == 1 else None
        context["report_form"] = ReportRequestForm(
            roots=roots,
            initial={"unit": report_unit.code if report_unit else "", "month": last_month().strftime("%Y-%m")},
        )
        reports = MonthlyReport.objects.select_related("unit").order_by("-created_at")
        if roots is not None:
            reports = reports.filter(
                InsightFilter(start=last_month(), end=last_month(), units=tuple(roots)).unit_q("unit__path")
            )
        context["reports"] = reports[:10]
        return context


def export_table(request, slug: str, fmt: str):
    """A table of the dashboard (or all of them, "tat-ca") as CSV or XLSX, with the dashboard's filters.

    `?chia-se=1` makes the copy meant for sharing (insights.suppression): whole weeks or months only, the
    dates snapped and said so in the file, every count a sum of rounded base cells.
    """
    if fmt not in CONTENT_TYPES or (slug not in table_slugs() and slug != ALL_TABLES):
        raise Http404
    if slug == ALL_TABLES and fmt != "xlsx":
        raise Http404
    roots = reach(request)
    form, f = read_filter(request, roots)
    if f is None:
        errors = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in form.errors.items())
        return HttpResponseBadRequest(errors, content_type="text/plain; charset=utf-8")
    shared = request.GET.get("chia-se") == "1"
    notes: list[str] = []
    if shared:
        period = shared_period(start=f.start, end=f.end)
        if period is None:
            return HttpResponseBadRequest(
                gettext("Bản chia sẻ chỉ gồm tuần hoặc tháng trọn vẹn đã kết thúc; khoảng đã chọn chưa có tuần nào."),
                content_type="text/plain; charset=utf-8",
            )
        f = replace(f, start=period.start, end=period.end, shared=True)
        notes = period.notes()
    if slug == ALL_TABLES:
        sheets = [(str(entry.sheet or table.title), [table]) for entry, table in build_dashboard(f=f).entries]
        content = tables_xlsx(sheets, suppress=shared, notes=notes)
    elif fmt == "csv":
        content = table_csv(build_table(slug=slug, f=f), suppress=shared, notes=notes)
    else:
        sheet = str(entry_for(slug).sheet)
        content = table_xlsx(build_table(slug=slug, f=f), suppress=shared, notes=notes, sheet=sheet)
    name = f"{slug}_{scope_label(f)}_{f.start.isoformat()}_{f.end.isoformat()}{'_chia-se' if shared else ''}.{fmt}"
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def may_read_report(request, report: MonthlyReport) -> bool:
    roots = dashboard_roots(user=request.user)
    return roots is None or within(report.unit, roots)


class ReportRequestView(InsightsAdminMixin, FormView):
    template_name = "insights/admin/report_request.html"
    form_class = ReportRequestForm
    page_title = gettext_lazy("Tạo báo cáo tháng")
    header_icon = "doc-full"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "roots": reach(self.request)}

    def form_valid(self, form):
        report = MonthlyReport.objects.create(
            unit=form.cleaned_data["unit"], month=form.cleaned_data["month"], requested_by=self.request.user
        )
        generate_monthly_report.enqueue(report.pk)
        return redirect("insights_report", report_id=report.pk)


class ReportDetailView(InsightsAdminMixin, DetailView):
    """A report's progress (the page refreshes itself while the worker writes it) and its downloads."""

    template_name = "insights/admin/report_detail.html"
    page_title = gettext_lazy("Báo cáo tháng")
    header_icon = "doc-full"
    context_object_name = "report"

    def get_object(self, queryset=None):
        report = get_object_or_404(MonthlyReport.objects.select_related("unit"), pk=self.kwargs["report_id"])
        if not may_read_report(self.request, report):
            raise PermissionDenied
        return report


def download_report(request, report_id: int, kind: str):
    """Reports are private: served through this permission check, never from a public storage URL."""
    report = get_object_or_404(MonthlyReport.objects.select_related("unit"), pk=report_id)
    if not may_read_report(request, report):
        raise PermissionDenied
    copies = {
        "pdf": (report.pdf, "noi-bo.pdf"),
        "xlsx": (report.xlsx, "noi-bo.xlsx"),
        "pdf-chia-se": (report.shared_pdf, "chia-se.pdf"),
        "xlsx-chia-se": (report.shared_xlsx, "chia-se.xlsx"),
    }
    if kind not in copies:
        raise Http404
    file, suffix = copies[kind]
    if not file:
        raise Http404("Báo cáo chưa sẵn sàng.")
    return FileResponse(file.open("rb"), as_attachment=True, filename=f"{report.file_stem}-{suffix}")
