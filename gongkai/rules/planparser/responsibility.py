"""Responsibility parentheses: where they are and which units they name.

A task closes with the units that carry it out, written in one of these ways:

- a role word: （市财政局牵头落实）, （市统计局，市发展改革委负责）;
- bare unit names, even with a full stop inside: （市金融办、市财政局。）;
- labels (most plans since 2019): （牵头单位：X；责任单位：Y）, [责任单位：…],
  （责任单位：…；完成时限：…）.

:func:`responsibility_fields` returns the units of every label in written order (labels and
role words dropped; a 、 inside brackets such as 各县（市、区）政府 does not split a name) and the
完成时限 field, which the task reads as its time rule.
"""

from __future__ import annotations

import re

from gongkai.rules import orgnames

_ROLE_TAIL = re.compile(r"(?:按职责分工)?(?:分别)?(?:牵头|负责|配合|共同)?(?:落实|负责)$|牵头$")
# A role word after one unit of a list: 市政府办公室牵头，各县（市、区）政府配合.
_UNIT_ROLE = re.compile(
    r"(?:按职责分工)?(?:分别)?(?:牵头|负责|配合|共同|协助)?(?:落实|负责|配合|牵头)$"
)
_OPEN, _CLOSE = "（(［[【", "）)］]】"
UNIT_LABELS = (
    "牵头单位",
    "责任单位",
    "配合单位",
    "协办单位",
    "主办单位",
    "参与单位",
    "牵头部门",
    "责任部门",
    "配合部门",
    "主责单位",
    "责任主体",
)
TIME_LABELS = ("完成时限", "完成时间", "时限要求", "时间节点", "时限")
_LABEL = re.compile("(" + "|".join(UNIT_LABELS + TIME_LABELS) + r")\s*[:：]")
# How a unit name ends: a body, not a phrase (以下统称“五公开”, 含开发区).
_UNIT_END = re.compile(
    r"(?:局|委|办|厅|院|会|中心|政府|部门|单位|支行|分行|公司|办公室|室|处|所|站|队|团|社|馆|台"
    r"|署|集团|学院|大学|银行|管委会|街道|乡镇|部)$"
)
_NOT_UNIT = re.compile(r"[:：]|以下|统称|简称|包括|含|详见|试行|年|的|等内容")
_SENTENCE_END = "。；;！!？?"
_SEP_GUARD = "\ue000"


def _protect(s: str) -> str:
    """Separators inside nested brackets (各县(市、区)政府) are not unit separators."""
    out, depth = [], 0
    for ch in s:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(depth - 1, 0)
        out.append(_SEP_GUARD if depth and ch in "、,，;；" else ch)
    return "".join(out)


def _parts(s: str) -> list[str]:
    return [p.replace(_SEP_GUARD, "、") for p in re.split(r"[、,，;；]", _protect(s)) if p]


def is_unit_list(s: str) -> bool:
    """'市金融办、市财政局。' → True: every part is the name of a body."""
    core = orgnames.normalise(s)
    if not core or len(core) > 200 or _LABEL.search(core):
        return False
    parts = _parts(core)
    return bool(parts) and all(
        2 <= len(p) <= 25 and _UNIT_END.search(_UNIT_ROLE.sub("", p)) and not _NOT_UNIT.search(p)
        for p in parts
    )


def _closes_sentence(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else "。"
    after = text[end] if end < len(text) else "。"
    return before in _SENTENCE_END or after in _SENTENCE_END + "\n"


def is_responsibility(body: str) -> bool:
    core = orgnames.normalise(body)
    if len(body) > 200:
        return False
    return bool(_ROLE_TAIL.search(core)) or bool(_labelled(core))


def find_responsibilities(text: str) -> list[tuple[int, int, str]]:
    """(start, end, body) of every top-level responsibility parenthesis in ``text``."""
    found = []
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in _OPEN:
            stack.append(i)
        elif ch in _CLOSE and stack:
            start = stack.pop()
            if stack:
                continue
            body = text[start + 1 : i]
            if text[start] in "（(" and ch not in "）)":
                continue
            if is_responsibility(body) or (
                is_unit_list(body) and _closes_sentence(text, start, i + 1)
            ):
                found.append((start, i + 1, body))
    return found


def _labelled(core: str) -> list[tuple[str, str]]:
    """[(label, value)] of a labelled body; [] when it has no label."""
    marks = [m for m in _LABEL.finditer(core) if _depth_at(core, m.start()) == 0]
    if not marks:
        return []
    fields = []
    head = core[: marks[0].start()].strip("、,，;；:： ")
    if head:
        fields.append(("责任单位", head))
    for k, m in enumerate(marks):
        stop = marks[k + 1].start() if k + 1 < len(marks) else len(core)
        fields.append((m.group(1), core[m.end() : stop].strip("、,，;；:： ")))
    return fields


def _depth_at(s: str, pos: int) -> int:
    depth = 0
    for ch in s[:pos]:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(depth - 1, 0)
    return depth


def _units(value: str) -> list[str]:
    out = []
    for unit in _parts(_ROLE_TAIL.sub("", value)):
        unit = _UNIT_ROLE.sub("", unit)
        for tail in orgnames.COLLECTIVE_TAILS:
            if unit.endswith(tail):
                unit = unit[: -len(tail)]
        if unit and unit not in out:
            out.append(unit)
    return out


def responsibility_fields(body: str) -> tuple[list[str], str]:
    """(units in written order, the 完成时限 text or "") of a responsibility parenthesis."""
    core = orgnames.normalise(body)
    fields = _labelled(core)
    if not fields:
        return lead_units_of(body), ""
    units: list[str] = []
    when = ""
    for label, value in fields:
        if label in TIME_LABELS:
            when = when or value
        else:
            units.extend(u for u in _units(value) if u not in units)
    return units, when


def lead_units_of(body: str) -> list[str]:
    """The units of a responsibility parenthesis, in order, exactly as written."""
    core = orgnames.normalise(body)
    if _labelled(core):
        return responsibility_fields(body)[0]
    core = _ROLE_TAIL.sub("", core)
    return [u.replace(_SEP_GUARD, "、") for u in orgnames.split_units(_protect(core))]
