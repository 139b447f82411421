"""Two-factor login (TOTP and backup codes) for every staff view, with real codes from the device's key;
enrolment only with a setup code issued by an administrator."""

import io
import re
import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from places.models import AdministrativeUnit, Membership, Role, UnitLevel
from tests.factories.users import UserFactory
from tests.security.html_checks import active_content
from tracking.models import Conversion
from website.two_factor.models import TwoFactorSetupCode

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-van-hoa-1"
SETUP = "loa_two_factor_setup"
VERIFY = "loa_two_factor_verify"
DESK = "assisted_registration"


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


def issue_code(user, **options) -> str:
    """A setup code as an administrator gets it from the management command."""
    out = io.StringIO()
    call_command("issue_two_factor_setup", user.username, stdout=out, **options)
    return re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", out.getvalue()).group(0)


def enrol(client, user) -> tuple[TOTPDevice, list[str]]:
    """The whole set-up in a signed-in session: setup code, QR code, one code from the app; the backup codes."""
    entered = client.post(reverse(SETUP), {"setup_code": issue_code(user), "next": "/admin/"})
    assert entered.status_code == 302, entered.content.decode()[:800]
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse(SETUP), {"code": code_of(device), "next": "/admin/"})
    assert response.status_code == 200, response.content.decode()[:800]
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed
    return device, codes


@pytest.mark.parametrize("who", ["superuser", "culture_office"])
def test_a_required_user_without_a_device_must_set_one_up_before_any_admin_page(client, who, request):
    user = staff("quantri", is_superuser=True) if who == "superuser" else request.getfixturevalue("culture_office")
    log_in(client, user.username)
    pages = reverse("wagtailadmin_explore_root")
    response = client.get(pages)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('loa_two_factor_setup')}?next=%2Fadmin%2Fpages%2F"

    asked = client.get(response["Location"])
    assert asked.status_code == 200 and "Mã cài đặt do quản trị viên cấp" in asked.content.decode()
    assert not TOTPDevice.objects.filter(user=user).exists(), "no key before a setup code"
    entered = client.post(reverse(SETUP), {"setup_code": issue_code(user).lower(), "next": pages})
    assert entered.status_code == 302

    setup = client.get(entered["Location"])
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
    assert done.status_code == 200 and "Đã bật xác thực hai bước" in done.content.decode()
    assert f'href="{pages}"' in done.content.decode()
    assert client.get(pages).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_with_a_device_the_admin_asks_for_a_code_after_the_password(client, culture_office):
    log_in(client, "vanhoa.daklak")
    device, _ = enrol(client, culture_office)
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
    device, _ = enrol(client, culture_office)
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
    assert client.get("/admin/").status_code == 200, "not required of a ward editor without a device"
    device, _ = enrol(client, ward_editor)
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


# --- Every staff view, not only /admin/ -------------------------------------------------------------------------


def desk_entry(ward) -> dict:
    return {"ward": ward.pk, "action": "vneid_level_2", "heard_from": "not_asked"}


@pytest.mark.parametrize("who", ["superuser without a device", "desk staff with a device"])
def test_a_session_without_its_second_factor_cannot_use_the_service_point_form(client, official_units, who):
    ward = AdministrativeUnit.objects.get(code="24169")
    if who == "superuser without a device":
        user = staff("quantri", is_superuser=True)
        step = SETUP
    else:
        user = staff("canbo.eakao")
        Membership.objects.create(user=user, unit=ward, role=Role.SERVICE_POINT_STAFF)
        TOTPDevice.objects.create(user=user, name="Điện thoại", confirmed=True)
        step = VERIFY
    log_in(client, user.username)

    shown = client.get(reverse(DESK))
    assert shown.status_code == 302 and shown["Location"].startswith(reverse(step))
    posted = client.post(reverse(DESK), desk_entry(ward))
    assert posted.status_code == 302 and posted["Location"].startswith(reverse(step))
    scripted = client.post(reverse(DESK), desk_entry(ward), HTTP_ACCEPT="application/json")
    assert scripted.status_code == 403 and scripted.json()["ok"] is False
    assert client.post(reverse("assisted_registration_undo"), {"entry": "1"}).status_code == 302
    assert not Conversion.objects.exists()


def test_the_form_opens_once_the_second_factor_is_given(client, official_units):
    ward = AdministrativeUnit.objects.get(code="24169")
    user = staff("canbo.eakao")
    Membership.objects.create(user=user, unit=ward, role=Role.SERVICE_POINT_STAFF)
    device = TOTPDevice.objects.create(user=user, name="Điện thoại", confirmed=True)
    log_in(client, user.username)
    client.post(reverse(VERIFY), {"code": code_of(device), "next": reverse(DESK)})
    assert client.get(reverse(DESK)).status_code == 200
    assert client.post(reverse(DESK), desk_entry(ward)).status_code == 302
    assert Conversion.objects.count() == 1


def test_public_pages_see_a_half_signed_in_session_as_anonymous(client, culture_office):
    TOTPDevice.objects.create(user=culture_office, name="Điện thoại", confirmed=True)
    log_in(client, culture_office.username)
    response = client.get(reverse("ward_picker"))
    assert response.status_code == 200
    assert response.wsgi_request.user.is_anonymous
    assert client.get("/admin/").status_code == 302


# --- Enrolment needs a setup code issued by an administrator ------------------------------------------------------


def test_a_password_alone_cannot_enrol_an_authenticator(client, culture_office, ward_editor):
    log_in(client, culture_office.username)
    page = client.get(reverse(SETUP))
    assert page.status_code == 200 and "loa-two-factor-qr" not in page.content.decode()
    assert not TOTPDevice.objects.filter(user=culture_office).exists()

    for wrong in ["", "AAAA-BBBB-CCCC-DDDD", "000000", issue_code(ward_editor)]:  # the last: someone else's
        refused = client.post(reverse(SETUP), {"setup_code": wrong})
        assert refused.status_code == 200 and "loa-two-factor-qr" not in refused.content.decode()
    # Skipping the setup code and posting an authenticator code straight away gets nowhere either.
    assert client.post(reverse(SETUP), {"code": "123456"}).status_code == 200
    assert not TOTPDevice.objects.filter(user=culture_office).exists()
    assert client.get("/admin/").status_code == 302


def test_a_setup_code_works_once_is_stored_hashed_and_expires(client, culture_office):
    code = issue_code(culture_office)
    stored = TwoFactorSetupCode.objects.get(user=culture_office)
    assert code.replace("-", "") not in {stored.code_hash, str(stored.pk)} and len(stored.code_hash) == 64
    assert timedelta(hours=71) < stored.expires_at - timezone.now() <= timedelta(hours=72)

    log_in(client, culture_office.username)
    assert client.post(reverse(SETUP), {"setup_code": code}).status_code == 302
    client.logout()
    log_in(client, culture_office.username)
    again = client.post(reverse(SETUP), {"setup_code": code})
    assert again.status_code == 200 and "đã dùng hoặc đã hết hạn" in again.content.decode()

    expired = issue_code(culture_office)
    TwoFactorSetupCode.objects.filter(used_at__isnull=True).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.post(reverse(SETUP), {"setup_code": expired}).status_code == 200

    replaced = issue_code(culture_office)
    latest = issue_code(culture_office)
    assert client.post(reverse(SETUP), {"setup_code": replaced}).status_code == 200, "a newer code replaces it"
    assert client.post(reverse(SETUP), {"setup_code": latest}).status_code == 302


def test_a_lost_phone_is_replaced_with_a_new_setup_code(client, culture_office):
    log_in(client, culture_office.username)
    old_device, old_codes = enrol(client, culture_office)
    client.logout()
    log_in(client, culture_office.username)
    new_device, _ = enrol(client, culture_office)
    assert not TOTPDevice.objects.filter(pk=old_device.pk).exists()
    assert not StaticToken.objects.filter(token__in=old_codes).exists()
    assert new_device.confirmed


# --- Backup codes ---------------------------------------------------------------------------------------------


def test_a_backup_code_signs_in_once(client, culture_office):
    log_in(client, culture_office.username)
    _, codes = enrol(client, culture_office)
    client.logout()

    log_in(client, culture_office.username)
    used = client.post(reverse(VERIFY), {"code": codes[0].upper(), "next": "/admin/"})
    assert used.status_code == 302 and used["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    client.logout()

    log_in(client, culture_office.username)
    again = client.post(reverse(VERIFY), {"code": codes[0]})
    assert again.status_code == 200 and "Mã không đúng" in again.content.decode()
    assert client.get("/admin/").status_code == 302
    time.sleep(1.1)  # the wrong code's wait
    assert client.post(reverse(VERIFY), {"code": codes[1]}).status_code == 302
    assert StaticToken.objects.filter(device__user=culture_office).count() == 8


def test_backup_codes_are_renewed_only_past_the_second_factor(client, culture_office):
    log_in(client, culture_office.username)
    _, codes = enrol(client, culture_office)
    page = client.get(reverse("loa_two_factor_backup_codes"))
    assert page.status_code == 200 and "Bạn còn 10 mã dự phòng" in page.content.decode()
    renewed = client.post(reverse("loa_two_factor_backup_codes"))
    new_codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", renewed.content.decode())
    assert len(new_codes) == 10 and not set(new_codes) & set(codes)
    assert set(StaticToken.objects.filter(device__user=culture_office).values_list("token", flat=True)) == set(
        new_codes
    )
    client.logout()

    log_in(client, culture_office.username)
    refused = client.post(reverse("loa_two_factor_backup_codes"))
    assert refused.status_code == 302 and refused["Location"].startswith(reverse(VERIFY))
    assert set(StaticToken.objects.filter(device__user=culture_office).values_list("token", flat=True)) == set(
        new_codes
    )
    assert client.post(reverse(VERIFY), {"code": codes[2]}).status_code == 200, "the old codes no longer work"


# --- Who issues setup codes -------------------------------------------------------------------------------------


def signed_in_with_second_factor(client, user):
    device = TOTPDevice.objects.create(user=user, name="Điện thoại", confirmed=True)
    log_in(client, user.username)
    assert client.post(reverse(VERIFY), {"code": code_of(device)}).status_code == 302


def test_a_culture_office_issues_setup_codes_for_the_people_of_its_units_only(client, culture_office, ward_editor):
    elsewhere = staff("bientap.hanoi")
    Membership.objects.create(
        user=elsewhere,
        unit=AdministrativeUnit.objects.filter(level=UnitLevel.WARD)
        .exclude(path__startswith=culture_office.memberships.get().unit.path)
        .first(),
        role=Role.WARD_EDITOR,
    )
    both = staff("bientap.hai-tinh")
    Membership.objects.create(user=both, unit=ward_editor.memberships.get().unit, role=Role.WARD_EDITOR)
    Membership.objects.create(user=both, unit=elsewhere.memberships.get().unit, role=Role.WARD_EDITOR)
    superuser = staff("quantri", is_superuser=True)
    signed_in_with_second_factor(client, culture_office)

    memberships = client.get(reverse("wagtailsnippets_places_membership:list"))
    assert reverse("loa_two_factor_issue", args=[ward_editor.pk]) in memberships.content.decode()
    for refused in (elsewhere, both, superuser, culture_office):
        url = reverse("loa_two_factor_issue", args=[refused.pk])
        # Wagtail answers a PermissionDenied in the admin by going back to the dashboard with a message.
        for response in (client.get(url), client.post(url)):
            assert response.status_code == 302 and response["Location"] == "/admin/", refused.username
    assert not TwoFactorSetupCode.objects.exists()

    url = reverse("loa_two_factor_issue", args=[ward_editor.pk])
    assert client.get(url).status_code == 200 and not TwoFactorSetupCode.objects.exists()
    issued = client.post(url)
    code = re.search(r"<code>([A-Z0-9-]{19})</code>", issued.content.decode()).group(1)
    assert TwoFactorSetupCode.objects.get().issued_by == culture_office

    editor = client.__class__()
    log_in(editor, ward_editor.username)
    assert editor.post(reverse(SETUP), {"setup_code": code}).status_code == 302


def test_a_superuser_issues_for_anyone_but_only_past_the_second_factor(client, culture_office):
    superuser = staff("quantri", is_superuser=True)
    url = reverse("loa_two_factor_issue", args=[culture_office.pk])
    log_in(client, superuser.username)
    assert client.post(url).status_code == 302 and not TwoFactorSetupCode.objects.exists()
    client.logout()
    signed_in_with_second_factor(client, superuser)
    assert client.post(url).status_code == 200
    assert TwoFactorSetupCode.objects.filter(user=culture_office, issued_by=superuser).count() == 1
