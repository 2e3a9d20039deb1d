"""Task tables flattened to text (分工方案 / 实施方案 copied out of a Word table).

Each row becomes lines: an optional number on its own line, the task, then its own unit line
(责任单位：… or the bare names) and often a time line (完成时限：… / 2021年6月底前 / 长期坚持).
:func:`rejoin_cells` turns the unit and time lines back into the responsibility parenthesis
the text form reads, so the row is a task like any other: "…。（责任单位：X；完成时限：Y）".
"""

from __future__ import annotations

import re

from gongkai.rules.planparser.responsibility import TIME_LABELS, UNIT_LABELS, is_unit_list

_LABEL_LINE = re.compile(
    r"^[（(\[［【]?(?P<label>" + "|".join(UNIT_LABELS + TIME_LABELS) + r")\s*[:：]\s*(?P<value>.+?)"
    r"[）)\]］】]?[。；;]?$"
)
_NUMBER_LINE = re.compile(r"^(?P<n>\d{1,2})[.．、]?$")
_TIME_LINE = re.compile(
    r"^(?:长期坚持|长期推进|持续推进|持续开展|长期|持续|常态化推进|常态化"
    r"|\d{4}年(?:\d{1,2}月(?:底|末|\d{1,2}日)?|底|年底|年末|内)(?:前|之前)?"
    r"|\d{1,2}月(?:底|末|\d{1,2}日)(?:前|之前)|年底前|年内"
    r"|(?:每|按)(?:周|月|季度|半年|年度?)(?:一次)?)[。；;]?$"
)
_DATE_LINE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日")  # the signature's date under a body's name
_TASK_END = ("。", "；", ";")


def _squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _next(lines: list[str], i: int) -> str:
    return next((_squeeze(s) for s in lines[i + 1 :] if s.strip()), "")


def _previous(out: list[str]) -> str:
    return next((s for s in reversed(out) if s), "")


def rejoin_cells(lines: list[str]) -> list[str]:
    """Cleaned lines (blank = paragraph break) → the same lines, unit/time cells folded back."""
    out: list[str] = []
    number = None
    resp = None  # index in ``out`` of the responsibility built from the last unit line
    for i, line in enumerate(lines):
        s = _squeeze(line)
        if not s:
            out.append(line)
            continue
        m = _NUMBER_LINE.match(s)
        if m:
            number = m.group("n")
            continue
        if number is not None:
            line = s = f"{number}.{s}"
            number = None
        m = _LABEL_LINE.match(s)
        if m and m.group("label") in TIME_LABELS and resp is not None:
            out[resp] = out[resp][:-1] + f"；{m.group('label')}：{m.group('value')}）"
            continue
        if resp is not None and _TIME_LINE.match(s):
            out[resp] = out[resp][:-1] + f"；完成时限：{s.rstrip('。；;')}）"
            continue
        prev = _previous(out)
        if m and m.group("label") in UNIT_LABELS and prev:
            out.append(f"（{m.group('label')}：{m.group('value')}）")
            resp = len(out) - 1
            continue
        if (
            prev.endswith(_TASK_END)
            and not prev.startswith(("抄送", "附件"))
            and not _DATE_LINE.match(_next(lines, i))
            and is_unit_list(s)
        ):
            out.append(f"（{s.rstrip('。；;')}）")
            resp = len(out) - 1
            continue
        resp = None
        out.append(line)
    return out
