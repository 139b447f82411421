import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Site

from home.models import HomePage
from places.demo import DEMO_PROVINCE_CODE, DEMO_WARD_CODES, WARD_ROLES
from places.models import AdministrativeUnit, Membership, Role, ServicePoint, UnitLevel
from places.selectors import user_may_act_on

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "units": AdministrativeUnit.objects.count(),
        "wards": AdministrativeUnit.objects.filter(level=UnitLevel.WARD).count(),
        "users": get_user_model().objects.count(),
        "memberships": Membership.objects.count(),
        "service_points": ServicePoint.objects.count(),
        "pages": Page.objects.count(),
        "sites": Site.objects.count(),
    }


def test_load_demo_twice_leaves_every_count_unchanged(capsys):
    call_command("load_demo")
    first = counts()
    call_command("load_demo")
    assert counts() == first
    assert first["units"] == 3355 and first["wards"] == 3321
    out = capsys.readouterr().out
    assert "0 mới, 0 cập nhật, 3355 không đổi" in out


def test_the_demo_has_one_user_per_role_in_each_of_two_wards_of_one_province(settings):
    call_command("load_demo")
    for slug, code in DEMO_WARD_CODES.items():
        ward = AdministrativeUnit.objects.get(code=code)
        assert ward.parent.code == DEMO_PROVINCE_CODE
        roles = set(Membership.objects.filter(unit=ward).values_list("role", flat=True))
        assert roles == {role.value for role in WARD_ROLES}, slug
    culture_office = Membership.objects.get(role=Role.CULTURE_OFFICE)
    assert culture_office.unit.code == DEMO_PROVINCE_CODE

    editor_a = get_user_model().objects.get(username="bientap.buonmathuot")
    ward_b = AdministrativeUnit.objects.get(code=DEMO_WARD_CODES["eakao"])
    assert not user_may_act_on(user=editor_a, unit=ward_b)


def test_demo_users_keep_their_passwords_on_a_second_run(monkeypatch):
    monkeypatch.setenv("LOA_DEMO_PASSWORD", "mat-khau-mau-1")
    call_command("load_demo")
    monkeypatch.setenv("LOA_DEMO_PASSWORD", "mat-khau-mau-2")
    call_command("load_demo")
    assert get_user_model().objects.get(username="duyet.eakao").check_password("mat-khau-mau-1")


def test_sample_service_points_are_labelled_as_samples():
    call_command("load_demo")
    points = ServicePoint.objects.all()
    assert points.count() == 4
    assert all(point.is_sample and "Dữ liệu mẫu" in point.name for point in points)


def test_the_home_page_replaces_wagtails_welcome_page():
    call_command("load_demo")
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()
    assert site.root_page.live


def test_ensure_admin_creates_the_admin_once_and_never_resets_it(monkeypatch, capsys):
    monkeypatch.delenv("LOA_ADMIN_PASSWORD", raising=False)
    call_command("ensure_admin")
    printed = capsys.readouterr().out
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    generated = printed.rsplit(": ", 1)[-1].strip()
    assert admin.check_password(generated)

    monkeypatch.setenv("LOA_ADMIN_PASSWORD", "mot-mat-khau-khac")
    call_command("ensure_admin")
    admin.refresh_from_db()
    assert admin.check_password(generated)
    assert "giữ nguyên" in capsys.readouterr().out


def test_ensure_admin_takes_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("LOA_ADMIN_PASSWORD", "mat-khau-quan-tri")
    call_command("ensure_admin")
    assert get_user_model().objects.get(username="admin").check_password("mat-khau-quan-tri")
