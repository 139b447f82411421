"""Rollups on PostgreSQL: a full rebuild and the minute-by-minute incremental run, against the naive aggregate.

    .venv/bin/python tests/bench/rollups_bench.py \
        [--database-url postgres://postgres@127.0.0.1:5432/postgres] [--events 1000000] [--wards 500] [--days 30]

Creates a scratch database (loa_rollups_bench, dropped first and left behind), migrates it, loads the
official units, makes one placement per ward for two channels, COPYs N scan events spread over the days
(10 % bots, 5 % HEAD, 20 % repeats, visitor hashes from a pool) and some conversions, then times:

- the naive aggregate: one GROUP BY (placement, local day) over every raw event (what a dashboard without
  rollups would run per request);
- rebuild_rollups() over everything (one day per transaction);
- the first update_rollups() (it rebuilds, then keeps a watermark);
- update_rollups() after 10,000 new events (the periodic job's usual work), twice (the second run reads
  the late-commit window again);
and checks that the incremental rollups equal a rebuild's. A benchmark, not a test.
"""

import argparse
import datetime as dt
import os
import random
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT))

SCRATCH_DATABASE = "loa_rollups_bench"


def setup_django(database_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "website.settings.test"
    os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()


def recreate_database(server_url: str) -> str:
    import psycopg

    parts = urlsplit(server_url)
    with psycopg.connect(urlunsplit(parts._replace(scheme="postgresql")), autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {SCRATCH_DATABASE}")
        connection.execute(f"CREATE DATABASE {SCRATCH_DATABASE}")
    return urlunsplit(parts._replace(path=f"/{SCRATCH_DATABASE}"))


def make_placements(wards: int) -> list[int]:
    from places.models import AdministrativeUnit, UnitLevel
    from tests.factories.campaigns import CampaignPageFactory
    from tests.factories.tracking import loudspeaker_channel, poster_channel
    from tracking.services import create_placement

    campaign = CampaignPageFactory()
    channels = [poster_channel(), loudspeaker_channel()]
    units = AdministrativeUnit.objects.filter(level=UnitLevel.WARD).order_by("code")[:wards]
    return [
        create_placement(campaign=campaign, unit=unit, channel=channel).pk for unit in units for channel in channels
    ]


def copy_events(*, placements: list[int], count: int, first: dt.datetime, days: int, seed: int) -> None:
    from django.db import connection

    rng = random.Random(seed)
    visitors = [uuid.UUID(int=rng.getrandbits(128)).hex for _ in range(5000)]
    span = days * 86400
    columns = (
        "event_id, occurred_at, placement_id, device_class, language, visitor_hash, is_bot, is_head, is_repeat, "
        "landed_on_fallback"
    )
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY tracking_scanevent ({columns}) FROM STDIN") as copy:
        for _ in range(count):
            bot = rng.random() < 0.10
            copy.write_row(
                (
                    uuid.UUID(int=rng.getrandbits(128)),
                    first + dt.timedelta(seconds=rng.randrange(span)),
                    rng.choice(placements),
                    "bot" if bot else "mobile",
                    "vi",
                    "" if bot else rng.choice(visitors),
                    bot,
                    rng.random() < 0.05,
                    (not bot) and rng.random() < 0.20,
                    False,
                )
            )


def add_conversions(*, placements: list[int], count: int, first: dt.datetime, days: int, seed: int) -> None:
    from tracking.models import Conversion, ConversionAction, ConversionSource

    rng = random.Random(seed)
    rows = Conversion.objects.bulk_create(
        Conversion(action=ConversionAction.GUIDE_COMPLETED, source=ConversionSource.SELF_REPORTED, placement_id=p)
        for p in (rng.choice(placements) for _ in range(count))
    )
    for row in rows:
        row.occurred_at = first + dt.timedelta(seconds=rng.randrange(days * 86400))
    Conversion.objects.bulk_update(rows, ["occurred_at"], batch_size=2000)


def seconds(function) -> tuple[float, object]:
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def snapshot() -> dict:
    from insights.models import DailyPlacementRollup, HourlyPlacementScans

    daily = {
        (row[0], row[1]): row[2:]
        for row in DailyPlacementRollup.objects.values_list(
            "day", "placement_id", "scans", "device_days", "repeats", "suspect_scans", "bots", "conversions"
        )
    }
    hourly = {(h, p): s for h, p, s in HourlyPlacementScans.objects.values_list("hour", "placement_id", "scans")}
    return {"daily": daily, "hourly": hourly}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--wards", type=int, default=500)
    parser.add_argument("--days", type=int, default=30)
    args = parser.parse_args()

    setup_django(recreate_database(args.database_url))
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count, Q
    from django.db.models.functions import TruncDate
    from django.utils import timezone

    from insights.rollups import rebuild_rollups, update_rollups
    from places.services import load_official_units
    from tracking.models import ScanEvent

    call_command("migrate", verbosity=0)
    load_official_units()
    placements = make_placements(args.wards)
    tz = timezone.get_default_timezone()
    first = dt.datetime.combine(timezone.localdate() - dt.timedelta(days=args.days), dt.time.min, tzinfo=tz)
    took, _ = seconds(
        lambda: copy_events(placements=placements, count=args.events, first=first, days=args.days, seed=1)
    )
    add_conversions(placements=placements, count=args.events // 100, first=first, days=args.days, seed=2)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"PostgreSQL {connection.pg_version // 10000}: {args.events:,} events, {len(placements):,} placements, "
        f"{args.days} days (COPY {took:.1f} s)"
    )

    citizen = Q(is_bot=False, is_head=False)
    naive, rows = seconds(
        lambda: list(
            ScanEvent.objects.annotate(day=TruncDate("occurred_at", tzinfo=tz))
            .values("placement_id", "day")
            .annotate(
                scans=Count("id", filter=citizen),
                visitors=Count("visitor_hash", distinct=True, filter=citizen & ~Q(visitor_hash="")),
                repeats=Count("id", filter=citizen & Q(is_repeat=True)),
                bots=Count("id", filter=Q(is_bot=True)),
            )
        )
    )
    print(f"naive aggregate over raw events: {naive:.2f} s ({len(rows):,} placement-days)")

    rebuild, run = seconds(rebuild_rollups)
    print(
        f"rebuild_rollups(): {rebuild:.2f} s ({run.days} days, {run.pairs:,} rows); "
        f"ratio to the naive aggregate {rebuild / naive:.2f}"
    )
    rebuilt = snapshot()

    first_run, run = seconds(update_rollups)
    print(f"first update_rollups() (rebuilds, sets the watermark): {first_run:.2f} s")

    now = timezone.now()
    recent = now - dt.timedelta(hours=2)
    for attempt in (1, 2):
        copy_events(placements=placements, count=10_000, first=recent, days=1, seed=10 + attempt)
        when = now + dt.timedelta(minutes=attempt)
        took, run = seconds(lambda when=when: update_rollups(now=when))
        print(
            f"update_rollups() after 10,000 new events (run {attempt}): {took:.2f} s "
            f"({run.days} days, {run.pairs:,} placement-days recomputed)"
        )

    incremental = snapshot()
    rebuild_rollups(since=(recent - dt.timedelta(days=1)).date())
    print("incremental == rebuild:", incremental == snapshot())
    print("(the first rebuild had", len(rebuilt["daily"]), "daily rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
