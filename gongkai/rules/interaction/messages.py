"""Clocks of a citizen's message (政民互动): the deadline per type and the 3-month ceiling.

* Each type of message has a reply deadline in **working days** after the day of receipt (the
  day itself not counted), on the official working-day calendar. The defaults below are local
  practice (like 12345 and 市长信箱 systems) and configurable (``GONGKAI_MESSAGE_DEADLINES``).
* A message is *due soon* when its deadline is at most ``DUE_SOON_WORKDAYS`` working days away.
* Every valid message must be answered within **3 months** (the national website indicators
  veto a site where a valid message has gone unanswered longer; domain.md §5). The ceiling is
  counted in calendar days (90 days); warnings at 60, 80 and 90 days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..workdays import WorkCalendar

TYPES = [
    ("consult", "咨询"),
    ("suggest", "建议"),
    ("complain", "投诉"),
    ("help", "求助"),
    ("other", "其他"),
]
TYPE_LABELS = dict(TYPES)

# Working days after receipt; local practice, configurable.
DEFAULT_DEADLINES = {"consult": 5, "help": 5, "complain": 10, "suggest": 15, "other": 10}
DUE_SOON_WORKDAYS = 2

CEILING_DAYS = 90
CEILING_WARNINGS = (60, 80, 90)


@dataclass(frozen=True)
class Deadline:
    due_on: dt.date
    provisional: bool
    workdays: int
    explanation: str


def deadline(
    received: dt.date, kind: str, calendar: WorkCalendar, deadlines: dict | None = None
) -> Deadline:
    """The reply deadline of a message of ``kind`` received on ``received``."""
    table = {**DEFAULT_DEADLINES, **(deadlines or {})}
    if kind not in table:
        raise ValueError(f"unknown message type {kind!r}")
    n = int(table[kind])
    result = calendar.add_workdays(received, n)
    label = TYPE_LABELS.get(kind, kind)
    text = (
        f"{label}类留言自收到之日（{received.isoformat()}）起 {n} 个工作日内答复"
        f"（收到当日不计），截止 {result.date.isoformat()}"
    )
    if result.provisional:
        text += "（暂定：所涉年度放假安排尚未公布）"
    return Deadline(result.date, result.provisional, n, text)


def clock_state(
    due_on: dt.date,
    as_of: dt.date,
    calendar: WorkCalendar,
    *,
    answered_on: dt.date | None = None,
    due_soon: int = DUE_SOON_WORKDAYS,
) -> tuple[str, int]:
    """("answered"|"late_answered"|"overdue"|"due_soon"|"running", working days left or late)."""
    if answered_on is not None:
        if answered_on <= due_on:
            return "answered", 0
        return "late_answered", calendar.workdays_between(due_on, answered_on).days
    if as_of > due_on:
        return "overdue", calendar.workdays_between(due_on, as_of).days
    left = calendar.workdays_between(as_of, due_on).days
    return ("due_soon" if left <= due_soon else "running"), left


@dataclass(frozen=True)
class Ceiling:
    deadline_on: dt.date
    days_open: int
    warning: int | None  # the highest warning threshold reached (60/80/90), or None
    exceeded: bool

    @property
    def label(self) -> str:
        if self.exceeded:
            return f"已超过3个月未答复（{self.days_open} 天）"
        if self.warning:
            return f"已 {self.days_open} 天未答复（{self.warning} 天预警）"
        return ""


def ceiling(
    received: dt.date,
    as_of: dt.date,
    *,
    ceiling_days: int = CEILING_DAYS,
    warnings: tuple[int, ...] = CEILING_WARNINGS,
) -> Ceiling:
    """Where an unanswered message stands against the 3-month ceiling on ``as_of``."""
    days_open = max(0, (as_of - received).days)
    reached = [w for w in warnings if days_open >= w]
    return Ceiling(
        deadline_on=received + dt.timedelta(days=ceiling_days),
        days_open=days_open,
        warning=max(reached) if reached else None,
        exceeded=days_open > ceiling_days,
    )
