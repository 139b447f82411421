import datetime as dt
import uuid
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from insights.models import DailyPlacementRollup, HourlyPlacementScans, RollupWatermark
from insights.rollups import LATE_COMMIT_WINDOW, rebuild_rollups, update_rollups
from tests.factories.campaigns import CampaignPageFactory
from tests.factories.places import WardFactory
from tests.factories.tracking import loudspeaker_channel, placement, poster_channel
from tracking.models import Conversion, ConversionAction, ConversionSource, ScanEvent

pytestmark = pytest.mark.django_db

TZ = dt.timezone(dt.timedelta(hours=7))  # Asia/Ho_Chi_Minh has no daylight saving time
FIRST_DAY = dt.date(2026, 3, 30)


@pytest.fixture
def placements():
    campaign = CampaignPageFactory()
    ward = WardFactory()
    return [
        placement(unit=ward, campaign=campaign, channel=poster_channel()),
        placement(unit=ward, campaign=campaign, channel=loudspeaker_channel()),
        placement(unit=WardFactory(), campaign=campaign, channel=poster_channel()),
    ]


def local(day_offset: int, minute: int) -> dt.datetime:
    day = FIRST_DAY + dt.timedelta(days=day_offset)
    return dt.datetime.combine(day, dt.time.min, tzinfo=TZ) + dt.timedelta(minutes=minute)


scan_strategy = st.fixed_dictionaries(
    {
        "placement": st.integers(0, 2),
        "day": st.integers(0, 3),
        # Near midnight more often than chance: the local-day boundary is where time zones bite.
        "minute": st.one_of(st.integers(0, 1439), st.sampled_from([0, 1, 419, 420, 1438, 1439])),
        "visitor": st.sampled_from(["", "a" * 32, "b" * 32, "c" * 32]),
        "is_bot": st.booleans(),
        "is_head": st.booleans(),
        "is_repeat": st.booleans(),
    }
)
conversion_strategy = st.fixed_dictionaries(
    {
        "placement": st.one_of(st.none(), st.integers(0, 2)),
        "day": st.integers(0, 3),
        "minute": st.integers(0, 1439),
    }
)
batch_strategy = st.tuples(st.lists(scan_strategy, max_size=25), st.lists(conversion_strategy, max_size=6))


def store(batch, placements) -> None:
    scans, conversions = batch
    ScanEvent.objects.bulk_create(
        ScanEvent(
            event_id=uuid.uuid4(),
            occurred_at=local(scan["day"], scan["minute"]),
            placement=placements[scan["placement"]],
            device_class="bot" if scan["is_bot"] else "mobile",
            visitor_hash="" if scan["is_bot"] else scan["visitor"],
            is_bot=scan["is_bot"],
            is_head=scan["is_head"],
            is_repeat=scan["is_repeat"] and not scan["is_bot"],
        )
        for scan in scans
    )
    for conversion in conversions:
        row = Conversion.objects.create(
            action=ConversionAction.GUIDE_COMPLETED,
            source=ConversionSource.SELF_REPORTED,
            placement=placements[conversion["placement"]] if conversion["placement"] is not None else None,
        )
        # occurred_at is auto_now_add: set the drawn time afterwards.
        Conversion.objects.filter(pk=row.pk).update(occurred_at=local(conversion["day"], conversion["minute"]))


def counted_from_raw_events() -> tuple[dict, dict]:
    """The definitions, counted row by row in Python over everything stored (these small batches never reach
    the flood floor: insights.bursts is tested on its own in test_bursts.py)."""
    daily = defaultdict(lambda: {"scans": 0, "visitors": set(), "repeats": 0, "bots": 0, "conversions": 0})
    hourly = defaultdict(int)
    for event in ScanEvent.objects.all():
        when = event.occurred_at.astimezone(TZ)
        key = (when.date(), event.placement_id)
        if event.is_bot:
            daily[key]["bots"] += 1
        if event.is_bot or event.is_head:
            continue
        if event.visitor_hash:
            daily[key]["visitors"].add(event.visitor_hash)
        if event.is_repeat:
            daily[key]["repeats"] += 1
            continue
        daily[key]["scans"] += 1
        hourly[(when.replace(minute=0, second=0, microsecond=0), event.placement_id)] += 1
    for conversion in Conversion.objects.exclude(placement=None):
        daily[(conversion.occurred_at.astimezone(TZ).date(), conversion.placement_id)]["conversions"] += 1
    expected_daily = {
        key: (value["scans"], len(value["visitors"]), value["repeats"], 0, value["bots"], value["conversions"])
        for key, value in daily.items()
        if value["scans"] or value["repeats"] or value["bots"] or value["conversions"]
    }
    return expected_daily, {key: (scans, 0) for key, scans in hourly.items()}


def stored_rollups() -> tuple[dict, dict]:
    daily = {
        (row.day, row.placement_id): (
            row.scans,
            row.device_days,
            row.repeats,
            row.suspect_scans,
            row.bots,
            row.conversions,
        )
        for row in DailyPlacementRollup.objects.all()
    }
    hourly = {
        (row.hour.astimezone(TZ), row.placement_id): (row.scans, row.suspect_scans)
        for row in HourlyPlacementScans.objects.all()
    }
    return daily, hourly


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batches=st.lists(batch_strategy, min_size=1, max_size=4), minutes_between_runs=st.sampled_from([1, 4, 11]))
def test_incremental_rollups_equal_direct_counts_and_a_rebuild(placements, batches, minutes_between_runs):
    with transaction.atomic():
        now = timezone.now()
        for batch in batches:
            store(batch, placements)
            update_rollups(now=now)
            now += dt.timedelta(minutes=minutes_between_runs)
        incremental = stored_rollups()
        assert incremental == counted_from_raw_events()

        rebuild_rollups()
        assert stored_rollups() == incremental
        transaction.set_rollback(True)


def scan(code, when, **fields) -> ScanEvent:
    fields.setdefault("device_class", "mobile")
    return ScanEvent.objects.create(occurred_at=when, placement=code, **fields)


def test_a_late_commit_with_a_lower_id_is_still_counted(placements):
    """PostgreSQL can make id 5 visible after id 9: the window reads settled ids again."""
    code = placements[0]
    now = timezone.now()
    scan(placements[1], local(0, 500))
    update_rollups(now=now)  # the first run ever rebuilds everything; the window matters from then on
    base = ScanEvent.objects.latest("id").id
    first = scan(code, local(0, 600), visitor_hash="a" * 32)
    # Leaves a gap below, as a drain transaction still open would.
    ScanEvent.objects.filter(pk=first.pk).update(id=base + 100)
    update_rollups(now=now + dt.timedelta(minutes=1))
    assert DailyPlacementRollup.objects.get(placement=code).scans == 1

    late = scan(code, local(0, 700), visitor_hash="b" * 32)
    ScanEvent.objects.filter(pk=late.pk).update(id=base + 50)
    update_rollups(now=now + dt.timedelta(minutes=3))
    row = DailyPlacementRollup.objects.get(placement=code)
    assert (row.scans, row.device_days) == (2, 2)


def test_the_watermark_settles_only_after_the_late_commit_window(placements):
    now = timezone.now()
    scan(placements[0], local(0, 600))
    update_rollups(now=now)  # the first run rebuilds; its checkpoint settles like the others
    top = ScanEvent.objects.latest("id").id
    assert RollupWatermark.objects.get().last_scan_id == 0  # a drain open now may still commit lower ids
    scan(placements[0], local(0, 601))
    update_rollups(now=now + dt.timedelta(minutes=1))
    assert RollupWatermark.objects.get().last_scan_id == 0
    update_rollups(now=now + LATE_COMMIT_WINDOW + dt.timedelta(seconds=30))
    assert RollupWatermark.objects.get().last_scan_id == top
    update_rollups(now=now + LATE_COMMIT_WINDOW + dt.timedelta(minutes=2))
    assert RollupWatermark.objects.get().last_scan_id == top + 1


def test_a_repeat_flagged_after_midnight_by_an_older_scan_is_recounted(placements):
    """flag_repeats may flag a stored 00:10 scan because a 23:50 scan arrived late."""
    code = placements[0]
    after_midnight = scan(code, local(1, 10), visitor_hash="a" * 32)
    update_rollups(now=timezone.now())
    assert DailyPlacementRollup.objects.get(placement=code, day=FIRST_DAY + dt.timedelta(days=1)).repeats == 0

    from tracking.services import flag_repeats

    # One drained batch: this visitor's 23:50 scan and somebody else's 00:20 scan elsewhere.
    before_midnight = scan(code, local(0, 1430), visitor_hash="a" * 32)
    elsewhere = scan(placements[2], local(1, 20), visitor_hash="b" * 32)
    flag_repeats([before_midnight.event_id, elsewhere.event_id])
    after_midnight.refresh_from_db()
    assert after_midnight.is_repeat
    update_rollups(now=timezone.now())
    recounted = DailyPlacementRollup.objects.get(placement=code, day=FIRST_DAY + dt.timedelta(days=1))
    assert (recounted.repeats, recounted.scans) == (1, 0)  # a repeat is set aside from the headline
    assert DailyPlacementRollup.objects.get(placement=code, day=FIRST_DAY).scans == 1


def test_hourly_rows_start_on_the_local_hour(placements):
    scan(placements[0], local(0, 7 * 60 + 59))
    scan(placements[0], local(0, 8 * 60))
    scan(placements[0], local(0, 8 * 60 + 30), is_head=True)
    update_rollups()
    hours = {row.hour.astimezone(TZ).hour: row.scans for row in HourlyPlacementScans.objects.all()}
    assert hours == {7: 1, 8: 1}


def test_rebuild_command_since_a_day_leaves_earlier_days_alone(placements):
    code = placements[0]
    scan(code, local(0, 600))
    scan(code, local(2, 600))
    update_rollups()
    DailyPlacementRollup.objects.update(scans=99)  # damage both days
    call_command("rebuild_rollups", "--since", (FIRST_DAY + dt.timedelta(days=1)).isoformat())
    scans = dict(DailyPlacementRollup.objects.values_list("day", "scans"))
    assert scans == {FIRST_DAY: 99, FIRST_DAY + dt.timedelta(days=2): 1}
    call_command("rebuild_rollups")
    assert set(DailyPlacementRollup.objects.values_list("scans", flat=True)) == {1}


def test_rebuild_command_refuses_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("rebuild_rollups", "--since", "30/03/2026")


def test_the_rollup_jobs_are_registered_with_the_scheduler():
    from core.periodic import autodiscover_periodic_jobs, periodic_jobs

    autodiscover_periodic_jobs()
    update = periodic_jobs.get("insights.update_rollups")
    assert update.trigger.interval == dt.timedelta(seconds=60)
    assert update.task.module_path == "insights.tasks.update_rollups_task"
    assert periodic_jobs.get("insights.reconcile_rollups").task.module_path == "insights.tasks.reconcile_rollups_task"


def test_the_periodic_task_runs_through_the_task_backend(placements):
    from insights.tasks import update_rollups_task

    scan(placements[0], local(0, 600))
    result = update_rollups_task.enqueue()
    assert result.return_value["full"] is True
    assert DailyPlacementRollup.objects.get().scans == 1


def test_rows_without_events_any_more_are_removed(placements):
    kept = scan(placements[0], local(0, 600))
    gone = scan(placements[1], local(0, 720))
    update_rollups()
    assert DailyPlacementRollup.objects.count() == 2 and HourlyPlacementScans.objects.count() == 2
    gone.delete()
    rebuild_rollups()
    assert list(DailyPlacementRollup.objects.values_list("placement_id", flat=True)) == [kept.placement_id]
    assert list(HourlyPlacementScans.objects.values_list("placement_id", flat=True)) == [kept.placement_id]


@pytest.mark.skipif(
    __import__("django.conf").conf.settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="concurrent writers need PostgreSQL (the test database of SQLite is in memory)",
)
@pytest.mark.django_db(transaction=True)
def test_rollups_stay_exact_while_scans_are_written_concurrently():
    """Inserts in transactions held open (as a drain does) while update_rollups runs again and again."""
    import threading
    import time

    from django.db import connection

    campaign = CampaignPageFactory()
    ward = WardFactory()
    codes = [
        placement(unit=ward, campaign=campaign, channel=poster_channel()),
        placement(unit=ward, campaign=campaign, channel=loudspeaker_channel()),
    ]
    writers_left = [2]
    lock = threading.Lock()
    failures = []

    def writer(offset):
        try:
            for batch in range(15):
                with transaction.atomic():
                    ScanEvent.objects.bulk_create(
                        ScanEvent(
                            # A day of its own per batch: no later batch recomputes it by chance.
                            occurred_at=local(batch + 15 * offset, 600 + index),
                            placement=codes[offset],
                            device_class="mobile",
                            visitor_hash=f"{index % 7:032d}",
                            is_repeat=index % 5 == 0,
                        )
                        for index in range(40)
                    )
                    # Held open, with two writers: ids commit out of order, as drains on two nodes do.
                    time.sleep(0.03 * (1 + offset))
        except Exception as error:  # reported to the test below
            failures.append(error)
        finally:
            with lock:
                writers_left[0] -= 1
            connection.close()

    def roller():
        try:
            while writers_left[0]:
                update_rollups()
        except Exception as error:
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(0,)), threading.Thread(target=writer, args=(1,))]
    threads.append(threading.Thread(target=roller))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures
    update_rollups()
    assert ScanEvent.objects.count() == 1200
    assert stored_rollups() == counted_from_raw_events()
