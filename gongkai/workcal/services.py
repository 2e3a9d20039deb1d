"""The working-day calendar with the staff-entered years from the database."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.rules import workdays
from gongkai.rules.workdays import CalendarFileError, WorkCalendar, YearSchedule

from .models import CalendarDay, CalendarYear


def get_calendar() -> WorkCalendar:
    """The calendar to count with: official schedules plus every staff-entered year."""
    years: dict[int, dict[str, set]] = {}
    for day in CalendarDay.objects.select_related("year").all():
        y = years.setdefault(day.year.year, {"holiday": set(), "workday": set()})
        y[day.kind].add(day.date)
    for year in CalendarYear.objects.values_list("year", flat=True):
        years.setdefault(year, {"holiday": set(), "workday": set()})
    staff = {
        year: YearSchedule(year, frozenset(d["holiday"]), frozenset(d["workday"]), source="staff")
        for year, d in years.items()
    }
    return WorkCalendar(staff_years=staff)


def add_workdays(start: dt.date, n: int) -> workdays.WorkdayResult:
    return get_calendar().add_workdays(start, n)


def workdays_between(a: dt.date, b: dt.date) -> workdays.CountResult:
    return get_calendar().workdays_between(a, b)


def is_workday(d: dt.date) -> bool:
    return get_calendar().is_workday(d)


@dataclass
class ImportReport:
    stored: int = 0
    years: set[int] = field(default_factory=set)
    errors: list[CalendarFileError] = field(default_factory=list)


def read_rows(path: Path) -> list[tuple[int, dict]]:
    """Rows of a calendar file (CSV with a header ``date,kind,name``, or JSON), with line numbers."""
    text = path.read_bytes()
    try:
        content = text.decode("utf-8-sig")
    except UnicodeDecodeError:
        content = text.decode("gb18030")
    if path.suffix.lower() == ".json":
        data = json.loads(content)
        if isinstance(data, dict):  # {"year": 2027, "notice": ..., "days": [...]}
            data = data.get("days", [])
        return [(i + 1, row) for i, row in enumerate(data)]
    reader = csv.DictReader(io.StringIO(content))
    if reader.fieldnames is None or "date" not in [f.strip() for f in reader.fieldnames]:
        raise CalendarFileError(1, "the first line must be the header date,kind,name")
    return [(reader.line_num, {k.strip(): v for k, v in row.items() if k}) for row in reader]


def read_notice(path: Path) -> str:
    if path.suffix.lower() == ".json":
        data = json.loads(path.read_text(encoding="utf-8-sig"))
        if isinstance(data, dict):
            return str(data.get("notice", ""))
    return ""


NO_IMPORT = "只有政务公开办管理员可以导入节假日安排。"


def may_import(actor) -> bool:
    """The official calendar is national: an office admin of any organisation (or the system)
    may import it. The page shows the import form by this same rule."""
    from gongkai.accounts import permissions
    from gongkai.core.actors import is_system

    return is_system(actor) or bool(permissions.org_ids_for(actor, "administer"))


def import_days(rows: list[tuple[int, dict]], *, notice: str = "", actor) -> ImportReport:
    """Store the good rows (each year as one unit), report the bad ones with their line numbers.

    ``actor``: an office admin, or ``SYSTEM("calendar import")`` for the command."""
    from gongkai.core.actions import change
    from gongkai.core.errors import Forbidden

    if not may_import(actor):
        raise Forbidden(NO_IMPORT)
    good, errors = workdays.parse_calendar_rows(rows)
    report = ImportReport(errors=errors)
    by_year: dict[int, list] = {}
    for day in good:
        by_year.setdefault(day.date.year, []).append(day)
    for year, days in sorted(by_year.items()):
        with change(actor) as ch:
            cal_year, created = CalendarYear.objects.get_or_create(
                year=year, defaults={"notice": notice}
            )
            if notice and cal_year.notice != notice:
                cal_year.notice = notice
                cal_year.save(update_fields=["notice", "updated_at"])
            before = {d.date.isoformat(): d.kind for d in cal_year.days.all()}
            for day in days:
                CalendarDay.objects.update_or_create(
                    date=day.date, defaults={"year": cal_year, "kind": day.kind, "name": day.name}
                )
            after = {d.date.isoformat(): d.kind for d in cal_year.days.all()}
            changes = {
                k: [before.get(k), after.get(k)]
                for k in sorted(set(before) | set(after))
                if before.get(k) != after.get(k)
            }
            ch.audit(
                cal_year,
                "import" if created else "change",
                changes=changes,
                reason=f"导入节假日安排 {len(days)} 天",
            )
        report.stored += len(days)
        report.years.add(year)
    return report
