"""The dashboard "Hiệu quả truyền thông" through the admin: figures, scoping, empty states, query budget."""

import datetime as dt

import pytest
from django.urls import reverse

from places.models import Role
from tests.factories.insights_dashboard import october_fixture, staff_member
from tests.factories.users import UserFactory
from tests.insights.dashboard_html import read_tables

OCTOBER = {"start": "2026-10-01", "end": "2026-10-31"}
DASHBOARD = "/admin/insights/"


@pytest.fixture
def october(official_units):
    return october_fixture()


def get(client, **params):
    return client.get(DASHBOARD, params)


def test_the_dashboard_url_is_the_one_announced():
    assert reverse("insights_dashboard") == DASHBOARD


def test_the_culture_office_sees_the_figures_of_its_province(client, october):
    client.force_login(staff_member(username="vanhoa", unit=october.province, role=Role.CULTURE_OFFICE))
    response = get(client, **OCTOBER)
    assert response.status_code == 200
    html = response.content.decode()
    tables, _empty = read_tables(html)

    channels = {row["Kênh"]: row for row in tables["theo-kenh"]}
    assert channels["Áp-phích"]["Lượt quét"] == "203"
    assert channels["Áp-phích"]["Chuyển đổi qua mã"] == "21"
    assert channels["Áp-phích"]["Chi phí"] == "450.000 đ"
    assert channels["Áp-phích"]["Tỷ lệ chuyển đổi qua mã"] == "10,3 %"
    assert channels["Áp-phích"]["Chi phí mỗi lượt quét"] == "2.217 đ"
    assert channels["Loa truyền thanh cơ sở"]["Chi phí mỗi chuyển đổi qua mã"] == "33.333 đ"

    wards = tables["theo-xa"]
    assert [(row["Hạng"], row["Xã/phường"], row["Lượt quét / 1.000 dân"], row["Lượt quét"]) for row in wards] == [
        ("1", "Phường Buôn Ma Thuột", "11,5", "230"),
        ("2", "Phường Ea Kao", "0,8", "3"),  # the staff dashboard shows exact numbers
    ]
    weeks = {row["Tuần (từ thứ Hai)"]: row["Lượt quét"] for row in tables["theo-tuan"]}
    assert weeks["05/10/2026"] == "123" and weeks["19/10/2026"] == "80"
    targets = {row["Xã/phường"]: (row["Đạt (%)"], row["Đánh giá"]) for row in tables["chi-tieu"]}
    assert targets == {"Phường Buôn Ma Thuột": ("85,0 %", "Đạt"), "Phường Ea Kao": ("50,0 %", "Chưa đạt")}
    assert tables["diem-dat-nhieu-nhat"][0]["Mã"] == october.poster_a.short_code
    assert 'data-total="scans">233<' in html

    # Charts are inline SVG with a title, each followed by its table.
    assert html.count('role="img"') >= 3
    # The channel chart shows what its title says: scans and conversions, each channel's on two bars.
    assert '<title id="bieu-do-kenh-title">Lượt quét và chuyển đổi qua mã theo kênh</title>' in html
    assert (
        "<title>Áp-phích · Lượt quét: 203</title>" in html and "<title>Áp-phích · Chuyển đổi qua mã: 21</title>" in html
    )


def test_a_ward_editor_sees_only_their_ward(client, october):
    client.force_login(staff_member(username="bientap.eakao", unit=october.ward_b, role=Role.WARD_EDITOR))
    html = get(client, **OCTOBER).content.decode()
    tables, _empty = read_tables(html)
    assert [(row["Kênh"], row["Lượt quét"]) for row in tables["theo-kenh"]] == [("Áp-phích", "3")]
    assert [row["Xã/phường"] for row in tables["theo-xa"]] == ["Phường Ea Kao"]
    assert "Buôn Ma Thuột" not in html
    assert october.poster_a.short_code not in html


def test_a_unit_outside_the_users_reach_is_refused(client, october):
    client.force_login(staff_member(username="bientap.eakao", unit=october.ward_b, role=Role.WARD_EDITOR))
    response = get(client, unit=october.ward_a.code, **OCTOBER)
    assert response.status_code == 302  # Wagtail turns PermissionDenied into a redirect with a message
    assert response["Location"] != DASHBOARD
    export = client.get(reverse("insights_export", args=["theo-kenh", "csv"]), {"unit": october.ward_a.code})
    assert export.status_code == 302


def test_someone_without_a_reporting_role_is_refused(client, october):
    client.force_login(staff_member(username="canbo.eakao", unit=october.ward_b, role=Role.SERVICE_POINT_STAFF))
    assert get(client, **OCTOBER).status_code == 302
    home = client.get("/admin/").content.decode()
    assert DASHBOARD not in home


def test_the_menu_shows_the_dashboard_to_a_viewer(client, october):
    client.force_login(staff_member(username="xem.eakao", unit=october.ward_b, role=Role.VIEWER))
    assert DASHBOARD in client.get("/admin/").content.decode()


def test_an_empty_period_shows_an_empty_state(client, october):
    client.force_login(UserFactory(username="quantri", is_superuser=True))
    response = get(client, unit="66", start="2026-06-01", end="2026-06-30")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Không có lượt quét hay chuyển đổi nào cho bộ lọc này" in html
    _tables, empty = read_tables(html)
    assert {"theo-tuan", "diem-dat-nhieu-nhat"} <= empty


def test_a_campaign_without_scans_shows_an_empty_state(client, october):
    from tests.factories.campaigns import CampaignPageFactory

    quiet = CampaignPageFactory(title="Chiến dịch chưa có mã")
    client.force_login(UserFactory(username="quantri", is_superuser=True))
    response = get(client, campaign=quiet.pk, **OCTOBER)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Không có lượt quét hay chuyển đổi nào cho bộ lọc này" in html
    _tables, empty = read_tables(html)
    assert "theo-kenh" in empty


def test_an_inverted_period_is_a_form_error_not_a_crash(client, october):
    client.force_login(UserFactory(username="quantri", is_superuser=True))
    response = get(client, start="2026-10-31", end="2026-10-01")
    assert response.status_code == 200
    assert "Ngày kết thúc phải sau ngày bắt đầu." in response.content.decode()


def test_the_dashboard_works_without_parameters(client, october):
    client.force_login(staff_member(username="vanhoa", unit=october.province, role=Role.CULTURE_OFFICE))
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert '<select name="unit"' in response.content.decode()


def test_the_dashboard_answers_in_a_bounded_number_of_queries(client, october, django_assert_max_num_queries):
    from tests.factories.insights_dashboard import rollup
    from tests.factories.tracking import placement

    client.force_login(staff_member(username="vanhoa", unit=october.province, role=Role.CULTURE_OFFICE))
    get(client, **OCTOBER)  # warm the session and Wagtail's caches
    # About 20 are the admin menu, the session and the two-factor devices (one query per django-otp plugin: TOTP,
    # backup codes); the person's memberships are read once and kept for the request (places.selectors), however
    # many menu items and policies ask; the placement rankings take one (the rows they show: the rollup sums and
    # the placements in scope are those the channel and ward tables read);
    # conversions by source, what citizens told, the hours set aside and the randomised roll-out plans the person
    # may see (the headline) one each; the official figures one for the whole page (insights.scope_figures: the
    # ward and target tables, the figure warnings, the channel-impact estimate and the summary share it); the
    # summary at the top reads the page's tables, plus last month's scans.
    with django_assert_max_num_queries(42) as small:
        get(client, **OCTOBER)
    # Ten times the placements and rollups: the same number of queries.
    from places.models import AdministrativeUnit, UnitLevel

    wards = AdministrativeUnit.objects.filter(level=UnitLevel.WARD, path__startswith="66/")[:20]
    for ward in wards:
        made = placement(unit=ward, campaign=october.campaign, quantity=5, unit_cost_vnd=1000)
        rollup(placement=made, day=dt.date(2026, 10, 14), scans=7, conversions=1)
    with django_assert_max_num_queries(len(small.captured_queries)):
        get(client, **OCTOBER)


def test_channel_impact_says_not_enough_data_with_its_explanation(client, october):
    client.force_login(staff_member(username="vanhoa", unit=october.province, role=Role.CULTURE_OFFICE))
    html = get(client, **OCTOBER).content.decode()
    tables, _empty = read_tables(html)
    impact = {row["Kênh"]: row for row in tables["tac-dong-kenh"]}
    assert set(impact) == {"Áp-phích", "Loa truyền thanh cơ sở"}
    poster = impact["Áp-phích"]
    assert poster["Kết luận"].startswith("chưa đủ dữ liệu")
    assert poster["Ước tính (gắn với kênh)"] == "—"  # no number when the data cannot support one
    assert poster["Lý do"]  # and the reason why


def test_broadcast_lift_compares_the_hour_after_an_airing_within_its_day_against_quiet_days(client, october):
    from django.utils import timezone

    from insights.models import BroadcastAiring, HourlyPlacementScans

    tz = timezone.get_default_timezone()
    loudspeaker = october.loudspeaker_a.channel
    BroadcastAiring.objects.create(
        channel=loudspeaker, unit=october.ward_a, aired_at=dt.datetime(2026, 10, 12, 19, 5, tzinfo=tz)
    )
    # Ea Kao has no loudspeaker code: nothing to measure, and the page says why.
    BroadcastAiring.objects.create(
        channel=loudspeaker, unit=october.ward_b, aired_at=dt.datetime(2026, 10, 14, 6, 0, tzinfo=tz)
    )
    for day in range(1, 32):  # every day: 3 scans at 8:00 and 1 at 19:00; 12 at 19:00 on the airing day
        for hour, scans in ((8, 3), (19, 12 if day == 12 else 1)):
            HourlyPlacementScans.objects.create(
                placement=october.loudspeaker_a, hour=dt.datetime(2026, 10, day, hour, tzinfo=tz), scans=scans
            )
    client.force_login(staff_member(username="vanhoa", unit=october.province, role=Role.CULTURE_OFFICE))
    html = get(client, **OCTOBER).content.decode()
    tables, _empty = read_tables(html)
    airing, unmeasured = tables["phat-song"]
    assert airing["Phát lúc"] == "12/10/2026 19:05"
    assert airing["Kênh"] == "Loa truyền thanh cơ sở" and airing["Địa bàn"] == "Phường Buôn Ma Thuột"
    assert airing["Lượt quét trong giờ sau khi phát"] == "12"
    # The day's other scans (3 at 8:00) × the quiet weekdays' share of 19:00 (1 for every 3): 1 expected.
    assert airing["Dự kiến nếu không phát (theo chính ngày đó)"] == "1,0"
    assert airing["Chênh lệch (lượt)"] == "11,0"
    assert airing["Gấp (lần)"] == "12,00"
    assert float(airing["Khoảng tin cậy 95 %: từ"].replace(",", ".")) > 1
    assert airing["Kết luận"] == "lượt quét tăng gắn với lần phát (khoảng tin cậy trên 1)"
    assert airing["Số ngày không phát để so sánh"] == "21"  # October's weekdays but the 12th
    assert airing["Tỷ lệ báo động giả"] == "0,0 %" and airing["Số lần phát giả đã thử"] == "20"
    assert unmeasured["Kết luận"] == "chưa đủ dữ liệu: chưa có mã nào của kênh ở địa bàn này"
    assert unmeasured["Gấp (lần)"] == "—"
    assert "không có nghĩa là do lần phát gây ra" in html and "tỷ lệ báo động giả" in html.lower()


def test_raw_scans_reach_the_dashboard_through_the_rollup_job(client, official_units):
    from django.utils import timezone

    from insights.rollups import update_rollups
    from tests.factories.tracking import placement
    from tracking.models import ScanEvent

    ward = official_units.get(code="24169")
    code = placement(unit=ward)
    tz = timezone.get_default_timezone()
    at = dt.datetime(2026, 10, 14, 9, 30, tzinfo=tz)
    events = [ScanEvent(occurred_at=at, placement=code, device_class="mobile", visitor_hash=f"v{n}") for n in range(7)]
    events.append(ScanEvent(occurred_at=at, placement=code, device_class="bot", is_bot=True))  # not a citizen
    ScanEvent.objects.bulk_create(events)
    update_rollups(now=at + dt.timedelta(hours=2))

    client.force_login(staff_member(username="xem.eakao", unit=ward, role=Role.VIEWER))
    tables, _empty = read_tables(get(client, **OCTOBER).content.decode())
    assert [(row["Kênh"], row["Lượt quét"], row["Lượt thiết bị-ngày"]) for row in tables["theo-kenh"]] == [
        ("Áp-phích", "7", "7")
    ]
