"""The A4 sticker sheet, read as a print shop would: poppler rasterises it, zbar decodes every code on it,
each spot's code leads to its own placement, and preflight passes."""

import csv
import io
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from media_kit.models import PrintFormat
from media_kit.outputs import OUTPUTS
from media_kit.packs import build_pack
from media_kit.preflight import check_rendering, check_structure
from media_kit.rendering.context import material_for
from media_kit.rendering.qr import qr_modules
from tracking.models import Placement

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftoppm") or not shutil.which("zbarimg"), reason="poppler-utils, zbar"),
]

SLUG = "to-nhan-dan-a4"
SPOTS = OUTPUTS["sheet"].spots


def decoded_with_zbar(pdf: bytes, *, dpi: int) -> list[str]:
    """Every code zbar reads on the page as pdftoppm rasterises it (one line per code found)."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "sheet.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", source, Path(folder) / "sheet"], check=True)
        if keep := os.environ.get("LOA_KEEP_RENDERS"):  # to look at the sheet by hand
            shutil.copy(Path(folder) / "sheet.png", Path(keep) / "sticker-sheet.png")
        found = subprocess.run(
            ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", Path(folder) / "sheet.png"],
            capture_output=True,
            text=True,
            check=False,
        )
    return found.stdout.split()


def test_every_code_on_the_sticker_sheet_decodes_and_each_spot_has_its_own_placement(print_template, ward, settings):
    settings.LOA_PUBLIC_BASE_URL = "https://loa.daklak.gov.vn"
    result = build_pack(campaign=print_template.campaign, formats=[PrintFormat.objects.get(slug=SLUG)], units=[ward])
    assert not result.failures, result.failures
    assert result.preflight[SLUG]["ok"], result.preflight[SLUG]
    archive = zipfile.ZipFile(io.BytesIO(result.content))
    rows = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))
    # One file, one row per spot, each spot a placement with its own code.
    assert [row["spot"] for row in rows] == list(SPOTS)
    assert len({row["file_name"] for row in rows}) == 1 and len({row["url"] for row in rows}) == len(SPOTS)
    assert Placement.objects.filter(campaign=print_template.campaign, unit=ward, spot__in=SPOTS).count() == len(SPOTS)
    pdf = archive.read(rows[0]["file_name"])
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert round(float(page.trimbox.width) / 72 * 25.4) == 210 and round(float(page.trimbox.height) / 72 * 25.4) == 297
    # Every sticker decodes: three copies of each spot's code, and nothing else.
    decoded = decoded_with_zbar(pdf, dpi=100)
    assert sorted(decoded) == sorted(row["url"] for row in rows for _copy in range(3))
    text = " ".join(page.extract_text().split())
    assert ward.name in text and "Bãi gửi xe máy".upper() in text.upper()


def test_a_sheet_missing_a_code_fails_the_rendering_check(placement_for, settings):
    settings.LOA_PUBLIC_BASE_URL = "https://loa.daklak.gov.vn"
    print_format = PrintFormat.objects.get(slug=SLUG)
    item = placement_for(print_format)
    material = material_for(print_format=print_format, template=item.campaign.print_template, placement=item)
    pdf = print_format.output.render_pdf(material)  # a preview: every sticker carries the ward's one code
    structure = check_structure(
        pdf,
        print_format=print_format,
        qr_modules=qr_modules(material.url),
        address=material.short_address,
        ward_name=material.unit_name,
    )
    assert structure.ok, structure.problems
    assert check_rendering(pdf, print_format=print_format, urls=material.urls).ok
    assert not check_rendering(pdf, print_format=print_format, urls=[*material.urls, material.url + "X"]).ok
