"""A table of the dashboard: what the page shows, what the CSV and XLSX exports contain, what the report prints.

One description of the columns serves every output, so that an export never says something the page does
not, and what a shared copy may show is decided in one place (`Table.values`, see insights.suppression).
"""

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from core.numbers import DASH, vn_money, vn_number, vn_percent
from insights.suppression import HIDDEN_RATE, nearest_multiple


class Kind(StrEnum):
    TEXT = "text"
    COUNT = "count"  # a count of events (scans, conversions): rounded in shared copies
    NUMBER = "number"  # other whole numbers (placements, printed copies, residents)
    MONEY = "money"
    PERCENT = "percent"
    RATE = "rate"  # per 1,000 residents
    ESTIMATE = "estimate"  # a statistical estimate, two decimals


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: Kind = Kind.TEXT
    # Event counts a derived value is computed from: hidden when any of them is suppressed.
    based_on: tuple[str, ...] = ()

    @property
    def is_numeric(self) -> bool:
        return self.kind != Kind.TEXT


@dataclass
class Table:
    slug: str
    title: str
    columns: list[Column]
    rows: list[dict] = field(default_factory=list)
    # Each row is one ward (or less).
    ward_level: bool = False
    # Its counts are sums of rounded base cells already (built for a shared copy: insights.suppression).
    protected: bool = False
    empty_text: str = ""
    # The page shows this many rows at most; exports and the report have all of them.
    display_limit: int | None = None
    # Sentences shown under the table (and in the report): what the figures rest on.
    notes: list[str] = field(default_factory=list)
    # What the figures count, said under the title (the page and the report).
    note: str = ""

    def __bool__(self) -> bool:
        return bool(self.rows)

    def values(self, *, suppress: bool = False) -> list[list]:
        """Raw cell values (numbers stay numbers) for CSV and XLSX.

        `suppress`: for a shared copy. A table built from rounded base cells (`protected`) is shown as it is;
        in any other table a count is rounded to the nearest multiple of 5 and what is computed from it is
        hidden ("—"), since it is made of cells the shared copies do not round.
        """
        hide = suppress and not self.protected
        out = []
        for row in self.rows:
            cells = []
            for column in self.columns:
                value = row.get(column.key)
                if hide and column.kind == Kind.COUNT and isinstance(value, int):
                    value = nearest_multiple(value)
                elif hide and column.based_on and value is not None:
                    value = HIDDEN_RATE
                elif isinstance(value, Decimal):
                    value = float(value)
                cells.append(value)
            out.append(cells)
        return out

    def display_rows(self, *, suppress: bool = False, limit: int | None = None) -> list[list[dict]]:
        """Formatted cells for HTML and PDF: [{"text": "1.234", "numeric": True}, …] per row."""
        rows = self.values(suppress=suppress)
        if limit is not None:
            rows = rows[:limit]
        return [
            [
                {"text": format_cell(value, column.kind), "numeric": column.is_numeric}
                for column, value in zip(self.columns, row, strict=True)
            ]
            for row in rows
        ]

    @property
    def page_rows(self) -> list[list[dict]]:
        """What the staff dashboard shows: exact numbers, at most `display_limit` rows."""
        return self.display_rows(suppress=False, limit=self.display_limit)

    @property
    def is_truncated(self) -> bool:
        return self.display_limit is not None and len(self.rows) > self.display_limit


def format_cell(value, kind: Kind) -> str:
    if value is None:
        return DASH
    if isinstance(value, str):  # text, or "< 5" / "—" put there by suppression
        return value
    if kind == Kind.MONEY:
        return vn_money(value)
    if kind == Kind.PERCENT:
        return vn_percent(value)
    if kind == Kind.RATE:
        return vn_number(value, decimals=1)
    if kind == Kind.ESTIMATE:
        return vn_number(value, decimals=2)
    if kind in {Kind.COUNT, Kind.NUMBER}:
        return vn_number(value)
    return str(value)
