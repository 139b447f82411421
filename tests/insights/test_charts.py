import xml.etree.ElementTree as ET

import pytest

from core.numbers import svg_number, vn_money, vn_number, vn_percent
from insights.charts import Series, bar_chart, column_chart, nice_ceiling

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(str(svg))  # noqa: S314 - our own output


def test_a_bar_chart_is_accessible_svg_with_one_bar_per_item():
    svg = bar_chart(
        chart_id="kenh",
        title="Lượt quét theo kênh",
        description="Áp-phích dẫn đầu.",
        items=[("Áp-phích", 1234), ("Loa truyền thanh cơ sở", 617)],
    )
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "kenh-title kenh-desc"
    assert root.find(f"{SVG}title").text == "Lượt quét theo kênh"
    assert root.find(f"{SVG}desc").text == "Áp-phích dẫn đầu."
    bars = root.findall(f"{SVG}rect")
    assert len(bars) == 2
    # The largest value fills the plot; the other is half as long.
    assert float(bars[1].get("width")) == pytest.approx(float(bars[0].get("width")) / 2, abs=0.2)
    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert "1.234" in texts and "617" in texts and "Áp-phích" in texts


def test_labels_are_escaped_and_coordinates_use_a_dot_whatever_the_language(settings):
    settings.LANGUAGE_CODE = "vi"
    svg = bar_chart(chart_id="x", title="<b>", description="a & b", items=[("A<script>", 1.5), ("B", 3)])
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    root = parse(svg)  # well-formed XML
    for bar in root.findall(f"{SVG}rect"):
        assert "," not in bar.get("width") and "," not in bar.get("y")


def test_a_suppressed_value_draws_no_bar_and_says_less_than_five():
    root = parse(bar_chart(chart_id="x", title="t", description="d", items=[("A", 40), ("B", 0, "< 5")]))
    bars = root.findall(f"{SVG}rect")
    assert float(bars[1].get("width")) == 0
    assert "< 5" in [text.text for text in root.iter(f"{SVG}text")]


def test_a_column_chart_draws_every_period_and_series_on_a_round_axis():
    svg = column_chart(
        chart_id="tuan",
        title="Theo tuần",
        description="Ba tuần.",
        labels=["05/10", "12/10", "19/10"],
        series=[Series("Lượt quét", [120, 30, 80]), Series("Chuyển đổi", [12, 6, 8])],
    )
    root = parse(svg)
    columns = [rect for rect in root.findall(f"{SVG}rect") if rect.find(f"{SVG}title") is not None]
    assert len(columns) == 6
    titles = [rect.find(f"{SVG}title").text for rect in columns]
    assert "12/10 · Lượt quét: 30" in titles and "19/10 · Chuyển đổi: 8" in titles
    axis = [text.text for text in root.iter(f"{SVG}text")]
    assert {"0", "30", "60", "90", "120"} <= set(axis)  # 120 is four steps of 30


def test_nothing_to_draw_gives_nothing():
    assert bar_chart(chart_id="x", title="t", description="d", items=[]) == ""
    assert column_chart(chart_id="x", title="t", description="d", labels=[], series=[]) == ""


@pytest.mark.parametrize(
    ("value", "ceiling"), [(0, 4), (3, 4), (7, 8), (120, 120), (121, 160), (2001, 2400), (9000, 10000), (13, 16)]
)
def test_axes_end_on_round_numbers(value, ceiling):
    assert nice_ceiling(value) == pytest.approx(ceiling)


def test_numbers_are_written_the_vietnamese_way():
    assert vn_number(1234567) == "1.234.567"
    assert vn_number(12.345, decimals=1) == "12,3"
    assert vn_number(-1500) == "-1.500"
    assert vn_number(None) == "—"
    assert vn_percent(10.3448) == "10,3 %"
    assert vn_money(2216.7) == "2.217 đ"
    assert svg_number(12.0) == "12" and svg_number(12.25) == "12.2"
