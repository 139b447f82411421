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
from PIL import Image
from pypdf import PdfReader

from media_kit.models import PrintFormat
from media_kit.outputs import OUTPUTS
from media_kit.packs import build_pack
from media_kit.preflight import check_rendering, check_structure
from media_kit.rendering.context import material_for
from media_kit.rendering.qr import qr_modules
from media_kit.rendering.sheet import sticker_layout
from tracking.models import Placement

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftoppm") or not shutil.which("zbarimg"), reason="poppler-utils, zbar"),
]

SLUG = "to-nhan-dan-a4"
SPOTS = OUTPUTS["sheet"].spots


def zbar(path: Path) -> list[str]:
    found = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", path],
        capture_output=True,
        text=True,
        check=False,
    )
    return found.stdout.split()


def stickers_decoded(pdf: bytes, material, *, dpi: int) -> list[list[str]]:
    """Each sticker cut out along its lines, as pdftoppm rasterises the sheet, read by zbar on its own
    (as it is scanned once stuck on a desk): what zbar reads in each cell, row by row."""
    grid = sticker_layout(material)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    left = (float(page.trimbox.left) - float(page.mediabox.left)) / 72 * dpi
    top = (float(page.mediabox.top) - float(page.trimbox.top)) / 72 * dpi
    px = dpi / 25.4
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "sheet.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", source, Path(folder) / "sheet"], check=True)
        if keep := os.environ.get("LOA_KEEP_RENDERS"):  # to look at the sheet by hand
            shutil.copy(Path(folder) / "sheet.png", Path(keep) / "sticker-sheet.png")
        sheet = Image.open(Path(folder) / "sheet.png")
        cells = []
        for row in range(len(material.sticker_codes)):
            for column in range(grid["columns"]):
                x = left + (grid["safe"] + column * grid["cell_w"]) * px
                y = top + (grid["grid_top"] + row * grid["cell_h"]) * px
                crop = Path(folder) / f"cell-{row}-{column}.png"
                sheet.crop((round(x), round(y), round(x + grid["cell_w"] * px), round(y + grid["cell_h"] * px))).save(
                    crop
                )
                cells.append(zbar(crop))
    return cells


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
    # Every sticker, cut out, decodes at 100 dpi: three copies of each spot's code, in its row.
    placements = tuple(Placement.objects.get(short_code=row["url"].rsplit("/", 1)[1]) for row in rows)
    material = material_for(
        print_format=PrintFormat.objects.get(slug=SLUG),
        template=print_template,
        placement=placements[0],
        stickers=placements,
    )
    decoded = stickers_decoded(pdf, material, dpi=100)
    assert decoded == [[row["url"]] for row in rows for _copy in range(3)]
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
