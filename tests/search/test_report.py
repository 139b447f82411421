import csv
import datetime as dt
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import GroupPagePermission, Page

from search.services import record_search
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

THIS_WEEK, LAST_WEEK = dt.date(2026, 11, 23), dt.date(2026, 11, 16)


@pytest.fixture
def logged_searches():
    record_search(query="giấy phép xây dựng", found=False, day=THIS_WEEK)
    record_search(query="giay phep xay dung", found=False, day=THIS_WEEK)
    record_search(query="dang ky tam tru", found=True, day=THIS_WEEK)
    record_search(query="phao hoa tet", found=False, day=LAST_WEEK)


@pytest.fixture
def editor():
    group = Group.objects.create(name="Biên tập thử")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=Page.get_first_root_node(), permission=Permission.objects.get(codename="change_page")
    )
    user = UserFactory(username="bientap.timkiem")
    user.groups.add(group)
    return user


def report(client, **params):
    return client.get(reverse("search_zero_result_searches"), params)


def test_an_editor_sees_the_queries_that_found_nothing(client, logged_searches, editor):
    client.force_login(editor)
    response = report(client)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tìm kiếm không có kết quả" in html
    assert "giay phep xay dung" in html and "phao hoa tet" in html
    assert "dang ky tam tru" not in html  # it found something


def test_the_report_is_in_the_reports_menu_for_editors(client, editor):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("search_zero_result_searches") in html


def test_the_report_filters_by_week(client, logged_searches, editor):
    client.force_login(editor)
    html = report(client, week=LAST_WEEK.isoformat()).content.decode()
    assert "phao hoa tet" in html and "giay phep xay dung" not in html


def test_the_report_exports_csv_and_xlsx_with_weekly_counts(client, logged_searches, editor):
    client.force_login(editor)
    response = report(client, export="csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["Tuần (thứ Hai)", "Từ khóa (không dấu)", "Lượt không có kết quả", "Lượt tìm"]
    assert ["2026-11-23", "giay phep xay dung", "2", "2"] in rows
    assert ["2026-11-16", "phao hoa tet", "1", "1"] in rows
    workbook = load_workbook(io.BytesIO(b"".join(report(client, export="xlsx").streaming_content)))
    values = [[cell.value for cell in row] for row in workbook.active.iter_rows()]
    assert values[1][1:] == ["giay phep xay dung", 2, 2]


def test_anonymous_visitors_are_sent_to_the_login(client, logged_searches):
    response = report(client)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_who_cannot_edit_pages_do_not_see_it(client, logged_searches):
    user = UserFactory(username="xem.timkiem")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = report(client)
    assert response.status_code in (302, 403)
    assert "giay phep xay dung" not in response.content.decode()
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("search_zero_result_searches") not in html
