"""Organisation names as the plans write them (domain.md section 2).

Plans name the same body many ways (市发改委 / 市发展改革委 / 市发展和改革委员会). This module
normalises spellings, splits a responsibility parenthesis into unit names, expands distributive
phrases (市、县区、市属开发区政务服务管理部门) and ranks near misses for "did you mean".
The database side (which names exist) lives in ``gongkai.orgs``.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

# Endings that say how a unit takes part, not who it is (issue: lead_units drop them).
ROLE_SUFFIXES = (
    "按职责分工分别牵头落实",
    "按职责分工牵头落实",
    "分别牵头落实",
    "牵头落实",
    "负责落实",
    "配合落实",
    "落实",
)
COLLECTIVE_TAILS = ("等部门", "等单位")

# Bare area words that can stand before a shared function word: 市、县区、市属开发区政务服务管理部门
AREA_WORDS = ("市属开发区", "各县市区", "各县区", "县市区", "县区", "各县", "市", "县", "区")


def normalise(name: str) -> str:
    """Canonical form for comparing spellings: NFKC, no spaces or line breaks, no # marks."""
    s = unicodedata.normalize("NFKC", name or "")
    s = re.sub(r"[\s#]+", "", s)
    return s.strip("、,，;；.。")


def strip_role(text: str) -> str:
    """Drop the trailing 牵头落实 / 负责落实 ... and 等部门 from a parenthesis body."""
    s = normalise(text)
    for suffix in ROLE_SUFFIXES:
        if s.endswith(suffix):
            s = s[: -len(suffix)]
            break
    for tail in COLLECTIVE_TAILS:
        if s.endswith(tail):
            s = s[: -len(tail)]
    return s


# Labelled responsibility (most plans since 2019): （牵头单位：X；责任单位：Y；完成时限：Z）.
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
_ROLE_TAIL = re.compile(r"(?:按职责分工)?(?:分别)?(?:牵头|负责|配合|共同)?(?:落实|负责)$|牵头$")
# A role word after one unit of a list: 市政府办公室牵头，各县（市、区）政府配合.
_UNIT_ROLE = re.compile(
    r"(?:按职责分工)?(?:分别)?(?:牵头|负责|配合|共同|协助)?(?:落实|负责|配合|牵头)$"
)
_OPEN, _CLOSE = "（(［[【", "）)］]】"
# How a unit name ends: a body, not a phrase (以下统称“五公开”, 含开发区).
_UNIT_END = re.compile(
    r"(?:局|委|办|厅|院|会|中心|政府|部门|单位|支行|分行|公司|办公室|室|处|所|站|队|团|社|馆|台"
    r"|署|集团|学院|大学|银行|管委会|街道|乡镇|部)$"
)
_NOT_UNIT = re.compile(r"[:：]|以下|统称|简称|包括|含|详见|试行|年|的|等内容")
_SEP_GUARD = "\ue000"


def _depth_at(s: str, pos: int) -> int:
    depth = 0
    for ch in s[:pos]:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(depth - 1, 0)
    return depth


def _parts(s: str) -> list[str]:
    """Split at 、 ， ； except inside brackets: 各县（市、区）政府 stays one name."""
    out, depth = [], 0
    for ch in s:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(depth - 1, 0)
        out.append(_SEP_GUARD if depth and ch in "、,，;；" else ch)
    return [p.replace(_SEP_GUARD, "、") for p in re.split(r"[、,，;；]", "".join(out)) if p]


def labelled_fields(body: str) -> list[tuple[str, str]]:
    """[(label, value)] of a labelled parenthesis body, in written order; [] without labels.
    Names before the first label count as 责任单位."""
    core = normalise(body)
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


def _plain_units(value: str) -> list[str]:
    units: list[str] = []
    core = strip_role(_ROLE_TAIL.sub("", normalise(value)))
    core = re.sub(r"(?:按职责分工|分别)+$", "", core)
    for unit in _parts(core):
        unit = _UNIT_ROLE.sub("", unit)
        for tail in COLLECTIVE_TAILS:
            if unit.endswith(tail):
                unit = unit[: -len(tail)]
        if unit and unit not in units:
            units.append(unit)
    return units


def responsibility_fields(parenthesis_body: str) -> tuple[list[str], str]:
    """(unit names in written order, the 完成时限 text or "") of a responsibility parenthesis.
    Labels and role words (牵头, 配合, 按职责分工落实) are dropped."""
    fields = labelled_fields(parenthesis_body)
    if not fields:
        return _plain_units(parenthesis_body), ""
    units: list[str] = []
    when = ""
    for label, value in fields:
        if label in TIME_LABELS:
            when = when or value
        else:
            units.extend(u for u in _plain_units(value) if u not in units)
    return units, when


def split_units(parenthesis_body: str) -> list[str]:
    """Unit names of a responsibility parenthesis, in order, as written."""
    return responsibility_fields(parenthesis_body)[0]


def is_unit_list(text: str) -> bool:
    """'市金融办、市财政局。' → True: every part is the name of a body (a bare parenthesis)."""
    core = normalise(text)
    if not core or len(core) > 200 or _LABEL.search(core):
        return False
    parts = _parts(core)
    return bool(parts) and all(
        2 <= len(p) <= 25 and _UNIT_END.search(_UNIT_ROLE.sub("", p)) and not _NOT_UNIT.search(p)
        for p in parts
    )


def is_responsibility(body: str) -> bool:
    """A parenthesis that names who carries a task out: a role word or a label."""
    core = normalise(body)
    return len(body) <= 200 and bool(_ROLE_TAIL.search(core) or labelled_fields(core))


def expand_distributive(units: list[str]) -> list[str]:
    """市、县区、市属开发区政务服务管理部门 → 市政务服务管理部门, 县区政务服务管理部门, ...

    When leading units are bare area words and the last unit is an area word plus a function,
    the function applies to each of them.
    """
    if len(units) < 2:
        return list(units)
    last = units[-1]
    area = next((a for a in AREA_WORDS if last.startswith(a) and len(last) > len(a)), None)
    if area is None or not all(u in AREA_WORDS for u in units[:-1]):
        return list(units)
    function = last[len(area) :]
    return [u + function for u in units[:-1]] + [last]


def suggestions(name: str, candidates: Iterable[str], limit: int = 5) -> list[str]:
    """The candidate spellings closest to ``name`` (best first)."""
    target = normalise(name)
    scored: dict[str, float] = {}
    for cand in candidates:
        c = normalise(cand)
        if not c:
            continue
        ratio = difflib.SequenceMatcher(None, target, c).ratio()
        # Shared characters matter more than order for abbreviations (发改委 ⊂ 发展和改革委员会).
        overlap = len(set(target) & set(c)) / max(len(set(target)), 1)
        score = 0.6 * ratio + 0.4 * overlap
        if score > scored.get(cand, 0):
            scored[cand] = score
    ranked = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))
    return [name for name, score in ranked[:limit] if score >= 0.35]
