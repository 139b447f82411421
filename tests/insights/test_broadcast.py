import datetime as dt

import pytest

from insights.broadcast import broadcast_lift, compared_hour
from insights.models import BroadcastAiring
from insights.rollups import update_rollups
from tests.factories.campaigns import CampaignPageFactory
from tests.factories.places import VillageFactory, WardFactory
from tests.factories.tracking import ChannelFactory, loudspeaker_channel, placement, poster_channel
from tracking.models import ChannelKind, ScanEvent

pytestmark = pytest.mark.django_db

TZ = dt.timezone(dt.timedelta(hours=7))
START = dt.date(2026, 10, 1)
END = dt.date(2026, 10, 7)


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 10, day, hour, minute, tzinfo=TZ)


def scans(code, when: dt.datetime, count: int, **fields) -> None:
    ScanEvent.objects.bulk_create(
        ScanEvent(occurred_at=when + dt.timedelta(seconds=index), placement=code, device_class="mobile", **fields)
        for index in range(count)
    )


@pytest.fixture
def ward_setup():
    ward = WardFactory()
    campaign = CampaignPageFactory()
    loudspeaker = loudspeaker_channel()
    on_ward = placement(unit=ward, channel=loudspeaker, campaign=campaign)
    in_village = placement(unit=VillageFactory(parent=ward), channel=loudspeaker, campaign=campaign)
    poster = placement(unit=ward, channel=poster_channel(), campaign=campaign)
    return ward, loudspeaker, on_ward, in_village, poster


def test_scans_in_the_hour_after_an_airing_against_the_same_hour_on_quiet_days(ward_setup):
    ward, loudspeaker, on_ward, in_village, poster = ward_setup
    for day in range(1, 8):
        scans(on_ward, at(day, 6, 10), 2)  # the usual: 2 scans between 6 and 7 every day
    scans(in_village, at(3, 6, 20), 9)  # the airing day: 9 more from the village's loudspeaker code
    scans(on_ward, at(3, 6, 40), 1)
    scans(poster, at(3, 6, 15), 50)  # another channel's code: not counted
    scans(on_ward, at(3, 6, 45), 5, is_bot=True)  # bots: not counted
    scans(on_ward, at(5, 6, 5), 6)  # another airing day: left out of the baseline
    update_rollups()
    first = BroadcastAiring.objects.create(channel=loudspeaker, unit=ward, aired_at=at(3, 6, 0))
    BroadcastAiring.objects.create(channel=loudspeaker, unit=ward, aired_at=at(5, 6, 0))

    lifts = broadcast_lift(units=[ward.parent], start=START, end=END)
    assert [lift.airing for lift in lifts] == [first, BroadcastAiring.objects.get(aired_at=at(5, 6, 0))]
    lift = lifts[0]
    assert lift.placements == 2
    assert lift.scans_after == 2 + 9 + 1
    assert lift.baseline_days == 5
    assert lift.baseline_mean == pytest.approx(2.0)
    assert lift.lift == pytest.approx(10.0) and lift.ratio == pytest.approx(6.0)
    assert lift.hour == at(3, 6)


def test_an_airing_late_in_the_hour_is_compared_with_the_next_hour(ward_setup):
    ward, loudspeaker, on_ward, *_ = ward_setup
    scans(on_ward, at(2, 18, 10), 4)
    scans(on_ward, at(4, 18, 5), 1)
    update_rollups()
    BroadcastAiring.objects.create(channel=loudspeaker, unit=ward, aired_at=at(2, 17, 45))
    [lift] = broadcast_lift(units=[ward], start=START, end=END)
    assert lift.hour == at(2, 18)
    assert lift.scans_after == 4
    assert lift.baseline_mean == pytest.approx(1 / 6)


def test_other_units_channels_and_dates_are_left_out(ward_setup):
    ward, loudspeaker, *_ = ward_setup
    other_ward = WardFactory()
    led = ChannelFactory(slug="bang-led", name="Bảng LED", kind=ChannelKind.SCREEN)
    BroadcastAiring.objects.create(channel=loudspeaker, unit=other_ward, aired_at=at(3, 6))
    BroadcastAiring.objects.create(channel=loudspeaker, unit=ward, aired_at=at(9, 6))
    mine = BroadcastAiring.objects.create(channel=led, unit=ward, aired_at=at(3, 20))
    BroadcastAiring.objects.create(channel=loudspeaker, unit=ward, aired_at=at(4, 6))
    lifts = broadcast_lift(units=[ward], start=START, end=END, channels=[led])
    assert [lift.airing for lift in lifts] == [mine]
    assert lifts[0].placements == 0 and lifts[0].scans_after == 0 and lifts[0].baseline_mean == 0
    assert lifts[0].ratio is None


def test_the_compared_hour_is_local():
    assert compared_hour(dt.datetime(2026, 10, 3, 23, 10, tzinfo=dt.UTC)).hour == 6  # 06:10 in Vietnam


def test_the_number_of_queries_does_not_grow_with_airings(django_assert_max_num_queries):
    loudspeaker = loudspeaker_channel()
    campaign = CampaignPageFactory()
    province = WardFactory().parent
    for _ in range(6):
        ward = WardFactory(parent=province)
        code = placement(unit=ward, channel=loudspeaker, campaign=campaign)
        scans(code, at(2, 6, 10), 3)
        for day in (2, 4):
            BroadcastAiring.objects.create(channel=loudspeaker, unit=ward, aired_at=at(day, 6))
    update_rollups()
    with django_assert_max_num_queries(4):
        lifts = broadcast_lift(units=[province], start=START, end=END)
    assert len(lifts) == 12
    assert {lift.scans_after for lift in lifts} == {3, 0}
