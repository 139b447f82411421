"""The charts say what they show: part-weeks at the ends of a period are marked, not drawn as a collapse, and the
chart under "Lượt quét và chuyển đổi qua mã theo kênh" draws both."""

import xml.etree.ElementTree as ET

import pytest

from insights.charts import channel_chart, week_chart
from insights.selectors import InsightFilter, channel_table, week_table
from tests.factories.insights_dashboard import OCTOBER, october_fixture

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def october(official_units):
    return october_fixture()


def parse(svg) -> ET.Element:
    return ET.fromstring(str(svg))  # noqa: S314 - our own output


def test_the_weeks_that_october_cuts_are_counted_marked_and_drawn_pale(october):
    # 1 October 2026 is a Thursday: the first week has 4 of its days in October, the last (from Monday 26) 6.
    table = week_table(f=InsightFilter(start=OCTOBER, end=OCTOBER.replace(day=31), units=(october.province,)))
    days = {row["week"]: (row["days"], row["partial"]) for row in table.rows}
    assert days == {
        "28/09/2026": (4, True),
        "05/10/2026": (7, False),
        "12/10/2026": (7, False),
        "19/10/2026": (7, False),
        "26/10/2026": (6, True),
    }
    # The 999 scans of 30 September (outside the period) are not in the first week.
    assert table.rows[0]["scans"] == 0
    assert any("chưa trọn" in note for note in table.notes)

    root = parse(week_chart(table))
    pale = [rect for rect in root.findall(f"{SVG}rect") if rect.get("data-partial")]
    assert len(pale) == 4  # two series × two cut weeks
    assert all(rect.get("fill-opacity") and rect.get("stroke-dasharray") for rect in pale)
    assert {rect.find(f"{SVG}title").text.split(" · ")[0] for rect in pale} == {
        "28/09 (* tuần chưa trọn)",
        "26/10 (* tuần chưa trọn)",
    }
    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert "28/09*" in texts and "26/10*" in texts and "05/10" in texts and "* tuần chưa trọn" in texts
    description = root.find(f"{SVG}desc").text
    assert "tuần 28/09/2026 (4/7 ngày)" in description and "tuần 26/10/2026 (6/7 ngày)" in description


def test_whole_weeks_draw_no_mark(october):
    table = week_table(
        f=InsightFilter(start=OCTOBER.replace(day=5), end=OCTOBER.replace(day=25), units=(october.province,))
    )
    assert [row["days"] for row in table.rows] == [7, 7, 7] and not table.notes
    root = parse(week_chart(table))
    assert not [rect for rect in root.findall(f"{SVG}rect") if rect.get("data-partial")]
    assert "* tuần chưa trọn" not in [text.text for text in root.iter(f"{SVG}text")]


def test_the_channel_chart_shows_scans_and_conversions(october):
    table = channel_table(f=InsightFilter(start=OCTOBER, end=OCTOBER.replace(day=31), units=(october.province,)))
    root = parse(channel_chart(table))
    assert root.find(f"{SVG}title").text == table.title == "Lượt quét và chuyển đổi qua mã theo kênh"
    rects = root.findall(f"{SVG}rect")
    bars = {rect.find(f"{SVG}title").text for rect in rects if rect.find(f"{SVG}title") is not None}
    assert {
        "Áp-phích · Lượt quét: 203",
        "Áp-phích · Chuyển đổi qua mã: 21",
        "Loa truyền thanh cơ sở · Lượt quét: 30",
        "Loa truyền thanh cơ sở · Chuyển đổi qua mã: 6",
    } <= bars
    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert "Lượt quét" in texts and "Chuyển đổi qua mã" in texts  # the legend
