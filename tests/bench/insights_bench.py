"""The insights dashboard on PostgreSQL over synthetic rollups: one ward, one province, the whole country.

    .venv/bin/python tests/bench/insights_bench.py \
        [--database-url postgres://postgres@127.0.0.1:5432/postgres] [--wards 3000] [--days 60] [--reuse]

Creates a scratch database (loa_insights_bench, dropped first and left behind), migrates it, loads the
official units, makes one placement per ward for three channels, bulk-inserts DailyPlacementRollup rows
(wards × 3 channels × days) and official figures (residents and VNeID level 2 for four months), ANALYZEs,
then times `build_dashboard` for each scope cold (empty cache: the channel-impact estimate is computed)
and warm (the estimate from the cache), against a baseline measured in the same run: a plain COUNT of the
rollup rows in the scope. A benchmark, not a test.
"""

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT))

from urllib.parse import urlsplit, urlunsplit  # noqa: E402

from tests.bench.rollups_bench import setup_django  # noqa: E402

# The scratch database's name; --scratch picks another, so that two people can run the benchmark at once.
SCRATCH = "loa_insights_bench"
CHANNELS = 3


def recreate_database(server_url: str) -> str:
    import psycopg

    parts = urlsplit(server_url)
    with psycopg.connect(urlunsplit(parts._replace(scheme="postgresql")), autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {SCRATCH}")
        connection.execute(f"CREATE DATABASE {SCRATCH}")
    return urlunsplit(parts._replace(path=f"/{SCRATCH}"))


def set_scratch(name: str) -> None:
    global SCRATCH
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"--scratch: letters, digits and _ only (got {name!r})")
    SCRATCH = name


def timed(function, repeat: int = 3) -> float:
    """Best of `repeat` runs, in milliseconds."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, (time.perf_counter() - started) * 1000)
    return best


def load(*, wards: int, days: int, today: dt.date) -> None:
    from campaigns.models import Metric
    from insights.models import AdoptionFigure, DailyPlacementRollup
    from places.models import AdministrativeUnit, UnitLevel
    from tests.factories.campaigns import CampaignPageFactory
    from tests.factories.tracking import ChannelFactory, loudspeaker_channel, poster_channel
    from tracking.services import create_placement

    rng = random.Random(6)
    campaign = CampaignPageFactory()
    channels = [poster_channel(), loudspeaker_channel(), ChannelFactory(slug="zalo")]
    units = list(AdministrativeUnit.objects.filter(level=UnitLevel.WARD).order_by("code")[:wards])
    placements = [create_placement(campaign=campaign, unit=u, channel=c) for u in units for c in channels]
    rows = []
    for placement in placements:
        for offset in range(days):
            scans = rng.randint(0, 12)
            rows.append(
                DailyPlacementRollup(
                    placement=placement,
                    day=today - dt.timedelta(days=offset),
                    scans=scans,
                    device_days=max(0, scans - 1),
                    conversions=scans // 6,
                )
            )
    DailyPlacementRollup.objects.bulk_create(rows, batch_size=5000)
    residents = Metric.objects.get_or_create(slug="dan-so", defaults={"name": "Dân số"})[0]
    vneid = Metric.objects.get_or_create(slug="vneid-muc-2", defaults={"name": "VNeID mức 2"})[0]
    month = today.replace(day=1)
    months = []
    for _ in range(4):
        month = (month - dt.timedelta(days=1)).replace(day=1)
        months.append(month)
    figures = []
    for unit in units:
        people = rng.randint(5000, 40000)
        level = people * 0.5
        for month in sorted(months):
            level += people * rng.uniform(0.005, 0.02)
            figures.append(AdoptionFigure(unit=unit, month=month, metric=residents, value=people))
            figures.append(AdoptionFigure(unit=unit, month=month, metric=vneid, value=round(level)))
    AdoptionFigure.objects.bulk_create(figures, batch_size=5000)
    print(f"loaded {len(placements)} placements, {len(rows)} rollup rows, {len(figures)} figures", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--wards", type=int, default=3000)
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--reuse", action="store_true", help="time the database a previous run left behind")
    parser.add_argument("--scratch", default=SCRATCH, help="the scratch database's name (dropped and recreated)")
    args = parser.parse_args()
    set_scratch(args.scratch)
    if args.reuse:
        parts = urlsplit(args.database_url)
        setup_django(urlunsplit(parts._replace(path=f"/{SCRATCH}")))
    else:
        setup_django(recreate_database(args.database_url))

    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings
    from django.utils import timezone

    from insights.dashboard_tables import build_dashboard
    from insights.models import DailyPlacementRollup
    from insights.selectors import InsightFilter
    from insights.summary import dashboard_summary
    from places.models import AdministrativeUnit
    from places.services import load_official_units

    today = timezone.localdate()
    if not args.reuse:
        call_command("migrate", verbosity=0)
        load_official_units()
        started = time.perf_counter()
        load(wards=args.wards, days=args.days, today=today)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"load + ANALYZE: {time.perf_counter() - started:.1f} s", flush=True)
    else:
        # The rollups were written for the days up to the first run's date.
        today = DailyPlacementRollup.objects.order_by("-day").values_list("day", flat=True).first()

    ward = AdministrativeUnit.objects.get(code="24133")
    province = AdministrativeUnit.objects.get(code="66")
    start = today - dt.timedelta(days=args.days - 1)
    scopes = [("one ward (24133)", (ward,)), ("one province (66)", (province,)), ("whole country", None)]
    print(
        f"{'scope':<20} {'baseline ms':>12} {'cold ms':>10} {'warm ms':>10} {'cold/base':>10} {'warm/base':>10} "
        f"{'+summary ms':>12}"
    )
    with override_settings(LOA_IMPACT_CACHE_SECONDS=3600):
        for label, units in scopes:
            f = InsightFilter(start=start, end=today, units=units)
            baseline = timed(
                lambda f=f: (
                    DailyPlacementRollup.objects.filter(day__gte=f.start, day__lte=f.end)
                    .filter(f.placement_q("placement__"))
                    .count()
                )
            )

            def cold(f=f):
                cache.clear()
                build_dashboard(f=f)

            cold_ms = timed(cold, repeat=2)
            build_dashboard(f=f)
            warm_ms = timed(lambda f=f: build_dashboard(f=f))
            # What the page adds on top: the summary of the last whole month in the period (insights.summary).
            dashboard = build_dashboard(f=f)
            summary_ms = timed(lambda f=f, dashboard=dashboard: dashboard_summary(f=f, dashboard=dashboard))
            print(
                f"{label:<20} {baseline:>12.1f} {cold_ms:>10.1f} {warm_ms:>10.1f} "
                f"{cold_ms / baseline:>10.1f} {warm_ms / baseline:>10.1f} {summary_ms:>12.1f}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
