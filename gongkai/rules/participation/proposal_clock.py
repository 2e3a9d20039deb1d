"""Clocks of 人大代表建议 and 政协委员提案 (建议提案办理), with their explanation.

The periods are **local practice** (configurable; the national rules only say 3 months, and
6 months for complex cases, in the State Council's 办理工作 rules — each province sets its
own): the answer is due 3 months after assignment (交办), extendable to 6 months with approval;
a co-handling unit sends its opinion to the lead unit within 1 month; the reply is published
within 20 working days of its signing (a dated obligation). A due date that falls on a day off
moves to the next working day; results are provisional when a year has no announced schedule.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from dataclasses import dataclass, field

ANSWER_MONTHS = 3
EXTENDED_MONTHS = 6
CO_OPINION_MONTHS = 1
PUBLISH_WORKDAYS = 20
DUE_SOON_WORKDAYS = 10


@dataclass(frozen=True)
class Step:
    zh: str
    en: str


@dataclass
class Due:
    date: dt.date
    provisional: bool
    steps: list[Step] = field(default_factory=list)

    def label(self) -> str:
        return self.date.isoformat() + ("（暂定）" if self.provisional else "")


def add_months(d: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it has no such day)."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return dt.date(year, month, min(d.day, _cal.monthrange(year, month)[1]))


def _fmt(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _on_workday(d: dt.date, calendar, steps: list[Step]) -> tuple[dt.date, set[int]]:
    years = {d.year}
    moved = d
    while not calendar.is_workday(moved):
        moved += dt.timedelta(days=1)
        years.add(moved.year)
    if moved != d:
        steps.append(Step(f"{_fmt(d)}为休息日，顺延至{_fmt(moved)}。", f"{d} off: {moved}"))
    return moved, years


def _result(d, years, calendar, steps) -> Due:
    missing = sorted(y for y in years if not calendar.is_announced(y))
    if missing:
        steps.append(
            Step(f"{'、'.join(map(str, missing))}年节假日安排未公布，日期暂定。", "provisional")
        )
    return Due(d, bool(missing), steps)


def answer_due(
    assigned: dt.date,
    calendar,
    *,
    extended: bool = False,
    months: int = ANSWER_MONTHS,
    extended_months: int = EXTENDED_MONTHS,
) -> Due:
    n = extended_months if extended else months
    base = add_months(assigned, n)
    steps = [
        Step(f"交办日期{_fmt(assigned)}；办理期限{n}个月（本地做法，可配置）"
             + ("，已批准延期" if extended else "") + f"，即{_fmt(base)}。",
             f"assigned {assigned}; {n} months: {base}"),
    ]  # fmt: skip
    d, years = _on_workday(base, calendar, steps)
    return _result(d, years | {assigned.year}, calendar, steps)


def co_opinion_due(assigned: dt.date, calendar, *, months: int = CO_OPINION_MONTHS) -> Due:
    base = add_months(assigned, months)
    steps = [
        Step(
            f"协办单位应在交办后{months}个月内（{_fmt(base)}前）向主办单位提出协办意见。",
            f"co {base}",
        )
    ]
    d, years = _on_workday(base, calendar, steps)
    return _result(d, years | {assigned.year}, calendar, steps)


def publication_due(signed: dt.date, calendar, *, workdays: int = PUBLISH_WORKDAYS) -> Due:
    res = calendar.add_workdays(signed, workdays)
    steps = [Step(f"答复签发于{_fmt(signed)}，应在{workdays}个工作日内（{_fmt(res.date)}前）公开答复全文。",
                  f"publish within {workdays} working days: {res.date}")]  # fmt: skip
    return _result(res.date, set(range(signed.year, res.date.year + 1)), calendar, steps)


def state(
    due: dt.date, today: dt.date, calendar, *, done: bool, soon: int = DUE_SOON_WORKDAYS
) -> str:
    """done / overdue / due_soon / running."""
    if done:
        return "done"
    if today > due:
        return "overdue"
    if calendar.workdays_between(today, due).days <= soon:
        return "due_soon"
    return "running"


STATE_LABELS = {"done": "已办结", "overdue": "已超期", "due_soon": "即将到期", "running": "办理中"}
