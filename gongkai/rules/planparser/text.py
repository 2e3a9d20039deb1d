"""The text form: numbered sections to tasks."""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.rules import timerules
from gongkai.rules.planparser.header import _read_header, is_issuer_line
from gongkai.rules.planparser.layout import (
    _L1,
    _L2,
    _L3,
    _join_breaks,
    _paragraphs,
    _parse_date,
    _split_heading,
    _squeeze,
    break_inline,
    dated_line,
)
from gongkai.rules.planparser.model import LETTERS, ParsedPlan, ParsedTask, PlanParseError
from gongkai.rules.planparser.responsibility import find_responsibilities, responsibility_fields

_PUNCT = "。；;，,、 "


def _first_section(paras: list[str]) -> int | None:
    return next((i for i, p in enumerate(paras) if _L1.match(p) and len(p) < 80), None)


def _read_tail(plan: ParsedPlan, tail: list[str], body: list[str]) -> None:
    """The printing date (印发); a signature under the plan (实施方案 issued on their own) gives
    the signing date and issuer when the notice gave none. Never the printing date as signing."""
    for k, p in enumerate(tail):
        found = dated_line(p)
        if not found:
            continue
        who, d, printed = found
        if printed:
            plan.printed_on = plan.printed_on or d
        elif plan.signed_on is None:
            plan.signed_on = d
            before = tail[k - 1] if k > 0 else (body[-1] if body else "")
            if not who and is_issuer_line(before):
                who = before
                if k == 0:
                    body.pop()
            if who and not plan.issuer:
                plan.issuer = who
            if plan.year is None:
                plan.year = d.year


@dataclass
class _Node:
    level: int
    num: str
    heading: str
    body: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)


def parse_text(text: str, year: int | None = None) -> ParsedPlan:
    if "\ufffd" in text[:2000] and text.count("\ufffd") > 5:
        raise PlanParseError(
            "the text contains replacement characters: wrong encoding",
            "文件中有大量乱码，请确认编码（UTF-8 或 GB18030）。",
        )
    paras = _paragraphs(text)
    plan = ParsedPlan()
    # -- header: everything before the first level-1 heading --
    first = _first_section(paras)
    inline = first is None
    if inline:  # sections running inline: 一、 and （一） in the middle of a line
        paras = _paragraphs(break_inline(text))
        first = _first_section(paras)
    flat = False
    if first is None:  # a task table of numbered rows without sections (1. / 2. …)
        paras = _paragraphs(text)
        first = next((i for i, p in enumerate(paras) if _L3.match(p)), None)
        flat = first is not None
    if first is None:
        raise PlanParseError(
            "not a plan: no numbered sections (一、 二、 …) found",
            "这不是工作要点：找不到“一、”“二、”等编号的部分。",
        )
    header, body_paras = paras[:first], paras[first:]
    _read_header(plan, header)
    # -- the end: 抄送, the signature and the printing date --
    end = len(body_paras)
    for i, p in enumerate(body_paras):
        if p.startswith(("抄送", "附件：", "附件:")) or (_parse_date(p) and i > 0):
            end = i
            break
    tail = body_paras[end:]
    body_paras = body_paras[:end]
    _read_tail(plan, tail, body_paras)
    # Signature line right before the printed date (no 抄送): drop an issuer name.
    while body_paras and body_paras[-1] == plan.issuer:
        body_paras.pop()
    if year is not None:
        plan.year = year
    body_paras = _join_breaks(body_paras)
    roots = _tree(body_paras, flat=flat)
    plan.tasks = _tasks(roots, plan.year)
    for r in roots:
        plan.sections[r.num] = r.heading
        for c in r.children:
            plan.sections[r.num + "/" + c.num] = c.heading
    if (inline or flat) and not any(t.lead_units for t in plan.tasks):
        # prose that happens to count 一、二、: without a single responsible unit it is no plan
        raise PlanParseError(
            "not a plan: no numbered sections (一、 二、 …) at the start of a line, and no "
            "responsible units in the inline ones",
            "这不是工作要点：找不到“一、”“二、”等编号的部分，也没有责任单位。",
        )
    if not plan.tasks:
        raise PlanParseError(
            "not a plan: no tasks found under the numbered sections",
            "这不是工作要点：编号部分下没有找到任何任务。",
        )
    return plan


def _tree(paras: list[str], flat: bool = False) -> list[_Node]:
    """Numbered paragraphs → section nodes; ``flat``: numbered rows (1. 2. …) are the sections."""
    roots: list[_Node] = []
    l1 = l2 = l3 = None
    for p in paras:
        m1, m2, m3 = _L1.match(p), _L2.match(p), _L3.match(p)
        if flat and m3:
            heading, rest = _split_heading(m3.group("rest"))
            l1 = _Node(1, str(int(m3.group("num"))), heading.strip("。 "))
            if rest:
                l1.body.append(rest)
            roots.append(l1)
        elif flat:
            if l1 is not None:
                l1.body.append(p)
        elif m1 and len(p) < 200:
            heading, rest = _split_heading(m1.group("rest"))
            l1 = _Node(1, m1.group("num"), heading.strip("。 ") or rest[:30])
            if rest and heading:
                l1.body.append(rest)
            roots.append(l1)
            l2 = l3 = None
        elif m2 and l1 is not None:
            heading, rest = _split_heading(m2.group("rest"))
            l2 = _Node(2, "（" + m2.group("num") + "）", heading.strip("。 "))
            if rest:
                l2.body.append(rest)
            l1.children.append(l2)
            l3 = None
        elif m3 and l1 is not None:
            heading, rest = _split_heading(m3.group("rest"))
            l3 = _Node(3, str(int(m3.group("num"))), heading.strip("。 "))
            if rest:
                l3.body.append(rest)
            (l2 or l1).children.append(l3)
        else:
            target = l3 or l2 or l1
            if target is not None:
                target.body.append(p)
    return roots


def _tasks(roots: list[_Node], year: int | None) -> list[ParsedTask]:
    tasks: list[ParsedTask] = []

    def emit(path: list[str], node: _Node, with_children: bool) -> None:
        text = "\n".join(node.body)
        if not text and not node.heading:
            return
        spans = find_responsibilities(text)
        if with_children and not spans:
            return  # an introduction to the numbered items below it
        if not text.strip() and with_children:
            return
        tasks.extend(_split_task(path, node.heading, text, spans, year))

    for r in roots:
        if not r.children:
            emit([r.num], r, False)
            continue
        if r.body:
            emit([r.num], r, True)
        for c in r.children:
            if c.level == 3:
                emit([r.num, c.num], c, False)
                continue
            if c.body or not c.children:
                emit([r.num, c.num], c, bool(c.children))
            for g in c.children:
                emit([r.num, c.num, g.num], g, False)
    return tasks


def _rules(heading: str, text: str, year) -> list[timerules.TimeRule]:
    """The rules of a heading and its text; a heading that only restates a rule of the text
    (1. 按月公开财政收支。每月公开上月财政收支情况…) does not count it twice."""
    body = timerules.extract(text, year) if text else []
    if not heading or heading == text:
        return body
    keys = {r.key() for r in body}
    head = [r for r in timerules.extract(heading, year) if r.key() not in keys]
    return head + body


def _split_task(path, heading, text, spans, year) -> list[ParsedTask]:
    if not spans:
        text = text.strip() or heading
        return [
            ParsedTask(
                list(path),
                heading,
                text,
                applies_to_all=True,
                obligations=_rules(heading, text, year),
            )
        ]
    segments = []
    start = 0
    for i, (s, e, body) in enumerate(spans):
        seg_text = text[start:s]
        if i == len(spans) - 1:
            trailing = text[e:].strip()
            if trailing.strip(_PUNCT):
                seg_text += "\n" + trailing
        segments.append((seg_text.strip().lstrip(_PUNCT).strip(), body))
        start = e
    out = []
    for i, (seg_text, body) in enumerate(segments):
        task_path = list(path) + ([LETTERS[i]] if len(segments) > 1 else [])
        seg_text = seg_text or (heading if i == 0 else "")
        units, when = responsibility_fields(body)
        rules = _rules(heading if i == 0 else "", seg_text, year)
        if when:
            keys = {r.key() for r in rules}
            stated = timerules.extract(when, year) or [
                timerules.TimeRule(when, "continuous", what=seg_text[:60])
            ]
            rules += [r for r in stated if r.key() not in keys]
        out.append(
            ParsedTask(
                task_path,
                heading,
                seg_text,
                lead_units=units,
                responsibility=_squeeze(body),
                obligations=rules,
            )
        )
    return out
