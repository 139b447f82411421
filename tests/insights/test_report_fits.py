"""Nothing in the monthly report's PDF runs off its page: every word's box (pdftotext -bbox) lies inside the
page box, the broadcast table's included. Rendered once, for the demo province's last month."""

import re
import subprocess
import unicodedata

import pytest

from core.dates import last_month
from insights.report_rendering import render_report_pdf
from insights.reports import build_monthly_report
from places.models import AdministrativeUnit

PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
WORD = re.compile(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)</word>')


@pytest.fixture
def pages(demo_for_module, db, tmp_path):
    data = build_monthly_report(unit=AdministrativeUnit.objects.get(code="66"), month=last_month())
    assert data.dashboard.broadcasts.rows, "the demo's airings give the broadcast table rows"
    pdf = tmp_path / "bao-cao.pdf"
    pdf.write_bytes(render_report_pdf(data))
    html = subprocess.run(
        ["/usr/bin/pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    out = []
    for chunk in html.split("<page ")[1:]:
        width, height = map(float, PAGE.match("<page " + chunk).groups())
        words = [(float(a), float(b), float(c), float(d), text) for a, b, c, d, text in WORD.findall(chunk)]
        out.append((width, height, words))
    return out


def test_every_word_lies_inside_its_page_and_the_broadcast_table_within_the_margins(pages):
    outside = [
        (number, text, x_max, width)
        for number, (width, height, words) in enumerate(pages, start=1)
        for x_min, y_min, x_max, y_max, text in words
        if x_min < 0 or y_min < 0 or x_max > width + 0.5 or y_max > height + 0.5
    ]
    assert not outside, outside[:10]

    # A4 with 16 mm side margins: text ends before 210 − 16 mm (about 549.6 pt); allow the last cell's padding.
    heading = "Lượt quét sau mỗi lần phát, theo kênh"  # the PDF counts the airings per channel
    found = False
    for width, _height, words in pages:
        text = unicodedata.normalize("NFC", " ".join(word[4] for word in words))
        if heading in text or found:
            found = True
            assert max(word[2] for word in words) <= width - 16 * 72 / 25.4 + 2, text[:200]
    assert found
