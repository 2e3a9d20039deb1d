import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.actors import SYSTEM
from gongkai.rules.workdays import CalendarFileError
from gongkai.workcal import services


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"invalid date {value!r}: expected YYYY-MM-DD") from None


class Command(BaseCommand):
    help = "Working-day calendar: add-workdays, between, is-workday, show YEAR, import FILE."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser(
            "add-workdays", help="the N-th working day after DATE (DATE itself not counted)"
        )
        p.add_argument("date")
        p.add_argument("n", type=int)
        p = sub.add_parser("between", help="working days after A up to and including B")
        p.add_argument("a")
        p.add_argument("b")
        p = sub.add_parser("is-workday", help="yes/no for one date")
        p.add_argument("date")
        p = sub.add_parser("show", help="holidays and make-up working days of a year")
        p.add_argument("year", type=int)
        p = sub.add_parser(
            "import",
            help="load a year's holiday notice (CSV date,kind,name or JSON; docs/calendar.md)",
        )
        p.add_argument("file")
        p.add_argument("--notice", default="", help="the notice it comes from")

    def handle(self, *args, action, **o):
        if action == "add-workdays":
            self.stdout.write(str(services.add_workdays(_date(o["date"]), o["n"])))
        elif action == "between":
            result = services.workdays_between(_date(o["a"]), _date(o["b"]))
            self.stdout.write(f"{result.days}" + (" provisional" if result.provisional else ""))
        elif action == "is-workday":
            d = _date(o["date"])
            cal = services.get_calendar()
            answer = "yes" if cal.is_workday(d) else "no"
            self.stdout.write(answer + ("" if cal.is_announced(d.year) else " provisional"))
        elif action == "show":
            self._show(o["year"])
        elif action == "import":
            self._import(Path(o["file"]), o["notice"])

    def _show(self, year):
        cal = services.get_calendar()
        self.stdout.write(f"{year}: source {cal.source_of(year)}")
        d = dt.date(year, 1, 1)
        while d.year == year:
            kind = cal.day_kind(d)
            if kind in ("holiday", "makeup"):
                label = "holiday" if kind == "holiday" else "make-up working day"
                name = cal.holiday_name(d) or ""
                self.stdout.write(f"  {d} {d.strftime('%a')} {label} {name}".rstrip())
            d += dt.timedelta(days=1)

    def _import(self, path, notice):
        if not path.exists():
            raise CommandError(f"no such file: {path}")
        try:
            rows = services.read_rows(path)
            notice = notice or services.read_notice(path)
        except CalendarFileError as exc:
            raise CommandError(f"{path}: {exc}") from None
        except ValueError as exc:
            raise CommandError(f"{path}: not a calendar file ({exc})") from None
        report = services.import_days(rows, notice=notice, actor=SYSTEM("calendar import"))
        for err in report.errors:
            self.stderr.write(f"{path}: {err}")
        years = ", ".join(str(y) for y in sorted(report.years)) or "none"
        self.stdout.write(
            f"stored {report.stored} day(s) for year(s) {years}; {len(report.errors)} bad row(s)"
        )
        if report.errors:
            raise CommandError(f"{len(report.errors)} row(s) rejected; the good rows were stored")
