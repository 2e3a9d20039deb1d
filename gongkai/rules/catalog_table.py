"""The standard-catalog table (事项标准目录) as imported and exported: its columns and the
checks on each row. Plain Python; the catalog app turns good rows into columns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# (key, header as written in the table)
COLUMNS = [
    ("slug", "栏目代码"),
    ("name", "栏目名称"),
    ("parent", "上级栏目代码"),
    ("section", "所属部分"),
    ("kind", "栏目类型"),
    ("content", "公开内容"),
    ("basis", "公开依据"),
    ("time_limit", "公开时限"),
    ("publisher", "公开主体"),
    ("channels", "公开渠道和载体"),
    ("audience", "公开对象"),
    ("mode", "公开方式"),
    ("sort_order", "排序"),
]
HEADERS = [h for _, h in COLUMNS]
REQUIRED = ("slug", "name", "content", "time_limit", "mode")
HEADER_ALIASES = {
    "渠道和载体": "公开渠道和载体",
    "代码": "栏目代码",
    "名称": "栏目名称",
    "上级代码": "上级栏目代码",
}

SECTIONS = {
    "政府信息公开指南": "guide",
    "政府信息公开制度": "system",
    "法定主动公开内容": "statutory",
    "政府信息公开年报": "annual_report",
    "依申请公开": "application",
    "其他": "other",
}
KINDS = {"常设栏目": "standing", "常设": "standing", "动态栏目": "dynamic", "动态": "dynamic"}
AUDIENCES = {"全社会": "all", "特定群体": "specific"}
MODES = {
    "主动公开": "proactive",
    "主动": "proactive",
    "依申请公开": "on_request",
    "依申请": "on_request",
}
SLUG_RE = re.compile(r"^[\w-]{1,60}$")
LABELS = {key: header for key, header in COLUMNS}


@dataclass
class TableResult:
    rows: list[tuple[int, dict]] = field(default_factory=list)  # (row number, values)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number, reason)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_rows(rows: list[list]) -> TableResult:
    """Check a table (first row = headers). Row numbers are those a spreadsheet shows (header = 1).

    A bad row is reported with its number and reason and left out; the good rows are returned.
    """
    result = TableResult()
    if not rows:
        result.errors.append((1, "文件为空，缺少表头。"))
        return result
    header = [HEADER_ALIASES.get(_text(h), _text(h)) for h in rows[0]]
    missing = [LABELS[k] for k in REQUIRED if LABELS[k] not in header]
    if missing:
        result.errors.append((1, "表头缺少必填列：" + "、".join(missing)))
        return result
    index = {key: header.index(h) for key, h in COLUMNS if h in header}
    seen: dict[str, int] = {}
    for number, raw in enumerate(rows[1:], start=2):
        cells = {key: _text(raw[i]) if i < len(raw) else "" for key, i in index.items()}
        if not any(cells.values()):
            continue
        problem, values = _check(cells)
        if problem is None and values["slug"] in seen:
            problem = f"栏目代码“{values['slug']}”与第{seen[values['slug']]}行重复。"
        if problem:
            result.errors.append((number, problem))
            continue
        seen[values["slug"]] = number
        result.rows.append((number, values))
    return result


def _check(cells: dict) -> tuple[str | None, dict]:
    for key in REQUIRED:
        if not cells.get(key):
            return f"“{LABELS[key]}”不能为空。", {}
    values = dict(cells)
    if not SLUG_RE.match(values["slug"]):
        return "栏目代码只能包含字母、数字、汉字、下划线和连字符，且不超过60个字符。", {}
    if len(values["name"]) > 100:
        return "栏目名称不能超过100个字。", {}
    if len(values.get("time_limit", "")) > 200:
        return "公开时限不能超过200个字。", {}
    for key, table, default in (
        ("section", SECTIONS, "statutory"),
        ("kind", KINDS, "standing"),
        ("audience", AUDIENCES, "all"),
        ("mode", MODES, None),
    ):
        given = values.get(key, "")
        if not given and default is not None:
            values[key] = default
        elif given in table:
            values[key] = table[given]
        elif given in table.values():
            values[key] = given
        else:
            return f"“{LABELS[key]}”的值“{given}”无效，可选：{'、'.join(table)}。", {}
    order = values.get("sort_order", "")
    if order:
        if not order.isdigit():
            return "排序应为非负整数。", {}
        values["sort_order"] = int(order)
    else:
        values["sort_order"] = 100
    return None, values


def to_row(values: dict) -> list[str]:
    """One exported row, with the labels people read (主动公开, 全社会 …)."""
    back = {
        "section": {v: k for k, v in SECTIONS.items()},
        "kind": {"standing": "常设栏目", "dynamic": "动态栏目"},
        "audience": {v: k for k, v in AUDIENCES.items()},
        "mode": {"proactive": "主动公开", "on_request": "依申请公开"},
    }
    out = []
    for key, _ in COLUMNS:
        value = values.get(key, "")
        out.append(back.get(key, {}).get(value, value) if key in back else _text(value))
    return out
