"""The official figures page lists the imports of the viewer's units only, and the site history keeps an import
with its province (issue 17, finding 7: every province's files and uploaders were listed to every culture office).
"""

import datetime as dt

import pytest
from django.utils import timezone

from campaigns.models import Metric
from insights.figures_import import import_figures
from places.models import AdministrativeUnit, Role
from tests.factories.users import UserFactory
from tests.security.forms import csrf_client
from tests.security.people import OTHER_PROVINCE, PROVINCE, WARD_A, member_of

pytestmark = pytest.mark.django_db

FIGURES_PAGE = "/admin/insights/figures/"
SITE_HISTORY = "/admin/reports/site-history/"


def last_month() -> str:
    return (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")


@pytest.fixture
def imports(official_units):
    Metric.objects.get_or_create(slug="dan-so", defaults={"name": "Dân số"})
    people = {
        "daklak": member_of(PROVINCE, Role.CULTURE_OFFICE, "vanhoa.daklak"),
        "hanoi": member_of(OTHER_PROVINCE, Role.CULTURE_OFFICE, "vanhoa.hanoi"),
    }
    hanoi_ward = AdministrativeUnit.objects.filter(path__startswith=f"{OTHER_PROVINCE}/", level="ward").first()
    for person, ward, filename in (
        ("daklak", WARD_A, "so-lieu-dak-lak-bi-mat.csv"),
        ("hanoi", hanoi_ward.code, "so-lieu-ha-noi.csv"),
    ):
        csv = f"ward,month,metric,value\n{ward},{last_month()},dan-so,1000\n".encode()
        report = import_figures(file=csv, filename=filename, user=people[person])
        assert report.ok, report.errors
    return people


def test_a_culture_office_sees_only_its_provinces_imports(imports):
    page = csrf_client(imports["hanoi"]).get(FIGURES_PAGE).content.decode()
    assert "so-lieu-ha-noi.csv" in page
    assert "so-lieu-dak-lak-bi-mat.csv" not in page and "vanhoa.daklak" not in page

    page = csrf_client(imports["daklak"]).get(FIGURES_PAGE).content.decode()
    assert "so-lieu-dak-lak-bi-mat.csv" in page and "so-lieu-ha-noi.csv" not in page


def test_an_import_by_someone_else_for_the_viewers_wards_is_listed(imports):
    """The province's own figures imported by an administrator belong on the province's page."""
    admin = UserFactory(username="quantri", is_superuser=True)
    csv = f"ward,month,metric,value\n{WARD_A},{last_month()},dan-so,1200\n".encode()
    assert import_figures(file=csv, filename="so-lieu-quan-tri.csv", user=admin).ok
    page = csrf_client(imports["daklak"]).get(FIGURES_PAGE).content.decode()
    assert "so-lieu-quan-tri.csv" in page
    assert "so-lieu-quan-tri.csv" not in csrf_client(imports["hanoi"]).get(FIGURES_PAGE).content.decode()


def test_the_site_history_keeps_an_import_with_its_province(imports):
    history = csrf_client(imports["hanoi"]).get(SITE_HISTORY)
    assert history.status_code == 200
    assert "so-lieu-dak-lak-bi-mat.csv" not in history.content.decode()
    assert "so-lieu-ha-noi.csv" in history.content.decode()
