"""The minimum consultation period of a draft (征求意见期限), worked out with its explanation.

Sources (domain.md section 6):

* 规章: 《规章制定程序条例》第十五条 — "征求意见的期限一般不少于30日";
* 重大行政决策: 《重大行政决策程序暂行条例》第十五条 — "征求意见期限一般不少于30日";
* 行政规范性文件: 国办发〔2018〕37号 — "期限一般不少于7个工作日";
* 与市场主体生产经营活动密切相关的: 《优化营商环境条例》第六十二条 — "一般不少于30日".

Counting (《民法典》第二百零一条、第二百零三条): the opening day is not counted; a period in
days whose last day is not a working day ends on the next working day; a period in working days
counts working days of the official calendar. Each kind's rule can be replaced by configuration
(``overrides``: {kind: (days, "days" | "workdays")}). The result is provisional when a year it
relies on has no announced holiday schedule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

KIND_LABELS = {
    "regulation": "规章",
    "major_decision": "重大行政决策",
    "normative": "行政规范性文件",
    "normative_market": "行政规范性文件（与市场主体生产经营活动密切相关）",
    "other": "其他政策文件",
}

# kind: (number, unit, basis)
DEFAULT_RULES: dict[str, tuple[int, str, str]] = {
    "regulation": (30, "days", "《规章制定程序条例》第十五条"),
    "major_decision": (30, "days", "《重大行政决策程序暂行条例》第十五条"),
    "normative": (
        7,
        "workdays",
        "《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）",
    ),
    "normative_market": (30, "days", "《优化营商环境条例》第六十二条"),
    "other": (7, "workdays", "本地做法（可配置）：参照行政规范性文件"),
}
UNIT_LABELS = {"days": "日", "workdays": "个工作日"}


class PeriodInputError(ValueError):
    """Inputs that cannot describe a consultation (unknown kind, closing before opening)."""


@dataclass(frozen=True)
class Step:
    zh: str
    en: str


@dataclass
class PeriodResult:
    kind: str
    minimum: int  # the number of the rule (30, 7)
    unit: str  # "days" or "workdays"
    basis: str
    opens_on: dt.date
    earliest_close: dt.date  # the first closing date that satisfies the rule
    closes_on: dt.date | None = None  # the planned closing date, if given
    provisional: bool = False
    unannounced_years: tuple[int, ...] = ()
    shorter: bool = False  # the planned closing date is before earliest_close
    actual: int | None = None  # length of the planned period in the rule's unit
    steps: list[Step] = field(default_factory=list)

    @property
    def minimum_label(self) -> str:
        return f"{self.minimum}{UNIT_LABELS[self.unit]}"

    @property
    def minimum_days(self) -> int:
        """Calendar days from opening to the earliest lawful close (the API's ``minimum_days``)."""
        return (self.earliest_close - self.opens_on).days

    def earliest_label(self) -> str:
        return self.earliest_close.isoformat() + ("（暂定）" if self.provisional else "")


def _fmt(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def rule_for(kind: str, overrides: Mapping | None = None) -> tuple[int, str, str]:
    if kind not in KIND_LABELS:
        raise PeriodInputError(f"unknown kind of document {kind!r}")
    number, unit, basis = DEFAULT_RULES[kind]
    if overrides and kind in overrides:
        o = overrides[kind]
        number, unit = int(o[0]), str(o[1])
        basis = o[2] if len(o) > 2 else "本地配置"
    if unit not in UNIT_LABELS or number < 0:
        raise PeriodInputError(f"bad rule for {kind}: {number} {unit}")
    return number, unit, basis


def compute(
    kind: str,
    opens_on: dt.date,
    calendar,
    *,
    closes_on: dt.date | None = None,
    overrides: Mapping | None = None,
) -> PeriodResult:
    """The earliest lawful closing date of a consultation opening on ``opens_on``, and whether
    ``closes_on`` (if given) meets it. ``calendar``: a ``gongkai.rules.workdays.WorkCalendar``."""
    number, unit, basis = rule_for(kind, overrides)
    if closes_on is not None and closes_on < opens_on:
        raise PeriodInputError("the closing date precedes the opening date")
    label = KIND_LABELS[kind]
    steps = [
        Step(
            f"文件类别：{label}；依据{basis}，征求意见期限不少于{number}{UNIT_LABELS[unit]}。",
            f"kind {kind}: at least {number} {unit} ({basis})",
        ),
        Step(
            f"开始日期：{_fmt(opens_on)}（当日不计入，自次日起算）。",
            f"opens {opens_on} (not counted)",
        ),
    ]
    years = {opens_on.year}
    if unit == "workdays":
        res = calendar.add_workdays(opens_on, number)
        earliest = res.date
        years |= set(range(opens_on.year, earliest.year + 1))
        steps.append(
            Step(
                f"顺延{number}个工作日（节假日、周末不计，调休上班日计入），最早截止于{_fmt(earliest)}。",
                f"{number} working days later: {earliest}",
            )
        )
    else:
        earliest = opens_on + dt.timedelta(days=number)
        steps.append(
            Step(
                f"第{number}日为{_fmt(earliest)}。",
                f"day {number} is {earliest}",
            )
        )
        moved = earliest
        while not calendar.is_workday(moved):
            moved += dt.timedelta(days=1)
        years |= set(range(opens_on.year, moved.year + 1))
        if moved != earliest:
            steps.append(
                Step(
                    f"{_fmt(earliest)}为休息日或法定节假日，期限顺延至其后第一个工作日{_fmt(moved)}。",
                    f"{earliest} is not a working day: moved to {moved}",
                )
            )
            earliest = moved
    missing = tuple(sorted(y for y in years if not calendar.is_announced(y)))
    if missing:
        steps.append(
            Step(
                f"{'、'.join(str(y) for y in missing)}年的节假日安排尚未公布，日期为暂定。",
                f"years {missing} not announced: provisional",
            )
        )
    result = PeriodResult(
        kind=kind,
        minimum=number,
        unit=unit,
        basis=basis,
        opens_on=opens_on,
        earliest_close=earliest,
        closes_on=closes_on,
        provisional=bool(missing),
        unannounced_years=missing,
        steps=steps,
    )
    if closes_on is not None:
        if unit == "workdays":
            result.actual = calendar.workdays_between(opens_on, closes_on).days
        else:
            result.actual = (closes_on - opens_on).days
        result.shorter = closes_on < earliest
        if result.shorter:
            steps.append(
                Step(
                    f"拟定截止日期{_fmt(closes_on)}早于法定最短期限（{_fmt(earliest)}），"
                    f"实际期限{result.actual}{UNIT_LABELS[unit]}，须记录并公开缩短理由。",
                    f"planned close {closes_on} is before {earliest}: a reason is required",
                )
            )
        else:
            steps.append(
                Step(
                    f"截止日期：{_fmt(closes_on)}，期限{result.actual}{UNIT_LABELS[unit]}，符合最短期限。",
                    f"closes {closes_on}: meets the minimum",
                )
            )
    return result
