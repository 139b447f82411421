"""Charts drawn on the server as inline SVG: no JavaScript, no chart library, the same drawing in the PDF.

Each chart carries a <title> and a <desc> (read by screen readers through aria-labelledby) and is always
shown with its data table under it. Coordinates are written with a dot whatever the interface language;
the numbers people read are written the Vietnamese way.
"""

import math
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.numbers import svg_number, vn_number

COLOURS = ("#1d5fa8", "#d9661f", "#2e8540", "#7a4fa3")
TEXT_COLOUR = "#1f2933"
GRID_COLOUR = "#d5dbe1"
FONT = "font-family=\"'Be Vietnam Pro', 'Noto Sans', sans-serif\""
LABEL_CHARS = 28


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float]


AXIS_STEPS = (1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 8, 10)
GRID_LINES = 4


def nice_ceiling(value: float) -> float:
    """The top of a count axis: four equal whole-numbered steps, each a round number (120 → 0, 30, …, 120)."""
    quarter = max(float(value), 0) / GRID_LINES
    if quarter <= 1:
        return GRID_LINES
    exponent = math.floor(math.log10(quarter))
    for step in AXIS_STEPS:
        candidate = step * 10**exponent
        if candidate >= quarter and float(candidate).is_integer():
            return GRID_LINES * candidate
    return GRID_LINES * 10 ** (exponent + 1)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _open_svg(*, chart_id: str, title: str, description: str, width: float, height: float) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="insights-chart" id="{escape(chart_id)}" '
        f'width="{svg_number(width)}" height="{svg_number(height)}" '
        f'viewBox="0 0 {svg_number(width)} {svg_number(height)}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>',
    ]


def _text(x: float, y: float, text: str, *, anchor: str = "start", size: int = 12, weight: str = "400") -> str:
    return (
        f'<text x="{svg_number(x)}" y="{svg_number(y)}" text-anchor="{anchor}" font-size="{size}" '
        f'font-weight="{weight}" fill="{TEXT_COLOUR}" {FONT}>{escape(text)}</text>'
    )


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    items: list[tuple],
    width: int = 640,
    bar_height: int = 22,
    value_format=vn_number,
) -> SafeString:
    """Horizontal bars, one per item (label, value[, text]), the text (or the value) written at the end of each bar.

    A suppressed value ("< 5") comes as (label, 0, "< 5"): no bar, only its text.
    """
    if not items:
        return mark_safe("")
    label_width = 190
    value_width = 80
    gap = 8
    top = 8
    plot_width = width - label_width - value_width
    height = top + len(items) * (bar_height + gap) + 4
    largest = max((float(item[1]) for item in items), default=0) or 1
    parts = _open_svg(chart_id=chart_id, title=title, description=description, width=width, height=height)
    for index, item in enumerate(items):
        label, value = item[0], item[1]
        shown = item[2] if len(item) > 2 else value_format(value)
        y = top + index * (bar_height + gap)
        length = max(0.0, plot_width * float(value) / float(largest))
        middle = y + bar_height / 2 + 4
        parts.append(_text(label_width - 8, middle, _short(label), anchor="end"))
        parts.append(
            f'<rect x="{label_width}" y="{svg_number(y)}" width="{svg_number(length)}" '
            f'height="{bar_height}" fill="{COLOURS[0]}"><title>{escape(label)}: {escape(shown)}</title></rect>'
        )
        parts.append(_text(label_width + length + 6, middle, shown))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above


def column_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: list[str],
    series: list[Series],
    width: int = 640,
    height: int = 260,
) -> SafeString:
    """Grouped columns per period (weeks), one colour per series, with a legend and a round-numbered axis."""
    if not labels or not series:
        return mark_safe("")
    left, right, top, bottom = 56, 12, 30, 40
    plot_width = width - left - right
    plot_height = height - top - bottom
    largest = nice_ceiling(max((max(s.values, default=0) for s in series), default=0))
    parts = _open_svg(chart_id=chart_id, title=title, description=description, width=width, height=height)

    # Legend
    x = left
    for index, one in enumerate(series):
        colour = COLOURS[index % len(COLOURS)]
        parts.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{colour}"/>')
        parts.append(_text(x + 16, 16, one.name))
        x += 24 + 8 * len(one.name)

    # Axis and grid: four steps up to a round number
    for step in range(GRID_LINES + 1):
        value = largest * step / GRID_LINES
        y = top + plot_height - plot_height * step / GRID_LINES
        parts.append(
            f'<line x1="{left}" y1="{svg_number(y)}" x2="{width - right}" y2="{svg_number(y)}" '
            f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
        )
        parts.append(_text(left - 6, y + 4, vn_number(value), anchor="end", size=11))

    group_width = plot_width / len(labels)
    column_width = max(1.0, (group_width * 0.8) / len(series))
    label_every = max(1, math.ceil(len(labels) / 12))
    for position, label in enumerate(labels):
        group_x = left + position * group_width + group_width * 0.1
        for index, one in enumerate(series):
            value = float(one.values[position]) if position < len(one.values) else 0.0
            column_height = plot_height * value / largest
            parts.append(
                f'<rect x="{svg_number(group_x + index * column_width)}" '
                f'y="{svg_number(top + plot_height - column_height)}" width="{svg_number(column_width)}" '
                f'height="{svg_number(column_height)}" fill="{COLOURS[index % len(COLOURS)]}">'
                f"<title>{escape(label)} · {escape(one.name)}: {escape(vn_number(value))}</title></rect>"
            )
        if position % label_every == 0:
            parts.append(
                _text(
                    left + position * group_width + group_width / 2,
                    height - bottom + 16,
                    label,
                    anchor="middle",
                    size=11,
                )
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above


# --- The dashboard's and the report's charts, drawn from their tables -----------------------------------


def _plotted(value) -> tuple[float, str | None]:
    """A cell as a chart plots it: a suppressed or hidden cell is drawn as nothing, with its text."""
    if isinstance(value, str):
        return 0.0, value
    return float(value or 0), None


def paired_bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    items: list[tuple[str, float, str, float, str]],
    headings: tuple[str, str],
    width: int = 640,
    bar_height: int = 18,
) -> SafeString:
    """Two horizontal bars per item (label, left value and text, right value and text), each half with its own
    scale: scans and conversions differ by a factor of thirty, one axis would hide the conversions."""
    if not items:
        return mark_safe("")
    label_width, value_width, gap, top = 215, 58, 8, 26
    half = (width - label_width - 2 * value_width - 12) / 2
    height = top + len(items) * (bar_height + gap) + 4
    largest = [
        max((float(item[1]) for item in items), default=0) or 1,
        max((float(item[3]) for item in items), default=0) or 1,
    ]
    starts = [label_width, label_width + half + value_width + 12]
    parts = _open_svg(chart_id=chart_id, title=title, description=description, width=width, height=height)
    for side in (0, 1):
        parts.append(_text(starts[side], 14, headings[side], weight="700"))
    for index, (label, left, left_text, right, right_text) in enumerate(items):
        y = top + index * (bar_height + gap)
        middle = y + bar_height / 2 + 4
        parts.append(_text(label_width - 8, middle, _short(label), anchor="end"))
        for side, (value, shown) in enumerate(((left, left_text), (right, right_text))):
            length = max(0.0, half * float(value) / float(largest[side]))
            parts.append(
                f'<rect x="{svg_number(starts[side])}" y="{svg_number(y)}" width="{svg_number(length)}" '
                f'height="{bar_height}" fill="{COLOURS[side]}"><title>{escape(label)} · {escape(headings[side])}: '
                f"{escape(shown)}</title></rect>"
            )
            parts.append(_text(starts[side] + length + 4, middle, shown, size=11))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above


def channel_chart(table, *, suppress: bool = False, chart_id: str = "bieu-do-kenh") -> SafeString:
    """Scans and conversions via a code per channel, most scans first: what the table's title says."""
    keys = [column.key for column in table.columns]
    items = []
    for row in table.values(suppress=suppress):
        scans, scans_text = _plotted(row[keys.index("scans")])
        conversions, conversions_text = _plotted(row[keys.index("conversions")])
        items.append(
            (
                row[keys.index("channel")],
                scans,
                scans_text or vn_number(scans),
                conversions,
                conversions_text or vn_number(conversions),
            )
        )
    items = [item for item in items if item[1] > 0 or item[3] > 0 or item[2] != "0" or item[4] != "0"]
    if not any(item[1] > 0 or item[3] > 0 for item in items):
        return mark_safe("")
    leader = max(items, key=lambda item: item[1])
    converting = max(items, key=lambda item: item[3])
    return paired_bar_chart(
        chart_id=chart_id,
        title=str(_("Lượt quét và chuyển đổi qua mã theo kênh")),
        description=str(
            _(
                "Biểu đồ thanh ngang, mỗi kênh hai thanh: lượt quét (trái) và chuyển đổi qua mã (phải), mỗi bên một "
                "thang đo. Nhiều lượt quét nhất: %(channel)s, %(scans)s lượt; nhiều chuyển đổi nhất: %(converting)s, "
                "%(conversions)s. Số liệu ở bảng dưới."
            )
            % {
                "channel": leader[0],
                "scans": leader[2],
                "converting": converting[0],
                "conversions": converting[4],
            }
        ),
        items=items,
        headings=(str(_("Lượt quét")), str(_("Chuyển đổi qua mã"))),
    )


def week_chart(table, *, suppress: bool = False, chart_id: str = "bieu-do-tuan") -> SafeString:
    """Scans and conversions per week, as grouped columns."""
    keys = [column.key for column in table.columns]
    values = table.values(suppress=suppress)
    if not values:
        return mark_safe("")
    labels = [row["week_start"].strftime("%d/%m") for row in table.rows]
    scans = [_plotted(row[keys.index("scans")])[0] for row in values]
    conversions = [_plotted(row[keys.index("conversions")])[0] for row in values]
    return column_chart(
        chart_id=chart_id,
        title=str(_("Lượt quét và chuyển đổi qua mã theo tuần")),
        description=str(
            _(
                "Biểu đồ cột theo tuần từ %(first)s đến %(last)s: cột xanh là lượt quét, cột cam là chuyển đổi qua mã. "
                "Số liệu ở bảng dưới."
            )
            % {"first": table.rows[0]["week"], "last": table.rows[-1]["week"]}
        ),
        labels=labels,
        series=[Series(str(_("Lượt quét")), scans), Series(str(_("Chuyển đổi qua mã")), conversions)],
    )


def ward_chart(table, *, suppress: bool = False, limit: int = 15, chart_id: str = "bieu-do-xa") -> SafeString:
    """Scans per 1,000 residents for the best-ranked wards."""
    keys = [column.key for column in table.columns]
    items = []
    for row, raw in zip(table.values(suppress=suppress), table.rows, strict=True):
        if raw.get("scans_per_1000") is None:
            continue
        value, text = _plotted(row[keys.index("scans_per_1000")])
        items.append((raw["ward"], value, text or vn_number(value, decimals=1)))
        if len(items) >= limit:
            break
    if not items:
        return mark_safe("")
    return bar_chart(
        chart_id=chart_id,
        title=str(_("Lượt quét trên 1.000 dân theo xã/phường")),
        description=str(
            _(
                "Biểu đồ thanh ngang của %(count)s xã/phường dẫn đầu; dẫn đầu là %(ward)s với %(rate)s lượt quét "
                "trên 1.000 dân. Số liệu ở bảng dưới."
            )
            % {"count": len(items), "ward": items[0][0], "rate": items[0][2]}
        ),
        items=items,
    )
