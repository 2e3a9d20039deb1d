"""Tables 二, 三 and 四 of the 2021 annual-report format, keyed by stable row and column codes.

Row codes of table 三 are the outcome codes of :mod:`gongkai.rules.outcomes` for the numbered
rows, plus ``new`` (一), ``carried_in`` (二), the group rows ``disclosed`` （一）, ``partial`` （二）,
``withheld`` （三）, ``unavailable`` （四）, ``refused`` （五）, ``other`` （六）, ``total`` （七） and
``carry_out`` (四). docs/annual-report.md lists them all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from gongkai.rules import outcomes

# -- table 三 columns: (json key, applicant type of rules.outcomes, label) -------------------
COLUMNS = [
    ("natural_person", "natural", "自然人"),
    ("commercial", "commercial", "商业企业"),
    ("research", "research", "科研机构"),
    ("public_interest", "public_welfare", "社会公益组织"),
    ("legal_services", "legal_services", "法律服务机构"),
    ("other", "other_org", "其他"),
]
COLUMN_KEYS = [c[0] for c in COLUMNS]
ALL_KEYS = COLUMN_KEYS + ["total"]
COLUMN_LABELS = {c[0]: c[2] for c in COLUMNS} | {"total": "总计"}
_BY_APPLICANT = {c[1]: c[0] for c in COLUMNS}

GROUP_CODES = {  # group label of rules.outcomes → row code
    "（一）予以公开": "disclosed",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "partial",
    "（三）不予公开": "withheld",
    "（四）无法提供": "unavailable",
    "（五）不予处理": "refused",
    "（六）其他处理": "other",
}


@dataclass(frozen=True)
class Row:
    code: str
    label: str
    level: int  # 0 一/二/三/四, 1 （一）…（七）, 2 numbered item
    parent: str = ""  # group row code of a numbered item
    has_values: bool = True


def _rows() -> list[Row]:
    rows = [
        Row("new", "一、本年新收政府信息公开申请数量", 0),
        Row("carried_in", "二、上年结转政府信息公开申请数量", 0),
        Row("results", "三、本年度办理结果", 0, has_values=False),
    ]
    seen = set()
    for code, group, num, label in outcomes.OUTCOMES:
        gcode = GROUP_CODES[group]
        if gcode not in seen:
            seen.add(gcode)
            rows.append(Row(gcode, group, 1))
        if num:
            rows.append(Row(code, f"{num}.{label}", 2, parent=gcode))
    rows += [Row("total", "（七）总计", 1), Row("carry_out", "四、结转下年度继续办理", 0)]
    return rows


ROWS = _rows()
ROW_CODES = [r.code for r in ROWS if r.has_values]
ROW_BY_CODE = {r.code: r for r in ROWS}
GROUPS = [r.code for r in ROWS if r.level == 1 and r.code != "total"]
ITEMS_OF = {g: [r.code for r in ROWS if r.parent == g] for g in GROUPS}


def empty_row() -> dict[str, int]:
    return dict.fromkeys(ALL_KEYS, 0)


def table_three(cases: Iterable[outcomes.CaseFact]) -> dict[str, dict[str, int]]:
    """Table 三 as {row code: {column key: n, "total": n}} from application facts."""
    return from_outcomes_table(outcomes.table_three(cases))


def from_outcomes_table(t: outcomes.TableThree) -> dict[str, dict[str, int]]:
    """Convert ``rules.outcomes.TableThree`` (as ``applications.services.statistics`` returns)."""
    out = {code: empty_row() for code in ROW_CODES}
    for r in t.rows:
        if r.key.startswith("group:"):
            code = GROUP_CODES[r.key[len("group:") :]]
        elif r.key in out:
            code = r.key
        else:
            continue
        for applicant, n in r.values.items():
            out[code][_BY_APPLICANT[applicant]] += n
    for row in out.values():
        row["total"] = sum(row[k] for k in COLUMN_KEYS)
    return out


# -- table 二 --------------------------------------------------------------------------------
DOC_ROWS = [("regulation", "规章"), ("normative", "行政规范性文件")]
DECISION_ROWS = [("licensing", "行政许可"), ("penalty", "行政处罚"), ("enforcement", "行政强制")]
TABLE2_LABELS = dict(DOC_ROWS + DECISION_ROWS + [("fees", "行政事业性收费")])


def table_two(
    docs: dict[str, dict[str, int]], decisions: dict[str, int], fee_amount
) -> dict[str, dict]:
    """Table 二 from catalog document counts and staff-entered decision counts and fees."""
    out: dict[str, dict] = {}
    for code, _ in DOC_ROWS:
        d = docs.get(code, {})
        out[code] = {k: int(d.get(k, 0) or 0) for k in ("issued", "repealed", "in_force")}
    for code, _ in DECISION_ROWS:
        out[code] = {"decisions": int(decisions.get(code, 0) or 0)}
    out["fees"] = {"amount": money(fee_amount)}
    return out


def money(value) -> str:
    """万元 with two decimals as a string ("0.00"); bad input counts as 0."""
    try:
        return str(Decimal(str(value or 0)).quantize(Decimal("0.01")))
    except (InvalidOperation, ValueError):
        return "0.00"


# -- table 四 --------------------------------------------------------------------------------
REMEDY_BLOCKS = [
    ("review", "行政复议"),
    ("litigation_direct", "未经复议直接起诉"),
    ("litigation_after_review", "复议后起诉"),
]
RESULTS = [
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
]
RESULT_KEYS = [r[0] for r in RESULTS]


@dataclass(frozen=True)
class RemedyFact:
    kind: str  # review / litigation_direct / litigation_after_review
    result: str  # upheld / corrected / other / pending


def table_four(cases: Iterable[RemedyFact]) -> dict[str, dict[str, int]]:
    out = {b: dict.fromkeys(RESULT_KEYS + ["total"], 0) for b, _ in REMEDY_BLOCKS}
    for c in cases:
        if c.kind not in out or c.result not in RESULT_KEYS:
            raise ValueError(f"unknown remedy case {c!r}")
        out[c.kind][c.result] += 1
        out[c.kind]["total"] += 1
    return out


# -- several reports summed (the city summary) ------------------------------------------------
def add(figures: Iterable[dict]) -> dict:
    """The sum of several reports' figures (table by table, cell by cell)."""
    t2 = {code: dict.fromkeys(("issued", "repealed", "in_force"), 0) for code, _ in DOC_ROWS}
    t2 |= {code: {"decisions": 0} for code, _ in DECISION_ROWS}
    fees = Decimal("0")
    t3 = {code: empty_row() for code in ROW_CODES}
    t4 = table_four([])
    extra: dict[str, int] = {}
    for f in figures:
        for code, cells in f.get("table2", {}).items():
            if code == "fees":
                fees += Decimal(money(cells.get("amount")))
            elif code in t2:
                for k in t2[code]:
                    t2[code][k] += int(cells.get(k, 0) or 0)
        for code, cells in f.get("table3", {}).items():
            if code in t3:
                for k in ALL_KEYS:
                    t3[code][k] += int(cells.get(k, 0) or 0)
        for block, cells in f.get("table4", {}).items():
            if block in t4:
                for k in t4[block]:
                    t4[block][k] += int(cells.get(k, 0) or 0)
        for k, v in (f.get("extra") or {}).items():
            if isinstance(v, int):
                extra[k] = extra.get(k, 0) + v
    t2["fees"] = {"amount": money(fees)}
    return {"table2": t2, "table3": t3, "table4": t4, "extra": extra}
