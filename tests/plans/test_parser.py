"""The plan parser and time rules (no database): both seeds and plans written in their conventions."""

import json
import pathlib

import pytest

from gongkai.rules import planparser, timerules
from gongkai.rules.planparser import PlanParseError
from tests.conftest import DONGYING_PLAN, LIAOCHENG_PLAN

DATA = pathlib.Path(__file__).parent / "data"

# Read from the seeds by hand: path → (lead units as written, time rules).
# A time rule is (kind, every/due/within ...) or ("relative", event, within).
LIAOCHENG_TASKS = {
    "一/（一）/1": (
        [
            "市发展改革委",
            "市人力资源和社会保障局",
            "市财政局",
            "市政府金融办",
            "人民银行聊城中心支行",
        ],
        [("recurring", "month")],
    ),
    "一/（一）/2": (
        ["市统计局", "市发展改革委", "市政府新闻办"],
        [("recurring", "quarter"), ("recurring", "year")],
    ),
    "一/（一）/3": (["市审计局"], []),
    "一/（二）": (
        [
            "市发展改革委",
            "市物价局",
            "市经济和信息化委",
            "市人力资源和社会保障局",
            "市财政局",
            "市国土资源局",
            "市地税局",
            "市国税局",
        ],
        [("continuous",), ("continuous",)],
    ),
    "一/（三）/1": (["市发展改革委"], [("continuous",)]),
    "一/（三）/2": (["市发展改革委"], []),
    "一/（四）": (["市财政局", "市发展改革委"], []),
    "二/（一）/1": (
        [
            "市编办",
            "市政务服务中心管理办公室",
            "市发改委",
            "市人力资源与社会保障局",
            "市财政局",
            "市物价局",
            "市工商局",
            "各县市区政府",
            "市属开发区管委会",
            "市政府有关部门",
        ],
        [],
    ),
    "二/（一）/2": (["市政府办公室", "市法制办"], [("deadline", "2017-12-31")]),
    "二/（一）/3": (
        ["市工商局", "市编办", "市发改委", "各县市区政府", "市属开发区管委会", "市政府有关部门"],
        [("deadline", "2017-12-31"), ("deadline", "2017-05-31")],
    ),
    "二/（一）/4": (
        ["市政务服务中心管理办公室", "各县市区政府", "市属开发区管委会", "市政府有关部门"],
        [("deadline", "2017-12-31")],
    ),
    "二/（二）": (
        ["市财政局", "市国资委"],
        [("continuous",), ("recurring", "half_year"), ("continuous",)],
    ),
    "二/（三）": (
        ["市农业局", "市人力资源和社会保障局", "市粮食局"],
        [("recurring", "week"), ("recurring", "5_days")],
    ),
    "二/（四）": (["市财政局", "市地税局", "市国税局"], []),
    "三/（一）": (
        [
            "市发改委",
            "市科技局",
            "市政府金融办",
            "市质监局",
            "各县市区政府",
            "市属开发区管委会",
            "市政府有关部门",
        ],
        [],
    ),
    "三/（二）": (
        [
            "各县市区政府",
            "市属开发区管委会",
            "市发展改革委",
            "市经济和信息化委",
            "市财政局",
            "市质监局",
            "市国资委",
        ],
        [],
    ),
    "三/（三）": (
        [
            "市商务局",
            "市旅发委",
            "市体育局",
            "市卫计委",
            "市民政局",
            "市文广新局",
            "市质监局",
            "市工商局",
        ],
        [("continuous",)],
    ),
    "四/（一）/1": (["市扶贫办"], [("relative", "本级人代会结束", "60 working_days")]),
    "四/（一）/2": (["市民政局"], [("continuous",), ("recurring", "quarter")]),
    "四/（二）/a": (["市环保局"], [("continuous",), ("recurring", "month")]),
    "四/（二）/b": (["市环保局", "市住房城乡建设局", "市卫生计生委"], [("recurring", "quarter")]),
    "四/（二）/c": (["市水利局"], []),
    "四/（三）/1": (["市教育局", "市人力资源和社会保障局"], []),
    "四/（三）/2": (["市教育局"], []),
    "四/（三）/3": (["市教育局"], [("deadline", "year", "06-30")]),
    "四/（三）/4": (["市卫生计生委"], []),
    "四/（四）": (["市食品药品监督管理局"], [("continuous",)]),
    "五/（一）": (
        ["中国人民银行聊城市中心支行", "市财政局", "市国资委", "市政府金融办", "聊城银监分局"],
        [],
    ),
    "五/（二）/1": (
        ["市住房和城乡建设局", "中国人民银行聊城市中心支行", "聊城银监分局"],
        [("continuous",)],
    ),
    "五/（二）/2": (["市住房和城乡建设局", "市工商局"], []),
    "五/（二）/3": (["市住房和城乡建设局"], [("continuous",)]),
    "五/（二）/4": (["市国土资源局"], [("recurring", "quarter")]),
    "五/（三）": (["市安监局"], [("continuous",)]),
    "六/（一）": ([], [("deadline", "2017-12-31")]),
    "六/（二）": ([], [("deadline", "2017-12-31"), ("continuous",)]),
    "六/（三）": (
        [],
        [
            ("relative", "特别重大、重大突发事件", "5 hours"),
            ("relative", "特别重大、重大突发事件", "24 hours"),
        ],
    ),
    "六/（四）": ([], [("recurring", "quarter")]),
    "六/（五）": ([], []),
    "六/（六）": (
        [],
        [
            ("continuous",),
            ("deadline", "2018-12-31"),
            ("relative", "本要点公布", "30 working_days"),
        ],
    ),
}
DONGYING_TASKS = {
    "一/（一）/1": (
        ["市发展改革委", "市人力资源社会保障局", "市财政局", "市金融办", "市人行"],
        [("recurring", "month")],
    ),
    "一/（一）/2": (["市统计局", "市发展改革委", "市政府新闻办"], []),
    "一/（一）/3": (["市审计局"], []),
    "一/（二）": (
        [
            "市物价局",
            "市经济和信息化委",
            "市人力资源社会保障局",
            "市财政局",
            "市国土资源局",
            "市国税局",
            "市地税局",
        ],
        [("continuous",), ("continuous",)],
    ),
    "一/（三）/1": (["市发展改革委"], [("continuous",)]),
    "一/（三）/2": (["市发展改革委"], []),
    "一/（四）": (["市财政局", "市发展改革委"], []),
    "二/（一）/1": (["市编办", "各县区", "市政府有关部门"], []),
    "二/（一）/2": (["市政府法制办", "市政府办公室"], [("deadline", "2017-12-31")]),
    "二/（一）/3": (["市编办", "各县区", "市政府有关部门"], [("deadline", "2017-12-31")]),
    "二/（一）/4": (["市", "县区", "市属开发区政务服务管理部门"], []),
    "二/（二）": (["市财政局", "市国资委"], [("continuous",), ("continuous",)]),
    "二/（三）": (
        ["市农业局", "市人力资源社会保障局", "市物价局", "市粮食局"],
        [("recurring", "week"), ("recurring", "5_days")],
    ),
    "二/（四）": (["市财政局", "市国税局", "市地税局"], []),
    "三/（一）": (
        ["各县区", "市发展改革委", "市经济和信息化委", "市科技局", "市质监局", "市知识产权局"],
        [],
    ),
    "三/（二）": (
        ["各县区", "市发展改革委", "市经济和信息化委", "市财政局", "市质监局", "市国资委"],
        [],
    ),
    "三/（三）": (["市商务局", "市质监局", "市工商局"], []),
    "四/（一）/1": (["市扶贫办"], [("relative", "本级人代会结束", "60 working_days")]),
    "四/（一）/2": (["市民政局"], [("continuous",), ("recurring", "month")]),
    "四/（二）/a": (["市环保局"], [("continuous",), ("recurring", "month")]),
    "四/（二）/b": (["市环保局", "市城市管理局", "市卫生计生委"], [("recurring", "quarter")]),
    "四/（二）/c": (["市水利局"], []),
    "四/（三）/1": (["东营职业学院", "市教育局"], []),
    "四/（三）/2": (["市教育局"], [("deadline", "year", "08-31")]),
    "四/（三）/3": (["市教育局"], [("deadline", "year", "06-30")]),
    "四/（三）/4": (["市卫生计生委"], [("recurring", "month")]),
    "四/（四）": (["市食品药品监督管理局"], [("continuous",), ("continuous",)]),
    "五/（一）": (["市人行", "市财政局", "市国资委", "市金融办", "东营银监分局"], []),
    "五/（二）/1": (
        ["市住房城乡建设局", "市住房公积金管理中心", "市人行", "东营银监分局"],
        [("continuous",)],
    ),
    "五/（二）/2": (["市住房城乡建设局", "市工商局"], []),
    "五/（二）/3": (["市住房城乡建设局"], [("continuous",)]),
    "五/（二）/4": (["市国土资源局"], [("recurring", "quarter")]),
    "五/（三）": (["市安监局"], [("continuous",)]),
    "六/（一）": ([], [("deadline", "2017-12-31")]),
    "六/（二）": ([], [("deadline", "2017-12-31"), ("continuous",)]),
    "六/（三）": (
        [],
        [
            ("relative", "特别重大、重大突发事件", "5 hours"),
            ("relative", "特别重大、重大突发事件", "24 hours"),
        ],
    ),
    "六/（四）": ([], [("recurring", "quarter")]),
    "六/（五）": ([], []),
    "六/（六）": (
        [],
        [
            ("continuous",),
            ("deadline", "2018-12-31"),
            ("relative", "本要点公布", "30 working_days"),
        ],
    ),
}


def _table(plan):
    out = {}
    for t in plan.tasks:
        rules = []
        for o in t.obligations:
            if o.kind == "relative":
                r = (o.kind, o.relative_to, o.within)
            else:
                r = (o.kind, o.every, o.due, o.within)
            rules.append(tuple(x for x in r if x is not None))
        out["/".join(t.path)] = (t.lead_units, rules)
    return out


@pytest.mark.parametrize(
    "path, expected", [(LIAOCHENG_PLAN, LIAOCHENG_TASKS), (DONGYING_PLAN, DONGYING_TASKS)]
)
def test_seed_tasks_units_and_rules(path, expected):
    got = _table(planparser.parse_file(path))
    assert list(got) == list(expected)  # every path, in order
    for key, (units, rules) in expected.items():
        assert got[key][0] == units, key
        assert got[key][1] == rules, key


def test_seed_metadata():
    lc = planparser.parse_file(LIAOCHENG_PLAN)
    assert lc.doc_number == "聊政办发〔2017〕9号"
    assert lc.issuer == "聊城市人民政府办公室"
    assert lc.signed_on.isoformat() == "2017-05-27"
    assert lc.printed_on.isoformat() == "2017-05-31"
    assert lc.title == "聊城市人民政府办公室关于印发2017年聊城市政务公开工作要点的通知"
    assert lc.plan_title == "2017年聊城市政务公开工作要点"
    assert lc.year == 2017 and lc.city_name == "聊城市"
    dy = planparser.parse_file(DONGYING_PLAN)
    assert dy.doc_number == "东政办发〔2017〕15号"
    assert dy.signed_on.isoformat() == "2017-06-06"
    assert dy.printed_on.isoformat() == "2017-06-06"
    assert dy.issuer == "东营市人民政府办公室"


def test_headings_split_by_page_breaks_are_rejoined():
    lc = planparser.parse_file(LIAOCHENG_PLAN)
    task = next(t for t in lc.tasks if t.path == ["二", "（一）", "1"])
    assert task.heading == "深化行政许可事项目录、权责清单、公共服务事项目录公开"
    assert task.text.startswith("以清单管理推动减权放权")
    # a sentence cut by a page break is whole again
    first = lc.tasks[0]
    assert "预期引导，及时准确" in first.text
    assert lc.sections["二/（二）"] == "推进国资国企信息公开工作"  # half-width (二) normalised


def test_several_parentheses_in_one_paragraph_become_sub_tasks():
    dy = planparser.parse_file(DONGYING_PLAN)
    subs = [t for t in dy.tasks if t.path[:2] == ["四", "（二）"]]
    assert [t.path[-1] for t in subs] == ["a", "b", "c"]
    assert subs[1].text.startswith("持续推进集中式生活饮用水")
    assert "市环保局牵头落实" not in subs[0].text


def test_section_six_applies_to_all_and_json_shape():
    data = planparser.parse_file(LIAOCHENG_PLAN).as_dict()
    json.dumps(data, ensure_ascii=False)
    six = [t for t in data["tasks"] if t["path"][0] == "六"]
    assert len(six) == 6 and all(t["applies_to_all"] and t["lead_units"] == [] for t in six)
    assert not any(t["applies_to_all"] for t in data["tasks"] if t["path"][0] != "六")
    ob = data["tasks"][0]["obligations"][0]
    assert set(ob) >= {"phrase", "kind", "every", "due", "relative_to", "within", "what"}
    assert ob["phrase"] == "按月公开全市财政收支情况" and ob["what"] == "公开全市财政收支情况"


def test_seasonal_and_relative_rules_carry_their_context():
    lc = planparser.parse_file(LIAOCHENG_PLAN)
    grain = next(o for t in lc.tasks for o in t.obligations if o.every == "5_days")
    assert grain.season == "夏秋粮收购旺季"
    poverty = next(o for t in lc.tasks for o in t.obligations if o.relative_to == "本级人代会结束")
    assert poverty.within == "60 working_days"
    assert poverty.what == "财政专项扶贫资金分配使用方案予以公开"


def test_own_plan_with_its_own_quirks():
    plan = planparser.parse_file(DATA / "dezhou_2018.md")
    got = _table(plan)
    assert plan.doc_number == "德政办字〔2018〕12号" and plan.year == 2018
    assert plan.printed_on.isoformat() == "2018-04-25"
    assert got == {
        "一/（一）/1": (
            ["市财政局"],
            [("recurring", "month"), ("deadline", "year", "04-15")],
        ),
        "一/（一）/2/a": (["市发展改革委"], [("recurring", "14_days")]),
        "一/（一）/2/b": (["市物价局", "市财政局"], [("deadline", "2018-03-31")]),
        # heading split by a page break; parenthesis on its own line; nested brackets in units
        "一/（二）": (
            ["市发展改革委", "各县(市、区)政府"],
            [("recurring", "quarter"), ("continuous",)],
        ),
        "二/（一）": (
            ["市民政局", "市水利局"],
            [("recurring", "month"), ("recurring", "3_days")],
        ),
        "二/（二）": (
            ["市扶贫办", "市财政局"],
            [("relative", "本级人代会结束", "20 working_days"), ("recurring", "year")],
        ),
        "三/（一）": ([], [("deadline", "2018-12-31"), ("recurring", "half_year")]),
        "三/（二）": ([], [("relative", "本要点公布", "20 working_days")]),
    }
    assert plan.sections["一/（二）"] == "推进重大建设项目信息公开"
    flood = plan.tasks[4].obligations[1]
    assert flood.season == "汛期"


def test_gb18030_and_docx_inputs_give_the_same_plan(tmp_path):
    text = (DATA / "dezhou_2018.md").read_text(encoding="utf-8")
    gb = tmp_path / "plan.txt"
    gb.write_bytes(text.encode("gb18030"))
    import docx

    doc = docx.Document()
    for para in text.split("\n\n"):
        doc.add_paragraph(para.replace("#", "").strip())
    dx = tmp_path / "plan.docx"
    doc.save(dx)
    base = planparser.parse_file(DATA / "dezhou_2018.md").as_dict()
    assert planparser.parse_file(gb).as_dict() == base
    assert planparser.parse_file(dx).as_dict()["tasks"] == base["tasks"]


def test_task_table_forms(tmp_path):
    csv_file = tmp_path / "tasks.csv"
    csv_file.write_text(
        "2019年滨州市政务公开任务分解表\n"
        "序号,任务,主要内容,责任单位,时限\n"
        "1.1.1,财政信息公开,按月公开财政收支,市财政局牵头落实,按月\n"
        "1.2,价格信息,发布重点商品价格,市发改委、市物价局,每周\n"
        "2.1,组织领导,听取工作汇报,,年内\n",
        encoding="gb18030",
    )
    plan = planparser.parse_file(csv_file)
    assert plan.year == 2019
    assert [t.path for t in plan.tasks] == [
        ["一", "（一）", "1"],
        ["一", "（二）"],
        ["二", "（一）"],
    ]
    assert plan.tasks[0].lead_units == ["市财政局"]
    assert plan.tasks[1].lead_units == ["市发改委", "市物价局"]
    assert plan.tasks[1].obligations[0].every == "week"
    assert plan.tasks[2].applies_to_all and plan.tasks[2].obligations[0].due == "2019-12-31"
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "任务", "主要内容", "责任单位", "时限"])
    ws.append(["一（一）1", "统计信息", "发布经济数据", "（市统计局负责落实）", "每季度"])
    x = tmp_path / "tasks.xlsx"
    wb.save(x)
    plan = planparser.parse_file(x, year=2026)
    assert plan.tasks[0].path == ["一", "（一）", "1"]
    assert plan.tasks[0].lead_units == ["市统计局"]
    assert plan.tasks[0].obligations[0].every == "quarter"


@pytest.mark.parametrize(
    "name, data, needle",
    [
        ("a.txt", "今天天气很好。\n\n我们去公园散步。".encode(), "not a plan"),
        ("a.docx", b"PK\x03\x04 this is not really a docx", "corrupt"),
        ("a.txt", b"", "empty"),
        ("a.txt", bytes([0x81, 0x30, 0xFF, 0xFF, 0xFE]) * 20, "decode"),
        ("a.csv", "名称,说明\n甲,乙\n".encode(), "task table"),
    ],
)
def test_bad_input_is_refused_clearly(name, data, needle):
    with pytest.raises(PlanParseError) as exc:
        planparser.parse_bytes(name, data)
    assert needle in str(exc.value)
    assert exc.value.message_zh


@pytest.mark.parametrize(
    "text, expected",
    [
        ("要及时公开，适时发布，同步解读", []),
        ("每月定期在网站发布疫情信息", [("recurring", "month")]),
        ("每年4月底前公布", [("deadline", "year", "04-30")]),
        ("2018年6月30日前完成", [("deadline", None, "2018-06-30")]),
        ("5月底前公布清单", [("deadline", None, "2026-05-31")]),
        ("事件发生后24小时内通报", [("relative", None, None)]),
        ("按半年度公开", [("recurring", "half_year")]),
        ("组织召开季度、年度新闻发布会", [("recurring", "quarter"), ("recurring", "year")]),
    ],
)
def test_time_rule_phrases(text, expected):
    rules = timerules.extract(text, 2026)
    got = []
    for r in rules:
        if r.kind == "recurring":
            got.append((r.kind, r.every))
        elif r.kind == "deadline":
            got.append((r.kind, r.every, r.due))
        else:
            got.append((r.kind, None, None))
    assert got == expected


def test_relative_event_is_named():
    (rule,) = timerules.extract("事件发生后24小时内通报", 2026)
    assert rule.relative_to == "事件发生" and rule.within == "24 hours"


def test_plan_without_notice_crlf_fullwidth_digits_items_under_level_one():
    plan = planparser.parse_file(DATA / "binzhou_2019.txt")
    assert plan.title == "2019年滨州市政务公开工作要点" and plan.year == 2019
    assert plan.doc_number == "" and plan.signed_on is None
    got = _table(plan)
    assert got == {
        # a heading restating the body's rule counts once; （…负责） is a responsibility too
        "一/（一）/1": (["市财政局"], [("recurring", "month"), ("deadline", "year", "03-31")]),
        # the whole item is one sentence: it is both heading and text
        "一/（一）/2": (["市财政局", "市审计局"], [("recurring", "quarter"), ("continuous",)]),
        "一/（二）": (["市人力资源社会保障局"], [("recurring", "quarter")]),
        # level-3 items straight under a level-1 heading that a page break cut in two
        "二/1": (
            ["市编办", "各县(市、区)人民政府"],
            [("deadline", "2019-12-31"), ("recurring", "half_year")],
        ),
        "二/2": (["市公共资源交易中心"], [("relative", "交易完成", "3 working_days")]),
        "三/（一）": ([], [("recurring", "quarter")]),
        "三/（二）": ([], [("deadline", "2019-12-31")]),
    }
    assert plan.sections["二"] == "以政务公开助力促改革"
    assert plan.tasks[1].text == "按季度公开政府债务情况，实时更新债务限额"
    assert all(t.applies_to_all for t in plan.tasks if t.path[0] == "三")
