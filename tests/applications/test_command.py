"""`gongkai applications clock`: the due date on the first line, the explanation below."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from gongkai.rules.workdays import WorkCalendar

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("applications", "clock", *args, stdout=out)
    return out.getvalue().splitlines()


def test_plain_received_date():
    lines = run("--received", "2026-09-25")
    assert lines[0] == "2026-10-29"
    assert any("2026-10-01..2026-10-07" in line for line in lines[1:])


def test_correction_extension_and_stops():
    lines = run(
        "--received", "2026-09-25",
        "--correction-notice", "2026-09-29",
        "--corrected", "2026-10-12",
        "--extension", "10",
        "--stop", "2026-10-19:2026-10-23",
    )  # fmt: skip
    assert lines[0] == "2026-11-30"
    assert any("restarts" in line for line in lines)
    assert any("5 working day(s) not counted" in line for line in lines)


def test_repeatable_stops_and_chinese_explanation():
    lines = run(
        "--received", "2026-03-02", "--stop", "2026-03-09:2026-03-10",
        "--stop", "2026-03-16:2026-03-16", "--lang", "zh",
    )  # fmt: skip
    cal = WorkCalendar()
    base = cal.add_workdays(dt.date(2026, 3, 2), 20).date
    assert lines[0] == cal.add_workdays(base, 3).date.isoformat()  # three stopped working days
    assert lines[1].strip().startswith("收到申请")


def test_into_an_unannounced_year_is_provisional():
    first = run("--received", "2026-12-15")[0]
    assert first.endswith(" provisional") and first.startswith("2027-")


def test_bad_arguments_are_precise():
    with pytest.raises(CommandError, match="START:END"):
        run("--received", "2026-03-02", "--stop", "2026-03-09")
    with pytest.raises(CommandError, match="invalid date"):
        run("--received", "2026-02-30")
    with pytest.raises(CommandError, match="extension"):
        run("--received", "2026-03-02", "--extension", "21")


def test_fee_window_is_a_stop():
    lines = run("--received", "2026-03-02", "--fee-window", "2026-03-09:2026-03-13")
    assert lines[0] == run("--received", "2026-03-02", "--stop", "2026-03-09:2026-03-13")[0]
    assert any("fee payment window" in line for line in lines)
