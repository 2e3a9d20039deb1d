"""Due dates and states (no database): working days across holidays, provisional years."""

import datetime as dt

from gongkai.rules import plan_schedule as ps
from gongkai.rules.workdays import WorkCalendar, YearSchedule

CAL = WorkCalendar()


def test_monthly_instances_count_twenty_working_days_across_national_day():
    insts = ps.recurring_instances("month", 2026, CAL)
    assert [i.label for i in insts][:2] == ["2026年1月", "2026年2月"]
    assert len(insts) == 12
    sept = insts[8]
    assert (sept.period_start, sept.period_end) == (dt.date(2026, 9, 1), dt.date(2026, 9, 30))
    # 10-01…10-07 are holidays, 10-10 (Saturday) is worked: Oct 8, 9, 10, 12-16, 19-23,
    # 26-30 make 18 working days, Nov 2 and 3 the 19th and 20th.
    assert sept.due_date == dt.date(2026, 11, 3) and not sept.provisional
    # October has no holiday after it: 20 working days after 10-31 is 11-27.
    assert insts[9].due_date == dt.date(2026, 11, 27)
    # December's due date falls in 2027, which is not announced yet.
    assert insts[11].due_date.year == 2027 and insts[11].provisional


def test_lag_is_configurable_and_periods_cover_the_year():
    q = ps.recurring_instances("quarter", 2026, CAL, lag=5)
    assert [i.label for i in q] == [f"2026年第{n}季度" for n in "一二三四"]
    assert q[0].due_date == CAL.add_workdays(dt.date(2026, 3, 31), 5).date
    halves = ps.periods("half_year", 2026)
    assert halves[0].end == dt.date(2026, 6, 30) and halves[1].start == dt.date(2026, 7, 1)
    weeks = ps.periods("week", 2026)
    assert weeks[0].start == dt.date(2026, 1, 1) and weeks[-1].end == dt.date(2026, 12, 31)
    assert all((w.end - w.start).days <= 6 for w in weeks)


def test_seasonal_every_five_days_runs_only_in_the_season():
    season = (dt.date(2026, 6, 1), dt.date(2026, 7, 15))
    insts = ps.recurring_instances("5_days", 2026, CAL, lag=2, season=season)
    assert insts[0].period_start == dt.date(2026, 6, 1)
    assert insts[0].period_end == dt.date(2026, 6, 5)
    assert insts[-1].period_end == dt.date(2026, 7, 15)
    assert len(insts) == 9  # 45 days / 5


def test_staff_entered_year_removes_the_provisional_flag():
    # 2030 is unannounced: provisional. Staff enter 2030 with 2030-01-02 as a holiday.
    guess = ps.deadline_instance("2030-01-10", 2030, CAL)
    assert guess.provisional
    staff = WorkCalendar(staff_years={2030: YearSchedule(2030, frozenset({dt.date(2030, 1, 2)}))})
    assert not ps.deadline_instance("2030-01-10", 2030, staff).provisional
    r_guess = ps.relative_instance("3 working_days", dt.datetime(2030, 1, 1, 9), CAL)
    r_staff = ps.relative_instance("3 working_days", dt.datetime(2030, 1, 1, 9), staff)
    # the staff holiday on 01-02 pushes the third working day from 01-04 to 01-07 (Monday)
    assert (r_guess.due_date, r_guess.provisional) == (dt.date(2030, 1, 4), True)
    assert (r_staff.due_date, r_staff.provisional) == (dt.date(2030, 1, 7), False)


def test_relative_rules_in_working_days_and_hours():
    # 人代会 ended on Monday 2017-02-20; 60 working days (no holiday until 清明 4-3/4-4, 劳动节 5-1)
    inst = ps.relative_instance("60 working_days", dt.datetime(2017, 2, 20, 17), CAL)
    assert inst.due_date == CAL.add_workdays(dt.date(2017, 2, 20), 60).date
    assert inst.due_date > dt.date(2017, 2, 20) + dt.timedelta(days=60 * 7 // 5)
    hours = ps.relative_instance("5 hours", dt.datetime(2026, 10, 1, 22, 30), CAL)
    assert hours.due_at == dt.datetime(2026, 10, 2, 3, 30)  # hours run on holidays too


def test_yearly_deadline_and_states():
    inst = ps.deadline_instance("06-30", 2026, CAL)
    assert inst.due_date == dt.date(2026, 6, 30)
    due = dt.date(2026, 6, 30)
    kw = dict(kind="deadline", due_date=due)
    assert ps.state(**kw, fulfilled_on=None, today=dt.date(2026, 5, 1)) == ps.UPCOMING
    assert ps.state(**kw, fulfilled_on=None, today=dt.date(2026, 6, 25)) == ps.DUE_SOON
    assert ps.state(**kw, fulfilled_on=None, today=dt.date(2026, 7, 1)) == ps.MISSED
    assert ps.state(**kw, fulfilled_on=due, today=dt.date(2026, 7, 1)) == ps.ON_TIME
    assert ps.state(**kw, fulfilled_on=dt.date(2026, 7, 2), today=dt.date(2026, 8, 1)) == ps.LATE
    assert ps.state(kind="continuous", due_date=None, fulfilled_on=None, today=due) == ps.ONGOING
    assert ps.state(kind="relative", due_date=None, fulfilled_on=None, today=due) == ps.WAITING
    assert ps.task_colour([ps.ON_TIME, ps.MISSED, ps.DUE_SOON]) == "red"
    assert ps.task_colour([ps.ON_TIME, ps.LATE]) == "amber"
    assert ps.on_time_share([ps.ON_TIME, ps.LATE, ps.MISSED, ps.UPCOMING, ps.WAITING]) == (1, 3)
