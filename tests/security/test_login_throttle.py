"""django-axes on the admin login: failures of one username from one address lock that pair."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from core.http import client_ip as client_ip_address
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-bien-tap-1"
LOCKED = "Tài khoản đã bị tạm khóa vì nhập sai mật khẩu quá nhiều lần"


@pytest.fixture
def editor(db):
    return UserFactory(username="bientap.eakao", password=PASSWORD)


def log_in(client, password, address="203.0.113.7", username="bientap.eakao"):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def fail_until_locked(client, address="203.0.113.7"):
    limit = settings.AXES_FAILURE_LIMIT
    for attempt in range(1, limit):
        response = log_in(client, "sai-mat-khau", address)
        assert response.status_code == 200, attempt  # the login form again, with Wagtail's error
        assert LOCKED not in response.content.decode()
    return log_in(client, "sai-mat-khau", address)


def test_five_failures_lock_the_username_from_that_address_with_a_vietnamese_message(client, editor):
    assert settings.AXES_FAILURE_LIMIT == 5
    locked = fail_until_locked(client)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert LOCKED in page and "15 phút" in page
    # Even the right password is refused while the lock holds.
    right = log_in(client, PASSWORD)
    assert right.status_code == 429 and not right.wsgi_request.user.is_authenticated
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address) == ("bientap.eakao", "203.0.113.7")
    assert "sai-mat-khau" not in attempt.post_data  # axes masks the password


def test_the_lock_is_per_username_and_address(client, editor):
    UserFactory(username="canbo.eakao", password=PASSWORD)
    fail_until_locked(client)
    assert log_in(client, PASSWORD, address="198.51.100.20").status_code == 302
    client.logout()
    assert log_in(client, PASSWORD, username="canbo.eakao").status_code == 302


def test_after_the_cool_off_the_right_password_works_and_clears_the_failures(client, editor):
    fail_until_locked(client)
    # Sixteen minutes pass.
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    response = log_in(client, PASSWORD)
    assert response.status_code == 302 and response.wsgi_request.user.is_authenticated
    assert not AccessAttempt.objects.exists()


def test_an_administrator_unlocks_a_user_with_the_reset_command(client, editor):
    fail_until_locked(client)
    call_command("axes_reset_username", "bientap.eakao", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert log_in(client, PASSWORD).status_code == 302


def test_citizens_never_reach_the_login_throttle(client, guide, scan_code):
    client.get(f"/q/{scan_code}")
    client.get(guide.url)
    client.post(reverse("completion"), {"action": "vneid-muc-2"})
    assert not AccessAttempt.objects.exists()


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "1.1.1.1", "10.0.0.2"),  # no trusted proxy: the header is the client's word, ignored
        (1, "1.1.1.1, 203.0.113.9", "203.0.113.9"),  # one proxy: the address it appended
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.5", "203.0.113.9"),  # a forged left-most entry is skipped
        (1, "", "10.0.0.2"),
    ],
)
def test_the_client_address_behind_trusted_proxies(settings, proxies, forwarded, expected):
    settings.LOA_TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/admin/login/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.2")
    assert client_ip_address(request) == expected
