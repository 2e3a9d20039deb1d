"""The message clock and the 3-month ceiling, without the database."""

import datetime as dt

import pytest

from gongkai.rules.interaction import messages as rule
from gongkai.rules.workdays import WorkCalendar

CAL = WorkCalendar()
D = dt.date


def test_consult_deadline_skips_national_day_holiday():
    # received on 2025-09-30 (Tue); 1-8 October 2025 are holidays, 2025-10-11 (Sat) a make-up day
    d = rule.deadline(D(2025, 9, 30), "consult", CAL)
    assert d.workdays == 5
    # working days after 9-30: 10-9, 10-10, 10-11 (make-up Saturday), 10-13, 10-14
    assert d.due_on == D(2025, 10, 14)
    assert not d.provisional
    assert "5 个工作日" in d.explanation


def test_deadline_per_type_is_configurable():
    plain = rule.deadline(D(2025, 3, 3), "suggest", CAL)
    assert plain.workdays == 15
    fast = rule.deadline(D(2025, 3, 3), "suggest", CAL, {"suggest": 3})
    assert fast.due_on == D(2025, 3, 6)
    with pytest.raises(ValueError):
        rule.deadline(D(2025, 3, 3), "poetry", CAL)


def test_unannounced_year_is_provisional():
    d = rule.deadline(D(2031, 12, 20), "complain", CAL)
    assert d.provisional and "暂定" in d.explanation


def test_clock_states():
    due = D(2025, 3, 14)  # Friday
    assert rule.clock_state(due, D(2025, 3, 3), CAL) == ("running", 9)
    assert rule.clock_state(due, D(2025, 3, 12), CAL)[0] == "due_soon"
    assert rule.clock_state(due, D(2025, 3, 18), CAL) == ("overdue", 2)
    assert rule.clock_state(due, D(2025, 3, 20), CAL, answered_on=D(2025, 3, 14))[0] == "answered"
    assert rule.clock_state(due, D(2025, 3, 20), CAL, answered_on=D(2025, 3, 17)) == (
        "late_answered",
        1,
    )


@pytest.mark.parametrize(
    ("days", "warning", "exceeded"),
    [
        (59, None, False),
        (60, 60, False),
        (79, 60, False),
        (80, 80, False),
        (90, 90, False),
        (91, 90, True),
    ],
)
def test_ceiling_warnings(days, warning, exceeded):
    received = D(2025, 1, 10)
    c = rule.ceiling(received, received + dt.timedelta(days=days))
    assert c.warning == warning
    assert c.exceeded is exceeded
    assert c.deadline_on == D(2025, 4, 10)
