"""The notice around the plan: title, issuer, 文号, signing and printing dates."""

from __future__ import annotations

import re

from gongkai.rules.planparser.layout import _DATE, _TERMINAL, _parse_date, _squeeze
from gongkai.rules.planparser.model import ParsedPlan

_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d{1,4}\s*号")


def _read_header(plan: ParsedPlan, header: list[str]) -> None:
    dates = []
    for i, p in enumerate(header):
        s = p
        if not plan.doc_number:
            m = _DOC_NUMBER.search(s)
            if m and len(s) < 40:
                plan.doc_number = _squeeze(m.group(0)).replace("[", "〔").replace("]", "〕")
        if "关于印发" in s and s.endswith("通知") and not plan.title:
            plan.title = s
        if s.endswith("文件") and len(s) < 30 and not plan.issuer:
            plan.issuer = s[: -len("文件")]
        d = _parse_date(s)
        if d:
            dates.append((i, d, _DATE.match(s).group(4)))
        if re.fullmatch(r"\d{4}年.{0,20}工作要点", s):
            plan.plan_title = s
        elif not plan.plan_title:
            m = re.search(r"《(\d{4}年[^》]{0,30}工作要点)》", s)
            if m:
                plan.plan_title = m.group(1)
    for i, d, printed in dates:
        if printed:
            plan.printed_on = d
        elif plan.signed_on is None:
            plan.signed_on = d
            if i > 0 and len(header[i - 1]) < 30 and not header[i - 1].endswith(_TERMINAL):
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
