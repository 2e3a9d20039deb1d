import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from gongkai.rules import clock as clockrule
from gongkai.workcal.services import get_calendar


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"invalid date {value!r}: expected YYYY-MM-DD") from None


def _stop(value: str, kind: str = "other") -> clockrule.Stop:
    start, sep, end = value.partition(":")
    if not sep:
        raise CommandError(f"invalid stop {value!r}: expected START:END (YYYY-MM-DD:YYYY-MM-DD)")
    return clockrule.Stop(_date(start), _date(end), kind)


class Command(BaseCommand):
    help = "Information applications: `clock` works out a due date with its explanation."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser(
            "clock",
            help="the answer due date of an application (first line), then how it was worked out",
        )
        p.add_argument("--received", required=True, help="date the application was received")
        p.add_argument("--correction-notice", help="date of the correction notice (补正通知)")
        p.add_argument("--corrected", help="date the corrected application was received")
        p.add_argument("--extension", type=int, default=0, help="approved extension, working days")
        p.add_argument(
            "--stop",
            action="append",
            default=[],
            help="START:END, working days in between (inclusive) are not counted; repeatable",
        )
        p.add_argument(
            "--fee-window",
            action="append",
            default=[],
            help="START:END of an unpaid fee window, not counted like a stop "
            "(whether it pauses the clock is unverified; see docs/applications.md)",
        )
        p.add_argument("--lang", choices=["en", "zh"], default="en", help="explanation language")
        b = sub.add_parser(
            "bench",
            help="concurrent submissions and clock speed (stores applications: "
            "use a throwaway database); writes docs/benchmarks.md",
        )
        b.add_argument("--n", type=int, default=200)
        b.add_argument("--workers", type=int, default=20)
        b.add_argument("--no-write", action="store_true", help="print only")
        b.add_argument("--doc-file", help="default: docs/benchmarks.md of the repository")

    def handle(self, *args, action, **o):
        if action == "clock":
            self._clock(o)
        elif action == "bench":
            self._bench(o)

    def _bench(self, o):
        from pathlib import Path

        from django.conf import settings
        from django.db import connection

        from gongkai.applications import bench

        try:
            sub = bench.concurrent_submissions(o["n"], o["workers"])
        except RuntimeError as exc:
            raise CommandError(str(exc)) from None
        clk = bench.clock_speed()
        text = bench.section(sub, clk)
        self.stdout.write(text)
        if not o["no_write"]:
            path = (
                Path(o["doc_file"])
                if o["doc_file"]
                else Path(settings.BASE_DIR).parent / "docs" / "benchmarks.md"
            )
            bench.write_doc(text, path, connection.vendor)
            self.stdout.write(f"written to {path}")

    def _clock(self, o):
        try:
            inp = clockrule.ClockInput(
                received=_date(o["received"]),
                correction_notice=_date(o["correction_notice"]) if o["correction_notice"] else None,
                corrected=_date(o["corrected"]) if o["corrected"] else None,
                extension=o["extension"],
                stops=tuple(_stop(s) for s in o["stop"])
                + tuple(_stop(s, "fee") for s in o["fee_window"]),
            )
            result = clockrule.compute(inp, get_calendar())
        except clockrule.ClockInputError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(result.first_line())
        for step in result.warnings:
            self.stdout.write("warning: " + (step.zh if o["lang"] == "zh" else step.en))
        for step in result.steps:
            self.stdout.write("  " + (step.zh if o["lang"] == "zh" else step.en))
