"""Monthly reports made in the background, and the job that makes and mails last month's on the 1st."""

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from core.dates import last_month
from insights.models.reports import MonthlyReport, MonthlyReportStatus
from places.models import AdministrativeUnit, Membership, Role

logger = logging.getLogger(__name__)


def culture_office_emails(*, unit: AdministrativeUnit) -> list[str]:
    """The addresses of the unit's culture office members (the report goes to them)."""
    return sorted(
        set(
            Membership.objects.filter(unit=unit, role=Role.CULTURE_OFFICE, user__is_active=True)
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )


def make_report_files(report: MonthlyReport) -> MonthlyReport:
    """Build the report's two copies (internal and shared), render each as PDF and XLSX, save the four files."""
    # Imported here, not at the top: this module is loaded with the periodic jobs at every process's start-up
    # (each manage.py command, each server worker), and the report brings the estimators (SciPy, pandas) and
    # WeasyPrint, several seconds of imports that only a report needs.
    from insights.report_rendering import render_report_pdf, render_report_xlsx
    from insights.reports import build_monthly_report

    internal = build_monthly_report(unit=report.unit, month=report.month)
    shared = build_monthly_report(unit=report.unit, month=report.month, shared=True)
    report.pdf.save(f"{report.file_stem}-noi-bo.pdf", ContentFile(render_report_pdf(internal)), save=False)
    report.xlsx.save(f"{report.file_stem}-noi-bo.xlsx", ContentFile(render_report_xlsx(internal)), save=False)
    report.shared_pdf.save(f"{report.file_stem}-chia-se.pdf", ContentFile(render_report_pdf(shared)), save=False)
    report.shared_xlsx.save(f"{report.file_stem}-chia-se.xlsx", ContentFile(render_report_xlsx(shared)), save=False)
    report.status = MonthlyReportStatus.DONE
    report.error = ""
    report.finished_at = timezone.now()
    report.save()
    return report


def email_report(report: MonthlyReport, *, recipients: list[str]) -> None:
    month = report.month.strftime("%m/%Y")
    message = EmailMessage(
        subject=f"Báo cáo tháng {month}: hiệu quả truyền thông – {report.unit.name}",
        body=(
            f"Kính gửi Phòng Văn hóa – Thông tin,\n\n"
            f"Hệ thống Loa gửi kèm báo cáo tháng {month} của {report.unit.name} (tệp PDF, bản chia sẻ: số lượt "
            f"đã làm tròn đến bội số của 5).\n"
            f"Bản nội bộ (số liệu chính xác) và bảng tính XLSX: "
            f"{settings.WAGTAILADMIN_BASE_URL}{reverse('insights_report', args=[report.pk])}\n"
        ),
        to=recipients,
    )
    # The shared copy: a mail is easily forwarded beyond the people entitled to exact numbers.
    with report.shared_pdf.open("rb") as pdf:
        message.attach(f"{report.file_stem}-chia-se.pdf", pdf.read(), "application/pdf")
    message.send()
    MonthlyReport.objects.filter(pk=report.pk).update(emailed_at=timezone.now())


@task()
def generate_monthly_report(report_id: int, email_culture_office: bool = False) -> str:
    """Make one report's files; on request mail the PDF to the unit's culture office."""
    from insights.reports import ReportError  # not at the top: see make_report_files

    report = MonthlyReport.objects.select_related("unit", "requested_by").get(pk=report_id)
    MonthlyReport.objects.filter(pk=report.pk).update(status=MonthlyReportStatus.RUNNING)
    try:
        make_report_files(report)
    except (ReportError, OSError) as error:
        # OSError: the storage did not answer; the report can be asked for again.
        MonthlyReport.objects.filter(pk=report.pk).update(
            status=MonthlyReportStatus.FAILED, error=str(error), finished_at=timezone.now()
        )
        return MonthlyReportStatus.FAILED
    if email_culture_office and (recipients := culture_office_emails(unit=report.unit)):
        email_report(report, recipients=recipients)
    return MonthlyReportStatus.DONE


def units_with_culture_office() -> list[AdministrativeUnit]:
    return list(
        AdministrativeUnit.objects.filter(memberships__role=Role.CULTURE_OFFICE, memberships__user__is_active=True)
        .distinct()
        .order_by("path")
    )


@task()
def send_last_month_reports() -> int:
    """On the 1st: last month's report for every unit with a culture office, mailed to its members.

    Runs again harmlessly: a unit whose scheduled report for that month is made or on its way is skipped.
    """
    month = last_month()
    queued = 0
    for unit in units_with_culture_office():
        with transaction.atomic():
            already = (
                MonthlyReport.objects.filter(unit=unit, month=month, scheduled=True)
                .exclude(status=MonthlyReportStatus.FAILED)
                .exists()
            )
            if already:
                continue
            report = MonthlyReport.objects.create(unit=unit, month=month, scheduled=True)
        generate_monthly_report.enqueue(report.pk, True)
        queued += 1
    logger.info("Monthly reports for %s queued: %s", month, queued)
    return queued
