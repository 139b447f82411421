"""Top-3 quality of site search over the citizen query set, on SQLite and (with --database-url) PostgreSQL.

    .venv/bin/python tests/bench/search_quality.py [--database-url postgres://postgres@127.0.0.1:5432/postgres]

Builds the search test site (tests/search/content.py: the demo guides and services plus guides for the other
essential services) in a scratch test database per backend, runs every query of tests/search/queries.py (hand-written
and generated from the titles) and prints, per query set and in all, how many found a right page in the top 3, then
the misses. A benchmark, not a test: the suite asserts the 95 % goal (tests/search/test_search_quality.py).
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT))


def measure_here() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")
    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from django.db import transaction

        from tests.search.content import build_search_site
        from tests.search.quality import measure

        with transaction.atomic():
            guides = build_search_site()  # indexed when the transaction commits
        quality = measure(guides)
        print(f"\n{connection.vendor}: top 3 {quality.hits}/{quality.total} = {quality.rate:.1%}")
        for name, (hits, total) in quality.by_set.items():
            print(f"  {name:<40} {hits:>3}/{total:<3} {hits / total:.0%}")
        for miss in quality.misses:
            print("  miss", miss)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="also measure on this PostgreSQL server")
    parser.add_argument("--here", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.here:
        measure_here()
        return
    runs = [{k: v for k, v in os.environ.items() if k != "DATABASE_URL"}]
    if args.database_url:
        runs.append({**os.environ, "DATABASE_URL": args.database_url})
    for env in runs:
        subprocess.run([sys.executable, __file__, "--here"], env=env, check=True, cwd=PROJECT)


if __name__ == "__main__":
    main()
