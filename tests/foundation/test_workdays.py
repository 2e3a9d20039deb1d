"""The working-day calendar (pure rules, no database)."""

import datetime as dt

import pytest

from gongkai.rules.workdays import (
    WorkCalendar,
    YearSchedule,
    add_workdays,
    is_workday,
    parse_calendar_rows,
    workdays_between,
)

D = dt.date


def test_issue_example_across_national_day_2026():
    # 9-28..9-30 (3), Oct 1-7 holiday, 10-08, 10-09, Saturday 10-10 make-up day, then to 10-29.
    result = add_workdays(D(2026, 9, 25), 20)
    assert result.date == D(2026, 10, 29)
    assert not result.provisional
    assert str(result) == "2026-10-29"


def test_national_day_2026_holidays_and_makeup_days():
    assert not is_workday(D(2026, 10, 1))
    assert not is_workday(D(2026, 10, 7))
    assert is_workday(D(2026, 10, 10))  # Saturday, worked
    assert is_workday(D(2026, 9, 20))  # Sunday, worked
    assert not is_workday(D(2026, 10, 11))  # ordinary Sunday


def test_spring_festival_2026():
    # 2026 春节: 2-15 .. 2-23 off; 2-14 (Sat) and 2-28 (Sat) worked.
    assert is_workday(D(2026, 2, 14))
    assert all(not is_workday(D(2026, 2, d)) for d in range(15, 24))
    assert is_workday(D(2026, 2, 28))
    # Receipt on Friday 2-13: day 1 is the make-up Saturday 2-14, day 2 is Tuesday 2-24.
    assert add_workdays(D(2026, 2, 13), 1).date == D(2026, 2, 14)
    assert add_workdays(D(2026, 2, 13), 2).date == D(2026, 2, 24)


def test_day_of_receipt_not_counted_even_on_a_holiday():
    # Received on a holiday: the count starts on the next working day.
    assert add_workdays(D(2026, 10, 3), 1).date == D(2026, 10, 8)
    assert add_workdays(D(2026, 10, 8), 0).date == D(2026, 10, 8)


def test_into_unannounced_2027_is_provisional():
    result = add_workdays(D(2026, 12, 20), 20)
    assert result.provisional
    assert result.unannounced_years == (2027,)
    assert str(result).endswith(" provisional")
    # Within 2026 only: not provisional.
    assert not add_workdays(D(2026, 11, 2), 10).provisional


def test_unannounced_year_never_silently_monday_to_friday():
    cal = WorkCalendar()
    # 2027-01-01 is a Friday: the guess treats New Year's Day as a holiday and says it is a guess.
    assert not cal.is_workday(D(2027, 1, 1))
    assert not cal.is_announced(2027)
    assert cal.source_of(2027) == "unannounced"


def test_staff_year_overrides_and_removes_provisional():
    schedule = YearSchedule(
        2027,
        holidays=frozenset({D(2027, 1, 1), D(2027, 1, 4)}),
        workdays=frozenset({D(2027, 1, 9)}),  # a Saturday
    )
    cal = WorkCalendar(staff_years={2027: schedule})
    assert cal.is_announced(2027)
    assert not cal.is_workday(D(2027, 1, 4))
    assert cal.is_workday(D(2027, 1, 9))
    result = cal.add_workdays(D(2026, 12, 30), 3)  # 12-31, (1-1 off), (1-4 off), 1-5, 1-6
    assert result.date == D(2027, 1, 6)
    assert not result.provisional


def test_workdays_between_counts_after_a_up_to_b():
    assert workdays_between(D(2026, 9, 25), D(2026, 10, 29)).days == 20
    assert workdays_between(D(2026, 10, 29), D(2026, 9, 25)).days == 0
    assert workdays_between(D(2026, 12, 20), D(2027, 1, 5)).provisional


def test_negative_counts_go_backwards():
    assert add_workdays(D(2026, 10, 8), -1).date == D(2026, 9, 30)


@pytest.mark.parametrize(
    "row,reason",
    [
        ({"date": "2027-02-30", "kind": "holiday"}, "invalid date"),
        ({"date": "2027-02-10", "kind": "maybe"}, "invalid kind"),
        ({"date": "2027-02-10", "kind": "workday"}, "weekday"),
    ],
)
def test_calendar_rows_bad_input_named_with_line(row, reason):
    good, errors = parse_calendar_rows([(2, {"date": "2027-02-11", "kind": "holiday"}), (3, row)])
    assert [g.date for g in good] == [D(2027, 2, 11)]
    assert len(errors) == 1 and errors[0].line == 3 and reason in errors[0].message
