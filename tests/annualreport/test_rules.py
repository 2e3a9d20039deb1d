"""The pure rules of the annual report: table 三 cell by cell, the layouts, every check failing on
purpose, the drafted text and its figures, similarity."""

from __future__ import annotations

import copy

import pytest

from gongkai.rules import outcomes
from gongkai.rules.annualreport import checks as C
from gongkai.rules.annualreport import layout as L
from gongkai.rules.annualreport import tables as T
from gongkai.rules.annualreport import text as X
from gongkai.rules.annualreport.windows import add_months, windows

F = outcomes.CaseFact

# A hand-counted year: every outcome code once for a natural person, a few for organisations,
# two carried in from last year (one closed, one still open), three still open at year end.
CASES = [F("natural", True, code) for code in outcomes.OUTCOME_CODES] + [
    F("commercial", True, "disclosed"),
    F("commercial", True, "withheld_third_party"),
    F("research", True, "partial"),
    F("public_welfare", True, "refused_repeat"),
    F("legal_services", True, "unavailable_not_held"),
    F("legal_services", True, None),
    F("other_org", True, "other_no_fee"),
    F("natural", False, "disclosed"),
    F("natural", False, None),
    F("natural", True, None),
    F("other_org", True, None),
]


def test_table_three_cell_by_cell():
    t = T.table_three(CASES)
    # 一 new: natural 21 outcomes + 1 open = 22; commercial 2; research 1; public 1; legal 2; other 2
    assert [t["new"][k] for k in T.ALL_KEYS] == [22, 2, 1, 1, 2, 2, 30]
    assert [t["carried_in"][k] for k in T.ALL_KEYS] == [2, 0, 0, 0, 0, 0, 2]
    assert [t["disclosed"][k] for k in T.ALL_KEYS] == [2, 1, 0, 0, 0, 0, 3]
    assert [t["partial"][k] for k in T.ALL_KEYS] == [1, 0, 1, 0, 0, 0, 2]
    assert [t["withheld"][k] for k in T.ALL_KEYS] == [8, 1, 0, 0, 0, 0, 9]
    assert t["withheld_third_party"]["commercial"] == 1
    assert t["withheld_third_party"]["total"] == 2
    assert [t["unavailable"][k] for k in T.ALL_KEYS] == [3, 0, 0, 0, 1, 0, 4]
    assert [t["refused"][k] for k in T.ALL_KEYS] == [5, 0, 0, 1, 0, 0, 6]
    assert t["refused_repeat"]["public_interest"] == 1
    assert [t["other"][k] for k in T.ALL_KEYS] == [3, 0, 0, 0, 0, 1, 4]
    assert t["other_no_fee"]["other"] == 1
    assert [t["total"][k] for k in T.ALL_KEYS] == [22, 2, 1, 1, 1, 1, 28]
    assert [t["carry_out"][k] for k in T.ALL_KEYS] == [2, 0, 0, 0, 1, 1, 4]
    for code in outcomes.OUTCOME_CODES:  # every outcome code has its own natural-person cell
        assert t[code]["natural_person"] >= 1, code
    assert all(c.ok for c in C.check_table3(t))


def test_every_row_of_the_2021_format_is_there_in_order():
    labels = [r.label for r in T.ROWS]
    assert labels[0].startswith("一、本年新收") and labels[1].startswith("二、上年结转")
    assert labels[2] == "三、本年度办理结果" and labels[-1] == "四、结转下年度继续办理"
    assert labels[-2] == "（七）总计"
    assert len(T.ITEMS_OF["withheld"]) == 8 and len(T.ITEMS_OF["unavailable"]) == 3
    assert len(T.ITEMS_OF["refused"]) == 5 and len(T.ITEMS_OF["other"]) == 3
    assert T.COLUMN_KEYS == [
        "natural_person", "commercial", "research", "public_interest", "legal_services", "other"
    ]  # fmt: skip


def test_layout_has_the_template_merges():
    t3 = L.table3(T.table_three(CASES))
    assert L.width(t3) == 10  # three label columns, six applicant columns, 总计
    head = {c.text: c for c in t3[0] + t3[1]}
    assert head["申请人情况"].colspan == 7
    assert head["法人或其他组织"].colspan == 5
    assert head["自然人"].rowspan == 2 and head["总计"].rowspan == 2
    cells = {c.text: c for row in t3 for c in row}
    assert cells["三、本年度办理结果"].rowspan == 22
    assert cells["（三）不予公开"].rowspan == 8
    assert cells["（一）予以公开"].colspan == 2
    placed = L.grid(t3)
    assert max(r for r, _, _ in placed) == 27  # 3 header rows + 25 data rows
    t4 = L.table4(T.table_four([]))
    assert L.width(t4) == 15
    assert [c.text for c in t4[0]] == ["行政复议", "行政诉讼"]
    assert L.width(L.table2(T.table_two({}, {}, 0))) == 4


def figures(**over):
    f = {
        "table2": T.table_two(
            {"normative": {"issued": 2, "repealed": 1, "in_force": 9}},
            {"licensing": 5},
            "1.5",
        ),
        "table3": T.table_three(CASES),
        "table4": T.table_four(
            [T.RemedyFact("review", "upheld"), T.RemedyFact("litigation_direct", "pending")]
        ),
        "extra": {"items_published": 40, "interpretations": 3, "fees_collected": 0},
    }
    f.update(over)
    return f


def failing(checks):
    return {c.name for c in checks if not c.ok}


def test_consistent_report_passes_every_check():
    f = figures()
    prev = copy.deepcopy(f)
    prev["table3"]["carry_out"] = dict(f["table3"]["carried_in"])
    prev["table2"]["normative"]["in_force"] = 8
    text = X.draft_overview("市财政局", 2025, f)
    assert failing(C.run(f, {"一": text}, prev, "完全不同的上年文字。" * 5)) == set()


@pytest.mark.parametrize(
    "break_it, name, cell",
    [
        (lambda f: f["table3"]["new"].update(total=99), "table3_row_totals", "table3.new.total"),
        (
            lambda f: f["table3"]["withheld"].update(commercial=5),
            "table3_group_sums",
            "table3.withheld.commercial",
        ),
        (
            lambda f: f["table3"]["total"].update(research=0),
            "table3_results_total",
            "table3.total.research",
        ),
        (
            lambda f: f["table3"]["carry_out"].update(natural_person=7),
            "table3_identity",
            "table3.carry_out.natural_person",
        ),
        (lambda f: f["table4"]["review"].update(total=3), "table4_totals", "table4.review.total"),
        (
            lambda f: f["table2"]["licensing"].update(decisions=-1),
            "table2_values",
            "table2.licensing.decisions",
        ),
    ],
)
def test_each_table_check_fails_on_purpose(break_it, name, cell):
    f = figures()
    break_it(f)
    checks = C.run(f, {})
    assert name in failing(checks)
    bad = next(c for c in checks if c.name == name)
    assert cell in bad.cells and bad.detail


def test_cross_year_checks_fail_on_purpose():
    f = figures()
    prev = copy.deepcopy(f)
    prev["table3"]["carry_out"]["natural_person"] = 5  # this year says 2 carried in
    prev["table2"]["normative"]["in_force"] = 10  # 10 + 2 - 1 = 11, this year says 9
    checks = C.run(f, {}, prev)
    assert {"carry_over", "table2_continuity"} <= failing(checks)
    carry = next(c for c in checks if c.name == "carry_over")
    assert "上年结转下年度5" in carry.detail and "table3.carried_in.natural_person" in carry.cells
    cont = next(c for c in checks if c.name == "table2_continuity")
    assert "=11" in cont.detail and "table2.normative.in_force" in cont.cells
    no_prev = C.run(f, {}, None)
    assert not {"carry_over", "table2_continuity"} & failing(no_prev)


def test_text_figures_come_from_the_tables_and_a_typed_one_is_caught():
    f = figures()
    text = X.draft_overview("市财政局", 2025, f)
    assert "新收政府信息公开申请30件" in text and "主动公开政府信息40条" in text
    assert "行政复议1件" in text and "行政诉讼1件" in text
    assert "召开新闻发布会" not in text  # the responses app is absent: no sentence, no figure
    assert C.check_text({"一": text}, f).ok
    edited = text.replace("新收政府信息公开申请30件", "新收政府信息公开申请31件")
    check = C.check_text({"一": edited}, f)
    assert not check.ok and "31" in check.detail and "30" in check.detail
    f2 = figures(extra={"items_published": 40, "interpretations": 3, "press_conferences": 4})
    assert "召开新闻发布会4场" in X.draft_overview("市财政局", 2025, f2)


def test_similarity_warns_on_copied_text_only():
    own = "一是栏目更新不够及时；二是解读形式单一。下一步将建立月度提醒制度，丰富图解和视频解读。"
    this = X.draft_overview("市财政局", 2026, figures()) + "\n" + own
    last = X.draft_overview("市财政局", 2025, figures(extra={"items_published": 12})) + "\n" + own
    check = C.check_similarity(this, last, 0.8)
    assert not check.ok and check.level == "warning"
    other = "全年重点推进基层政务公开标准化规范化，完成了目录梳理，群众满意度进一步提高。"
    assert C.check_similarity(this.replace(own, other), last, 0.8).ok
    assert not C.blocking([check])  # a warning does not block approval


def test_summary_adds_cell_by_cell():
    a, b = figures(), figures()
    total = T.add([a, b])
    assert total["table3"]["new"]["total"] == 60
    assert total["table4"]["review"]["upheld"] == 2
    assert total["table2"]["fees"]["amount"] == "3.00"
    assert all(c.ok for c in C.check_table3(total["table3"]))


def test_remedy_windows():
    import datetime as dt

    w = windows(dt.date(2025, 8, 31), 60, 6)
    assert w.review_until == dt.date(2025, 10, 30)
    assert w.litigation_until == dt.date(2026, 2, 28)  # no 31 February
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert w.until("litigation_after_review", dt.date(2025, 11, 1)) == dt.date(2025, 11, 16)
