"""Periods of a data series, from the same time rules the plans use (按月, 每周, 每五日 ...).

A dataset's update frequency is a time rule's ``every`` (``week``, ``month``, ``quarter``,
``half_year``, ``year`` or ``N_days``) plus, for seasonal rules (夏秋粮收购旺季每五日), a season
given as month-day bounds applied to every year. The periods themselves come from
:func:`gongkai.rules.plan_schedule.periods`, so a dataset and the plan obligation that asks for it
count the same periods; a period is due ``lag`` working days after it ends (plan_schedule).

A period's **key** is what the API and the downloads use: ``2026-03`` (month), ``2026-Q1``,
``2026-H1``, ``2026`` (year), and the ISO start date for weeks and N-day windows
(``2026-06-01``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from gongkai.rules import plan_schedule, timerules

EVERY_CHOICES = ("week", "month", "quarter", "half_year", "year", "5_days", "10_days")
_CN_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


class PeriodError(ValueError):
    """A period cell or parameter that names no period of the dataset (message in zh-hans)."""


@dataclass(frozen=True)
class Rule:
    """A dataset's update frequency: ``every`` and an optional season (MM-DD, MM-DD)."""

    every: str
    season_name: str = ""
    season_start: str = ""  # "06-01"
    season_end: str = ""  # "07-31"

    def season(self, year: int) -> tuple[dt.date, dt.date] | None:
        if not (self.season_start and self.season_end):
            return None
        return (
            plan_schedule.parse_due(self.season_start, year),
            plan_schedule.parse_due(self.season_end, year),
        )

    def label(self) -> str:
        label = timerules.every_label(self.every)
        if self.season_name:
            span = f"（{self.season_start}至{self.season_end}）" if self.season_start else ""
            return f"{self.season_name}{label}{span}"
        return label

    def valid(self) -> bool:
        if self.every not in ("week", "month", "quarter", "half_year", "year"):
            m = re.fullmatch(r"(\d{1,3})_days", self.every or "")
            if not m or int(m.group(1)) < 1:
                return False
        if bool(self.season_start) != bool(self.season_end):
            return False
        try:
            self.season(2001)
        except ValueError:
            return False
        return True


@dataclass(frozen=True)
class P:
    """One period of a dataset."""

    key: str
    label: str
    start: dt.date
    end: dt.date
    index: int  # position within its year (0-based), for 同比 of weeks and N-day windows


def key_of(every: str, period: plan_schedule.Period) -> str:
    s = period.start
    if every == "month":
        return f"{s.year}-{s.month:02d}"
    if every == "quarter":
        return f"{s.year}-Q{(s.month - 1) // 3 + 1}"
    if every == "half_year":
        return f"{s.year}-H{1 if s.month <= 6 else 2}"
    if every == "year":
        return f"{s.year}"
    return s.isoformat()


def year_periods(rule: Rule, year: int) -> list[P]:
    """Every period of ``year`` (only the season's, for a seasonal rule)."""
    out = []
    for i, p in enumerate(plan_schedule.periods(rule.every, year, rule.season(year))):
        label = p.label if "年" in p.label else f"{year}年{p.label}"
        out.append(P(key_of(rule.every, p), label, p.start, p.end, i))
    return out


def between(rule: Rule, first: dt.date, last: dt.date) -> list[P]:
    """Periods that start on or after the one containing ``first`` and end by ``last``."""
    out = []
    for year in range(first.year, last.year + 1):
        for p in year_periods(rule, year):
            if p.end < first or p.end > last:
                continue
            out.append(p)
    return out


def due_periods(rule: Rule, first: dt.date, today: dt.date, due_of) -> list[P]:
    """Periods from ``first`` whose due date (``due_of(period_end)``) has passed on ``today``:
    the ones whose data should be out. ``due_of`` is e.g. ``cal.add_workdays(end, 20).date``."""
    return [p for p in between(rule, first, today) if due_of(p.end) < today]


def find(rule: Rule, key: str) -> P | None:
    try:
        return locate(rule, key)
    except PeriodError:
        return None


def previous(rule: Rule, period: P) -> P | None:
    """The period before (环比): the last one of the year before for the first of a year;
    none for the first window of a season (the season before is not comparable)."""
    same = year_periods(rule, period.start.year)
    if period.index > 0:
        return same[period.index - 1]
    if rule.season(period.start.year):
        return None
    before = year_periods(rule, period.start.year - 1)
    return before[-1] if before else None


def year_before(rule: Rule, period: P) -> P | None:
    """The same period a year earlier (同比): same key with the year before, or for weeks and
    N-day windows the one at the same position in the year before."""
    before = year_periods(rule, period.start.year - 1)
    if rule.every in ("month", "quarter", "half_year", "year"):
        want = period.key.replace(str(period.start.year), str(period.start.year - 1), 1)
        return next((p for p in before if p.key == want), None)
    return before[period.index] if period.index < len(before) else None


# ----- reading a period from a cell or a parameter ---------------------------------------------


def _norm(text) -> str:
    s = unicodedata.normalize("NFKC", str(text)).strip()
    return re.sub(r"\s+", "", s)


def _date_of(text: str) -> dt.date | None:
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:00:00:00)?", text)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return None


def _first_day(every: str, text: str) -> dt.date | None:
    """The first day of the period a label names (month/quarter/half/year labels)."""
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})月?(?:份)?", text) or re.fullmatch(
        r"(\d{4})(\d{2})", text
    )
    if m and 1 <= int(m.group(2)) <= 12:
        return dt.date(int(m.group(1)), int(m.group(2)), 1)
    m = re.fullmatch(r"(\d{4})(?:年|-)?(?:第)?([一二三四1-4])季度?|(\d{4})-?Q([1-4])", text, re.I)
    if m:
        year = int(m.group(1) or m.group(3))
        q = _CN_QUARTER[m.group(2) or m.group(4)]
        return dt.date(year, q * 3 - 2, 1)
    m = re.fullmatch(r"(\d{4})(?:年)?(上|下)半年|(\d{4})-?H([12])", text, re.I)
    if m:
        year = int(m.group(1) or m.group(3))
        second = (m.group(2) == "下") or (m.group(4) == "2")
        return dt.date(year, 7 if second else 1, 1)
    m = re.fullmatch(r"(\d{4})年?(?:度)?", text)
    if m:
        return dt.date(int(m.group(1)), 1, 1)
    return None


def locate(rule: Rule, value) -> P:
    """The dataset period a cell or parameter names: a key (``2026-03``, ``2026-Q1``), a label
    (``2026年3月``, ``2026年第一季度``, ``2026年上半年``) or any date inside the period."""
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        text = _norm(value)
        if not text:
            raise PeriodError("统计期为空。")
        day = _date_of(text) or _first_day(rule.every, text)
        if day is None:
            raise PeriodError(f"“{text[:30]}”不是可以识别的统计期。")
    if day.year < 1949 or day.year > 2100:
        raise PeriodError(f"统计期年份 {day.year} 超出范围。")
    for p in year_periods(rule, day.year):
        if p.start <= day <= p.end:
            return p
    season = rule.season(day.year)
    if season:
        raise PeriodError(
            f"{day.isoformat()} 不在{rule.season_name or '发布季节'}"
            f"（{season[0]:%m-%d}至{season[1]:%m-%d}）内。"
        )
    raise PeriodError(f"“{value}”不是本数据集的统计期。")  # pragma: no cover


def example(rule: Rule) -> str:
    return {
        "month": "2026-03 或 2026年3月",
        "quarter": "2026-Q1 或 2026年第一季度",
        "half_year": "2026-H1 或 2026年上半年",
        "year": "2026",
    }.get(rule.every, "期内任一日期，如 2026-06-01")
