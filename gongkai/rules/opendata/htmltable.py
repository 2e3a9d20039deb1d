"""Tables written in an item's body (HTML ``<table>``) read as rows of cells.

An item of a dataset's column may carry its figures as a table in its text instead of an
attached spreadsheet. :func:`tables` returns every table of the (already sanitised) body as a
list of rows, each a list of cell texts, in the shape :func:`gongkai.core.sheets.read_rows`
gives for a spreadsheet, so the same header matching and checks apply
(:func:`gongkai.rules.opendata.schema.match`).

- ``<caption>`` is left out; ``<thead>``, ``<tbody>`` and ``<tfoot>`` rows are read in order;
- a cell with ``colspan="n"`` is followed by ``n - 1`` empty cells and a cell with
  ``rowspan="n"`` repeats its text in the rows below (so column letters stay those a person
  counts on the page);
- a table inside a cell is read as its own table; its text does not join the outer cell;
- ``<br>`` and block elements inside a cell become spaces.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

MAX_TABLES = 20
MAX_ROWS = 5000
MAX_SPAN = 50
_BLOCK = {"p", "div", "br", "li"}


def _span(value) -> int:
    try:
        n = int(str(value or "1").strip())
    except ValueError:
        return 1
    return max(1, min(n, MAX_SPAN))


class _Table:
    def __init__(self):
        self.rows: list[list[tuple[str, int, int]]] = []  # (text, colspan, rowspan)
        self.row: list[tuple[str, int, int]] | None = None
        self.cell: list[str] | None = None
        self.spans = (1, 1)
        self.order = 0


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[_Table] = []
        self.done: list[_Table] = []
        self.in_caption = 0

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            t = _Table()
            t.order = self.opened = getattr(self, "opened", 0) + 1
            self.stack.append(t)
            return
        if not self.stack:
            return
        t = self.stack[-1]
        if tag == "caption":
            self.in_caption += 1
        elif tag == "tr":
            self._end_row(t)
            t.row = []
        elif tag in ("td", "th"):
            self._end_cell(t)
            if t.row is None:
                t.row = []
            a = dict(attrs)
            t.cell = []
            t.spans = (_span(a.get("colspan")), _span(a.get("rowspan")))
        elif tag in _BLOCK and t.cell is not None:
            t.cell.append(" ")

    def handle_endtag(self, tag):
        if not self.stack:
            return
        t = self.stack[-1]
        if tag == "table":
            self._end_row(t)
            self.done.append(self.stack.pop())
        elif tag == "caption":
            self.in_caption = max(0, self.in_caption - 1)
        elif tag in ("td", "th"):
            self._end_cell(t)
        elif tag == "tr":
            self._end_row(t)
        elif tag in _BLOCK and t.cell is not None:
            t.cell.append(" ")

    def handle_data(self, data):
        if self.stack and not self.in_caption and self.stack[-1].cell is not None:
            self.stack[-1].cell.append(data)

    def _end_cell(self, t: _Table):
        if t.cell is None:
            return
        text = re.sub(r"\s+", " ", "".join(t.cell)).strip()
        (t.row if t.row is not None else []).append((text, *t.spans))
        t.cell = None

    def _end_row(self, t: _Table):
        self._end_cell(t)
        if t.row is not None:
            if len(t.rows) < MAX_ROWS:
                t.rows.append(t.row)
            t.row = None

    def close(self):
        super().close()
        while self.stack:  # an unclosed table still counts
            t = self.stack.pop()
            self._end_row(t)
            self.done.append(t)


def _grid(rows: list[list[tuple[str, int, int]]]) -> list[list[str]]:
    """Spread colspan and rowspan over a plain grid of texts."""
    out: list[list[str]] = []
    carry: dict[int, tuple[str, int]] = {}  # column -> (text, rows still to fill)
    for row in rows:
        line: list[str] = []
        cells = list(row)
        col = 0
        while cells or any(c >= col for c in carry):
            if col in carry:
                text, left = carry[col]
                line.append(text)
                if left <= 1:
                    del carry[col]
                else:
                    carry[col] = (text, left - 1)
                col += 1
                continue
            if not cells:
                break
            text, colspan, rowspan = cells.pop(0)
            for k in range(colspan):
                line.append(text if k == 0 else "")
                if rowspan > 1:
                    carry[col + k] = (text if k == 0 else "", rowspan - 1)
            col += colspan
        out.append(line)
    return out


def tables(html: str) -> list[list[list[str]]]:
    """Every table of ``html`` in the order they open (an outer table before the tables inside
    it) as rows of texts;
    tables with no non-empty cell are left out."""
    if not html or "<table" not in html.lower():
        return []
    p = _Parser()
    try:
        p.feed(html)
        p.close()
    except Exception:  # pragma: no cover - html.parser is lenient; be safe with odd input
        return []
    found = []
    for t in sorted(p.done, key=lambda t: t.order):
        grid = _grid(t.rows)
        if any(cell for row in grid for cell in row):
            found.append(grid)
    return found[:MAX_TABLES]
