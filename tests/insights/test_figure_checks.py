"""Checks of the official figures (insights.figure_checks): a running total that goes down, a per-1,000 basis
that is mixed or switches, months missing in a ward's series; shown in the import report and beside the
channel-impact estimate, never silent."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.models import Metric
from insights.figure_checks import FigureWarningKind, check_figures, figure_warnings
from insights.models import AdoptionFigure
from places.models import AdministrativeUnit, Membership, Role
from tests.factories.insights_dashboard import figure, staff_member
from tests.factories.users import UserFactory
from tests.insights.dashboard_html import read_tables

IMPORT_URL = "/admin/insights/figures/"


def month(number: int) -> dt.date:
    return dt.date(2026, number, 1)


# --- the pure checks ----------------------------------------------------------------------------------------

WARD_A = AdministrativeUnit(pk=1, code="24133", name="Phường Buôn Ma Thuột")
WARD_B = AdministrativeUnit(pk=2, code="24169", name="Phường Ea Kao")
WARDS = {1: WARD_A, 2: WARD_B}
VNEID = Metric(slug="vneid-muc-2", name="Tài khoản định danh điện tử mức độ 2 được kích hoạt")


def series(*pairs) -> dict[dt.date, Decimal]:
    return {month(m): Decimal(v) for m, v in pairs}


def kinds(warnings) -> list[tuple[str, str, dt.date | None]]:
    return [(w.kind, w.ward_code, w.month) for w in warnings]


def test_clean_figures_give_no_warning():
    values = {1: series((1, 100), (2, 150), (3, 150)), 2: series((1, 10), (2, 20), (3, 35))}
    residents = {1: {month(1)}, 2: {month(1)}}
    assert check_figures(wards=WARDS, metric=VNEID, values=values, residents=residents) == []


def test_a_running_total_that_goes_down_is_a_negative_growth_warning():
    values = {1: series((1, 1200), (2, 1150), (3, 1300))}
    (warning,) = check_figures(wards=WARDS, metric=VNEID, values=values, residents={1: {month(1)}})
    assert (warning.kind, warning.ward_code, warning.month) == (FigureWarningKind.NEGATIVE_GROWTH, "24133", month(2))
    assert "giảm từ 1.200 (tháng 01/2026) xuống 1.150 (tháng 02/2026)" in warning.message
    # A metric counted per period (not a running total) may go down.
    assert check_figures(wards=WARDS, metric=VNEID, values=values, residents={1: {month(1)}}, cumulative=False) == []


def test_months_missing_inside_a_series_are_one_warning_per_gap():
    values = {2: series((1, 10), (2, 20), (5, 50), (7, 70))}
    warnings = check_figures(wards=WARDS, metric=VNEID, values=values, residents={2: {month(1)}})
    assert kinds(warnings) == [
        (FigureWarningKind.MISSING_MONTH, "24169", month(3)),
        (FigureWarningKind.MISSING_MONTH, "24169", month(6)),
    ]
    assert "tháng 03/2026–04/2026" in warnings[0].message and "tháng 05/2026" in warnings[0].message
    # Months before the first or after the last figure are not gaps.
    assert warnings[1].message.count("06/2026") == 1


def test_residents_for_some_wards_and_not_others_is_a_basis_warning_for_each_ward_without():
    values = {1: series((1, 100), (2, 120)), 2: series((1, 10), (2, 12))}
    (warning,) = check_figures(wards=WARDS, metric=VNEID, values=values, residents={1: {month(1)}})
    assert (warning.kind, warning.ward_code, warning.month) == (FigureWarningKind.BASIS_SWITCH, "24169", None)
    assert "theo số tuyệt đối, không theo 1.000 dân" in warning.message and "1/2" in warning.message
    # No ward with residents: one consistent basis (raw counts), nothing to warn about.
    assert check_figures(wards=WARDS, metric=VNEID, values=values, residents={}) == []


def test_months_before_a_wards_first_residents_figure_borrow_a_later_one():
    values = {1: series((1, 100), (2, 120), (3, 130)), 2: series((1, 10), (2, 12), (3, 14))}
    (warning,) = check_figures(wards=WARDS, metric=VNEID, values=values, residents={1: {month(1)}, 2: {month(3)}})
    assert (warning.kind, warning.ward_code, warning.month) == (FigureWarningKind.BASIS_SWITCH, "24169", month(1))
    assert "có số dân từ tháng 03/2026" in warning.message


def test_a_warning_is_data():
    values = {1: series((1, 1200), (2, 1150))}
    (warning,) = check_figures(wards=WARDS, metric=VNEID, values=values, residents={1: {month(1)}})
    data = warning.as_dict()
    assert data["kind"] == "negative_growth" and data["month"] == "2026-02" and data["ward_code"] == "24133"
    assert set(data) == {"kind", "ward_code", "ward", "month", "metric", "message"}


# --- beside the estimate on the dashboard -------------------------------------------------------------------


@pytest.fixture
def flawed_figures(official_units):
    """Buôn Ma Thuột: a running total that drops in March and no April; Ea Kao: no residents."""
    ward_a, ward_b = official_units.get(code="24133"), official_units.get(code="24169")
    for number, value in ((1, 1000), (2, 1100), (3, 1050), (5, 1300)):
        figure(unit=ward_a, month=month(number), slug="vneid-muc-2", value=value)
    for number, value in ((1, 300), (2, 320), (3, 350)):
        figure(unit=ward_b, month=month(number), slug="vneid-muc-2", value=value)
    figure(unit=ward_a, month=month(1), slug="dan-so", value=20000)
    return official_units.get(code="66")


@pytest.mark.django_db
def test_the_selector_returns_the_warnings_as_data(flawed_figures):
    warnings = figure_warnings(units=[flawed_figures])
    assert kinds(warnings) == [
        (FigureWarningKind.NEGATIVE_GROWTH, "24133", month(3)),
        (FigureWarningKind.MISSING_MONTH, "24133", month(4)),
        (FigureWarningKind.BASIS_SWITCH, "24169", None),
    ]
    assert all(warning.message for warning in warnings)
    # Another province's scope sees none of them.
    assert figure_warnings(units=list(AdministrativeUnit.objects.filter(code="01"))) == []


@pytest.mark.django_db
def test_the_dashboard_shows_the_warnings_next_to_the_channel_impact(client, flawed_figures):
    client.force_login(staff_member(username="vanhoa", unit=flawed_figures, role=Role.CULTURE_OFFICE))
    params = {"unit": "66", "start": "2026-05-01", "end": "2026-05-31"}
    html = client.get(reverse("insights_dashboard"), params).content.decode()
    tables, _empty = read_tables(html)
    rows = tables["canh-bao-so-lieu"]
    assert [(row["Mã"], row["Tháng"], row["Cảnh báo"]) for row in rows] == [
        ("24133", "03/2026", "Số lũy kế giảm"),
        ("24133", "04/2026", "Thiếu tháng"),
        ("24169", "—", "Cách tính trên 1.000 dân thay đổi"),
    ]
    assert 'data-figure-warnings="3"' in html
    # Right before the estimate it qualifies.
    assert html.index('id="canh-bao-so-lieu"') < html.index('id="tac-dong-kenh"')
    between = html[html.index('id="nghi-bat-thuong"') : html.index('id="tac-dong-kenh"')]
    assert "data-figure-warnings" in between

    response = client.get(reverse("insights_export", args=["canh-bao-so-lieu", "csv"]), params)
    exported = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["Cảnh báo"] for row in exported] == [row["Cảnh báo"] for row in rows]
    assert "giảm từ 1.100 (tháng 02/2026) xuống 1.050 (tháng 03/2026)" in exported[0]["Nội dung"]


@pytest.mark.django_db
def test_clean_figures_say_so(client, official_units):
    ward = official_units.get(code="24169")
    for number in (1, 2, 3):
        figure(unit=ward, month=month(number), slug="vneid-muc-2", value=100 * number)
    figure(unit=ward, month=month(1), slug="dan-so", value=4000)
    client.force_login(staff_member(username="xem", unit=ward, role=Role.VIEWER))
    response = client.get(reverse("insights_dashboard"), {"unit": "24169", "start": "2026-03-01", "end": "2026-03-31"})
    _tables, empty = read_tables(response.content.decode())
    assert "canh-bao-so-lieu" in empty and "data-figure-warnings" not in response.content.decode()


# --- in the import report -----------------------------------------------------------------------------------


@pytest.fixture
def importer(client, official_units):
    Metric.objects.get_or_create(slug="dan-so", defaults={"name": "Dân số"})
    Metric.objects.get_or_create(slug="vneid-muc-2", defaults={"name": "Kích hoạt định danh điện tử mức độ 2"})
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    Membership.objects.create(user=user, unit=official_units.get(code="66"), role=Role.CULTURE_OFFICE)
    client.force_login(user)
    return client


def upload(client, text: str):
    daklak = AdministrativeUnit.objects.get(code="66")
    data = ("xã/phường,tháng,chỉ tiêu,giá trị\n" + text).encode()
    response = client.post(
        IMPORT_URL, {"file": SimpleUploadedFile("so-lieu.csv", data, "text/csv"), "province": daklak.pk}
    )
    assert response.status_code == 200
    html = response.content.decode()
    return html, read_tables(html)[0].get("canh-bao-nhap", [])


@pytest.mark.django_db
def test_the_import_report_warns_of_a_decrease_and_a_gap_and_keeps_the_figures(importer):
    html, warnings = upload(
        importer, "24169,2026-01,vneid-muc-2,1000\n24169,2026-02,vneid-muc-2,900\n24169,2026-04,vneid-muc-2,1100\n"
    )
    assert "Đã nhập 3 số liệu" in html and "Có 2 cảnh báo về số liệu" in html
    assert AdoptionFigure.objects.count() == 3
    assert [(row["Mã"], row["Tháng"], row["Cảnh báo"]) for row in warnings] == [
        ("24169", "02/2026", "Số lũy kế giảm"),
        ("24169", "03/2026", "Thiếu tháng"),
    ]


@pytest.mark.django_db
def test_a_gap_left_by_an_earlier_import_is_found_when_a_later_month_arrives(importer):
    upload(importer, "24169,2026-01,vneid-muc-2,1000\n")
    _html, warnings = upload(importer, "24169,2026-03,vneid-muc-2,1200\n")
    assert [(row["Tháng"], row["Cảnh báo"]) for row in warnings] == [("02/2026", "Thiếu tháng")]


@pytest.mark.django_db
def test_the_import_report_says_when_residents_switch_the_basis(importer):
    _html, warnings = upload(
        importer,
        "24133,2026-01,vneid-muc-2,1000\n24133,2026-02,vneid-muc-2,1100\n"
        "24169,2026-01,vneid-muc-2,300\n24169,2026-02,vneid-muc-2,320\n"
        "24133,2026-01,dan-so,20000\n",
    )
    # Residents for one of the two wards: the other one is named, and the estimate stays on raw counts.
    assert [(row["Mã"], row["Cảnh báo"]) for row in warnings] == [("24169", "Cách tính trên 1.000 dân thay đổi")]
    assert "theo số tuyệt đối" in warnings[0]["Nội dung"]

    # The last ward's residents: every estimate of the province switches to per 1,000, and the report says so.
    _html, warnings = upload(importer, "24169,2026-01,dan-so,4000\n")
    assert [(row["Mã"], row["Cảnh báo"]) for row in warnings] == [("66", "Cách tính trên 1.000 dân thay đổi")]
    assert "chuyển từ số tuyệt đối sang tính trên 1.000 dân" in warnings[0]["Nội dung"]
