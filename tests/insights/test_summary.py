"""The one-page summary (insights.summary) on the demo: at the top of the dashboard and as page 1 of the monthly
report, the same numbers in both and in the exports; each generated sentence quotes its table's number; the
report keeps to the working group's length and nothing runs off its pages.

The demo is loaded once for the module (tests/conftest.py); the report of its province is rendered once.
"""

import csv
import io
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from core.dates import last_month, month_end
from insights.report_rendering import render_report_pdf, report_html
from insights.reports import build_monthly_report
from insights.selectors import InsightFilter, _rollups
from insights.suppression import protected_sums
from insights.tables import format_cell
from places.models import AdministrativeUnit

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/insights/"
PROVINCE = "66"
WARD = "24133"  # Phường Buôn Ma Thuột


# --- reading what a person sees ---------------------------------------------------------------------------


class _SummaryReader(HTMLParser):
    """The summary's cells by (table, row, column) from their data-table / data-row / data-value attributes, and
    its sentences."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: dict[tuple[str, str, str], str] = {}
        self.sentences: list[str] = []
        self._depth = 0  # inside <section data-summary>
        self._table = self._row = None
        self._cell: tuple | None = None
        self._text: list[str] | None = None
        self._sentence: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "section" and "data-summary" in attributes:
            self._depth = 1
            return
        if not self._depth:
            return
        if tag == "section":
            self._depth += 1
        if tag == "table" and attributes.get("data-table"):
            self._table = attributes["data-table"]
        elif tag == "tr" and attributes.get("data-row") is not None:
            self._row = attributes["data-row"]
        elif tag == "td" and attributes.get("data-value") and self._table and self._row is not None:
            self._cell = (self._table, self._row, attributes["data-value"])
            self._text = []
        elif tag == "li" and "data-sentence" in attributes:
            self._sentence = []

    def handle_endtag(self, tag):
        if not self._depth:
            return
        if tag == "section":
            self._depth -= 1
        elif tag == "td" and self._cell:
            self.cells[self._cell] = " ".join("".join(self._text).split())
            self._cell = None
        elif tag == "table":
            self._table = None
        elif tag == "li" and self._sentence is not None:
            self.sentences.append(" ".join("".join(self._sentence).split()))
            self._sentence = None

    def handle_data(self, data):
        if self._cell is not None:
            self._text.append(data)
        if self._sentence is not None:
            self._sentence.append(data)


def summary_cells(html: str) -> _SummaryReader:
    reader = _SummaryReader()
    reader.feed(html)
    assert reader.cells, "no summary on this page"
    return reader


def cell_of(cite, *, cells: dict, tables: dict) -> str:
    """The text the table shows where the sentence says its number comes from."""
    if (cite.table, str(cite.row_value), cite.column) in cells:
        return cells[(cite.table, str(cite.row_value), cite.column)]
    table = tables[cite.table]
    column = next(column for column in table.columns if column.key == cite.column)
    if cite.row_key == "":  # the column's total
        return format_cell(sum(row[cite.column] or 0 for row in table.rows), column.kind)
    keys = cite.row_key if isinstance(cite.row_key, tuple) else (cite.row_key,)
    wanted = cite.row_value if isinstance(cite.row_value, tuple) else (cite.row_value,)
    (row,) = [row for row in table.rows if tuple(row[key] for key in keys) == wanted]
    return format_cell(row[cite.column], column.kind)


def pdf_text(content: bytes) -> str:
    return " ".join("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())


# --- fixtures -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def month():
    return last_month()


@pytest.fixture(scope="module")
def province_report(demo_for_module, django_db_blocker, month):
    """The province's report for the demo's last month, built and rendered once: (data, html, pdf)."""
    with django_db_blocker.unblock():
        data = build_monthly_report(unit=AdministrativeUnit.objects.get(code=PROVINCE), month=month)
        return data, report_html(data), render_report_pdf(data)


@pytest.fixture
def culture_office(client, demo_for_module):
    client.force_login(get_user_model().objects.get(username="vanhoa.daklak"))
    return client


def month_params(month, unit: str | None = None) -> dict:
    params = {"start": month.isoformat(), "end": month_end(month).isoformat()}
    return {**params, "unit": unit} if unit else params


# --- the summary on the dashboard ---------------------------------------------------------------------------


def test_the_summary_heads_the_dashboard_for_a_ward_a_province_and_the_country(client, demo_for_module, month):
    client.force_login(get_user_model().objects.create_superuser(username="quantri.tomtat", password="x"))
    for unit, label in ((WARD, "Phường Buôn Ma Thuột"), (PROVINCE, "Tỉnh Đắk Lắk"), (None, "Toàn quốc")):
        response = client.get(DASHBOARD, month_params(month, unit))
        assert response.status_code == 200
        html = response.content.decode()
        assert html.index('id="tom-tat"') < html.index('data-table="theo-kenh"')  # at the top
        assert f"Tóm tắt tháng {month:%m/%Y} – {label}" in html
        cells = summary_cells(html).cells
        assert cells[("so-sanh", "scans", "this")] == html.split('data-total="scans">')[1].split("<")[0]
        assert ("muc-tieu", "vneid-muc-2", "achieved_percent") in cells


def test_a_province_summary_sums_its_wards_against_each_target(province_report):
    data, _html, _pdf = province_report
    targets = data.dashboard.targets.rows
    for progress in data.overview.targets:
        rows = [
            row for row in targets if row["metric_slug"] == progress.metric_slug and row["achieved_percent"] is not None
        ]
        if not rows:
            assert progress.achieved_percent is None
            continue
        value = sum(float(row["value"]) for row in rows)
        residents = sum(float(row["residents"]) for row in rows)
        assert progress.achieved_percent == pytest.approx(value * 100 / residents)
        assert progress.wards_reached == sum(row["reached"] for row in rows)
        assert progress.wards_reached + progress.wards_below == len(rows)


def test_the_summary_compares_the_month_with_the_one_before(province_report, month):
    data, _html, _pdf = province_report
    from core.dates import previous_month

    before = build_monthly_report(unit=data.unit, month=previous_month(month))
    comparisons = {row.key: row for row in data.overview.comparisons}
    assert comparisons["scans"].this == data.dashboard.totals.scans
    assert comparisons["scans"].last == before.dashboard.totals.scans
    assert comparisons["conversions"].last == before.dashboard.totals.conversions
    level2 = comparisons["target:vneid-muc-2"]
    previous = next(t for t in before.overview.targets if t.metric_slug == "vneid-muc-2")
    assert level2.last == pytest.approx(previous.achieved_percent)


def test_the_wards_furthest_behind_are_those_with_the_largest_shortfall_per_1000(province_report):
    data, _html, _pdf = province_report
    behind = data.overview.wards_behind
    assert len(behind) == 5
    below = [
        row
        for row in data.dashboard.targets.rows
        if row["metric_slug"] == "vneid-muc-2" and row["achieved_percent"] is not None and not row["reached"]
    ]
    largest = sorted(below, key=lambda row: row["achieved_percent"])[:5]
    assert [ward.code for ward in behind] == [row["code"] for row in largest]
    for ward in behind:
        assert ward.shortfall_per_1000 == pytest.approx((ward.target_percent - ward.achieved_percent) * 10)


def test_the_verdicts_say_associated_never_caused(province_report):
    data, html, _pdf = province_report
    lines = [str(line.text) for line in data.overview.verdicts]
    assert any(line.startswith("Pa-nô: gắn với mức tăng cao hơn") for line in lines), lines
    assert any("Áp-phích + Loa truyền thanh cơ sở (luôn triển khai cùng nhau" in line for line in lines), lines
    summary = html.split("data-summary>")[1].split("</section>")[0]
    assert "tác động" not in summary.lower() and "làm tăng (triển khai" not in summary
    assert "bằng chứng: quan sát, “gắn với”" in summary


# --- one number, one value: dashboard, export, report ---------------------------------------------------------


def test_every_figure_of_the_summary_is_the_same_on_the_dashboard_in_the_export_and_on_page_1(
    culture_office, province_report, month
):
    data, html, pdf = province_report
    on_report = summary_cells(html).cells
    dashboard_html = culture_office.get(DASHBOARD, month_params(month, PROVINCE)).content.decode()
    on_dashboard = summary_cells(dashboard_html).cells
    assert on_dashboard == on_report
    assert len(on_report) > 40

    # The channel export of the same month: each channel's scans, conversions and cost per conversion.
    export = culture_office.get(reverse("insights_export", args=["theo-kenh", "csv"]), month_params(month, PROVINCE))
    exported = {row["Kênh"]: row for row in csv.DictReader(io.StringIO(export.content.decode("utf-8-sig")))}
    for row in data.overview.channel_lines:
        line = exported[row["channel"]]
        assert on_report[("kenh-tom-tat", row["channel"], "scans")] == format_cell(int(line["Lượt quét"]), "count")
        assert on_report[("kenh-tom-tat", row["channel"], "conversions")] == format_cell(
            int(line["Chuyển đổi qua mã"]), "count"
        )
        # The cost and cost per conversion: one cost model (insights.costs) in the summary and in the export.
        assert row["cost"] == int(line["Chi phí (đồng)"])
        assert on_report[("kenh-tom-tat", row["channel"], "cost")] == format_cell(int(line["Chi phí (đồng)"]), "money")
        per_conversion = line["Chi phí mỗi chuyển đổi qua mã (đồng)"]
        if row["cost_per_conversion"] is None:
            assert per_conversion == ""
        else:
            assert float(per_conversion) == pytest.approx(row["cost_per_conversion"], abs=0.01)
            assert on_report[("kenh-tom-tat", row["channel"], "cost_per_conversion")] == format_cell(
                float(per_conversion), "money"
            )
    total_scans = sum(int(line["Lượt quét"]) for line in exported.values())
    assert on_report[("kenh-tom-tat", "tong", "scans")] == format_cell(total_scans, "count")
    total_cost = sum(int(line["Chi phí (đồng)"]) for line in exported.values())
    assert on_report[("kenh-tom-tat", "tong", "cost")] == format_cell(total_cost, "money")

    # The report's channel section (section II) holds the same figures as the dashboard's channel table.
    channels = {row["channel"]: row for row in data.dashboard.channels.rows}
    assert data.activity.rows
    for row in data.activity.rows:
        for key in ("cost", "scans", "conversions", "conversion_rate", "cost_per_conversion"):
            assert row[key] == channels[row["channel"]][key], (row["channel"], key)
    assert sum(row["cost"] for row in data.deployment.rows) == data.dashboard.totals.cost == total_cost

    # Page 1 of the PDF prints them (before the first section).
    page_one = pdf_text(pdf).split("I. Kết quả so với chỉ tiêu")[0]
    for value in on_report.values():
        assert value in page_one, value


def test_the_shared_copy_protects_the_same_numbers_and_only_them(province_report, month):
    exact, _html, _pdf = province_report
    shared = build_monthly_report(unit=exact.unit, month=month, shared=True)
    assert exact.copy_label == "Nội bộ" and shared.copy_label == "Bản chia sẻ"
    f = InsightFilter(start=month, end=month_end(month), units=(exact.unit,))
    # Each protected count is the sum of the same rollups' rounded base cells (insights.suppression) ...
    protected = protected_sums(_rollups(f), by="placement__channel", fields=("scans", "conversions"))
    assert shared.overview.totals.scans == sum(row["scans"] for row in protected)
    assert shared.overview.totals.conversions == sum(row["conversions"] for row in protected)
    # ... a multiple of 5 within 5 of the exact count for every base cell it sums.
    cells = _rollups(f).values("placement_id").distinct().count() * 6  # at most six pieces of a month each
    for key in ("scans", "conversions"):
        exact_value = getattr(exact.overview.totals, key)
        shared_value = getattr(shared.overview.totals, key)
        assert shared_value % 5 == 0 and abs(shared_value - exact_value) < 5 * cells
    for exact_row, shared_row in zip(
        sorted(exact.overview.channels.rows, key=lambda r: r["channel"]),
        sorted(shared.overview.channels.rows, key=lambda r: r["channel"]),
        strict=True,
    ):
        assert shared_row["channel"] == exact_row["channel"] and shared_row["scans"] % 5 == 0
    # Official figures and targets are not counts of events: the same in both copies.
    assert [t.achieved_percent for t in shared.overview.targets] == [t.achieved_percent for t in exact.overview.targets]
    # The internal copy is exact: its totals are the rollups' sums.
    exact_scans = sum(row.scans for row in _rollups(f))
    assert exact.overview.totals.scans == exact_scans


# --- sentences quote their tables -------------------------------------------------------------------------


def test_every_generated_sentence_quotes_its_tables_number(province_report):
    data, html, _pdf = province_report
    cells = summary_cells(html).cells
    tables = dict(data.dashboard.by_slug)
    sentences = [*data.overview.headlines, *(line.text for line in data.overview.verdicts), *data.recommendations]
    cited = 0
    for sentence in sentences:
        for cite in sentence.cites:
            assert cite.said in sentence, (cite, sentence)
            assert cell_of(cite, cells=cells, tables=tables) == cite.text, (cite, sentence)
            cited += 1
    assert cited >= 10
    # And every number-looking token of a headline is one it cites (no uncited figure).
    for sentence in data.overview.headlines:
        quoted = {cite.text for cite in sentence.cites}
        for token in re.findall(r"[+−]?\d[\d.]*(?:,\d+)?(?: %| đ)?", sentence):
            if re.fullmatch(r"\d{2}/\d{4}|\d{2}", token) or token in sentence.split(":")[0]:
                continue  # a month, or part of a metric's name
            assert any(token in text for text in quoted), (token, sentence)


def test_the_report_never_says_no_placements_under_a_count_of_placements(province_report):
    data, _html, pdf = province_report
    text = pdf_text(pdf)
    placements = sum(row["placements"] for row in data.activity.rows)
    assert placements > 0
    assert "Chưa có điểm đặt mã nào" not in text


# --- the report's length and fit ------------------------------------------------------------------------------


def page_texts(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_province_report_is_short_and_keeps_its_annexes_at_the_end(province_report, tmp_path, month):
    data, _html, pdf = province_report
    pages = page_texts(pdf)
    annex = next(index for index, text in enumerate(pages) if "Phụ lục 1. Số liệu từng xã/phường" in text)
    assert len(pages) <= 12 and annex <= 8, (len(pages), annex)
    assert "Tóm tắt tháng" in pages[0] and "I. Kết quả so với chỉ tiêu" not in pages[0]  # page 1 is the summary
    # One row per ward in the annex, every ward of the targets there.
    wards = {row["code"] for row in data.dashboard.targets.rows}
    annex_text = " ".join(pages[annex:])
    assert len(data.annex.rows) >= len(wards) and all(code in annex_text for code in wards)
    # The command writes the same report.
    out = tmp_path / "bao-cao.pdf"
    call_command("monthly_report", unit=PROVINCE, month=f"{month:%Y-%m}", out=str(out), stdout=io.StringIO())
    assert len(PdfReader(out).pages) == len(pages)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils")
def test_no_table_runs_off_its_page(province_report):
    _data, _html, pdf = province_report
    boxes = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    pages = boxes.decode().split("<page ")[1:]
    assert pages
    for number, page in enumerate(pages, start=1):
        width, height = (float(value) for value in re.search(r'width="([\d.]+)" height="([\d.]+)"', page).groups())
        words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', page)
        assert words
        # The report's side margins (monthly_report.html): 16 mm on portrait pages, 12 mm on the landscape annex.
        margin = (16 if width < height else 12) * 72 / 25.4 - 2  # less 2 pt for rounding
        for x0, y0, x1, y1, word in words:
            assert margin <= float(x0) and float(x1) <= width - margin, (number, word, x0, x1, width)
            assert float(y0) >= 0 and float(y1) <= height, (number, word, y0, y1, height)


# --- months with nothing to say -------------------------------------------------------------------------------


def assert_no_contradiction(data, text: str) -> None:
    """What the report says in words agrees with its figures."""
    placements = sum(row["placements"] for row in data.activity.rows)
    scans = data.dashboard.totals.scans
    assert ("Chưa có điểm đặt mã nào" in text) == (placements == 0 and not data.dashboard.channels.rows), text[:400]
    if scans:
        # (a channel may still have none: "Kiểm tra các điểm đặt của kênh …: chưa có lượt quét nào")
        assert "Chưa có lượt quét nào trong tháng:" not in text and "nhưng chưa có lượt quét nào" not in text
    else:
        assert "Nhiều lượt quét nhất" not in text and "Tăng cường kênh" not in text
    if data.overview.has_figures:
        assert "Chưa có số liệu chính thức" not in text
    for sentence in [*data.overview.headlines, *data.recommendations]:
        for cite in sentence.cites:
            assert cite.said in sentence


def short_report(unit_code: str, month) -> tuple:
    data = build_monthly_report(unit=AdministrativeUnit.objects.get(code=unit_code), month=month)
    pdf = render_report_pdf(data)
    return data, pdf_text(pdf), len(PdfReader(io.BytesIO(pdf)).pages)


def test_a_unit_without_placements_gets_a_short_report_that_says_so(client, demo_for_module, month):
    data, text, pages = short_report("01", month)  # Hà Nội: nothing placed in the demo
    assert pages <= 3, pages
    assert "Chưa có điểm đặt mã nào trong phạm vi này" in text
    assert "Chưa có chỉ tiêu cho các chiến dịch trong phạm vi này" in text
    assert_no_contradiction(data, text)
    client.force_login(get_user_model().objects.create_superuser(username="quantri.trong", password="x"))
    assert client.get(DASHBOARD, month_params(month, "01")).status_code == 200


def test_a_ward_with_placements_but_no_scans_says_that_and_nothing_else(demo_for_module, month):
    from insights.models import DailyPlacementRollup
    from tracking.models import Placement

    scanned = DailyPlacementRollup.objects.filter(day__gte=month, day__lte=month_end(month), scans__gt=0).values_list(
        "placement__unit__path", flat=True
    )
    scanned_wards = {path.split("/")[1] for path in scanned if path.count("/") >= 2}
    quiet = (
        Placement.objects.filter(unit__path__startswith=f"{PROVINCE}/", unit__level="ward")
        .exclude(unit__code__in=scanned_wards)
        .values_list("unit__code", flat=True)
        .first()
    )
    data, text, pages = short_report(quiet, month)
    assert data.dashboard.totals.scans == 0 and data.activity.rows
    assert f"nhưng chưa có lượt quét nào trong tháng {month:%m/%Y}" in text
    assert "Chưa có lượt quét nào trong tháng: kiểm tra mã QR" in text
    assert pages <= 6
    assert_no_contradiction(data, text)


def test_a_month_without_official_figures_says_so(demo_for_module, month):
    from insights.models import AdoptionFigure

    AdoptionFigure.objects.filter(unit__path__startswith=f"{PROVINCE}/").delete()
    data, text, _pages = short_report(PROVINCE, month)
    assert data.dashboard.totals.scans > 0 and not data.overview.has_figures
    assert "Chưa có số liệu chính thức của tháng để so với chỉ tiêu" in text
    assert "Nhập số liệu chính thức của tháng" in text
    assert_no_contradiction(data, text)
