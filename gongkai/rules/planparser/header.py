"""The notice around the plan: title, issuer, 文号, signing and printing dates."""

from __future__ import annotations

import re

from gongkai.rules.planparser.layout import _TERMINAL, _squeeze, dated_line
from gongkai.rules.planparser.model import ParsedPlan

_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d{1,4}\s*号")
# The plan's own title: 2017年聊城市政务公开工作要点, 松阳市2021年…工作要点, …任务分工方案.
_KINDS = r"(?:工作要点|分工方案|实施方案|工作方案|任务清单)"
_PLAN_TITLE = re.compile(r"(?:[\u4e00-\u9fff]{2,10}?)?\d{4}年[^。，；：:《》]{0,40}?" + _KINDS)
_NOT_TITLE = re.compile(r"关于|印发|通知")


def _plan_title(s: str) -> str:
    if _PLAN_TITLE.fullmatch(s) and not _NOT_TITLE.search(s):
        return s
    return ""


def is_issuer_line(s: str) -> bool:
    """A signature line: a body's name on its own (青禾市人民政府办公室)."""
    return bool(
        s
        and len(s) < 30
        and not s.endswith(_TERMINAL)
        and re.search(r"(?:办公室|政府|局|委|办|厅|院|会|中心)$", s)
        and not re.search(r"[，,。；;：:]", s)
    )


def _read_header(plan: ParsedPlan, header: list[str]) -> None:
    dates = []
    for i, p in enumerate(header):
        s = p
        if not plan.doc_number:
            # a 文号 stands on its own line; one quoted in the notice is another document's
            m = _DOC_NUMBER.fullmatch(s)
            if m:
                plan.doc_number = _squeeze(m.group(0)).replace("[", "〔").replace("]", "〕")
        if "关于印发" in s and s.endswith("通知") and "。" not in s and not plan.title:
            plan.title = s
        if s.endswith("文件") and len(s) < 30 and not plan.issuer:
            plan.issuer = s[: -len("文件")]
        found = dated_line(s)
        if found:
            dates.append((i, *found))
        if _plan_title(s):
            plan.plan_title = s
        elif not plan.plan_title:
            for m in re.finditer(r"《([^》]{4,60})》", s):
                if _plan_title(m.group(1)):
                    plan.plan_title = m.group(1)
                    break
    for i, who, d, printed in dates:
        if printed:
            plan.printed_on = d
        elif plan.signed_on is None:
            plan.signed_on = d
            if who:
                plan.issuer = who
            elif (
                i > 0
                and is_issuer_line(header[i - 1])
                or (i > 0 and len(header[i - 1]) < 30 and not header[i - 1].endswith(_TERMINAL))
            ):
                plan.issuer = header[i - 1]
    if not plan.title:
        plan.title = plan.plan_title
    if not plan.issuer and plan.title:
        m = re.match(r"^(.+?)关于印发", plan.title)
        if m:
            plan.issuer = m.group(1)
    m = re.search(r"(\d{4})年", plan.plan_title or plan.title)
    if m:
        plan.year = int(m.group(1))
    elif plan.signed_on:
        plan.year = plan.signed_on.year
