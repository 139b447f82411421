"""Conversions say how they were counted: via a code, without one ("không qua mã"), and what citizens told
service-point staff ("người dân kể lại"), apart from code-attributed ones and never as exposure."""

import csv
import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from insights.dashboard_tables import build_dashboard
from insights.models import DailyPlacementRollup
from insights.reports import build_monthly_report
from insights.rollups import update_rollups
from insights.selectors import InsightFilter
from places.models import AdministrativeUnit, Role
from places.services import grant_membership
from tests.factories.campaigns import GuidePageFactory
from tests.factories.insights_dashboard import staff_member
from tests.factories.tracking import ChannelFactory, loudspeaker_channel, placement, poster_channel
from tests.factories.users import UserFactory
from tests.insights.dashboard_html import read_tables
from tracking.models import ChannelKind, Conversion, ConversionAction, ConversionSource

pytestmark = pytest.mark.django_db


class Month:
    """Last month, whole: what a shared copy may cover."""

    def __init__(self) -> None:
        self.last = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
        self.first = self.last.replace(day=1)

    @property
    def params(self) -> dict:
        return {"start": self.first.isoformat(), "end": self.last.isoformat()}

    @property
    def middle(self) -> dt.datetime:
        return dt.datetime.combine(self.first.replace(day=15), dt.time(10), tzinfo=timezone.get_default_timezone())


@pytest.fixture
def scene(client, official_units):
    """Phường Ea Kao this month: a poster and a loudspeaker code; three completions via the poster's code, two
    without a code (one with the ward known, one without); five registrations logged at the service point
    through its form (one with the poster's code, four without: two naming the loudspeaker, one a meeting,
    one "I scanned a QR code" without the code)."""
    ward = AdministrativeUnit.objects.get(code="24169")
    poster = placement(unit=ward, channel=poster_channel())
    loudspeaker = placement(unit=ward, channel=loudspeaker_channel(), campaign=poster.campaign)
    ChannelFactory(slug="hoi-nghi", name="Hội nghị", kind=ChannelKind.PEOPLE)
    guide = GuidePageFactory(parent=poster.campaign)
    for _n in range(3):
        Conversion.objects.create(
            action=ConversionAction.GUIDE_COMPLETED,
            source=ConversionSource.SELF_REPORTED,
            placement=poster,
            unit=ward,
            guide=guide,
        )
    for unit in (ward, None):
        Conversion.objects.create(
            action=ConversionAction.GUIDE_COMPLETED, source=ConversionSource.SELF_REPORTED, unit=unit, guide=guide
        )

    desk = UserFactory(username="canbo.eakao", is_staff=False)
    grant_membership(user=desk, unit=ward, role=Role.SERVICE_POINT_STAFF)
    client.force_login(desk)
    logged = [
        {"heard_from": "scanned", "code": poster.short_code},
        {"heard_from": "loa-truyen-thanh"},
        {"heard_from": "loa-truyen-thanh"},
        {"heard_from": "hoi-nghi"},
        {"heard_from": "scanned"},
    ]
    for entry in logged:
        response = client.post(
            reverse("assisted_registration"), {"ward": ward.pk, "action": "vneid_level_2", "code": "", **entry}
        )
        assert response.status_code == 302
    client.logout()
    Conversion.objects.update(occurred_at=Month().middle)  # last month, so that a shared copy may cover it
    update_rollups()
    return {"ward": ward, "poster": poster, "loudspeaker": loudspeaker, "guide": guide, "logged": len(logged)}


def dashboard(client, **params) -> tuple[dict, str]:
    response = client.get(reverse("insights_dashboard"), {**Month().params, **params})
    assert response.status_code == 200
    html = response.content.decode()
    return read_tables(html)[0], html


def totals(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-total="(\w+)">([^<]*)<', html))


def test_conversions_with_and_without_a_code_reconcile_with_the_service_point_log(client, scene):
    client.force_login(staff_member(username="vanhoa", unit=scene["ward"].parent, role=Role.CULTURE_OFFICE))
    tables, html = dashboard(client, unit="66")
    sources = {row["Cách ghi nhận"]: row for row in tables["theo-nguon"]}
    coded = sources["Qua mã (mã QR hoặc mã số của điểm đặt)"]
    uncoded = sources["Không qua mã"]
    assert (coded["Người dân tự báo trên trang hướng dẫn"], coded["Cán bộ hỗ trợ ghi nhận tại điểm dịch vụ"]) == (
        "3",
        "1",
    )
    # The completion without a ward cannot be placed in the province: only the one with its ward counts.
    assert (uncoded["Người dân tự báo trên trang hướng dẫn"], uncoded["Cán bộ hỗ trợ ghi nhận tại điểm dịch vụ"]) == (
        "1",
        "4",
    )
    # The assisted column adds up to the service point's own log: five people helped, five counted.
    assisted = int(coded["Cán bộ hỗ trợ ghi nhận tại điểm dịch vụ"]) + int(
        uncoded["Cán bộ hỗ trợ ghi nhận tại điểm dịch vụ"]
    )
    assert assisted == scene["logged"] == Conversion.objects.filter(source=ConversionSource.ASSISTED).count()
    # The headline says which is which.
    assert (totals(html)["conversions"], totals(html)["uncoded_conversions"]) == ("4", "5")
    assert "Chuyển đổi qua mã" in html and "Chuyển đổi không qua mã" in html


def test_what_citizens_told_is_shown_apart_and_never_as_a_channels_conversions_or_exposure(client, scene):
    client.force_login(staff_member(username="vanhoa", unit=scene["ward"].parent, role=Role.CULTURE_OFFICE))
    tables, html = dashboard(client, unit="66")
    told = {row["Người dân kể biết qua"]: row["Lượt hỗ trợ không qua mã"] for row in tables["nguoi-dan-ke-lai"]}
    assert told == {"Loa truyền thanh cơ sở": "2", "Hội nghị": "1", "Quét mã QR (không ghi được mã)": "1"}
    assert "Người dân kể lại: điều người dân nhớ" in html
    # The loudspeaker was named twice, but no one came through its code: it has no conversion via a code,
    channels = {row["Kênh"]: row for row in tables["theo-kenh"]}
    assert channels["Loa truyền thanh cơ sở"]["Chuyển đổi qua mã"] == "0"
    assert channels["Áp-phích"]["Chuyển đổi qua mã"] == "4"
    # and nothing of it reaches the rollups, from which scans and conversions are read (exposure comes from
    # placements only): a channel named by a citizen is no evidence that it was up in the ward.
    assert not DailyPlacementRollup.objects.filter(placement=scene["loudspeaker"]).exists()
    assert "Hội nghị" not in channels


def test_a_country_wide_view_counts_the_completion_without_a_ward(client, scene):
    client.force_login(UserFactory(username="quantri", is_superuser=True, is_staff=True))
    tables, _html = dashboard(client)
    uncoded = next(row for row in tables["theo-nguon"] if row["Cách ghi nhận"] == "Không qua mã")
    assert uncoded["Người dân tự báo trên trang hướng dẫn"] == "2"


def test_a_campaign_filter_keeps_its_guides_completions_and_leaves_out_unattributed_registrations(scene):
    month = Month()
    f = InsightFilter(start=month.first, end=month.last, units=None, campaign=scene["poster"].campaign)
    rows = {row["key"]: row for row in build_dashboard(f=f).sources.rows}
    assert (rows["coded"]["self_reported"], rows["coded"]["assisted"]) == (3, 1)
    assert (rows["uncoded"]["self_reported"], rows["uncoded"]["assisted"]) == (2, 0)


def test_the_exports_carry_the_same_counts_and_the_shared_copy_rounds_them(client, scene):
    client.force_login(staff_member(username="xem.eakao", unit=scene["ward"], role=Role.VIEWER))
    params = {"unit": "24169", **Month().params}
    response = client.get(reverse("insights_export", args=["theo-nguon", "csv"]), params)
    rows = {row["Cách ghi nhận"]: row for row in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))}
    assert rows["Không qua mã"]["Cán bộ hỗ trợ ghi nhận tại điểm dịch vụ"] == "4"
    shared = client.get(reverse("insights_export", args=["theo-nguon", "csv"]), {**params, "chia-se": "1"})
    rows = {row["Cách ghi nhận"]: row for row in csv.DictReader(io.StringIO(shared.content.decode("utf-8-sig")))}
    # The copy meant for sharing rounds every count to a multiple of 5 (insights.suppression).
    assert rows["Không qua mã"]["Cán bộ hỗ trợ ghi nhận tại điểm dịch vụ"] == "5"
    assert rows["Qua mã (mã QR hoặc mã số của điểm đặt)"]["Người dân tự báo trên trang hướng dẫn"] == "5"

    response = client.get(reverse("insights_export", args=["nguoi-dan-ke-lai", "xlsx"]), params)
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("Người dân kể biết qua", "Lượt hỗ trợ không qua mã")
    assert ("Loa truyền thanh cơ sở", 2) in values[1:]


def test_the_monthly_report_says_what_it_counts(scene):
    data = build_monthly_report(unit=scene["ward"].parent, month=Month().first)
    summary = dict(data.summary)
    assert summary["Chuyển đổi qua mã"] == "4" and summary["Chuyển đổi không qua mã"] == "5"
    assert "Lượt thiết bị-ngày (không phải số người)" in summary
    assert "Người quét (ước tính)" not in summary
    from insights.report_rendering import render_report_xlsx

    workbook = load_workbook(io.BytesIO(render_report_xlsx(data)))
    cells = [cell for row in workbook["Kênh"].iter_rows(values_only=True) for cell in row if cell]
    assert "Chuyển đổi qua mã và không qua mã" in cells
    assert "Người dân kể lại biết qua kênh nào (đăng ký có hỗ trợ, không qua mã)" in cells
