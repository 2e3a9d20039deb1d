"""The pure rules of 数据开放: periods from the time rules, schema matching, derived figures."""

import datetime as dt

import pytest

from gongkai.rules import plan_schedule, timerules
from gongkai.rules.opendata import derive
from gongkai.rules.opendata import periods as P
from gongkai.rules.opendata import schema as S

MONTH = P.Rule("month")
QUARTER = P.Rule("quarter")
HARVEST = P.Rule("5_days", "夏秋粮收购旺季", "06-01", "07-20")


# ----- periods ---------------------------------------------------------------------------------


def test_periods_are_the_plan_obligation_periods():
    # 按月 / 按季度 in a plan's text become the same periods the dataset counts
    rule = timerules.extract("按月公开全市财政收支情况", 2026)[0]
    ours = P.year_periods(P.Rule(rule.every), 2026)
    plans = plan_schedule.periods(rule.every, 2026)
    assert [(p.start, p.end) for p in ours] == [(p.start, p.end) for p in plans]
    assert [p.key for p in ours][:2] == ["2026-01", "2026-02"]
    assert [p.key for p in P.year_periods(QUARTER, 2026)] == [
        "2026-Q1",
        "2026-Q2",
        "2026-Q3",
        "2026-Q4",
    ]


def test_five_day_rule_in_the_harvest_season():
    rule = timerules.extract("夏秋粮收购旺季每五日发布粮食收购进度", 2026)[0]
    assert rule.every == "5_days" and rule.season
    windows = P.year_periods(P.Rule(rule.every, rule.season, "06-01", "07-20"), 2026)
    assert len(windows) == 10  # 50 days of season
    assert windows[0].start == dt.date(2026, 6, 1) and windows[0].end == dt.date(2026, 6, 5)
    assert windows[-1].end == dt.date(2026, 7, 20)
    assert all((w.end - w.start).days == 4 for w in windows)
    # a date inside a window finds it; a date outside the season is refused with the season
    assert P.locate(HARVEST, "2026-06-08").key == "2026-06-06"
    with pytest.raises(P.PeriodError, match="不在夏秋粮收购旺季（06-01至07-20）内"):
        P.locate(HARVEST, "2026-08-01")


def test_due_periods_use_the_lag_after_the_period_end():
    lag = lambda end: end + dt.timedelta(days=28)  # noqa: E731
    due = P.due_periods(MONTH, dt.date(2026, 1, 1), dt.date(2026, 4, 10), lag)
    assert [p.key for p in due] == ["2026-01", "2026-02"]  # March is due on April 28
    season = P.due_periods(HARVEST, dt.date(2026, 6, 1), dt.date(2026, 6, 20), lambda e: e)
    assert [p.key for p in season] == ["2026-06-01", "2026-06-06", "2026-06-11"]


@pytest.mark.parametrize(
    "text,key",
    [("2026年3月", "2026-03"), ("2026-03", "2026-03"), ("2026/3", "2026-03"), ("202603", "2026-03"),
     (dt.datetime(2026, 3, 9), "2026-03"), ("2026-03-31", "2026-03")],
)  # fmt: skip
def test_month_cells(text, key):
    assert P.locate(MONTH, text).key == key


@pytest.mark.parametrize(
    "text,key",
    [
        ("2026年第一季度", "2026-Q1"),
        ("2026Q3", "2026-Q3"),
        ("2026-Q4", "2026-Q4"),
        ("2026年2季度", "2026-Q2"),
    ],
)
def test_quarter_cells(text, key):
    assert P.locate(QUARTER, text).key == key


def test_previous_and_year_before():
    jan = P.locate(MONTH, "2026-01")
    assert P.previous(MONTH, jan).key == "2025-12"
    assert P.year_before(MONTH, jan).key == "2025-01"
    first = P.locate(HARVEST, "2026-06-01")
    assert P.previous(HARVEST, first) is None  # last season is not the period before
    assert P.year_before(HARVEST, first).key == "2025-06-01"
    assert P.previous(HARVEST, P.locate(HARVEST, "2026-06-07")).key == "2026-06-01"


def test_bad_period_cells():
    with pytest.raises(P.PeriodError, match="不是可以识别的统计期"):
        P.locate(MONTH, "三月份")
    with pytest.raises(P.PeriodError, match="统计期为空"):
        P.locate(MONTH, " ")


# ----- schema matching -------------------------------------------------------------------------

SCHEMA = S.Schema(
    [
        S.Field("一般公共预算收入", unit="万元"),
        S.Field("税收收入", unit="万元", part_of="一般公共预算收入"),
        S.Field("收入累计", unit="万元", cumulative_of="一般公共预算收入"),
    ]
)
HEAD = ["统计期", "一般公共预算收入（万元）", "其中：税收收入（万元）", "收入累计（万元）"]


def texts(result):
    return [p.text() for p in result.problems]


def test_a_matching_table_with_a_title_row_and_units():
    rows = [["聊城市财政收支情况表"], HEAD, ["2026年1月", 100, "80", "100"], ["注：数据为快报数"]]
    result = S.match(SCHEMA, MONTH, rows)
    assert result.ok and result.header_row == 2
    assert result.records[0].values == {
        "一般公共预算收入": 100.0,
        "税收收入": 80.0,
        "收入累计": 100.0,
    }
    assert result.records[0].row == 3


def test_errors_name_the_row_the_column_and_the_reason():
    rows = [
        HEAD,
        ["2026-01", "一百", 80, 100],
        ["2026-02", 90, "", 190],
        ["2026-02", 1, 1, 1],
        ["13月", 1, 1, 1],
    ]
    problems = texts(S.match(SCHEMA, MONTH, rows))
    assert "第2行 B列：“一般公共预算收入”：“一百”不是数字。" in problems
    assert "第3行 C列：“税收收入”为空。" in problems
    assert "第4行：与第3行的统计期重复。" in problems
    assert any(p.startswith("第5行 A列：“13月”不是可以识别的统计期") for p in problems)


def test_missing_columns_and_wrong_units():
    rows = [["统计期", "一般公共预算收入（元）"], ["2026-01", 1]]
    problems = texts(S.match(SCHEMA, MONTH, rows))
    assert "第1行 B列：“一般公共预算收入”的单位应为“万元”，表中为“元”。" in problems
    assert "第1行：缺少“税收收入（万元）”列。" in problems
    no_header = texts(S.match(SCHEMA, MONTH, [["项目", "本月数"], ["收入", 1]]))
    assert no_header[0].startswith("整个文件：前10行中没有“统计期”列")


def test_lists_of_people_are_never_a_dataset():
    rows = [["低保对象名单"], ["序号", "户主姓名", "身份证号码", "保障人数"], [1, "王某某", "x", 2]]
    result = S.match(SCHEMA, MONTH, rows)
    assert not result.ok
    assert "不收录个人名单" in texts(result)[0] and texts(result)[0].startswith("第2行 B列")
    assert S.Schema([S.Field("户主姓名", type="text")]).problems()


def test_percent_and_integer_ranges():
    schema = S.Schema(
        [S.Field("达标率", type="percent", unit="%"), S.Field("点位数", type="integer")]
    )
    problems = texts(
        S.match(schema, QUARTER, [["统计期", "达标率（%）", "点位数"], ["2026Q1", 101, 3.5]])
    )
    assert "第2行 B列：“达标率”：101 不在 0 到 100 之间。" in problems
    assert "第2行 C列：“点位数”：3.5 不是整数。" in problems


# ----- derived figures -------------------------------------------------------------------------


def test_yoy_and_mom_with_gaps():
    values = {"2025-03": 100.0, "2026-02": 120.0, "2026-03": 132.0, "2026-05": 90.0}
    mar = P.locate(MONTH, "2026-03")
    assert derive.mom(MONTH, mar, values.get).value == 10.0
    assert derive.yoy(MONTH, mar, values.get).value == 32.0
    may = P.locate(MONTH, "2026-05")
    gap = derive.mom(MONTH, may, values.get)
    assert gap.value is None and gap.note == "上期（2026年4月）缺失"
    assert derive.yoy(MONTH, may, values.get).note == "上年同期（2025年5月）缺失"
    assert derive.yoy(MONTH, mar, values.get).formula == derive.YOY_FORMULA
    zero = derive.mom(MONTH, mar, {"2026-02": 0, "2026-03": 5}.get)
    assert zero.value is None and "为零" in zero.note


def test_cumulative_and_the_consistency_checks():
    values = {"2026-01": 100.0, "2026-02": 90.0, "2026-03": 110.0}
    mar = P.locate(MONTH, "2026-03")
    assert derive.cumulative(MONTH, mar, values.get).value == 300.0
    assert "缺少2026年2月" in derive.cumulative(MONTH, mar, {"2026-01": 1, "2026-03": 1}.get).note
    rows = [HEAD, ["2026-03", 110, 120, 299]]
    result = S.match(SCHEMA, MONTH, rows)
    stored = lambda f, key, area: values.get(key)  # noqa: E731
    warnings = [p.text() for p in derive.check(SCHEMA, MONTH, result.records, stored)]
    assert "第2行：税收收入 120 大于 一般公共预算收入 110（部分不能大于总数）。" in warnings
    assert any("收入累计 299 与各期一般公共预算收入之和 300 不一致" in w for w in warnings)
    good = S.match(SCHEMA, MONTH, [HEAD, ["2026-03", 110, 80, 300]])
    assert derive.check(SCHEMA, MONTH, good.records, stored) == []


def test_county_ranking_shares_ranks():
    assert derive.ranking({"阳谷县": 95.0, "临清市": 99.0, "莘县": 95.0, "冠县": None}) == [
        (1, "临清市", 99.0),
        (2, "莘县", 95.0),
        (2, "阳谷县", 95.0),
    ]
    assert derive.ranking({"a": 3.0, "b": 1.0}, descending=False)[0] == (1, "b", 1.0)
