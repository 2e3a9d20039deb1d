"""The checks a report must pass before sign-off (domain.md sections 4 and 9), each naming the
cells it involves, e.g. ``table3.total.natural_person``.

A failing ``error`` check blocks approval unless a reason is recorded; a ``warning`` (内容雷同)
is shown and recorded but does not block.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import tables as T
from . import text as X

DEFAULT_SIMILARITY = 0.8  # local practice, configurable (GONGKAI_ANNUALREPORT_SIMILARITY)

CHECK_LABELS = {
    "table3_row_totals": "表三 每行总计等于各列之和",
    "table3_group_sums": "表三 各类办理结果等于其分项之和",
    "table3_results_total": "表三 （七）总计等于各项办理结果之和",
    "table3_identity": "表三 一+二=三+四（每一列）",
    "table4_totals": "表四 总计等于各项结果之和",
    "table2_values": "表二 填报数字有效",
    "carry_over": "上年结转等于上年报告的结转下年度",
    "table2_continuity": "上年现行有效+本年制发−本年废止=本年现行有效",
    "text_figures": "正文数字与表格一致",
    "similarity": "与上年报告文字雷同",
}


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    cells: list[str] = field(default_factory=list)
    level: str = "error"  # error / warning

    @property
    def label(self) -> str:
        return CHECK_LABELS.get(self.name, self.name)

    def as_json(self) -> dict:
        return {
            "name": self.name,
            "label": self.label,
            "ok": self.ok,
            "level": self.level,
            "detail": self.detail,
            "cells": self.cells,
        }


def _col(k: str) -> str:
    return T.COLUMN_LABELS[k]


def _label(code: str) -> str:
    return T.ROW_BY_CODE[code].label


def check_table3(t3: dict) -> list[Check]:
    out = []
    bad, cells = [], []
    for code in T.ROW_CODES:
        row = t3[code]
        s = sum(row[k] for k in T.COLUMN_KEYS)
        if s != row["total"]:
            bad.append(f"“{_label(code)}”各列之和{s}，总计填{row['total']}")
            cells += [f"table3.{code}.total"]
    out.append(Check("table3_row_totals", not bad, "；".join(bad) or "每行均相符", cells))
    bad, cells = [], []
    for group, items in T.ITEMS_OF.items():
        if not items:
            continue
        for k in T.ALL_KEYS:
            s = sum(t3[i][k] for i in items)
            if s != t3[group][k]:
                bad.append(f"“{_label(group)}”{_col(k)}列为{t3[group][k]}，分项之和为{s}")
                cells += [f"table3.{group}.{k}"] + [f"table3.{i}.{k}" for i in items]
    out.append(Check("table3_group_sums", not bad, "；".join(bad) or "各类均相符", cells))
    bad, cells = [], []
    parts = ["disclosed", "partial"] + [i for g in T.GROUPS for i in T.ITEMS_OF[g]]
    for k in T.ALL_KEYS:
        s = sum(t3[p][k] for p in parts)
        if s != t3["total"][k]:
            bad.append(f"{_col(k)}列（七）总计为{t3['total'][k]}，各项办理结果之和为{s}")
            cells += [f"table3.total.{k}"] + [f"table3.{p}.{k}" for p in parts]
    out.append(Check("table3_results_total", not bad, "；".join(bad) or "各列均相符", cells))
    bad, cells = [], []
    for k in T.ALL_KEYS:
        a = t3["new"][k] + t3["carried_in"][k]
        b = t3["total"][k] + t3["carry_out"][k]
        if a != b:
            bad.append(
                f"{_col(k)}列：新收{t3['new'][k]}+上年结转{t3['carried_in'][k]}={a}，"
                f"办结{t3['total'][k]}+结转下年度{t3['carry_out'][k]}={b}"
            )
            cells += [f"table3.{c}.{k}" for c in ("new", "carried_in", "total", "carry_out")]
    out.append(Check("table3_identity", not bad, "；".join(bad) or "各列均相符", cells))
    return out


def check_table4(t4: dict) -> Check:
    bad, cells = [], []
    for block, label in T.REMEDY_BLOCKS:
        s = sum(t4[block][k] for k in T.RESULT_KEYS)
        if s != t4[block]["total"]:
            bad.append(f"{label}总计为{t4[block]['total']}，各项结果之和为{s}")
            cells += [f"table4.{block}.{k}" for k in T.RESULT_KEYS + ["total"]]
    return Check("table4_totals", not bad, "；".join(bad) or "各栏均相符", cells)


def check_table2(t2: dict) -> Check:
    bad, cells = [], []
    for code, cells_ in t2.items():
        for k, v in cells_.items():
            number = float(v) if k == "amount" else v
            if number < 0:
                bad.append(f"{T.TABLE2_LABELS[code]}不能为负数")
                cells.append(f"table2.{code}.{k}")
    return Check("table2_values", not bad, "；".join(bad) or "均为有效数字", cells)


def check_carry_over(t3: dict, previous: dict | None) -> Check:
    if previous is None:
        return Check("carry_over", True, "无上年报告，未核对")
    bad, cells = [], []
    for k in T.ALL_KEYS:
        last = previous["table3"]["carry_out"][k]
        if last != t3["carried_in"][k]:
            bad.append(f"{_col(k)}列：上年结转下年度{last}，本年上年结转{t3['carried_in'][k]}")
            cells += [f"table3.carried_in.{k}", f"previous.table3.carry_out.{k}"]
    return Check("carry_over", not bad, "；".join(bad) or "与上年报告相符", cells)


def check_table2_continuity(t2: dict, previous: dict | None) -> Check:
    if previous is None:
        return Check("table2_continuity", True, "无上年报告，未核对")
    bad, cells = [], []
    for code, label in T.DOC_ROWS:
        last = previous["table2"][code]["in_force"]
        row = t2[code]
        expected = last + row["issued"] - row["repealed"]
        if expected != row["in_force"]:
            bad.append(
                f"{label}：上年现行有效{last}+本年制发{row['issued']}−本年废止{row['repealed']}"
                f"={expected}，本年现行有效填{row['in_force']}"
            )
            cells += [f"table2.{code}.{k}" for k in ("issued", "repealed", "in_force")]
            cells.append(f"previous.table2.{code}.in_force")
    return Check("table2_continuity", not bad, "；".join(bad) or "与上年报告相符", cells)


def check_text(texts: dict[str, str], figures: dict) -> Check:
    bad, cells = [], []
    for section, body in texts.items():
        for q in X.quoted_figures(body, figures):
            if not q.ok:
                bad.append(
                    f"第{section}部分写“{q.fact.phrase.format(n=q.quoted)}”，"
                    f"{q.fact.label}为{q.expected}"
                )
                cells.append(f"text.{section}.{q.fact.key}")
    return Check("text_figures", not bad, "；".join(bad) or "正文引用的数字均与表格一致", cells)


def check_similarity(text: str, previous_text: str | None, threshold: float) -> Check:
    if not previous_text:
        return Check("similarity", True, "无上年报告正文，未比对", level="warning")
    ratio = X.similarity(text, previous_text)
    ok = ratio < threshold
    detail = f"与上年报告自行撰写部分的相似度为{ratio:.0%}（提示阈值{threshold:.0%}）"
    return Check("similarity", ok, detail, ["text"], level="warning")


def run(
    figures: dict,
    texts: dict[str, str],
    previous: dict | None = None,
    previous_text: str | None = None,
    threshold: float = DEFAULT_SIMILARITY,
) -> list[Check]:
    """Every check of a report. ``previous``: last year's figures as filed (or None)."""
    checks = check_table3(figures["table3"])
    checks.append(check_table4(figures["table4"]))
    checks.append(check_table2(figures["table2"]))
    checks.append(check_carry_over(figures["table3"], previous))
    checks.append(check_table2_continuity(figures["table2"], previous))
    checks.append(check_text(texts, figures))
    checks.append(check_similarity("\n".join(texts.values()), previous_text, threshold))
    return checks


def blocking(checks: list[Check]) -> list[Check]:
    return [c for c in checks if not c.ok and c.level == "error"]
