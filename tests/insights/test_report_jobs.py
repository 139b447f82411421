"""Monthly reports from the admin (background task, permission-checked downloads) and the job of the 1st."""

import io

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from core.dates import last_month
from core.periodic import periodic_jobs
from insights.models.reports import MonthlyReport, MonthlyReportStatus
from insights.report_tasks import send_last_month_reports
from places.models import Role
from tests.factories.insights_dashboard import october_fixture, staff_member


@pytest.fixture
def october(official_units):
    return october_fixture()


def request_report(client, *, unit: str, month: str = "2026-10"):
    return client.post(reverse("insights_report_request"), {"unit": unit, "month": month})


def pdf_text(content: bytes) -> str:
    return " ".join("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())


def test_an_official_requests_a_report_and_downloads_both_files(client, october):
    client.force_login(staff_member(username="vanhoa", unit=october.province, role=Role.CULTURE_OFFICE))
    response = request_report(client, unit="66")
    report = MonthlyReport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("insights_report", args=[report.pk])
    assert report.status == MonthlyReportStatus.DONE and report.requested_by.username == "vanhoa"

    page = client.get(response["Location"]).content.decode()
    assert "Đã xong" in page and 'http-equiv="refresh"' not in page

    pdf = client.get(reverse("insights_report_download", args=[report.pk, "pdf"]))
    assert pdf["Content-Disposition"].endswith('filename="bao-cao-thang-66-2026-10-noi-bo.pdf"')
    text = pdf_text(b"".join(pdf.streaming_content))
    assert "Báo cáo tháng 10/2026" in text and "233" in text and "Nội bộ" in text

    xlsx = client.get(reverse("insights_report_download", args=[report.pk, "xlsx"]))
    assert b"".join(xlsx.streaming_content)[:2] == b"PK"

    shared = client.get(reverse("insights_report_download", args=[report.pk, "pdf-chia-se"]))
    assert shared["Content-Disposition"].endswith('filename="bao-cao-thang-66-2026-10-chia-se.pdf"')
    assert "Bản chia sẻ" in pdf_text(b"".join(shared.streaming_content))
    shared_xlsx = client.get(reverse("insights_report_download", args=[report.pk, "xlsx-chia-se"]))
    assert b"".join(shared_xlsx.streaming_content)[:2] == b"PK"
    assert client.get(reverse("insights_report_download", args=[report.pk, "docx"])).status_code == 404


def test_a_running_report_page_refreshes_itself_without_javascript(client, october):
    user = staff_member(username="vanhoa", unit=october.province, role=Role.CULTURE_OFFICE)
    report = MonthlyReport.objects.create(unit=october.province, month=last_month(), status=MonthlyReportStatus.RUNNING)
    client.force_login(user)
    page = client.get(reverse("insights_report", args=[report.pk])).content.decode()
    assert 'http-equiv="refresh"' in page
    assert client.get(reverse("insights_report_download", args=[report.pk, "pdf"])).status_code == 404


def test_reports_of_other_units_are_neither_made_nor_served(client, october):
    client.force_login(staff_member(username="vanhoa", unit=october.province, role=Role.CULTURE_OFFICE))
    request_report(client, unit="24133")
    report = MonthlyReport.objects.get()

    client.force_login(staff_member(username="bientap.eakao", unit=october.ward_b, role=Role.WARD_EDITOR))
    assert client.get(reverse("insights_report", args=[report.pk])).status_code == 302
    assert client.get(reverse("insights_report_download", args=[report.pk, "pdf"])).status_code == 302

    response = request_report(client, unit="24133")
    assert response.status_code == 200
    assert "Bạn không có quyền xem báo cáo của đơn vị này." in response.content.decode()
    assert MonthlyReport.objects.count() == 1


def test_a_month_in_the_future_is_refused_with_a_clear_message(client, october):
    client.force_login(staff_member(username="vanhoa", unit=october.province, role=Role.CULTURE_OFFICE))
    response = request_report(client, unit="66", month="2099-01")
    assert response.status_code == 200
    assert "Tháng 01/2099 chưa đến" in response.content.decode()
    assert not MonthlyReport.objects.exists()


def test_on_the_first_every_culture_office_gets_last_months_report(october):
    vanhoa = staff_member(username="vanhoa.daklak", unit=october.province, role=Role.CULTURE_OFFICE)
    staff_member(username="bientap.eakao", unit=october.ward_b, role=Role.WARD_EDITOR)  # no report for editors

    assert send_last_month_reports.call() == 1

    month = last_month()
    report = MonthlyReport.objects.get()
    assert (report.unit, report.month, report.scheduled, report.status) == (
        october.province,
        month,
        True,
        MonthlyReportStatus.DONE,
    )
    assert report.emailed_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [vanhoa.email]
    assert f"Báo cáo tháng {month:%m/%Y}" in message.subject
    (name, content, mimetype), *_others = message.attachments
    # The mail carries the shared copy: a mail is easily forwarded.
    assert name == f"bao-cao-thang-66-{month:%Y-%m}-chia-se.pdf" and mimetype == "application/pdf"
    assert f"Báo cáo tháng {month:%m/%Y}" in pdf_text(content) and "Bản chia sẻ" in pdf_text(content)

    # Run again (a coalesced or repeated trigger): nobody gets the report twice.
    assert send_last_month_reports.call() == 0
    assert len(mail.outbox) == 1


def test_the_monthly_job_is_registered_for_the_first_of_the_month():
    job = periodic_jobs.get("insights.monthly_reports")
    assert job.task.name == send_last_month_reports.name
    fields = {field.name: str(field) for field in job.trigger.fields}
    assert fields["day"] == "1" and fields["hour"] == "6"


def test_the_request_form_offers_only_the_users_units(client, october):
    client.force_login(staff_member(username="bientap.eakao", unit=october.ward_b, role=Role.WARD_EDITOR))
    page = client.get(reverse("insights_report_request")).content.decode()
    assert '<option value="24169"' in page and '<option value="24133"' not in page
    dashboard = client.get(reverse("insights_dashboard")).content.decode()
    assert reverse("insights_report_request") in dashboard  # the request form sits on the dashboard
