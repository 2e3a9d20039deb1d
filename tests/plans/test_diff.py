"""Comparing plans (no database): the real differences between the two seeds, added tasks."""

import pathlib

from gongkai.rules import plandiff, planparser
from tests.conftest import DONGYING_PLAN, LIAOCHENG_PLAN

DATA = pathlib.Path(__file__).parent / "data"


def _by_path(diff):
    return {"/".join((c.a or c.b)["path"]): c for c in diff.changes}


def test_seed_differences():
    a = planparser.parse_file(LIAOCHENG_PLAN).as_dict()
    b = planparser.parse_file(DONGYING_PLAN).as_dict()
    diff = plandiff.compare(a, b)
    got = _by_path(diff)
    assert len(diff.changes) == len(a["tasks"])  # the seeds are near-twins: every task aligned
    assert all(c.a["path"] == c.b["path"] for c in diff.changes)
    relief = got["四/（一）/2"]  # 社会救助: quarterly in 聊城, monthly in 东营
    assert (relief.rules_removed, relief.rules_added) == (["每季度"], ["每月"])
    assert got["四/（三）/2"].rules_added == ["每年8月31日前"]
    assert got["四/（三）/4"].rules_added == ["每月"]  # 东营 added monthly epidemic reports
    assert got["二/（一）/3"].rules_removed == ["2017年5月31日前"]
    assert got["二/（二）"].rules_removed == ["每半年"]
    assert got["一/（一）/2"].rules_removed == ["每季度", "每年"]
    assert got["四/（三）/1"].units_added == ["东营职业学院"]
    assert got["三/（三）"].units_removed == [
        "市旅发委",
        "市体育局",
        "市卫计委",
        "市民政局",
        "市文广新局",
    ]
    assert got["一/（一）/3"].status == "same"


def test_added_and_removed_tasks_with_shifted_numbering():
    text = (DATA / "dezhou_2018.md").read_text(encoding="utf-8")
    a = planparser.parse_text(text).as_dict()
    # next year: a new first task pushes the numbering down, one task is dropped
    new = text.replace(
        "1. 加强财政信息公开。",
        "1. 加强债务信息公开。按季度公开政府债务余额。（市财政局牵头落实）\n\n2. 加强财政信息公开。",
    ).replace("2. 加强价格信息公开。", "3. 加强价格信息公开。")
    new = new.replace(
        "（二）强化考核。政务公开纳入绩效考核，分值不低于4%。各部门要在本要点公布后 20 个工作日内制定实施方案。",
        "",
    )
    new = new.replace("2018", "2019")
    b = planparser.parse_text(new).as_dict()
    diff = plandiff.compare(a, b)
    added = [c.b["path"] for c in diff.by_status("added")]
    removed = [c.a["path"] for c in diff.by_status("removed")]
    assert added == [["一", "（一）", "1"]]
    assert removed == [["三", "（二）"]]
    moved = next(c for c in diff.changes if c.a and c.a["path"] == ["一", "（一）", "1"])
    assert moved.b["path"] == ["一", "（一）", "2"] and moved.status == "same"
    # one-off dates move with the year and are not reported as changes
    price = next(c for c in diff.changes if c.a and c.a["path"][-1] == "b")
    assert price.status == "same"
