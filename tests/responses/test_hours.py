"""Hour clocks of a response event, without the database (Asia/Shanghai, across midnight)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from gongkai.rules.interaction import hours

SH = ZoneInfo("Asia/Shanghai")


def at(*a):
    return dt.datetime(*a, tzinfo=SH)


def test_major_event_learnt_late_evening_runs_past_midnight():
    learnt = at(2026, 3, 1, 21, 30)
    cs = hours.clocks("major", learnt, [], now=at(2026, 3, 2, 1, 0))
    info, conf = cs
    assert (info.kind, info.deadline) == ("info", at(2026, 3, 2, 2, 30))
    assert info.state == "running" and info.left == dt.timedelta(hours=1, minutes=30)
    assert conf.deadline == at(2026, 3, 2, 21, 30)


def test_utc_input_is_the_same_moment():
    learnt = dt.datetime(2026, 3, 1, 13, 30, tzinfo=dt.UTC)  # 21:30 in Shanghai
    info = hours.clocks("extreme", learnt, [], now=at(2026, 3, 2, 3, 0))[0]
    assert info.state == "overdue"
    assert info.lateness == dt.timedelta(minutes=30)


def test_statement_stops_info_but_not_conference_clock():
    learnt = at(2026, 3, 1, 8, 0)
    acts = [hours.Act("statement", at(2026, 3, 1, 12, 0))]
    info, conf = hours.clocks("major", learnt, acts, now=at(2026, 3, 2, 9, 0))
    assert info.state == "met" and info.stopped_at == at(2026, 3, 1, 12, 0)
    assert conf.state == "overdue" and conf.lateness == dt.timedelta(hours=1)


def test_late_press_conference_records_lateness():
    learnt = at(2026, 3, 1, 8, 0)
    acts = [hours.Act("conference", at(2026, 3, 2, 10, 15))]
    info, conf = hours.clocks("extreme", learnt, acts, now=at(2026, 3, 5, 0, 0))
    assert conf.state == "late" and conf.lateness == dt.timedelta(hours=2, minutes=15)
    assert info.state == "late"  # the conference was also the first authoritative information


def test_general_level_48_hours_and_configurable():
    learnt = at(2026, 2, 16, 23, 0)  # Spring Festival holiday: hours count anyway
    (resp,) = hours.clocks("general", learnt, [], now=at(2026, 2, 17, 0, 0))
    assert resp.deadline == at(2026, 2, 18, 23, 0)
    (resp,) = hours.clocks(
        "general", learnt, [], now=at(2026, 2, 17, 0, 0), table={"general": [("response", 24)]}
    )
    assert resp.deadline == at(2026, 2, 17, 23, 0)


def test_naive_datetimes_refused():
    with pytest.raises(ValueError):
        hours.clocks("major", dt.datetime(2026, 1, 1, 8), [], now=at(2026, 1, 1, 9))
