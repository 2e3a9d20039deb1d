"""The legal clock of an information application (《政府信息公开条例》 Arts. 30, 32–34, 42; domain.md
section 3).

Pure rule over a :class:`~gongkai.rules.workdays.WorkCalendar`:

* the period is 20 working days; the day of receipt is not counted;
* a correction notice (补正, Art. 30) should be sent within 7 working days of receipt; the period
  then restarts from the receipt of the corrected application (no due date while waiting);
* an approved extension adds up to 20 more working days (Art. 33);
* stops (third-party or other-agency consultations, fee windows when configured so) are periods
  whose working days, START to END inclusive, are not counted; an open stop (END unknown) pauses
  the clock up to ``as_of``;
* the due date is provisional when any year it relies on has no announced schedule.

The result carries every step of the computation in zh-hans (pages, letters) and English (CLI).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from gongkai.rules import dates

from .workdays import WorkCalendar

BASE_DAYS = 20
MAX_EXTENSION = 20
CORRECTION_NOTICE_DAYS = 7
CONSULTATION_DAYS = 15
FEE_WINDOW_DAYS = 20

STOP_LABELS = {
    "third_party": ("征求第三方意见", "third-party consultation"),
    "agency": ("征求其他机关意见", "consultation of another agency"),
    "fee": ("缴费期间", "fee payment window"),
    "other": ("暂停", "stop"),
}


class ClockInputError(ValueError):
    """Inputs that cannot describe a real application (e.g. corrected before the notice)."""


@dataclass(frozen=True)
class Stop:
    start: dt.date
    end: dt.date | None = None  # None: still running
    kind: str = "other"
    label: str = ""

    def describe(self) -> tuple[str, str]:
        zh, en = STOP_LABELS.get(self.kind, STOP_LABELS["other"])
        if self.label:
            zh = f"{zh}（{self.label}）"
            en = f"{en} ({self.label})"
        return zh, en


@dataclass(frozen=True)
class ClockInput:
    received: dt.date
    correction_notice: dt.date | None = None
    corrected: dt.date | None = None
    extension: int = 0
    stops: tuple[Stop, ...] = ()
    base_days: int = BASE_DAYS
    later_date: dt.date | None = None  # Art. 35: a later date set and notified for a large request


@dataclass(frozen=True)
class Step:
    zh: str
    en: str


@dataclass
class ClockResult:
    due: dt.date | None  # None while waiting for the corrected application
    provisional: bool
    unannounced_years: tuple[int, ...] = ()
    start: dt.date | None = None  # the day the period runs from (not counted)
    total_days: int = 0  # working days in the period (20 + extension)
    stopped_days: int = 0  # working days not counted because of stops
    paused: bool = False  # an open stop is running
    warnings: list[Step] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)

    def first_line(self) -> str:
        if self.due is None:
            return "waiting-for-correction"
        return self.due.isoformat() + (" provisional" if self.provisional else "")

    def due_label(self) -> str:
        """The due date as pages show it: 2026-10-29 or 2027-01-18（暂定）."""
        if self.due is None:
            return "待补正后重新计算"
        return self.due.isoformat() + ("（暂定）" if self.provisional else "")


def _fmt(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def compute(
    inp: ClockInput, calendar: WorkCalendar, *, as_of: dt.date | None = None
) -> ClockResult:
    """Work out the due date of one application, with every step."""
    if inp.extension < 0 or inp.extension > MAX_EXTENSION:
        raise ClockInputError(f"extension must be between 0 and {MAX_EXTENSION} working days")
    if inp.corrected and not inp.correction_notice:
        raise ClockInputError("a corrected date needs the correction notice date")
    if inp.correction_notice and inp.correction_notice < inp.received:
        raise ClockInputError("the correction notice cannot precede the receipt")
    if inp.corrected and inp.correction_notice and inp.corrected < inp.correction_notice:
        raise ClockInputError("the corrected application cannot precede the correction notice")
    for s in inp.stops:
        if s.end is not None and s.end < s.start:
            raise ClockInputError(f"stop {s.start}:{s.end} ends before it starts")

    years = {inp.received.year}
    steps = [
        Step(
            f"收到申请：{_fmt(inp.received)}（当日不计入），答复期限为{inp.base_days}个工作日。",
            f"received {inp.received} (not counted); period {inp.base_days} working days",
        )
    ]
    warnings: list[Step] = []
    start = inp.received
    if inp.correction_notice:
        limit = calendar.add_workdays(inp.received, CORRECTION_NOTICE_DAYS)
        years.add(inp.correction_notice.year)
        steps.append(
            Step(
                f"补正通知：{_fmt(inp.correction_notice)}发出（应在收到申请后"
                f"{CORRECTION_NOTICE_DAYS}个工作日内，即最迟{_fmt(limit.date)}）。",
                f"correction notice {inp.correction_notice} "
                f"(due within {CORRECTION_NOTICE_DAYS} working days, by {limit.date})",
            )
        )
        if inp.correction_notice > limit.date:
            warnings.append(
                Step(
                    f"补正通知晚于法定的{CORRECTION_NOTICE_DAYS}个工作日（{_fmt(limit.date)}）。",
                    f"correction notice later than {CORRECTION_NOTICE_DAYS} working days "
                    f"({limit.date})",
                )
            )
        if inp.corrected is None:
            steps.append(
                Step(
                    "等待申请人补正：答复期限自收到补正后的申请之日起重新计算。",
                    "waiting for the corrected application; the period restarts on its receipt",
                )
            )
            prov, missing = _flags(calendar, years)
            return ClockResult(None, prov, missing, None, 0, 0, False, warnings, steps)
        start = inp.corrected
        years.add(start.year)
        steps.append(
            Step(
                f"收到补正后的申请：{_fmt(start)}，期限自此重新计算（当日不计入）。",
                f"corrected application received {start}; period restarts (not counted)",
            )
        )

    total = inp.base_days + inp.extension
    if inp.extension:
        steps.append(
            Step(
                f"经批准延长答复期限{inp.extension}个工作日，共{total}个工作日。",
                f"extension approved: {inp.extension} more working days, {total} in all",
            )
        )

    today = as_of or dates.today()
    ranges = []
    for s in inp.stops:
        end = s.end
        if end is None:
            end = max(today, s.start)
        ranges.append((s, s.start, end))

    def stopped(d: dt.date) -> Stop | None:
        for s, a, b in ranges:
            if a <= d <= b:
                return s
        return None

    d = start
    counted = 0
    skipped: dict[Stop, int] = {}
    holidays: list[dt.date] = []
    makeups: list[dt.date] = []
    while counted < total:
        d += dt.timedelta(days=1)
        years.add(d.year)
        kind = calendar.day_kind(d)
        if kind == "holiday":
            holidays.append(d)
        elif kind == "makeup":
            makeups.append(d)
        if not calendar.is_workday(d):
            continue
        s = stopped(d)
        if s is not None:
            skipped[s] = skipped.get(s, 0) + 1
            continue
        counted += 1
    due = d
    paused = False
    for s, a, b in ranges:
        zh, en = s.describe()
        n = skipped.get(s, 0)
        if s.end is None:
            # a stop still running: it holds the clock whatever day it began
            if a <= due:
                paused = True
            so_far = f"，已有{n}个工作日不计入" if n else ""
            steps.append(
                Step(
                    f"{zh}：自{_fmt(a)}起，至今（{_fmt(b)}）仍在进行{so_far}；"
                    "暂停结束后答复期限相应顺延。",
                    f"{en} since {a}, still running ({b}): {n} working day(s) not counted so far",
                )
            )
            continue
        until = _fmt(s.end)
        if b <= start:
            steps.append(
                Step(
                    f"{zh}：{_fmt(a)}至{until}，在期限起算前，不影响期限。",
                    f"{en} {a}:{s.end} before the period started: no effect",
                )
            )
        elif n == 0:
            steps.append(
                Step(
                    f"{zh}：{_fmt(a)}至{until}，其间无计入的工作日，不影响期限。",
                    f"{en} {a}:{s.end}: no working day of the period inside it",
                )
            )
        else:
            steps.append(
                Step(
                    f"{zh}：{_fmt(a)}至{until}，不计入{n}个工作日。",
                    f"{en} {a}:{s.end}: {n} working day(s) not counted",
                )
            )
    if holidays:
        spans = _spans(holidays)
        steps.append(
            Step(
                "其间的法定节假日不计入："
                + "、".join(_span_zh(a, b, calendar) for a, b in spans)
                + "。",
                "public holidays not counted: "
                + ", ".join(f"{a}" if a == b else f"{a}..{b}" for a, b in spans),
            )
        )
    if makeups:
        steps.append(
            Step(
                "调休上班的周末计入工作日：" + "、".join(_fmt(m) for m in makeups) + "。",
                "make-up working days counted: " + ", ".join(str(m) for m in makeups),
            )
        )
    stopped_total = sum(skipped.values())
    later = False
    if inp.later_date is not None:
        if inp.later_date <= due:
            warnings.append(
                Step(
                    "依第三十五条确定的答复日期不晚于法定期限，按法定期限计算。",
                    "the Art. 35 later date is not after the legal due date: ignored",
                )
            )
        else:
            steps.append(
                Step(
                    f"法定期限为{_fmt(due)}；申请内容明显超过合理范围、理由合理但无法在期限内答复，"
                    f"依条例第三十五条确定并告知在{_fmt(inp.later_date)}前答复。",
                    f"legal due date {due}; later date {inp.later_date} set and notified (Art. 35)",
                )
            )
            due = inp.later_date
            years.add(due.year)
            later = True
    prov, missing = _flags(calendar, years)
    if later:
        steps.append(Step(f"答复期限：{_fmt(due)}（依条例第三十五条）。", f"due {due} (Art. 35)"))
    else:
        steps.append(
            Step(
                f"答复期限：{_fmt(due)}（{_fmt(start)}后第{total}个计入的工作日"
                + (f"，另扣除暂停的{stopped_total}个工作日" if stopped_total else "")
                + "）。",
                f"due {due}: working day {total} after {start}"
                + (f", {stopped_total} stopped working day(s) skipped" if stopped_total else ""),
            )
        )
    if paused:
        steps.append(
            Step(
                "期限暂停中：暂停结束后答复期限将顺延。",
                "the clock is paused: the due date moves on until the stop ends",
            )
        )
    if prov:
        ys = "、".join(str(y) for y in missing)
        steps.append(
            Step(
                f"{ys}年的节假日安排尚未公布，按周一至周五推算，日期为暂定。",
                f"year(s) {', '.join(str(y) for y in missing)} not announced: "
                "the date is provisional",
            )
        )
    return ClockResult(due, prov, missing, start, total, stopped_total, paused, warnings, steps)


def _spans(days: list[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Runs of holidays, a weekend inside or next to a holiday joining the run."""
    spans: list[tuple[dt.date, dt.date]] = []
    for d in days:
        if (
            spans
            and (d - spans[-1][1]).days <= 3
            and all(
                (spans[-1][1] + dt.timedelta(days=i)).weekday() >= 5
                for i in range(1, (d - spans[-1][1]).days)
            )
        ):
            spans[-1] = (spans[-1][0], d)
        else:
            spans.append((d, d))
    return spans


def _span_zh(a: dt.date, b: dt.date, calendar: WorkCalendar) -> str:
    name = calendar.holiday_name(a) if hasattr(calendar, "holiday_name") else None
    text = _fmt(a) if a == b else f"{_fmt(a)}至{_fmt(b)}"
    return f"{name}（{text}）" if name else text


def _flags(calendar: WorkCalendar, years) -> tuple[bool, tuple[int, ...]]:
    missing = tuple(sorted(y for y in set(years) if not calendar.is_announced(y)))
    return bool(missing), missing


def deadline(calendar: WorkCalendar, start: dt.date, days: int):
    """The n-th working day after ``start`` (for correction, consultation and fee windows)."""
    return calendar.add_workdays(start, days)


def working_days_taken(
    calendar: WorkCalendar, received: dt.date, closed: dt.date, stops: tuple[Stop, ...] = ()
) -> int:
    """Working days after receipt up to and including closing, stops not counted."""
    n = 0
    d = received
    while d < closed:
        d += dt.timedelta(days=1)
        if not calendar.is_workday(d):
            continue
        if any(s.start <= d <= (s.end or closed) for s in stops):
            continue
        n += 1
    return n
