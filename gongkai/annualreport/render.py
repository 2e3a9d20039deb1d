"""The report as HTML (portal page and catalog item body), .docx in the official layout, .xlsx of
the tables and JSON keyed by the 2021 row codes. All drawn from the same figures and layout."""

from __future__ import annotations

import io

from django.template.loader import render_to_string

from gongkai.rules.annualreport import layout as L
from gongkai.rules.annualreport import tables as T

CAPTIONS = {
    "t2": "表一 主动公开政府信息情况",
    "t3": "表二 收到和处理政府信息公开申请情况",
    "t4": "表三 政府信息公开行政复议、行政诉讼情况",
}
SECTION_TITLES = [
    ("一", "一、总体情况"),
    ("二", "二、主动公开政府信息情况"),
    ("三", "三、收到和处理政府信息公开申请情况"),
    ("四", "四、政府信息公开行政复议、行政诉讼情况"),
    ("五", "五、存在的主要问题及改进情况"),
    ("六", "六、其他需要报告的事项"),
]


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in (text or "").splitlines() if p.strip()]


def context(figures: dict, texts: dict) -> dict:
    return {
        "t2": L.table2(figures["table2"]),
        "t3": L.table3(figures["table3"]),
        "t4": L.table4(figures["table4"]),
        "paras": {k: paragraphs(v) for k, v in texts.items()},
        "captions": CAPTIONS,
    }


def body_html(title: str, year: int, figures: dict, texts: dict) -> str:
    return render_to_string("annualreport/_body.html", context(figures, texts))


# -- JSON ---------------------------------------------------------------------------------------
def as_json(figures: dict, checks: list | None = None) -> dict:
    out = {
        "table2": figures["table2"],
        "table3": {code: figures["table3"][code] for code in T.ROW_CODES},
        "table4": figures["table4"],
    }
    if checks is not None:
        out["checks"] = [
            {"name": c["name"], "ok": c["ok"], "detail": c["detail"], "level": c["level"]}
            for c in checks
        ]
    return out


# -- xlsx ---------------------------------------------------------------------------------------
def _sheet(title, caption, rows, head):
    from openpyxl.utils import get_column_letter

    from gongkai.core.sheets import Sheet

    n = L.width(rows)
    grid = [[None] * n for _ in rows]
    merges = []
    for r, c, cell in L.grid(rows):
        value = cell.text
        if not cell.header:
            try:
                value = int(cell.text)
            except ValueError:
                value = float(cell.text)
        grid[r][c] = value
        if cell.rowspan > 1 or cell.colspan > 1:
            merges.append(
                f"{get_column_letter(c + 1)}{r + 1}:"
                f"{get_column_letter(c + cell.colspan)}{r + cell.rowspan}"
            )
    return Sheet(title=title, caption=caption, header=grid[:head], rows=grid[head:], merges=merges)


def xlsx_sheets(title: str, figures: dict):
    return [
        _sheet("表一 主动公开", f"{title}　{CAPTIONS['t2']}", L.table2(figures["table2"]), 2),
        _sheet("表二 依申请公开", f"{title}　{CAPTIONS['t3']}", L.table3(figures["table3"]), 3),
        _sheet("表三 复议诉讼", f"{title}　{CAPTIONS['t4']}", L.table4(figures["table4"]), 3),
    ]


def xlsx_bytes(title: str, figures: dict) -> bytes:
    from gongkai.core.sheets import xlsx_bytes as write

    return write(xlsx_sheets(title, figures))


# -- docx ---------------------------------------------------------------------------------------
BODY_FONT = "仿宋_GB2312"
BODY_FALLBACK = "仿宋"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"


def _font(run, name, size_pt, bold=False):
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attr), name)


def _para(doc, text, font=BODY_FONT, size=16, bold=False, center=False, indent=True):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = doc.add_paragraph()
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    p.paragraph_format.line_spacing = Pt(28)
    _font(p.add_run(text), font, size, bold)
    return p


# A table's layout → its w:tbl with the merges done and every run formatted but empty: merging
# and formatting cost most of a report's rendering, and a city's reports share three layouts.
_SKELETONS: dict[tuple, object] = {}


def _skeleton(doc, rows, cells):
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.table import _Cell

    t = doc.add_table(rows=len(rows), cols=L.width(rows))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    trs = t._tbl.tr_lst

    def at(r, c):  # python-docx's t.cell(r, c) walks the whole table on every call
        return _Cell(trs[r].tc_at_grid_offset(c), t)

    for r, c, cell in cells:
        target = at(r, c)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(at(r + cell.rowspan - 1, c + cell.colspan - 1))
        p = target.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER if cell.header else WD_ALIGN_PARAGRAPH.RIGHT
        _font(p.add_run(), HEADING_FONT if cell.header else BODY_FONT, 9)
    return t._tbl


def _table(doc, caption, rows):
    from copy import deepcopy

    from docx.oxml.ns import qn

    _para(doc, caption, HEADING_FONT, 12, center=True)
    cells = L.grid(rows)
    key = (L.width(rows), len(rows), int(doc._block_width),
           tuple((r, c, x.rowspan, x.colspan, x.header) for r, c, x in cells))  # fmt: skip
    if key in _SKELETONS:
        tbl = deepcopy(_SKELETONS[key])
        doc.element.body._insert_tbl(tbl)
    else:
        tbl = _skeleton(doc, rows, cells)
        _SKELETONS[key] = deepcopy(tbl)
    runs = list(tbl.iter(qn("w:r")))  # one per cell, in the grid's order
    for run, (_, _, cell) in zip(runs, cells, strict=True):
        run.text = cell.text
    return tbl


def docx_bytes(title: str, figures: dict, texts: dict, date_line: str = "") -> bytes:
    """A4, GB/T 9704 margins (top 37, bottom 35, left 28, right 26 mm), title in 小标宋 二号,
    headings in 黑体 三号, body in 仿宋_GB2312 三号; tables with the template's merged headers."""
    from docx import Document
    from docx.shared import Mm

    doc = Document()
    s = doc.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin = Mm(37), Mm(35)
    s.left_margin, s.right_margin = Mm(28), Mm(26)
    _para(doc, title, TITLE_FONT, 22, center=True)
    if date_line:
        _para(doc, date_line, BODY_FONT, 16, center=True)
    tables = {
        "二": (CAPTIONS["t2"], L.table2(figures["table2"])),
        "三": (CAPTIONS["t3"], L.table3(figures["table3"])),
        "四": (CAPTIONS["t4"], L.table4(figures["table4"])),
    }
    for key, heading in SECTION_TITLES:
        _para(doc, heading, HEADING_FONT, 16)
        if key in tables:
            _table(doc, *tables[key])
            continue
        body = paragraphs(texts.get(key, "")) or ["无。"]
        for text in body:
            _para(doc, text)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
