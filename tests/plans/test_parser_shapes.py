"""Plans written the way other places write them (#18 points 14–18), with our own example texts."""

import pathlib

import pytest

from gongkai.rules import orgnames, planparser
from gongkai.rules.planparser import PlanParseError

DATA = pathlib.Path(__file__).parent / "data"


def _table(plan):
    out = {}
    for t in plan.tasks:
        rules = []
        for o in t.obligations:
            r = (o.kind, o.every, o.due, o.within)
            rules.append(tuple(x for x in r if x is not None))
        out["/".join(t.path)] = (t.lead_units, rules)
    return out


# -- 14 / 18: no red header; the 要点's own title; signature under the notice ------------------
def test_plan_without_red_header_takes_title_issuer_and_dates_from_the_notice():
    plan = planparser.parse_file(DATA / "shape_no_header_2020.txt")
    assert plan.title == "2020年青禾市政务公开工作要点"  # not the addressee or the notice
    assert plan.plan_title == plan.title and plan.year == 2020
    # the signature lines under the notice (joined on one paragraph, no blank line)
    assert plan.issuer == "青禾市人民政府办公室"
    assert plan.signed_on.isoformat() == "2020-03-16"
    # 版记 "青禾市人民政府办公室　　2020年3月18日印发" is the printing date, not the signing date
    assert plan.printed_on.isoformat() == "2020-03-18"
    # no 文号 line: empty, not the provincial number the notice quotes
    assert plan.doc_number == ""
    assert plan.city_name == "青禾市"
    assert "印发" not in plan.tasks[-1].text


def test_doc_number_quoted_in_a_short_notice_is_not_taken_for_the_plans():
    text = (
        "各县（市、区）人民政府，市政府各部门：\n\n"
        "按照鲁政办字〔2020〕10号要求，现将要点印发给你们。\n\n"
        "青禾市人民政府办公室\n\n2020年3月16日\n\n"
        "2020年青禾市政务公开工作要点\n\n"
        "一、加强督查\n\n（一）强化通报。每季度通报一次。（市政府办公室负责落实）\n\n"
        "青禾市人民政府办公室\n\n2020年3月20日印发\n"
    )
    plan = planparser.parse_text(text)
    assert plan.doc_number == ""
    assert plan.signed_on.isoformat() == "2020-03-16"
    assert plan.printed_on.isoformat() == "2020-03-20"
    assert plan.issuer == "青禾市人民政府办公室"


def test_only_a_printing_date_leaves_the_signing_date_empty():
    text = (
        "2020年青禾市政务公开工作要点\n\n"
        "一、加强督查\n\n（一）强化通报。每季度通报一次。（市政府办公室负责落实）\n\n"
        "青禾市人民政府办公室2020年3月20日印发\n"
    )
    plan = planparser.parse_text(text)
    assert plan.signed_on is None
    assert plan.printed_on.isoformat() == "2020-03-20"
    assert "印发" not in plan.tasks[-1].text


# -- 15: several tasks in one paragraph, each with its own parenthesis -------------------------
def test_several_tasks_in_one_paragraph_each_with_units_and_rules():
    got = _table(planparser.parse_file(DATA / "shape_no_header_2020.txt"))
    assert got == {
        # "（市金融办、市财政局。）": a full stop inside the parenthesis, no role word
        "一/（一）/a": (["市金融办", "市财政局"], [("recurring", "quarter")]),
        "一/（一）/b": (["市金融办"], [("recurring", "month")]),
        # "（市统计局，市发展改革委负责）" before the full stop; then bare names
        "一/（二）/a": (["市统计局", "市发展改革委"], [("recurring", "month")]),
        "一/（二）/b": (["市统计局", "市经济普查办"], [("deadline", "2020-06-30")]),
        "一/（三）": (["市人力资源社会保障局"], [("recurring", "quarter")]),
        "二/（一）": ([], [("recurring", "half_year")]),
    }
    plan = planparser.parse_file(DATA / "shape_no_header_2020.txt")
    second = next(t for t in plan.tasks if t.path == ["一", "（二）", "b"])
    assert second.heading == "推进统计信息公开"
    assert second.text == "6月底前公开第四次经济普查主要数据"  # no stray full stop or names


def test_a_parenthesis_that_is_not_a_unit_list_stays_in_the_text():
    text = (
        "2020年青禾市政务公开工作要点\n\n一、推进公开\n\n"
        "（一）推进五公开。全面推进决策、执行、管理、服务、结果公开（以下统称“五公开”）。"
        "（市政府办公室负责落实）\n"
    )
    (task,) = planparser.parse_text(text).tasks
    assert task.lead_units == ["市政府办公室"]
    assert "以下统称" in task.text


# -- 16: labelled responsibility ---------------------------------------------------------------
def test_labelled_responsibility_units_in_order_and_time_limit():
    plan = planparser.parse_file(DATA / "shape_labels_2021.txt")
    assert plan.doc_number == "松政办字〔2021〕7号"
    assert plan.plan_title == "松阳市2021年政务公开工作要点" and plan.year == 2021
    got = _table(plan)
    assert got == {
        "一/（一）": (
            ["市政务服务数据管理局", "各县(市、区)政府", "市直各部门"],
            [("continuous",)],
        ),
        # [责任单位：…按职责分工落实]: square brackets, role words dropped
        "一/（二）": (["市政务服务数据管理局", "市大数据中心"], [("recurring", "quarter")]),
        # 完成时限 is the task's time rule
        "二/（一）": (["市财政局", "市直各部门"], [("deadline", "2021-06-30")]),
        "二/（二）": (
            ["市发展改革委", "市自然资源和规划局", "市住房城乡建设局"],
            [("recurring", "quarter")],
        ),
        # 牵头 / 配合 inside one label
        "二/（三）": (
            ["市政府办公室", "各县(市、区)政府", "市直各部门"],
            [("relative", "3 working_days")],
        ),
    }
    assert all("单位" not in u for t in plan.tasks for u in t.lead_units)
    assert not any("责任单位" in t.text for t in plan.tasks)


@pytest.mark.parametrize(
    "body, units, when",
    [
        (
            "牵头单位：市政务服务数据管理局；责任单位：各县（市、区）政府，市直各部门",
            ["市政务服务数据管理局", "各县(市、区)政府", "市直各部门"],
            "",
        ),
        ("责任单位：市财政局；完成时限：2021年6月底前", ["市财政局"], "2021年6月底前"),
        ("市司法局牵头，市直各部门配合", ["市司法局", "市直各部门"], ""),
    ],
)
def test_orgnames_reads_labelled_bodies(body, units, when):
    assert orgnames.responsibility_fields(body) == (units, when)
    assert orgnames.split_units(body) == units


# -- 17: task tables flattened to text; sections running inline --------------------------------
def test_task_table_flattened_to_text():
    plan = planparser.parse_file(DATA / "shape_table_text_2021.txt")
    assert plan.plan_title == "柳川市2021年政务公开重点工作任务分工方案" and plan.year == 2021
    assert plan.issuer == "柳川市人民政府办公室"
    assert plan.signed_on.isoformat() == "2021-03-30"  # the signature under the table
    got = _table(plan)
    assert got == {
        # a number on its own line, the task, its 责任单位 line and its 完成时限 line
        "一/1": (["市政府办公室"], [("recurring", "quarter"), ("deadline", "2021-12-31")]),
        # bare unit line and a time line without labels
        "一/2": (["市政府办公室", "市司法局"], [("continuous",)]),
        # rows without numbers under a section: a, b
        "二/a": (["市税务局", "市财政局"], [("deadline", "2021-06-30")]),
        "二/b": (["市行政审批服务局"], [("recurring", "month"), ("continuous",)]),
    }
    assert plan.tasks[2].text == "围绕减税降费，公开惠企政策清单和享受条件。"


def test_sections_running_inline():
    plan = planparser.parse_file(DATA / "shape_inline_2022.txt")
    assert plan.plan_title == "2022年梅岭市政务公开工作要点" and plan.year == 2022
    assert plan.sections["一"] == "加强政策解读回应"
    assert plan.sections["二/（一）"] == "推进标准目录公开"
    got = _table(plan)
    assert got == {
        "一/（一）": (["市政府办公室"], [("relative", "3 working_days")]),
        "一/（二）": (["市委网信办", "市政府办公室"], [("recurring", "week")]),
        "二/（一）": (["各县(市、区)政府"], [("deadline", "2022-12-31")]),
        "二/（一）/1": (["各乡镇人民政府"], [("recurring", "quarter")]),
    }


def test_prose_with_inline_numbers_is_still_not_a_plan():
    text = "我们讨论了三件事。一、天气很好；二、公园人多。然后回家吃饭。"
    with pytest.raises(PlanParseError) as exc:
        planparser.parse_text(text)
    assert "not a plan" in str(exc.value) and exc.value.message_zh


@pytest.mark.parametrize(
    "name", ["shape_no_header_2020.txt", "shape_labels_2021.txt", "shape_table_text_2021.txt"]
)
def test_the_same_shapes_as_docx_with_one_paragraph_a_line(name):
    import io

    import docx

    text = (DATA / name).read_text(encoding="utf-8")
    document = docx.Document()
    for line in text.splitlines():
        if line.strip():
            document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    assert planparser.parse_bytes("plan.docx", buf.getvalue()).as_dict() == (
        planparser.parse_file(DATA / name).as_dict()
    )


def test_task_table_of_numbered_rows_without_sections():
    plan = planparser.parse_file(DATA / "shape_table_flat_2021.txt")
    assert plan.plan_title == "桐江市2021年政务公开工作任务分工方案" and plan.year == 2021
    assert _table(plan) == {
        "1": (["市发展改革委", "各县(市、区)政府"], [("recurring", "quarter")]),
        "2": (["市教育局", "市财政局"], [("deadline", "2021-09-30")]),
        "3": (["市政府办公室"], [("recurring", "half_year"), ("continuous",)]),
    }
    assert plan.tasks[1].text == "公开教育收费项目和标准"
    assert not any("单位" in t.text or "时限" in t.text for t in plan.tasks)


def test_numbered_prose_without_units_is_still_not_a_plan():
    with pytest.raises(PlanParseError):
        planparser.parse_text("会议纪要\n\n1.天气很好。\n\n2.公园人多。")
