"""The service-point desk: no preselected channel, today's tally, undo of the last entry, one row per entry id,
the form as the first screen after login. Through the test client, as a staff member's phone would."""

import datetime as dt
import re
import uuid
from html.parser import HTMLParser

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from insights.models import DailyPlacementRollup
from insights.rollups import update_rollups
from places.models import AdministrativeUnit, Role
from places.services import grant_membership
from tests.factories.tracking import placement
from tests.factories.users import UserFactory
from tracking.desk import desk_tally
from tracking.models import Conversion, ConversionSource

pytestmark = pytest.mark.django_db

FORM = "assisted_registration"
UNDO = "assisted_registration_undo"
PASSWORD = "mat-khau-thu-nghiem"
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def ward(official_units):
    return AdministrativeUnit.objects.get(code="24169")  # Ea Kao


@pytest.fixture
def other_ward(official_units):
    return AdministrativeUnit.objects.get(code="24133")  # Buôn Ma Thuột


def desk_staff(username: str, unit: AdministrativeUnit):
    user = UserFactory(username=username, is_staff=False)
    grant_membership(user=user, unit=unit, role=Role.SERVICE_POINT_STAFF)
    return user


@pytest.fixture
def staff(ward):
    return desk_staff("canbo.eakao", ward)


@pytest.fixture
def colleague(ward):
    return desk_staff("canbo2.eakao", ward)


def entry(ward, **fields):
    return {"ward": ward.pk, "action": "vneid_level_2", "heard_from": "loa-truyen-thanh", **fields}


def record(client, ward, **fields):
    response = client.post(reverse(FORM), entry(ward, **fields))
    assert response.status_code == 302, response.content.decode()[:500]
    return Conversion.objects.order_by("-pk").first()


def page_text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


class _Select(HTMLParser):
    """The options of <select name=heard_from>: (value, label, selected)."""

    def __init__(self):
        super().__init__()
        self.options, self._inside, self._current = [], False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select" and attrs.get("name") == "heard_from":
            self._inside = True
        elif tag == "option" and self._inside:
            self._current = [attrs.get("value"), "", "selected" in attrs]
            self.options.append(self._current)

    def handle_data(self, data):
        if self._current is not None:
            self._current[1] += data

    def handle_endtag(self, tag):
        if tag == "option":
            self._current = None
        elif tag == "select":
            self._inside = False


def heard_from_options(response):
    parser = _Select()
    parser.feed(response.content.decode())
    return [(value, label.strip(), selected) for value, label, selected in parser.options]


def tally_rows(response) -> dict[str, tuple[int, int]]:
    """The tally table: label → (mine, the ward's), including the total row."""
    table = re.search(r'<table data-table="hom-nay">(.*?)</table>', response.content.decode(), re.S)
    if table is None:
        return {}
    rows = re.findall(r'<th scope="row">(.*?)</th><td>(\d+)</td><td>(\d+)</td>', table.group(1))
    return {label: (int(mine), int(point)) for label, mine, point in rows}


# --- The channel question ------------------------------------------------------------------------------------


def test_no_answer_is_preselected_and_not_asked_is_an_explicit_choice(client, staff):
    client.force_login(staff)
    options = heard_from_options(client.get(reverse(FORM)))
    assert options[0][:2] == ("", "— Chọn một mục —")
    assert [value for value, _label, selected in options if selected] in ([], [""])  # only the placeholder
    assert ("not_asked", "Chưa hỏi / không nhớ", False) in options
    assert ("scanned", "Quét mã QR", False) in options


@pytest.mark.parametrize("skipped", [{"heard_from": ""}, {}])
def test_a_skipped_channel_question_is_stored_as_not_asked(client, staff, ward, skipped):
    """Left at the placeholder, or absent: "not asked", never a scan or a channel (and never refused, since an
    entry queued offline arrives after the citizen has gone)."""
    client.force_login(staff)
    data = {key: value for key, value in entry(ward, heard_from="").items() if key != "heard_from"} | skipped
    response = client.post(reverse(FORM), data)
    assert response.status_code == 302
    conversion = Conversion.objects.get()
    assert conversion.heard_from_not_asked
    assert conversion.heard_from is None and not conversion.heard_from_code and conversion.placement is None
    assert tally_rows(client.get(reverse(FORM)))["Chưa hỏi / không nhớ"] == (1, 1)


def test_not_asked_is_stored_as_not_asked_never_as_a_scan_or_a_channel(client, staff, ward):
    client.force_login(staff)
    conversion = record(client, ward, heard_from="not_asked")
    assert conversion.heard_from_not_asked
    assert conversion.heard_from is None and not conversion.heard_from_code and conversion.placement is None
    assert conversion.source == ConversionSource.ASSISTED and conversion.recorded_by == staff


def test_a_code_the_citizen_shows_wins_over_not_asked(client, staff, ward):
    poster = placement(unit=ward)
    client.force_login(staff)
    conversion = record(client, ward, heard_from="not_asked", code=poster.short_code)
    assert conversion.placement == poster and conversion.heard_from_code
    assert not conversion.heard_from_not_asked


def test_existing_answers_keep_their_meaning(client, staff, ward):
    client.force_login(staff)
    scanned = record(client, ward, heard_from="scanned")
    assert scanned.heard_from_code and scanned.heard_from is None and not scanned.heard_from_not_asked
    channel = record(client, ward, heard_from="to-roi")
    assert channel.heard_from.slug == "to-roi" and not channel.heard_from_code and not channel.heard_from_not_asked


# --- Today's tally -------------------------------------------------------------------------------------------


def _at(conversion: Conversion, when: dt.datetime) -> None:
    Conversion.objects.filter(pk=conversion.pk).update(occurred_at=when)


def test_the_form_shows_todays_tally_for_this_staff_member_and_this_ward(client, staff, colleague, ward, other_ward):
    now = timezone.now()
    start_of_today = dt.datetime.combine(timezone.localdate(now), dt.time.min, tzinfo=timezone.get_default_timezone())
    client.force_login(colleague)
    record(client, ward, heard_from="loa-truyen-thanh")
    client.force_login(desk_staff("canbo.bmt", other_ward))
    record(client, other_ward, heard_from="loa-truyen-thanh")  # another ward: not this point's
    client.force_login(staff)
    record(client, ward, heard_from="loa-truyen-thanh")
    record(client, ward, heard_from="loa-truyen-thanh", action="dvc_account")
    record(client, ward, heard_from="not_asked")
    _at(record(client, ward, heard_from="to-roi"), start_of_today - dt.timedelta(minutes=5))  # yesterday
    Conversion.objects.create(action="guide_completed", source=ConversionSource.SELF_REPORTED, unit=ward)

    rows = tally_rows(client.get(reverse(FORM)))
    assert rows == {
        "Loa truyền thanh cơ sở": (2, 3),
        "Chưa hỏi / không nhớ": (1, 1),
        "Tổng": (3, 4),
    }


def test_the_tally_counts_the_local_day_in_ho_chi_minh_city_not_the_utc_day(staff, ward):
    # 00:30 on 10 March in Vietnam is 17:30 on 9 March in UTC.
    now = dt.datetime(2026, 3, 9, 17, 30, tzinfo=dt.UTC)
    after_midnight = Conversion.objects.create(action="dvc_account", source="assisted", unit=ward, recorded_by=staff)
    before_midnight = Conversion.objects.create(action="dvc_account", source="assisted", unit=ward, recorded_by=staff)
    _at(after_midnight, dt.datetime(2026, 3, 9, 17, 10, tzinfo=dt.UTC))  # 00:10 on the 10th, local
    _at(before_midnight, dt.datetime(2026, 3, 9, 16, 50, tzinfo=dt.UTC))  # 23:50 on the 9th, local
    tally = desk_tally(user=staff, units=AdministrativeUnit.objects.filter(pk=ward.pk), now=now)
    assert tally.day == dt.date(2026, 3, 10)
    assert (tally.mine, tally.point) == (1, 1)


def test_an_empty_day_says_so(client, staff):
    client.force_login(staff)
    response = client.get(reverse(FORM))
    assert tally_rows(response) == {} and "Hôm nay chưa có mục nào." in page_text(response)


# --- Undo ----------------------------------------------------------------------------------------------------


def undo(client, conversion):
    return client.post(reverse(UNDO), {"entry": conversion.pk}, follow=True)


def test_undo_removes_ones_last_entry_within_ten_minutes_once(client, staff, ward):
    client.force_login(staff)
    first = record(client, ward)
    last = record(client, ward, heard_from="not_asked")
    page = client.get(reverse(FORM))
    assert f'name="entry" value="{last.pk}"' in page.content.decode()

    assert "Đã hoàn tác mục vừa ghi." in page_text(undo(client, last))
    assert list(Conversion.objects.all()) == [first]

    again = undo(client, last)  # a second tap on the same button
    assert "Không hoàn tác được: mục này đã được hoàn tác, hoặc không còn." in page_text(again)
    assert list(Conversion.objects.all()) == [first]


def test_undo_is_refused_after_ten_minutes_and_nothing_is_deleted(client, staff, ward):
    client.force_login(staff)
    conversion = record(client, ward)
    _at(conversion, timezone.now() - dt.timedelta(minutes=10, seconds=5))
    assert f'name="entry" value="{conversion.pk}"' not in client.get(reverse(FORM)).content.decode()
    response = undo(client, conversion)
    assert "Không hoàn tác được: đã quá 10 phút kể từ khi ghi. Mục này vẫn được giữ." in page_text(response)
    assert Conversion.objects.filter(pk=conversion.pk).exists()


def test_undo_still_works_just_inside_the_window(client, staff, ward):
    client.force_login(staff)
    conversion = record(client, ward)
    _at(conversion, timezone.now() - dt.timedelta(minutes=9, seconds=30))
    assert "Đã hoàn tác mục vừa ghi." in page_text(undo(client, conversion))
    assert not Conversion.objects.exists()


def test_nobody_undoes_a_colleagues_entry(client, staff, colleague, ward):
    client.force_login(staff)
    conversion = record(client, ward)
    client.force_login(colleague)
    response = undo(client, conversion)
    assert "bạn chỉ hoàn tác được mục do chính mình ghi." in page_text(response)
    assert Conversion.objects.filter(pk=conversion.pk).exists()


def test_only_the_latest_entry_can_be_undone(client, staff, ward):
    client.force_login(staff)
    earlier = record(client, ward)
    record(client, ward)
    response = undo(client, earlier)
    assert "chỉ hoàn tác được mục bạn ghi gần nhất." in page_text(response)
    assert Conversion.objects.count() == 2


def test_undo_needs_a_post_and_a_csrf_token(staff, ward):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(staff)
    conversion = Conversion.objects.create(action="dvc_account", source="assisted", unit=ward, recorded_by=staff)
    assert browser.get(reverse(UNDO), {"entry": conversion.pk}).status_code == 405
    assert browser.post(reverse(UNDO), {"entry": conversion.pk}).status_code == 403
    assert Conversion.objects.filter(pk=conversion.pk).exists()


@pytest.mark.parametrize("bad", ["", "abc", "99999999999999999999999", "-1", "１２"])
def test_undo_of_a_malformed_entry_is_refused_with_a_message(client, staff, ward, bad):
    client.force_login(staff)
    conversion = record(client, ward)
    response = client.post(reverse(UNDO), {"entry": bad}, follow=True)
    assert response.status_code == 200 and "Không hoàn tác được: thiếu mục cần hoàn tác." in page_text(response)
    assert Conversion.objects.filter(pk=conversion.pk).exists()


def test_an_undone_entry_leaves_its_placements_daily_count(client, staff, ward, django_capture_on_commit_callbacks):
    leaflet = placement(unit=ward)
    client.force_login(staff)
    conversion = record(client, ward, heard_from="scanned", code=leaflet.short_code)
    update_rollups()
    assert DailyPlacementRollup.objects.get(placement=leaflet).conversions == 1
    with django_capture_on_commit_callbacks(execute=True):
        undo(client, conversion)
    assert not DailyPlacementRollup.objects.filter(placement=leaflet, conversions__gt=0).exists()
    update_rollups()  # the next periodic run does not bring it back
    assert not DailyPlacementRollup.objects.filter(placement=leaflet, conversions__gt=0).exists()


# --- One row per entry id ------------------------------------------------------------------------------------


def test_an_entry_sent_twice_with_its_phone_made_id_is_stored_once(client, staff, ward):
    client.force_login(staff)
    entry_id = str(uuid.uuid4())
    first = client.post(reverse(FORM), entry(ward, entry_id=entry_id), **JSON)
    again = client.post(reverse(FORM), entry(ward, entry_id=entry_id), **JSON)
    assert (first.status_code, first.json()) == (200, {"ok": True, "duplicate": False})
    assert (again.status_code, again.json()) == (200, {"ok": True, "duplicate": True})
    assert Conversion.objects.get().client_entry_id == uuid.UUID(entry_id)
    other = client.post(reverse(FORM), entry(ward, entry_id=str(uuid.uuid4())), **JSON)
    assert other.json()["duplicate"] is False and Conversion.objects.count() == 2


def test_entries_sent_together_from_the_queue_say_recorded_once(client, staff, ward):
    client.force_login(staff)
    for _entry in range(3):
        client.post(reverse(FORM), entry(ward, entry_id=str(uuid.uuid4())), **JSON)
    assert page_text(client.get(reverse(FORM))).count("Đã ghi nhận. Cảm ơn bạn!") == 1
    assert Conversion.objects.count() == 3


def test_without_javascript_the_form_carries_a_fresh_id_so_a_double_tap_stores_one_entry(client, staff, ward):
    client.force_login(staff)
    ids = [re.search(r'name="entry_id" value="([0-9a-f-]{36})"', client.get(reverse(FORM)).content.decode())]
    ids.append(re.search(r'name="entry_id" value="([0-9a-f-]{36})"', client.get(reverse(FORM)).content.decode()))
    assert all(ids) and ids[0].group(1) != ids[1].group(1)
    for _tap in range(2):
        client.post(reverse(FORM), entry(ward, entry_id=ids[0].group(1)))
    assert Conversion.objects.count() == 1
    assert "Mục này đã được ghi nhận trước đó, không ghi thêm lần nữa." in page_text(client.get(reverse(FORM)))


def test_an_entry_id_of_another_staff_member_is_refused_and_not_stored_twice(client, staff, colleague, ward):
    entry_id = str(uuid.uuid4())
    client.force_login(staff)
    client.post(reverse(FORM), entry(ward, entry_id=entry_id), **JSON)
    client.force_login(colleague)
    response = client.post(reverse(FORM), entry(ward, entry_id=entry_id), **JSON)
    assert response.status_code == 400 and response.json()["ok"] is False
    assert Conversion.objects.get().recorded_by == staff


def test_a_queued_entry_that_fails_validation_is_answered_400_with_the_reason(client, staff, ward):
    client.force_login(staff)
    response = client.post(reverse(FORM), entry(ward, code="ZZZZZZ", entry_id=str(uuid.uuid4())), **JSON)
    assert response.status_code == 400
    assert response.json()["errors"]["code"] == ["Không có mã này. Kiểm tra lại, hoặc để trống."]
    assert not Conversion.objects.exists()


# --- An expired session --------------------------------------------------------------------------------------


def test_an_expired_session_is_refused_and_nothing_is_stored(client, staff, ward):
    client.force_login(staff)
    assert client.get(reverse(FORM)).status_code == 200
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))

    queued = client.post(reverse(FORM), entry(ward, entry_id=str(uuid.uuid4())), **JSON)
    assert queued.status_code == 401
    assert queued.json()["login_url"] == "/admin/login/?next=%2Fho-tro%2Fghi-nhan%2F"
    plain = client.post(reverse(FORM), entry(ward))
    assert plain.status_code == 302 and plain["Location"] == "/admin/login/?next=%2Fho-tro%2Fghi-nhan%2F"
    assert not Conversion.objects.exists()


def test_a_user_who_is_not_service_point_staff_is_refused_in_json_too(client, ward):
    editor = UserFactory(username="bientap.eakao")
    grant_membership(user=editor, unit=ward, role=Role.WARD_EDITOR)
    client.force_login(editor)
    response = client.post(reverse(FORM), entry(ward, entry_id=str(uuid.uuid4())), **JSON)
    assert response.status_code == 403 and not Conversion.objects.exists()


def test_staff_with_an_authenticator_enter_its_code_before_recording(client, staff, ward):
    TOTPDevice.objects.create(user=staff, name="Điện thoại", confirmed=True)
    client.force_login(staff)
    response = client.post(reverse(FORM), entry(ward))
    assert response.status_code == 302 and response["Location"].startswith(reverse("loa_two_factor_verify"))
    refused = client.post(reverse(FORM), entry(ward), **JSON)
    assert refused.status_code == 403 and refused.json()["login_url"].startswith(reverse("loa_two_factor_verify"))
    assert not Conversion.objects.exists()


# --- The first screen after login ----------------------------------------------------------------------------


def log_in(client, username: str, **extra):
    """As Wagtail's login form does: it posts the admin home as `next` when nothing else was asked for."""
    fields = {"username": username, "password": PASSWORD, "next": reverse("wagtailadmin_home"), **extra}
    return client.post(reverse("wagtailadmin_login"), fields)


def test_service_point_staff_land_on_the_form_after_login(client, staff):
    response = log_in(client, "canbo.eakao")
    assert response.status_code == 302 and response["Location"] == reverse(FORM)
    client.logout()
    assert log_in(client, "canbo.eakao", next="")["Location"] == reverse(FORM)
    assert client.get(response["Location"]).status_code == 200
    # Signed in already, the login page leads there too.
    assert client.get(reverse("wagtailadmin_login"))["Location"] == reverse(FORM)


def test_an_explicit_next_still_wins(client, staff):
    response = log_in(client, "canbo.eakao", next="/admin/pages/")
    assert response["Location"] == "/admin/pages/"


def test_staff_with_another_role_too_land_on_the_admin_home(client, staff, other_ward):
    grant_membership(user=staff, unit=other_ward, role=Role.VIEWER)
    assert log_in(client, "canbo.eakao")["Location"] == reverse("wagtailadmin_home")


def test_other_users_land_on_the_admin_home(client, ward):
    editor = UserFactory(username="bientap.eakao")
    grant_membership(user=editor, unit=ward, role=Role.WARD_EDITOR)
    assert log_in(client, "bientap.eakao")["Location"] == reverse("wagtailadmin_home")
