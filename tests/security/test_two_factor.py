"""Two-factor login (TOTP) in the Wagtail admin, with real codes from the device's key."""

import time

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from places.models import AdministrativeUnit, Membership, Role
from tests.factories.users import UserFactory
from tests.security.html_checks import active_content

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-van-hoa-1"


@pytest.fixture(autouse=True)
def two_factor_required(settings):
    settings.LOA_REQUIRE_2FA = True


def staff(username: str, **fields):
    user = UserFactory(username=username, password=PASSWORD, **fields)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def culture_office(official_units):
    user = staff("vanhoa.daklak")
    Membership.objects.create(user=user, unit=AdministrativeUnit.objects.get(code="66"), role=Role.CULTURE_OFFICE)
    return user


@pytest.fixture
def ward_editor(official_units):
    user = staff("bientap.eakao")
    Membership.objects.create(user=user, unit=AdministrativeUnit.objects.get(code="24169"), role=Role.WARD_EDITOR)
    return user


def code_of(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    device.refresh_from_db()
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead)
    return f"{value:0{device.digits}d}"


def log_in(client, username):
    response = client.post(reverse("wagtailadmin_login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def enrol(client, user) -> TOTPDevice:
    client.get(reverse("loa_two_factor_setup"))
    device = TOTPDevice.objects.get(user=user)
    response = client.post(reverse("loa_two_factor_setup"), {"code": code_of(device), "next": "/admin/"})
    assert response.status_code == 302
    return device


@pytest.mark.parametrize("who", ["superuser", "culture_office"])
def test_a_required_user_without_a_device_must_set_one_up_before_any_admin_page(client, who, request):
    user = staff("quantri", is_superuser=True) if who == "superuser" else request.getfixturevalue("culture_office")
    log_in(client, user.username)
    pages = reverse("wagtailadmin_explore_root")
    response = client.get(pages)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('loa_two_factor_setup')}?next=%2Fadmin%2Fpages%2F"

    setup = client.get(response["Location"])
    assert setup.status_code == 200
    page = active_content(setup.content.decode())
    assert page.elements("svg"), "the QR code is an inline SVG"
    assert not [img for img in page.elements("img") if "qr" in img.get("src", "")]
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert device.config_url.startswith("otpauth://totp/Loa")

    wrong = client.post(reverse("loa_two_factor_setup"), {"code": "000000", "next": pages})
    assert wrong.status_code == 200 and "Mã không đúng" in wrong.content.decode()
    assert client.get(pages).status_code == 302
    time.sleep(1.1)  # django-otp makes the next try wait 1 s after a wrong code

    done = client.post(reverse("loa_two_factor_setup"), {"code": code_of(device), "next": pages})
    assert done.status_code == 302 and done["Location"] == pages
    assert client.get(pages).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_with_a_device_the_admin_asks_for_a_code_after_the_password(client, culture_office):
    log_in(client, "vanhoa.daklak")
    device = enrol(client, culture_office)
    client.logout()

    log_in(client, "vanhoa.daklak")
    home = client.get("/admin/")
    assert home.status_code == 302 and home["Location"].startswith(reverse("loa_two_factor_verify"))
    # No admin page, not even a secondary endpoint, before the code.
    for url in [reverse("wagtailadmin_explore_root"), reverse("wagtailimages:index"), "/admin/account/"]:
        assert client.get(url).status_code == 302, url

    wrong = client.post(reverse("loa_two_factor_verify"), {"code": "123456"})
    assert wrong.status_code == 200 and "Mã không đúng hoặc đã hết hạn" in wrong.content.decode()
    # Guessing is slowed down: straight after a wrong code even the right one is refused, and the page says why.
    too_soon = client.post(reverse("loa_two_factor_verify"), {"code": code_of(device, steps_ahead=1)})
    assert too_soon.status_code == 200 and "đợi vài giây" in too_soon.content.decode()
    time.sleep(2.1)
    right = client.post(reverse("loa_two_factor_verify"), {"code": code_of(device, steps_ahead=1), "next": "/admin/"})
    assert right.status_code == 302 and right["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_used_code_cannot_be_replayed_in_another_session(client, culture_office):
    log_in(client, "vanhoa.daklak")
    device = enrol(client, culture_office)
    client.logout()
    log_in(client, "vanhoa.daklak")
    code = code_of(device, steps_ahead=1)
    assert client.post(reverse("loa_two_factor_verify"), {"code": code}).status_code == 302
    client.logout()
    log_in(client, "vanhoa.daklak")
    replay = client.post(reverse("loa_two_factor_verify"), {"code": code})
    assert replay.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_other_staff_are_not_forced_but_may_enrol_and_are_then_asked_for_codes(client, ward_editor):
    log_in(client, "bientap.eakao")
    account = client.get("/admin/account/")
    assert account.status_code == 200
    assert reverse("loa_two_factor_setup") in account.content.decode()
    device = enrol(client, ward_editor)
    client.logout()
    log_in(client, "bientap.eakao")
    assert client.get("/admin/").status_code == 302
    client.post(reverse("loa_two_factor_verify"), {"code": code_of(device, steps_ahead=1)})
    assert client.get("/admin/").status_code == 200


def test_without_the_requirement_the_demo_admin_signs_in_with_a_password(client, settings):
    settings.LOA_REQUIRE_2FA = False
    staff("admin", is_superuser=True)
    log_in(client, "admin")
    assert client.get("/admin/").status_code == 200


def test_the_next_address_cannot_send_the_user_to_another_site(client, culture_office):
    device = TOTPDevice.objects.create(user=culture_office, name="x", confirmed=True)
    log_in(client, "vanhoa.daklak")
    response = client.post(
        reverse("loa_two_factor_verify"), {"code": code_of(device), "next": "https://evil.example/admin/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_logging_out_works_before_the_second_factor(client, culture_office):
    log_in(client, "vanhoa.daklak")
    response = client.post(reverse("wagtailadmin_logout"))
    assert response.status_code == 302
    assert not response.wsgi_request.user.is_authenticated
