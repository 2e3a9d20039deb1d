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


def split_units(parenthesis_body: str) -> list[str]:
    """Unit names of a responsibility parenthesis, in order, as written."""
    units = []
    for unit in re.split(r"[、,，;；]", strip_role(parenthesis_body)):
        for tail in COLLECTIVE_TAILS:
            if unit.endswith(tail):
                unit = unit[: -len(tail)]
        if unit:
            units.append(unit)
    return units


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
