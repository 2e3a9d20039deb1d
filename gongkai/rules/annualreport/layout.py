"""The printed layout of tables 二, 三 and 四 exactly as the 2021 national template draws them:
rows of cells with their row and column spans (cells covered by a span are left out, as in
HTML). The portal page, the .docx and the .xlsx are all drawn from these lists; :func:`grid`
places each cell at its (row, column) for writers that need positions.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import tables as T


@dataclass
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False  # a heading cell (th)
    scope: str = ""  # "col" / "row" / "colgroup" / "rowgroup" for th
    key: str = ""  # "<row code>.<column key>" of a figure cell


def _th(text, rs=1, cs=1, scope="col"):
    return Cell(text, rs, cs, header=True, scope=scope)


def _rh(text, rs=1, cs=1):
    return Cell(text, rs, cs, header=True, scope="rowgroup" if rs > 1 else "row")


def _v(value, key, cs=1):
    return Cell(str(value), 1, cs, key=key)


def table2(t2: dict) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    rows.append([_th("第二十条第（一）项", cs=4, scope="colgroup")])
    rows.append([_th("信息内容"), _th("本年制发件数"), _th("本年废止件数"), _th("现行有效件数")])
    for code, label in T.DOC_ROWS:
        rows.append(
            [_rh(label)]
            + [_v(t2[code][k], f"{code}.{k}") for k in ("issued", "repealed", "in_force")]
        )
    for item, codes in (("（五）", ["licensing"]), ("（六）", ["penalty", "enforcement"])):
        rows.append([_th(f"第二十条第{item}项", cs=4, scope="colgroup")])
        rows.append([_th("信息内容"), _th("本年处理决定数量", cs=3)])
        for code in codes:
            rows.append(
                [_rh(T.TABLE2_LABELS[code]), _v(t2[code]["decisions"], f"{code}.decisions", 3)]
            )
    rows.append([_th("第二十条第（八）项", cs=4, scope="colgroup")])
    rows.append([_th("信息内容"), _th("本年收费金额（单位：万元）", cs=3)])
    rows.append([_rh("行政事业性收费"), _v(t2["fees"]["amount"], "fees.amount", 3)])
    return rows


TABLE3_HEAD_ROWS = 3
TABLE3_COLS = 10


def table3(t3: dict) -> list[list[Cell]]:
    rows: list[list[Cell]] = [
        [
            _th("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
            _th("申请人情况", cs=7, scope="colgroup"),
        ],
        [_th("自然人", rs=2), _th("法人或其他组织", cs=5, scope="colgroup"), _th("总计", rs=2)],
        [_th(T.COLUMN_LABELS[k]) for k in T.COLUMN_KEYS[1:]],
    ]

    def values(code):
        return [_v(t3[code][k], f"{code}.{k}") for k in T.ALL_KEYS]

    result_rows = [r for r in T.ROWS if r.code not in ("new", "carried_in", "results", "carry_out")]
    n_results = len([r for r in result_rows if not T.ITEMS_OF.get(r.code)])
    first_result = True
    for r in T.ROWS:
        if r.code in ("new", "carried_in", "carry_out"):
            rows.append([_rh(r.label, cs=3)] + values(r.code))
            continue
        if r.code == "results" or T.ITEMS_OF.get(r.code):
            continue  # the 三 heading and groups with items are spanning cells
        cells: list[Cell] = []
        if first_result:
            cells.append(_rh(T.ROW_BY_CODE["results"].label, rs=n_results))
            first_result = False
        if r.level == 1:
            cells.append(_rh(r.label, cs=2))
        else:
            siblings = T.ITEMS_OF[r.parent]
            if siblings[0] == r.code:
                cells.append(_rh(T.ROW_BY_CODE[r.parent].label, rs=len(siblings)))
            cells.append(_rh(r.label))
        rows.append(cells + values(r.code))
    return rows


TABLE4_HEAD_ROWS = 3


def table4(t4: dict) -> list[list[Cell]]:
    labels = [label for _, label in T.RESULTS] + ["总计"]
    keys = T.RESULT_KEYS + ["total"]
    return [
        [_th("行政复议", cs=5, scope="colgroup"), _th("行政诉讼", cs=10, scope="colgroup")],
        [_th(label, rs=2) for label in labels]
        + [
            _th("未经复议直接起诉", cs=5, scope="colgroup"),
            _th("复议后起诉", cs=5, scope="colgroup"),
        ],
        [_th(label) for label in labels * 2],
        [_v(t4[b][k], f"{b}.{k}") for b, _ in T.REMEDY_BLOCKS for k in keys],
    ]


def grid(rows: list[list[Cell]]) -> list[tuple[int, int, Cell]]:
    """(row, column, cell) for every cell, spans taken into account."""
    taken: set[tuple[int, int]] = set()
    out = []
    for r, cells in enumerate(rows):
        c = 0
        for cell in cells:
            while (r, c) in taken:
                c += 1
            out.append((r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
    return out


def width(rows: list[list[Cell]]) -> int:
    return max(c + cell.colspan for _, c, cell in grid(rows))
