# ruff: noqa: E501, S108
"""Refusing a small XLSX that unpacks to ~200 MB: time and peak memory, against reading it as main did.

Run: DJANGO_SETTINGS_MODULE=website.settings.test .venv/bin/python tests/bench/xlsx_bomb.py
Each measurement runs in a child process so that its peak resident memory (ru_maxrss) is its own.
The baseline is what main did with such a file: openpyxl's read-only mode, rows streamed up to the row cap.
"""

import io
import os
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Số liệu" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>"
    ),
}


def bomb(path: Path, *, megabytes: int = 195, empty_cells: bool = False) -> None:
    """A valid workbook whose one sheet is a header and rows of one 1,000-character cell (or of 1,000 empty
    cells), ~`megabytes` unpacked."""
    head = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>xã/phường</t></is></c><c r="B1" t="inlineStr"><is><t>tháng</t>'
        '</is></c><c r="C1" t="inlineStr"><is><t>chỉ tiêu</t></is></c><c r="D1" t="inlineStr"><is><t>giá trị</t></is></c></row>'
    ).encode()
    row = b'<row><c t="inlineStr"><is><t>' + b"x" * 1000 + b"</t></is></c></row>"
    if empty_cells:
        row = b"<row>" + b"<c/>" * 250 + b"</row>"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            member.write(head)
            block = row * 1024
            for _ in range(megabytes):
                member.write(block)
            member.write(b"</sheetData></worksheet>")


def child(mode: str, path: str) -> None:
    import django

    django.setup()
    data = Path(path).read_bytes()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    if mode == "pipeline":
        from core.tabular import read_table
        from insights.figures_import import SPEC

        outcome = read_table(file=data, spec=SPEC).errors[0].message
    else:  # main's way: openpyxl read-only, streamed up to the row cap
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = 0
        for rows, _row in enumerate(workbook.worksheets[0].iter_rows(values_only=True, max_col=30), start=1):
            if rows > 100_001:
                break
        outcome = f"{rows} rows read"
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before
    print(f"{seconds:.3f} {peak:.0f} {outcome}")


def measure(mode: str, path: Path) -> tuple[float, float, str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "website.settings.test")}
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    seconds, peak, outcome = out.stdout.strip().splitlines()[-1].split(" ", 2)
    return float(seconds), float(peak), outcome


def main() -> None:
    cases = [
        ("past the expansion budget (the probe's file)", {"megabytes": 195}),
        ("under the expansion budget, past the cell budget", {"megabytes": 38, "empty_cells": True}),
    ]
    for label, options in cases:
        path = Path("/tmp/loa-bench-bomb.xlsx")
        bomb(path, **options)
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
        print(f"{label}: {path.stat().st_size / 1024:.0f} KB, unpacks to {unpacked / 2**20:.0f} MB")
        pipeline = measure("pipeline", path)
        baseline = measure("baseline", path)
        print(f"  pipeline (refuses): {pipeline[0]:.3f} s, peak RSS +{pipeline[1]:.0f} MB — {pipeline[2]}")
        print(f"  baseline (main's reading): {baseline[0]:.3f} s, peak RSS +{baseline[1]:.0f} MB — {baseline[2]}")
        print(f"  time ratio {baseline[0] / max(pipeline[0], 1e-6):.0f}x")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    else:
        main()
