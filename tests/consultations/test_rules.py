"""The pure participation rules, without the database."""

import datetime as dt

import pytest

from gongkai.rules.participation import articles, comment_input, feedback, period, similarity
from gongkai.rules.workdays import WorkCalendar, YearSchedule, default_calendar

CAL = default_calendar()

DRAFT = """聊城市城乡居民最低生活保障办法
（征求意见稿）

第一章　总　则

第一条　为了规范最低生活保障工作，保障城乡困难群众基本生活，根据《社会救助暂行办法》等规定，结合本市实际，制定本办
法。

第２条　本办法适用于本市行政区域内城乡居民最低生活保障的申请、审核确认和管理。
第 三 条 最低生活保障工作坚持应保尽保、公平公正、动态管理的原则。
市民政局负责全市最低生活保障工作。

第二章　保障对象和标准
第一节 保障对象
第四条　共同生活的家庭成员人均收入低于当地最低生活保障标准，且家庭财产状况符合规定的，可以申请最低生活保障。依照本办法
第三条规定确定的原则，审核确认机关应当及时办理。
第五条　最低生活保障标准由市人民政府确定，每年调整一次，并向社会公布。
第三章　附　则
第六条　本办法自２０２７年１月１日起施行。
"""


def test_regulation_period_counts_30_days_and_moves_off_the_national_day_holiday():
    r = period.compute("regulation", dt.date(2026, 9, 1), CAL)
    # day 30 is 2026-10-01 (国庆节): the period ends on the first working day after the holiday
    assert r.earliest_close == dt.date(2026, 10, 8)
    assert r.minimum_days == 37 and not r.provisional
    assert any("顺延至其后第一个工作日" in s.zh for s in r.steps)


def test_normative_period_counts_working_days_across_the_holiday():
    r = period.compute("normative", dt.date(2026, 9, 28), CAL)
    # 9-29, 9-30, then the holiday 10-1..10-7, 10-8, 10-9, (10-10 is a 调休 Saturday), 10-12
    assert r.unit == "workdays" and r.minimum == 7
    assert r.earliest_close == dt.date(2026, 10, 12) or r.earliest_close == dt.date(2026, 10, 13)
    assert CAL.workdays_between(dt.date(2026, 9, 28), r.earliest_close).days == 7


def test_market_related_normative_documents_need_30_days():
    r = period.compute("normative_market", dt.date(2026, 3, 2), CAL)
    assert r.minimum == 30 and r.unit == "days" and r.earliest_close == dt.date(2026, 4, 1)


def test_shorter_period_is_flagged_with_its_explanation():
    r = period.compute("major_decision", dt.date(2026, 3, 2), CAL, closes_on=dt.date(2026, 3, 20))
    assert r.shorter and r.actual == 18
    assert "须记录并公开缩短理由" in r.steps[-1].zh
    ok = period.compute("major_decision", dt.date(2026, 3, 2), CAL, closes_on=dt.date(2026, 4, 1))
    assert not ok.shorter


def test_unannounced_year_is_provisional_and_staff_years_count():
    r = period.compute("regulation", dt.date(2027, 1, 4), CAL)
    assert r.provisional and r.unannounced_years == (2027,)
    assert "暂定" in r.earliest_label()
    staff = WorkCalendar(staff_years={2027: YearSchedule(2027, frozenset({dt.date(2027, 2, 3)}))})
    r2 = period.compute("regulation", dt.date(2027, 1, 4), staff)
    # 2027-02-03 is day 30 and a staff-entered holiday: moved to 02-04, not provisional
    assert not r2.provisional and r2.earliest_close == dt.date(2027, 2, 4)


def test_rules_are_configurable_and_bad_input_refused():
    r = period.compute(
        "normative", dt.date(2026, 3, 2), CAL, overrides={"normative": (10, "workdays")}
    )
    assert r.minimum == 10 and "本地配置" in r.basis
    with pytest.raises(period.PeriodInputError):
        period.compute("nonsense", dt.date(2026, 3, 2), CAL)
    with pytest.raises(period.PeriodInputError):
        period.compute("normative", dt.date(2026, 3, 2), CAL, closes_on=dt.date(2026, 3, 1))


def test_article_parser_reads_a_real_shaped_draft():
    p = articles.parse(DRAFT)
    assert [a.label for a in p.articles] == [f"第{n}条" for n in "一二三四五六"]
    first, third, fourth = p.articles[0], p.articles[2], p.articles[3]
    assert first.text.endswith("制定本办法。")  # the OCR line break is joined
    assert first.chapter == "第一章　总则"
    assert len(third.clauses) == 2  # two 款
    # a cross-reference moved to the start of a line by a page break is not a new article
    assert "依照本办法第三条规定确定的原则" in fourth.text
    assert fourth.chapter == "第二章　保障对象和标准" and fourth.section == "第一节　保障对象"
    assert p.articles[5].chapter == "第三章　附则"
    assert "2027年1月1日" in p.articles[5].text  # full-width digits normalised
    assert "（征求意见稿）" in p.preamble and not p.warnings


def test_article_parser_warns_on_gaps_and_on_no_articles():
    p = articles.parse("第一条 甲。\n第三条 乙。")
    assert [a.number for a in p.articles] == [1, 3] and "不连续" in p.warnings[0]
    assert articles.parse("只有一段文字。").warnings
    assert articles.cn_number("一百零一") == 101 and articles.cn_numeral(101) == "一百零一"
    assert articles.cn_numeral(12) == "十二" and articles.cn_numeral(110) == "一百一十"


def test_near_identical_comments_group_per_article():
    rows = [
        (1, "建议将低保标准提高到每月800元。", 4),
        (2, "建议将低保标准提高到每月800元！！", 4),
        (3, "建议 将低保标准 提高到每月８００元", 4),
        (4, "建议将低保标准提高到每月800元。", 5),  # another article: its own group
        (5, "申请材料太多，建议精简。", 4),
        (6, "同意", None),
        (7, "同意。", None),
    ]
    groups = similarity.group(rows)
    assert [g.members for g in groups] == [[1, 2, 3], [4], [5], [6, 7]]
    assert not similarity.near_identical("同意", "不同意")


def test_feedback_figures_count_groups_once():
    ops = [
        feedback.Opinion("第四条", 3, "adopted"),
        feedback.Opinion("第四条", 1, "rejected"),
        feedback.Opinion("", 2, "partly"),
        feedback.Opinion("第五条", 1, ""),
    ]
    s = feedback.summarise(ops, ["第四条", "第五条"])
    assert (s.total.comments, s.total.opinions) == (7, 4)
    assert (s.total.adopted, s.total.partly, s.total.rejected, s.total.undecided) == (1, 1, 1, 1)
    assert [label for label, _ in s.by_article] == ["", "第四条", "第五条"]
    assert s.by_article[1][1].comments == 4 and not s.complete
    assert feedback.reason_problem("rejected", " ") and feedback.reason_problem("partly", "")
    assert not feedback.reason_problem("adopted", "")


def test_draft_final_diff_by_article():
    draft = [
        ("第一条", "甲甲甲甲甲甲甲甲。"),
        ("第二条", "乙乙乙乙乙乙乙乙乙。"),
        ("第三条", "丙丙丙丙丙丙丙。"),
    ]
    final = [
        ("第一条", "甲甲甲甲甲甲甲甲。"),
        ("第二条", "新增的条文内容。"),
        ("第三条", "乙乙乙乙乙乙乙乙乙乙。"),
    ]
    out = feedback.diff_articles(draft, final)
    status = [(c.status, c.draft_label, c.final_label) for c in out]
    assert ("unchanged", "第一条", "第一条") in status
    assert ("changed", "第二条", "第三条") in status  # renumbered and edited
    assert ("added", "", "第二条") in status and ("removed", "第三条", "") in status


@pytest.mark.parametrize(
    "text,expected",
    [
        ("", "请填写意见内容"),
        ("字" * 10000, "意见内容过长"),
        ("<script>alert(1)</script>建议", "网页代码"),
        ("建议\ud800", "无法识别的字符"),
    ],
)
def test_bad_comment_input_is_answered_in_chinese(text, expected):
    errors = comment_input.check(text, "13800000000")
    assert expected in errors["text"]
    assert "联系方式" in comment_input.check("好", "")["contact"]
