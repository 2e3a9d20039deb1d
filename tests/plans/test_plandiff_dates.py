"""Comparing plans of different years: calendar dates as written, year-less rules aligned (#18.6)."""

from gongkai.rules import plandiff, planparser

PLAN = """{year}年示例市政务公开工作要点

一、推进重点领域信息公开

（一）推进权责清单公开。2017年12月31日前完成权责清单动态调整并公开。（市编办牵头落实）

（二）推进收费目录公开。在3月底前公开收费目录清单。（市物价局负责落实）

（三）推进债务信息公开。{debt}（市财政局牵头落实）
"""


def _plans(year_b, debt_a="按季度公开政府债务情况。", debt_b="按季度公开政府债务情况。"):
    a = planparser.parse_text(PLAN.format(year=2017, debt=debt_a)).as_dict()
    b = planparser.parse_text(PLAN.format(year=year_b, debt=debt_b)).as_dict()
    return {c.a["path"][-1]: c for c in plandiff.compare(a, b).changes if c.a and c.b}


def test_identical_calendar_dates_are_not_reported_across_years():
    got = _plans(2019)
    # "2017年12月31日前" stands in both plans: the same rule, not 删去 2019 / 新增 2017
    assert got["（一）"].status == "same"
    assert got["（一）"].rules_added == [] and got["（一）"].rules_removed == []
    # a year-less rule (3月底前) still follows the plan year and is the same too
    assert got["（二）"].status == "same"


def test_nothing_is_reported_that_neither_plan_contains():
    got = _plans(
        2019, debt_a="2018年6月30日前公开政府债务情况。", debt_b="2019年6月30日前公开政府债务情况。"
    )
    debt = got["（三）"]
    assert debt.rules_removed == ["2018年6月30日前"]
    assert debt.rules_added == ["2019年6月30日前"]
    labels = [r for c in got.values() for r in c.rules_added + c.rules_removed]
    assert "2019年12月31日前" not in labels and "2020年6月30日前" not in labels


def test_year_less_rules_are_reported_in_their_own_plans_words():
    got = _plans(2019, debt_a="年底前公开政府债务情况。", debt_b="按月公开政府债务情况。")
    debt = got["（三）"]
    assert debt.rules_removed == ["2017年12月31日前"]  # as plan A states it, not shifted to 2019
    assert debt.rules_added == ["每月"]


def test_a_copy_whose_dates_were_moved_keeps_its_wording_and_is_the_same():
    import copy

    a = planparser.parse_text(PLAN.format(year=2017, debt="年底前公开政府债务情况。")).as_dict()
    b = copy.deepcopy(a)  # a rollover: dates moved to 2019, wording kept
    b["year"] = 2019
    for t in b["tasks"]:
        for o in t["obligations"]:
            if o.get("due") and len(o["due"]) == 10:
                o["due"] = f"{int(o['due'][:4]) + 2}{o['due'][4:]}"
    diff = plandiff.compare(a, b)
    assert [c.status for c in diff.changes] == ["same"] * 3
