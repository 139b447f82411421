"""The service-point form on a phone that loses its connection: the entry waits on the phone and arrives once,
also when the session expired meanwhile (the person logs in again, then it is sent)."""

import datetime as dt
import re

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from places.models import AdministrativeUnit, Role
from places.services import grant_membership
from tests.e2e.conftest import DEMO_PASSWORD, PHONE, seed_reference_data
from tests.factories.users import UserFactory
from tracking.models import Conversion

pytestmark = pytest.mark.django_db(transaction=True)

QUEUE = "loa.desk.queue.{pk}"


@pytest.fixture
def desk_staff(live_server, official_units):
    seed_reference_data()
    user = UserFactory(username="canbo.eakao", is_staff=False, password=DEMO_PASSWORD)
    grant_membership(user=user, unit=AdministrativeUnit.objects.get(code="24169"), role=Role.SERVICE_POINT_STAFF)
    return user


def test_an_entry_made_offline_is_kept_on_the_phone_and_arrives_exactly_once(live_server, browser, desk_staff):
    context = browser.new_context(**PHONE, locale="vi-VN")
    page = context.new_page()
    queue_key = QUEUE.format(pk=desk_staff.pk)

    # The form is the first screen after login.
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill("canbo.eakao")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name=re.compile("Đăng nhập|Sign in")).click()
    page.wait_for_url(re.compile(r"/ho-tro/ghi-nhan/$"))

    context.set_offline(True)
    page.get_by_label("Tạo tài khoản Cổng dịch vụ công").check()
    page.get_by_label("Người dân biết qua đâu?").select_option(label="Chưa hỏi / không nhớ")
    page.get_by_role("button", name="Ghi nhận").click()
    status = page.locator("#desk-queue-status")
    status.get_by_text(re.compile("Đã lưu trên máy này: 1 mục đang chờ")).wait_for()
    queued = page.evaluate("key => JSON.parse(localStorage.getItem(key))", queue_key)
    assert len(queued) == 1 and not Conversion.objects.exists()
    assert page.get_by_label("Người dân biết qua đâu?").input_value() == ""  # ready for the next citizen

    context.set_offline(False)  # the connection returns: the queue is sent, the page shows the result
    page.get_by_role("status").get_by_text("Đã ghi nhận. Cảm ơn bạn!").wait_for()
    assert page.evaluate("key => localStorage.getItem(key)", queue_key) is None
    conversion = Conversion.objects.get()
    assert str(conversion.client_entry_id) == queued[0]["id"]
    assert conversion.heard_from_not_asked and conversion.recorded_by == desk_staff
    assert page.locator('table[data-table="hom-nay"] tfoot td').first.inner_text() == "1"

    # Offline again, and meanwhile the session expires: the entry stays on the phone until the person logs in.
    context.set_offline(True)
    page.get_by_label("Nộp hồ sơ trực tuyến").check()
    page.get_by_label("Người dân biết qua đâu?").select_option(label="Tờ rơi")
    page.get_by_role("button", name="Ghi nhận").click()
    status.get_by_text(re.compile("Đã lưu trên máy này: 1 mục đang chờ")).wait_for()
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    context.set_offline(False)
    status.get_by_text(re.compile("Phiên đăng nhập đã hết: 1 mục vẫn lưu trên máy này")).wait_for()
    assert Conversion.objects.count() == 1
    status.get_by_role("link", name="Đăng nhập lại").click()
    page.locator("#id_username").fill("canbo.eakao")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name=re.compile("Đăng nhập|Sign in")).click()
    page.get_by_role("status").get_by_text("Đã ghi nhận. Cảm ơn bạn!").wait_for()
    assert Conversion.objects.filter(heard_from__slug="to-roi", recorded_by=desk_staff).count() == 1

    # The answer was lost on the way back: the phone sends the first entry again; it is still stored once.
    page.evaluate("([key, queue]) => localStorage.setItem(key, JSON.stringify(queue))", [queue_key, queued])
    page.reload()
    page.locator("#desk-queue-status").get_by_text("Đã gửi 1 mục đang chờ.").wait_for()
    assert page.evaluate("key => localStorage.getItem(key)", queue_key) is None
    assert Conversion.objects.count() == 2
    context.close()
