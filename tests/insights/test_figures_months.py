"""Official figures are of Đề án 06's months: from January 2022 (Decision 06/QĐ-TTg) to this month. 1900-01 is
what a spreadsheet shows for an empty date; it was accepted and written (issue 17, finding 13)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns.models import Metric
from insights.figures_import import import_figures
from insights.models import AdoptionFigure, FigureImport
from places.models import AdministrativeUnit, Role
from tests.security.forms import csrf_client, form_from_get
from tests.security.people import PROVINCE, WARD_A, member_of

pytestmark = pytest.mark.django_db

FIGURES_PAGE = "/admin/insights/figures/"
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def metric(db):
    return Metric.objects.get_or_create(slug="dan-so", defaults={"name": "Dân số"})[0]


def csv(month: str) -> bytes:
    return f"ward,month,metric,value\n{WARD_A},{month},dan-so,18000\n".encode()


@pytest.mark.parametrize("month", ["1900-01", "01/1900", "2021-12", "0001-01"])
def test_a_month_before_de_an_06_is_refused_with_its_line(official_units, metric, month):
    report = import_figures(file=csv(month), today=TODAY)
    assert not report.ok
    (error,) = report.errors
    assert error.line == 2
    assert "trước khi Đề án 06 bắt đầu (01/2022)" in error.message
    assert not AdoptionFigure.objects.exists() and not FigureImport.objects.exists()


@pytest.mark.parametrize("month, accepted", [("2022-01", True), ("2026-11", True), ("2026-12", False)])
def test_the_first_and_the_current_month_are_accepted_the_next_is_not(official_units, metric, month, accepted):
    report = import_figures(file=csv(month), today=TODAY)
    assert report.ok is accepted, report.errors
    assert AdoptionFigure.objects.exists() is accepted


def test_the_upload_page_says_why_1900_is_refused_and_writes_nothing(official_units, metric):
    client = csrf_client(member_of(PROVINCE, Role.CULTURE_OFFICE, "vanhoa.daklak"))
    form = form_from_get(client, FIGURES_PAGE)
    form.pop("file", None)
    data = dict(form)
    data["province"] = [str(AdministrativeUnit.objects.get(code=PROVINCE).pk)]
    data["file"] = SimpleUploadedFile("so-lieu.csv", csv("1900-01"), "text/csv")
    response = client.post(FIGURES_PAGE, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tháng 01/1900 trước khi Đề án 06 bắt đầu (01/2022)" in page
    assert not AdoptionFigure.objects.exists() and not FigureImport.objects.exists()
    # The month Đề án 06 began is accepted through the same page.
    data["file"] = SimpleUploadedFile("so-lieu.csv", csv("2022-01"), "text/csv")
    assert "Đã nhập 1 số liệu" in client.post(FIGURES_PAGE, data).content.decode()
    assert AdoptionFigure.objects.get().month == dt.date(2022, 1, 1)
