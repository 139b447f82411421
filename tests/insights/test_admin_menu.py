"""The insights admin sits in one menu group: the dashboard, official figures, airings and roll-out plans."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.menu import SubmenuMenuItem, admin_menu

from places.models import Role
from tests.insights.test_figures_admin import staff_with

pytestmark = pytest.mark.django_db


def insights_submenu(user) -> list[tuple[str, str]] | None:
    """(label, url) of the items the user sees in the "Hiệu quả" group, or None without it."""
    reverse("wagtailadmin_home")  # the admin's URLconf registers the viewsets, and with them the group
    request = RequestFactory().get("/admin/")
    request.user = user
    for item in admin_menu.menu_items_for_request(request):
        if isinstance(item, SubmenuMenuItem) and str(item.label) == "Hiệu quả":
            children = sorted(item.menu.menu_items_for_request(request), key=lambda child: child.order)
            return [(str(child.label), child.url) for child in children]
    return None


def test_a_culture_office_sees_dashboard_figures_and_airings_in_one_group(official_units):
    items = insights_submenu(staff_with(Role.CULTURE_OFFICE, "66"))
    assert [url for _label, url in items] == [
        reverse("insights_dashboard"),
        reverse("insights_figures_import"),
        reverse("broadcastairing:index"),
        reverse("insights_rollouts"),
    ]


def test_a_viewer_sees_only_the_dashboard_and_the_rollout_plans_in_the_group(official_units):
    assert insights_submenu(staff_with(Role.VIEWER, "24169")) == [
        ("Tổng quan", reverse("insights_dashboard")),
        ("Triển khai theo đợt", reverse("insights_rollouts")),
    ]


def test_someone_without_a_reporting_role_sees_no_group(official_units):
    assert insights_submenu(staff_with(Role.SERVICE_POINT_STAFF, "24169")) is None


def test_the_app_has_one_admin_wiring_module():
    import importlib.util

    assert importlib.util.find_spec("insights.admin_hooks") is None
