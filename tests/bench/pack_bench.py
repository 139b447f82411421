"""A pack of 100 wards × A3 poster: wall time and peak memory, against a bare WeasyPrint render.

    .venv/bin/python tests/bench/pack_bench.py [--wards 100]

Builds a throwaway SQLite database with the official units and the demo data, then
(1) times build_pack for N wards of Đắk Lắk × áp-phích A3 (placements, PDFs, ZIP,
manifest, cover sheet) and (2) in the same run times WeasyPrint rendering the same
HTML N times with nothing else. Prints seconds, peak RSS, per-file times and the ratio.
A benchmark, not a test.
"""

import argparse
import os
import resource
import sys
import tempfile
import time
import warnings
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wards", type=int, default=100)
    args = parser.parse_args()
    warnings.filterwarnings("ignore", "No directory at")

    with tempfile.TemporaryDirectory() as folder:
        os.environ["DJANGO_SETTINGS_MODULE"] = "website.settings.test"
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        import django

        django.setup()
        from django.core.management import call_command
        from weasyprint import HTML

        from campaigns.models import CampaignPage
        from media_kit.models import PrintFormat
        from media_kit.packs import build_pack
        from media_kit.rendering.context import material_for
        from media_kit.rendering.pdf import page_html
        from places.models import AdministrativeUnit, UnitLevel
        from tracking.services import create_placement

        call_command("migrate", verbosity=0)
        call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        campaign = CampaignPage.objects.get()
        poster = PrintFormat.objects.get(slug="ap-phich-a3")
        wards = list(AdministrativeUnit.objects.filter(path__startswith="66/", level=UnitLevel.WARD)[: args.wards])
        print(f"{len(wards)} wards of Đắk Lắk × {poster.name}")

        baseline_rss = peak_rss_mb()
        started = time.perf_counter()
        result = build_pack(campaign=campaign, formats=[poster], units=wards)
        pack_seconds = time.perf_counter() - started
        pack_rss = peak_rss_mb()

        # The bare render: the very same HTML of each ward, through WeasyPrint and nothing else.
        channel = poster.channels.get()
        pages = [
            page_html(
                material_for(
                    print_format=poster,
                    template=campaign.print_template,
                    placement=create_placement(campaign=campaign, unit=ward, channel=channel),
                )
            )
            for ward in wards
        ]
        started = time.perf_counter()
        for html in pages:
            HTML(string=html).write_pdf()
        bare_seconds = time.perf_counter() - started

        files = len(result.rows)
        print(
            f"pack: {pack_seconds:.1f} s for {files} files ({pack_seconds / files * 1000:.0f} ms per file), "
            f"{len(result.content) / 1e6:.1f} MB ZIP, {len(result.failures)} failures"
        )
        print(f"bare WeasyPrint: {bare_seconds:.1f} s ({bare_seconds / files * 1000:.0f} ms per file)")
        print(f"ratio per file (pack / bare): {pack_seconds / bare_seconds:.2f}")
        print(f"peak RSS: {pack_rss:.0f} MB (before the pack: {baseline_rss:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
