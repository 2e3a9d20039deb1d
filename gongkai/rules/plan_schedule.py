"""Due dates and states of plan obligations (the rules behind 督查).

- A recurring rule makes one instance per period of the plan year (week, month, quarter,
  half-year, year, or N-day windows over a staff-set season); each is due ``lag`` working days
  after its period ends (default 20, the legal limit for proactive disclosure, 条例 Art. 26).
- A deadline makes one instance due on its date (a yearly ``MM-DD`` in the plan year).
- A relative rule makes one instance per occurrence of its event, due N working days, days or
  hours after it.
- A continuous rule makes one standing instance for the year with no due date.

Working days come from a :class:`gongkai.rules.workdays.WorkCalendar`; every due date that
rests on an unannounced year is ``provisional`` (shown as 暂定). No Django import.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from dataclasses import dataclass

from gongkai.rules.workdays import WorkCalendar

DEFAULT_LAG_WORKDAYS = 20
DEFAULT_SOON_DAYS = 7

# Instance states
UPCOMING = "upcoming"
DUE_SOON = "due_soon"
ON_TIME = "on_time"
LATE = "late"
MISSED = "missed"
WAITING = "waiting"  # a relative rule whose event has no date yet
ONGOING = "ongoing"  # a continuous rule
STATE_LABELS = {
    UPCOMING: "未到期",
    DUE_SOON: "即将到期",
    ON_TIME: "按时完成",
    LATE: "逾期完成",
    MISSED: "逾期未完成",
    WAITING: "待定（等待事件日期）",
    ONGOING: "持续进行",
}
# Traffic light for the supervision tree.
STATE_COLOUR = {
    ON_TIME: "green",
    ONGOING: "green",
    UPCOMING: "green",
    WAITING: "grey",
    DUE_SOON: "amber",
    LATE: "amber",
    MISSED: "red",
}


@dataclass(frozen=True)
class Period:
    label: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class PlannedInstance:
    label: str
    period_start: dt.date | None
    period_end: dt.date | None
    due_date: dt.date | None
    due_at: dt.datetime | None = None  # rules counted in hours
    provisional: bool = False


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _cal.monthrange(year, month)[1])


def periods(every: str, year: int, season: tuple[dt.date, dt.date] | None = None) -> list[Period]:
    """The periods of ``year`` for a recurring rule."""
    if every == "month":
        return [
            Period(f"{year}年{m}月", dt.date(year, m, 1), _month_end(year, m)) for m in range(1, 13)
        ]
    if every == "quarter":
        names = "一二三四"
        return [
            Period(
                f"{year}年第{names[q]}季度",
                dt.date(year, q * 3 + 1, 1),
                _month_end(year, q * 3 + 3),
            )
            for q in range(4)
        ]
    if every == "half_year":
        return [
            Period(f"{year}年上半年", dt.date(year, 1, 1), dt.date(year, 6, 30)),
            Period(f"{year}年下半年", dt.date(year, 7, 1), dt.date(year, 12, 31)),
        ]
    if every == "year":
        return [Period(f"{year}年", dt.date(year, 1, 1), dt.date(year, 12, 31))]
    start, stop = season or (dt.date(year, 1, 1), dt.date(year, 12, 31))
    if every == "week":
        out, d = [], start - dt.timedelta(days=start.weekday())
        n = 1
        while d <= stop:
            a, b = max(d, start), min(d + dt.timedelta(days=6), stop)
            out.append(Period(f"{year}年第{n}周（{a:%m-%d}—{b:%m-%d}）", a, b))
            d += dt.timedelta(days=7)
            n += 1
        return out
    if every.endswith("_days"):
        step = int(every.split("_")[0])
        out, d, n = [], start, 1
        while d <= stop:
            b = min(d + dt.timedelta(days=step - 1), stop)
            out.append(Period(f"{d:%m-%d}—{b:%m-%d}", d, b))
            d = b + dt.timedelta(days=1)
            n += 1
        return out
    raise ValueError(f"unknown period {every!r}")


def parse_due(due: str, year: int) -> dt.date:
    """'06-30' in ``year``, or a full 'YYYY-MM-DD'."""
    if len(due) == 5:
        month, day = (int(x) for x in due.split("-"))
        return dt.date(year, month, min(day, _cal.monthrange(year, month)[1]))
    return dt.date.fromisoformat(due)


def parse_within(within: str) -> tuple[int, str]:
    n, _, unit = (within or "").partition(" ")
    return int(n), unit or "working_days"


def recurring_instances(
    every: str,
    year: int,
    cal: WorkCalendar,
    lag: int = DEFAULT_LAG_WORKDAYS,
    season: tuple[dt.date, dt.date] | None = None,
) -> list[PlannedInstance]:
    out = []
    for p in periods(every, year, season):
        due = cal.add_workdays(p.end, lag)
        out.append(PlannedInstance(p.label, p.start, p.end, due.date, provisional=due.provisional))
    return out


def deadline_instance(due: str, year: int, cal: WorkCalendar) -> PlannedInstance:
    d = parse_due(due, year)
    start = dt.date(year, 1, 1) if d.year >= year else dt.date(d.year, 1, 1)
    return PlannedInstance(
        f"{d.year}年{d.month}月{d.day}日前", start, d, d, provisional=not cal.is_announced(d.year)
    )


def relative_instance(
    within: str, event_at: dt.datetime, cal: WorkCalendar, label: str = ""
) -> PlannedInstance:
    n, unit = parse_within(within)
    start = event_at.date()
    if unit == "hours":
        due_at = event_at + dt.timedelta(hours=n)
        return PlannedInstance(label, start, start, due_at.date(), due_at=due_at)
    if unit == "days":
        d = start + dt.timedelta(days=n)
        return PlannedInstance(label, start, start, d, provisional=not cal.is_announced(d.year))
    res = cal.add_workdays(start, n)
    return PlannedInstance(label, start, start, res.date, provisional=res.provisional)


def continuous_instance(year: int) -> PlannedInstance:
    return PlannedInstance(f"{year}年（持续）", dt.date(year, 1, 1), dt.date(year, 12, 31), None)


def state(
    *,
    kind: str,
    due_date: dt.date | None,
    fulfilled_on: dt.date | None,
    today: dt.date,
    waiting: bool = False,
    soon_days: int = DEFAULT_SOON_DAYS,
    due_at: dt.datetime | None = None,
    fulfilled_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> str:
    """The state of one instance on ``today``."""
    if kind == "continuous":
        return ONGOING
    if waiting or due_date is None:
        return WAITING
    if due_at is not None and fulfilled_at is not None:
        return ON_TIME if fulfilled_at <= due_at else LATE
    if fulfilled_on is not None:
        return ON_TIME if fulfilled_on <= due_date else LATE
    if due_at is not None and now is not None:
        if now > due_at:
            return MISSED
        return DUE_SOON
    if today > due_date:
        return MISSED
    if (due_date - today).days <= soon_days:
        return DUE_SOON
    return UPCOMING


def task_colour(states: list[str]) -> str:
    """Worst colour of a task's instance states: red > amber > green (grey if nothing is due)."""
    colours = {STATE_COLOUR.get(s, "grey") for s in states}
    for c in ("red", "amber", "green"):
        if c in colours:
            return c
    return "grey"


def on_time_share(states: list[str]) -> tuple[int, int]:
    """(fulfilled on time, instances that counted): due instances only (not upcoming/waiting)."""
    counted = [s for s in states if s in (ON_TIME, LATE, MISSED)]
    return sum(1 for s in counted if s == ON_TIME), len(counted)
