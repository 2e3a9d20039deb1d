"""Working days of the official Chinese calendar (domain.md section 7).

A :class:`WorkCalendar` answers whether a date is a working day. Its knowledge comes, per year,
from (in order of precedence):

1. a staff-entered schedule (a State Council holiday notice typed in or imported), then
2. the official schedules shipped by the ``chinese-calendar`` package, then
3. nothing: the year is *unannounced*. For such a year the calendar still answers, using
   Monday–Friday minus the fixed-date statutory holidays (元旦 1.1, 劳动节 5.1, 国庆节 10.1–10.3),
   but every answer that relied on it is flagged **provisional**.

Counting follows the law: the day of receipt is not counted; day 1 is the first working day
after it (《政府信息公开条例》 Art. 33 as read in domain.md section 3).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import chinese_calendar

# Fixed-date statutory holidays used only to guess an unannounced year (always provisional).
_GUESSED_FIXED_HOLIDAYS = {(1, 1), (5, 1), (10, 1), (10, 2), (10, 3)}


def official_years() -> range:
    """Years whose schedule the installed chinese-calendar package knows."""
    years = sorted({d.year for d in chinese_calendar.constants.holidays})
    return range(years[0], years[-1] + 1)


@dataclass(frozen=True)
class YearSchedule:
    """One year's exceptions to the Monday–Friday week, as a holiday notice states them."""

    year: int
    holidays: frozenset[dt.date] = frozenset()  # weekdays (or any day) that are not worked
    workdays: frozenset[dt.date] = frozenset()  # weekend days that are worked (调休)
    source: str = "staff"

    def is_workday(self, d: dt.date) -> bool:
        if d in self.workdays:
            return True
        if d in self.holidays:
            return False
        return d.weekday() < 5


@dataclass(frozen=True)
class WorkdayResult:
    """A computed date and whether it rests on an unannounced year."""

    date: dt.date
    provisional: bool
    unannounced_years: tuple[int, ...] = ()

    def __str__(self) -> str:
        return self.date.isoformat() + (" provisional" if self.provisional else "")


@dataclass(frozen=True)
class CountResult:
    days: int
    provisional: bool
    unannounced_years: tuple[int, ...] = ()


@dataclass
class WorkCalendar:
    """The official calendar plus staff-entered years."""

    staff_years: Mapping[int, YearSchedule] = field(default_factory=dict)
    use_official: bool = True

    def __post_init__(self) -> None:
        self._official = official_years() if self.use_official else range(0)

    # -- what is known ---------------------------------------------------------------------
    def is_announced(self, year: int) -> bool:
        return year in self.staff_years or year in self._official

    def source_of(self, year: int) -> str:
        if year in self.staff_years:
            return self.staff_years[year].source
        if year in self._official:
            return "chinese-calendar"
        return "unannounced"

    def is_workday(self, d: dt.date) -> bool:
        schedule = self.staff_years.get(d.year)
        if schedule is not None:
            return schedule.is_workday(d)
        if d.year in self._official:
            return chinese_calendar.is_workday(d)
        return d.weekday() < 5 and (d.month, d.day) not in _GUESSED_FIXED_HOLIDAYS

    def day_kind(self, d: dt.date) -> str:
        """'workday', 'makeup' (a worked weekend day), 'holiday' or 'weekend'."""
        work = self.is_workday(d)
        weekend = d.weekday() >= 5
        if work:
            return "makeup" if weekend else "workday"
        return "weekend" if weekend else "holiday"

    def holiday_name(self, d: dt.date) -> str | None:
        if d.year in self.staff_years or d.year not in self._official:
            return None
        on_holiday, name = chinese_calendar.get_holiday_detail(d)
        return _HOLIDAY_NAMES.get(name, name) if name else None

    # -- counting -------------------------------------------------------------------------
    def add_workdays(self, start: dt.date, n: int) -> WorkdayResult:
        """The date that is the n-th working day after ``start`` (``start`` itself not counted).

        ``n == 0`` returns ``start``. Negative ``n`` counts backwards.
        """
        if isinstance(start, dt.datetime):
            start = start.date()
        years = {start.year}
        d = start
        step = 1 if n >= 0 else -1
        remaining = abs(n)
        while remaining:
            d += dt.timedelta(days=step)
            years.add(d.year)
            if self.is_workday(d):
                remaining -= 1
        return self._result(d, years)

    def workdays_between(self, a: dt.date, b: dt.date) -> CountResult:
        """Working days after ``a`` up to and including ``b`` (0 when b <= a)."""
        if b <= a:
            return CountResult(0, *self._flags({a.year, b.year}))
        count = 0
        d = a
        while d < b:
            d += dt.timedelta(days=1)
            if self.is_workday(d):
                count += 1
        years = set(range(a.year, b.year + 1))
        return CountResult(count, *self._flags(years))

    def workdays_in(self, start: dt.date, end: dt.date) -> CountResult:
        """Working days from ``start`` to ``end``, both inclusive."""
        return self.workdays_between(start - dt.timedelta(days=1), end)

    def next_workday(self, d: dt.date) -> WorkdayResult:
        return self.add_workdays(d, 1)

    def _flags(self, years: Iterable[int]) -> tuple[bool, tuple[int, ...]]:
        missing = tuple(sorted(y for y in set(years) if not self.is_announced(y)))
        return bool(missing), missing

    def _result(self, d: dt.date, years: Iterable[int]) -> WorkdayResult:
        return WorkdayResult(d, *self._flags(years))


_HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}

_default = WorkCalendar()


def default_calendar() -> WorkCalendar:
    """The calendar with only the official schedules (no staff-entered years)."""
    return _default


def add_workdays(start: dt.date, n: int, calendar: WorkCalendar | None = None) -> WorkdayResult:
    return (calendar or _default).add_workdays(start, n)


def workdays_between(a: dt.date, b: dt.date, calendar: WorkCalendar | None = None) -> CountResult:
    return (calendar or _default).workdays_between(a, b)


def is_workday(d: dt.date, calendar: WorkCalendar | None = None) -> bool:
    return (calendar or _default).is_workday(d)


# -- the import format ----------------------------------------------------------------------
class CalendarFileError(ValueError):
    """A calendar file row that cannot be read; ``line`` is 1-based."""

    def __init__(self, line: int, message: str):
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


@dataclass
class ParsedDay:
    line: int
    date: dt.date
    kind: str  # "holiday" or "workday"
    name: str


KIND_WORDS = {
    "holiday": "holiday",
    "休": "holiday",
    "放假": "holiday",
    "假": "holiday",
    "workday": "workday",
    "班": "workday",
    "上班": "workday",
    "调休上班": "workday",
}


def parse_calendar_rows(
    rows: Iterable[tuple[int, dict]],
) -> tuple[list[ParsedDay], list[CalendarFileError]]:
    """Validate rows of the calendar import format (see docs/calendar.md).

    Each row has ``date`` (YYYY-MM-DD), ``kind`` (holiday/workday, or 休/班) and optional ``name``.
    Returns the good rows and one error per bad row, so good rows can still be stored.
    """
    good: list[ParsedDay] = []
    errors: list[CalendarFileError] = []
    seen: dict[dt.date, int] = {}
    for line, row in rows:
        raw_date = str(row.get("date") or "").strip()
        raw_kind = str(row.get("kind") or "").strip()
        name = str(row.get("name") or "").strip()
        try:
            day = dt.date.fromisoformat(raw_date)
        except ValueError:
            errors.append(
                CalendarFileError(line, f"invalid date {raw_date!r} (expected YYYY-MM-DD)")
            )
            continue
        kind = KIND_WORDS.get(raw_kind.lower(), KIND_WORDS.get(raw_kind))
        if kind is None:
            errors.append(
                CalendarFileError(line, f"invalid kind {raw_kind!r} (expected holiday or workday)")
            )
            continue
        if kind == "workday" and day.weekday() < 5:
            errors.append(
                CalendarFileError(
                    line, f"{day} is a weekday; a make-up working day must fall on a weekend"
                )
            )
            continue
        if day in seen:
            errors.append(CalendarFileError(line, f"{day} already given on line {seen[day]}"))
            continue
        seen[day] = line
        good.append(ParsedDay(line, day, kind, name))
    return good, errors
