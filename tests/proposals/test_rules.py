"""Proposal clocks and the letter template, without the database."""

import datetime as dt

import pytest

from gongkai.rules.participation import letter_template as lt
from gongkai.rules.participation import proposal_clock as pc
from gongkai.rules.workdays import default_calendar

CAL = default_calendar()


def test_answer_due_three_months_moved_off_holidays_and_extended_to_six():
    d = pc.answer_due(dt.date(2026, 7, 1), CAL)
    assert d.date == dt.date(2026, 10, 8)  # 10-01 is 国庆节: the next working day
    assert not d.provisional and "3个月" in d.steps[0].zh
    assert pc.answer_due(dt.date(2026, 3, 2), CAL, extended=True).date == dt.date(2026, 9, 2)
    assert pc.answer_due(dt.date(2026, 8, 31), CAL, months=2).date == dt.date(
        2026, 11, 2
    )  # 10-31 Sat
    assert pc.answer_due(dt.date(2026, 11, 30), CAL, extended=True).provisional  # 2027


def test_co_opinion_and_publication_due():
    # 2026-02-28 is a Saturday worked in exchange for the Spring Festival: it counts
    assert pc.co_opinion_due(dt.date(2026, 1, 31), CAL).date == dt.date(2026, 2, 28)
    assert pc.co_opinion_due(dt.date(2026, 2, 28), CAL).date == dt.date(2026, 3, 30)  # 3-28 Sat
    pub = pc.publication_due(dt.date(2026, 9, 25), CAL)
    assert CAL.workdays_between(dt.date(2026, 9, 25), pub.date).days == 20
    assert pub.date > dt.date(2026, 10, 20)  # the National Day week is not counted


def test_states():
    due = dt.date(2026, 6, 30)
    assert pc.state(due, dt.date(2026, 7, 1), CAL, done=False) == "overdue"
    assert pc.state(due, dt.date(2026, 6, 25), CAL, done=False) == "due_soon"
    assert pc.state(due, dt.date(2026, 5, 1), CAL, done=False) == "running"
    assert pc.state(due, dt.date(2026, 7, 1), CAL, done=True) == "done"


def test_letter_template_closed_placeholders():
    text = lt.render(lt.DEFAULT, {"编号": "0123", "答复正文": "已解决。", "提出人": "王代表"})
    assert "第0123号" in text and "已解决。" in text and "{" not in text
    assert lt.problems("您好{提出人}，{答复正文}{user.password}") == [
        "模板中的“{user.password}”不是可用的占位符。"
    ]
    assert "必须包含" in lt.problems("没有正文")[0]
    with pytest.raises(ValueError):
        lt.render("{不存在}{答复正文}", {})
