"""Flagging repeated scans after a drain (tracking.services.flag_repeats), as after a TV spot.

    .venv/bin/python tests/bench/repeats_bench.py [--database-url postgres://postgres@127.0.0.1:5432/loa_bench_landing]
        [--events 16000] [--visitors 20]

Needs a migrated database with placements: the one `landing_bench.py` leaves behind will do. Inserts `--events`
scans over 15 seconds on up to 1,000 placements from `--visitors` visitor hashes (few visitors: many repeats, as
a crowd behind one carrier address), times `flag_repeats` on them three times (the flags reset between runs) and
deletes them. A benchmark, not a test.
"""

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT))

from tests.bench.rollups_bench import setup_django  # noqa: E402

BENCH_DEVICE = "bench"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/loa_bench_landing")
    parser.add_argument("--events", type=int, default=16000)
    parser.add_argument("--visitors", type=int, default=20)
    args = parser.parse_args()
    setup_django(args.database_url)

    from django.utils import timezone

    from tracking.models import Placement, ScanEvent
    from tracking.services import flag_repeats

    rng = random.Random(5)
    mine = ScanEvent.objects.filter(device_class=BENCH_DEVICE)
    mine.delete()
    placements = list(Placement.objects.values_list("pk", flat=True)[:1000])
    if not placements:
        raise SystemExit("no placements in this database: run landing_bench.py first, or give --database-url")
    now = timezone.now()
    rows = [
        ScanEvent(
            occurred_at=now - dt.timedelta(seconds=rng.uniform(0, 15)),
            placement_id=rng.choice(placements),
            device_class=BENCH_DEVICE,
            visitor_hash=f"v{rng.randrange(args.visitors)}",
        )
        for _ in range(args.events)
    ]
    ScanEvent.objects.bulk_create(rows, batch_size=2000)
    ids = [row.event_id for row in rows]
    try:
        for _ in range(3):
            mine.update(is_repeat=False)
            started = time.perf_counter()
            repeats = flag_repeats(ids)
            print(f"flag_repeats: {len(ids)} scans, {repeats} repeats, {(time.perf_counter() - started) * 1000:.0f} ms")
    finally:
        mine.delete()
    return 0


if __name__ == "__main__":
    sys.exit(main())
