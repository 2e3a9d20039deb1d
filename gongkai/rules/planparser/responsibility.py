"""Responsibility parentheses: where they are in a task's text.

A task closes with the units that carry it out, written in one of these ways:

- a role word: （市财政局牵头落实）, （市统计局，市发展改革委负责）;
- bare unit names, even with a full stop inside: （市金融办、市财政局。）, where the parenthesis
  closes a sentence;
- labels (most plans since 2019): （牵头单位：X；责任单位：Y）, [责任单位：…],
  （责任单位：…；完成时限：…）.

Reading the names (labels, role words, brackets inside names) is
:func:`gongkai.rules.orgnames.responsibility_fields`.
"""

from __future__ import annotations

from gongkai.rules import orgnames
from gongkai.rules.orgnames import TIME_LABELS, UNIT_LABELS, is_unit_list, responsibility_fields

__all__ = [
    "TIME_LABELS",
    "UNIT_LABELS",
    "find_responsibilities",
    "is_unit_list",
    "lead_units_of",
    "responsibility_fields",
]

_OPEN, _CLOSE = "（(［[【", "）)］]】"
_SENTENCE_END = "。；;！!？?"


def _closes_sentence(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else "。"
    after = text[end] if end < len(text) else "。"
    return before in _SENTENCE_END or after in _SENTENCE_END + "\n"


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
            if text[start] in "（(" and ch not in "）)":
                continue
            body = text[start + 1 : i]
            if orgnames.is_responsibility(body) or (
                is_unit_list(body) and _closes_sentence(text, start, i + 1)
            ):
                found.append((start, i + 1, body))
    return found


def lead_units_of(body: str) -> list[str]:
    """The units of a responsibility parenthesis, in order, exactly as written."""
    return responsibility_fields(body)[0]
