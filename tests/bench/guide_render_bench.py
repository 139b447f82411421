"""Server time to render the demo guide, with the fragment cache off and on.

    .venv/bin/python tests/bench/guide_render_bench.py [--renders 300]

Builds a throwaway SQLite database with the demo data, then renders the first
demo guide through Django's test client N times with a dummy cache (every
render does all the work) and N times with a local-memory cache (the guide's
steps come from {% wagtailpagecache %}). Prints the median and p95 per render
and the ratio. A benchmark, not a test: nothing here asserts.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT))


def setup_django(database: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "website.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    import django

    django.setup()


def timings(client, url: str, renders: int) -> list[float]:
    client.get(url)  # warm up: templates compiled, site root paths cached
    samples = []
    for _ in range(renders):
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return samples


def describe(label: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    return f"{label:<22} median {statistics.median(samples):6.2f} ms   p95 {p95:6.2f} ms   ({len(samples)} renders)"


def main() -> int:
    warnings.filterwarnings("ignore", "No directory at")  # WhiteNoise; the bench serves no static files
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=300)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        setup_django(Path(folder) / "bench.sqlite3")
        from django.core.management import call_command
        from django.test import Client, override_settings

        from campaigns.models import GuidePage

        call_command("migrate", verbosity=0)
        call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        guide = GuidePage.objects.live().order_by("path").first()
        url = f"{guide.url}?xa=24133"
        print(f"guide: {guide.title} ({len(guide.steps)} steps), url {url}")

        client = Client()
        dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
        locmem = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "bench"}}
        # override_settings resets Django's cache handlers (django.test.signals).
        with override_settings(CACHES=dummy):
            off = timings(client, url, args.renders)
        with override_settings(CACHES=locmem):
            on = timings(client, url, args.renders)

        print(describe("cache off (dummy)", off))
        print(describe("cache on (locmem)", on))
        print(f"ratio on/off (median): {statistics.median(on) / statistics.median(off):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
