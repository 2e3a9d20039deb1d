"""The task-table form (.xlsx, .csv, a .docx table)."""

from __future__ import annotations

import re

from gongkai.rules import orgnames, timerules
from gongkai.rules.planparser.layout import _squeeze
from gongkai.rules.planparser.model import CN_NUMERALS, ParsedPlan, ParsedTask, PlanParseError
from gongkai.rules.planparser.responsibility import find_responsibilities, lead_units_of

_COLUMNS = {
    "no": ("序号", "编号"),
    "task": ("任务", "工作任务", "重点任务", "任务名称"),
    "content": ("主要内容", "具体要求", "工作内容", "任务内容", "具体内容"),
    "units": ("责任单位", "牵头单位", "责任部门", "牵头部门"),
    "time": ("时限", "时限要求", "完成时限", "时间要求"),
}


def _header_map(row) -> dict[str, int]:
    cells = [orgnames.normalise(str(c or "")) for c in row]
    found = {}
    for key, names in _COLUMNS.items():
        for i, c in enumerate(cells):
            if c in names and key not in found:
                found[key] = i
    if "task" in found and "units" in found:
        return found
    if "content" in found and "units" in found:
        return found
    return {}


def _path_from_number(raw: str, seq: int) -> list[str]:
    s = orgnames.normalise(raw)
    if not s:
        return [str(seq)]
    path: list[str] = []
    if re.fullmatch(r"\d+(\.\d+)*", s):
        nums = [int(n) for n in s.split(".")]
        if len(nums) >= 2:
            path.append(CN_NUMERALS[nums[0] - 1] if 0 < nums[0] <= 10 else str(nums[0]))
            path.append(
                "（" + (CN_NUMERALS[nums[1] - 1] if 0 < nums[1] <= 10 else str(nums[1])) + "）"
            )
            path.extend(str(n) for n in nums[2:])
            return path
        return [str(nums[0])]
    m = re.fullmatch(
        r"(?P<l1>[一二三四五六七八九十]+)?[、./]?(?:\((?P<l2>[一二三四五六七八九十]+)\))?[/]?"
        r"(?P<l3>\d+)?[.、/]?(?P<l4>[a-z])?",
        s,
    )
    if m:
        if m.group("l1"):
            path.append(m.group("l1"))
        if m.group("l2"):
            path.append("（" + m.group("l2") + "）")
        if m.group("l3"):
            path.append(m.group("l3"))
        if m.group("l4"):
            path.append(m.group("l4"))
    return path or [str(seq)]


def parse_rows(rows: list, year: int | None = None) -> ParsedPlan:
    """The task-table form: a header row with 任务 / 主要内容 / 责任单位 / 时限, one task a row."""
    rows = [list(r) for r in rows if r is not None]
    start = next((i for i, r in enumerate(rows[:10]) if _header_map(r)), None)
    if start is None:
        raise PlanParseError(
            "not a task table: no header row with 任务 and 责任单位",
            "这不是任务分解表：找不到包含“任务”“责任单位”的表头。",
        )
    cols = _header_map(rows[start])
    plan = ParsedPlan(source_form="table", year=year)
    for r in rows[:start]:
        t = _squeeze(" ".join(str(c) for c in r if c))
        if t and not plan.title:
            plan.title = plan.plan_title = t
    if plan.year is None:
        m = re.search(r"(\d{4})年", plan.title)
        plan.year = int(m.group(1)) if m else None

    def cell(row, key):
        i = cols.get(key)
        if i is None or i >= len(row) or row[i] is None:
            return ""
        return _squeeze(str(row[i]).replace("\n", ""))

    seq = 0
    for row in rows[start + 1 :]:
        task, content, units, time = (cell(row, k) for k in ("task", "content", "units", "time"))
        if not (task or content):
            continue
        seq += 1
        path = _path_from_number(cell(row, "no"), seq)
        rules = timerules.extract(time, plan.year) if time else []
        if time and not rules:
            rules = [timerules.TimeRule(time, "continuous", what=task or content)]
        if not time:
            rules = timerules.extract(content, plan.year)
        spans = find_responsibilities(units)
        body = spans[0][2] if spans else units
        lead = lead_units_of(body) if body else []
        plan.tasks.append(
            ParsedTask(
                path,
                task,
                content,
                lead_units=lead,
                applies_to_all=not lead,
                responsibility=body,
                obligations=rules,
            )
        )
    if not plan.tasks:
        raise PlanParseError("the task table has no rows", "任务分解表中没有任务。")
    return plan
