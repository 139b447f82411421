"""Reading the dashboard's HTML tables as a person would: the cells of each table, by its slug."""

from html.parser import HTMLParser


class _TableReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.empty: set[str] = set()
        self._table: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._empty_slug: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "table" and attributes.get("data-table"):
            self._table = attributes["data-table"]
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self._row = []
        elif tag in {"td", "th"} and self._row is not None:
            self._cell = []
        elif tag == "p" and attributes.get("data-empty"):
            self._empty_slug = attributes["data-empty"]

    def handle_endtag(self, tag):
        if tag in {"td", "th"} and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None
        elif tag == "p" and self._empty_slug:
            self.empty.add(self._empty_slug)
            self._empty_slug = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def read_tables(html: str) -> tuple[dict[str, list[dict[str, str]]], set[str]]:
    """{slug: [{header: cell, …}, …]} for each data table, and the slugs of the tables shown empty."""
    reader = _TableReader()
    reader.feed(html)
    tables = {}
    for slug, rows in reader.tables.items():
        header, *body = rows
        tables[slug] = [dict(zip(header, row, strict=True)) for row in body]
    return tables, reader.empty
