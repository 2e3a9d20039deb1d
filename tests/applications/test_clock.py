"""The legal clock over the official calendar (no database)."""

import datetime as dt

import pytest

from gongkai.rules.clock import ClockInput, ClockInputError, Stop, compute, working_days_taken
from gongkai.rules.workdays import WorkCalendar, YearSchedule

D = dt.date.fromisoformat
CAL = WorkCalendar()


def due(**kw):
    return compute(ClockInput(**kw), CAL, as_of=D("2026-12-31"))


def test_plain_period_over_national_day_holiday():
    r = due(received=D("2026-09-25"))
    # 国庆/中秋 2026: Oct 1-7 off, Sep 20 and Oct 10 worked
    assert r.due == D("2026-10-29")
    assert not r.provisional
    assert r.steps[0].zh.startswith("收到申请：2026年9月25日")
    assert "2026年10月29日" in r.steps[-1].zh


def test_make_up_working_day_counts():
    # 2026-10-10 (Saturday) is a make-up working day; a plain Mon–Fri count would differ
    plain = WorkCalendar(staff_years={2026: YearSchedule(2026)})
    official = due(received=D("2026-09-30")).due
    assert official != compute(ClockInput(received=D("2026-09-30")), plain).due
    assert CAL.is_workday(D("2026-10-10"))


def test_day_of_receipt_not_counted_even_if_holiday():
    # received on a holiday: day 1 is the first working day after it
    r = due(received=D("2026-10-03"))
    assert r.due == CAL.add_workdays(D("2026-10-03"), 20).date


def test_correction_restarts_from_corrected_date():
    r = due(received=D("2026-03-02"), correction_notice=D("2026-03-05"), corrected=D("2026-03-20"))
    assert r.start == D("2026-03-20")
    assert r.due == CAL.add_workdays(D("2026-03-20"), 20).date
    assert not r.warnings
    assert any("重新计算" in s.zh for s in r.steps)


def test_correction_waiting_has_no_due_date():
    r = due(received=D("2026-03-02"), correction_notice=D("2026-03-05"))
    assert r.due is None
    assert r.first_line() == "waiting-for-correction"


def test_late_correction_notice_is_warned():
    r = due(received=D("2026-03-02"), correction_notice=D("2026-03-20"), corrected=D("2026-03-23"))
    assert r.warnings and "7个工作日" in r.warnings[0].zh


def test_extension_adds_working_days_and_is_capped():
    base = due(received=D("2026-03-02"))
    ext = due(received=D("2026-03-02"), extension=20)
    assert ext.due == CAL.add_workdays(base.due, 20).date
    with pytest.raises(ClockInputError):
        due(received=D("2026-03-02"), extension=21)


def test_stop_working_days_inclusive_not_counted():
    base = due(received=D("2026-03-02")).due
    # Mon 2026-03-09 .. Fri 2026-03-13: five working days stopped
    r = due(
        received=D("2026-03-02"), stops=(Stop(D("2026-03-09"), D("2026-03-13"), "third_party"),)
    )
    assert r.stopped_days == 5
    assert r.due == CAL.add_workdays(base, 5).date
    assert any("征求第三方意见" in s.zh and "不计入5个工作日" in s.zh for s in r.steps)


def test_stop_before_start_has_no_effect():
    r = due(received=D("2026-03-02"), stops=(Stop(D("2026-02-20"), D("2026-03-01")),))
    assert r.due == due(received=D("2026-03-02")).due
    assert r.stopped_days == 0


def test_open_stop_pauses_clock():
    r = compute(
        ClockInput(received=D("2026-03-02"), stops=(Stop(D("2026-03-04"), None, "agency"),)),
        CAL,
        as_of=D("2026-03-10"),
    )
    assert r.paused
    assert r.due > due(received=D("2026-03-02")).due


def test_year_boundary_into_unannounced_year_is_provisional():
    r = due(received=D("2026-12-15"))
    assert r.due.year == 2027
    assert r.provisional and r.unannounced_years == (2027,)
    assert r.first_line().endswith(" provisional")
    assert "暂定" in r.steps[-1].zh


def test_year_boundary_announced_by_staff_is_not_provisional():
    cal = WorkCalendar(
        staff_years={2027: YearSchedule(2027, holidays=frozenset({D("2027-01-01")}))}
    )
    r = compute(ClockInput(received=D("2026-12-15")), cal)
    assert not r.provisional
    assert r.due == cal.add_workdays(D("2026-12-15"), 20).date


def test_bad_inputs_are_refused():
    with pytest.raises(ClockInputError):
        due(received=D("2026-03-02"), corrected=D("2026-03-05"))
    with pytest.raises(ClockInputError):
        due(received=D("2026-03-02"), correction_notice=D("2026-03-01"))
    with pytest.raises(ClockInputError):
        due(received=D("2026-03-02"), stops=(Stop(D("2026-03-09"), D("2026-03-05")),))


def test_working_days_taken_skips_stops():
    stops = (Stop(D("2026-03-09"), D("2026-03-13")),)
    assert working_days_taken(CAL, D("2026-03-02"), D("2026-03-16")) == 10
    assert working_days_taken(CAL, D("2026-03-02"), D("2026-03-16"), stops) == 5


def test_art35_later_date_replaces_a_shorter_legal_date():
    legal = due(received=D("2026-03-02")).due
    later = due(received=D("2026-03-02"), later_date=D("2026-05-29"))
    assert later.due == D("2026-05-29")
    assert any("第三十五条" in s.zh for s in later.steps)
    ignored = due(received=D("2026-03-02"), later_date=legal)
    assert ignored.due == legal and ignored.warnings
