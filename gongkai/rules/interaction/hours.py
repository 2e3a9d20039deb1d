"""Hour clocks of a response event (舆情回应; 六(三) of the seeds, domain.md).

For a 特别重大 or 重大 emergency: authoritative information within **5 hours** of learning of
it, and a press conference within **24 hours**. For other levels: a response within **48
hours** (local practice, configurable per level, ``GONGKAI_RESPONSE_CLOCKS``). Clocks count
real hours from the moment staff learnt of the event (Asia/Shanghai), over nights and holidays.

A clock stops at the first act that satisfies it (for "info": a published catalog item or a
response statement linked to the event, or a press conference; for "conference": a press
conference). A clock whose act came after its deadline, or that has none yet after it, is
overdue by its lateness.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

LEVELS = [
    ("extreme", "特别重大"),
    ("major", "重大"),
    ("large", "较大"),
    ("general", "一般"),
]
LEVEL_LABELS = dict(LEVELS)

CLOCK_LABELS = {"info": "发布权威信息", "conference": "召开新闻发布会", "response": "作出回应"}

# level -> [(clock kind, hours)]
DEFAULT_CLOCKS = {
    "extreme": [("info", 5), ("conference", 24)],
    "major": [("info", 5), ("conference", 24)],
    "large": [("response", 48)],
    "general": [("response", 48)],
}

# which acts satisfy which clock
SATISFIED_BY = {
    "info": {"statement", "item", "conference"},
    "response": {"statement", "item", "conference"},
    "conference": {"conference"},
}


@dataclass(frozen=True)
class Act:
    kind: str  # "statement" | "item" | "conference"
    at: dt.datetime


@dataclass(frozen=True)
class HourClock:
    kind: str
    hours: int
    deadline: dt.datetime
    stopped_at: dt.datetime | None
    state: str  # "met" | "late" | "running" | "overdue"
    left: dt.timedelta  # time left (running) or lateness (late / overdue)

    @property
    def label(self) -> str:
        return CLOCK_LABELS.get(self.kind, self.kind)

    @property
    def lateness(self) -> dt.timedelta | None:
        return self.left if self.state in ("late", "overdue") else None


def describe_delta(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    h, m = divmod(abs(minutes), 60)
    return f"{h} 小时 {m} 分" if h else f"{m} 分钟"


def clocks(
    level: str,
    learnt_at: dt.datetime,
    acts: list[Act],
    now: dt.datetime,
    table: dict | None = None,
) -> list[HourClock]:
    """The clocks of an event of ``level`` learnt of at ``learnt_at`` (aware datetimes)."""
    if learnt_at.tzinfo is None or now.tzinfo is None:
        raise ValueError("learnt_at and now must be aware datetimes")
    table = {**DEFAULT_CLOCKS, **(table or {})}
    if level not in table:
        raise ValueError(f"unknown level {level!r}")
    out = []
    for kind, hours in table[level]:
        deadline = learnt_at + dt.timedelta(hours=int(hours))
        ok = sorted(a.at for a in acts if a.kind in SATISFIED_BY.get(kind, set()))
        ok = [t for t in ok if t >= learnt_at] or ok
        if ok:
            stopped = ok[0]
            if stopped <= deadline:
                out.append(HourClock(kind, hours, deadline, stopped, "met", dt.timedelta(0)))
            else:
                out.append(HourClock(kind, hours, deadline, stopped, "late", stopped - deadline))
        elif now <= deadline:
            out.append(HourClock(kind, hours, deadline, None, "running", deadline - now))
        else:
            out.append(HourClock(kind, hours, deadline, None, "overdue", now - deadline))
    return out
