"""Import, clocks on the 工作台, reply → review → publication in full, satisfaction, figures, API."""

import datetime as dt
import io

import pytest

from gongkai.core.actors import SYSTEM
from gongkai.core.errors import Forbidden, Invalid
from gongkai.core.sheets import Sheet, xlsx_bytes
from gongkai.proposals import actions, services
from gongkai.proposals.models import Proposal
from gongkai.rules import dates

pytestmark = pytest.mark.django_db
HEADER = ["编号", "标题", "类别", "提出人", "主办单位", "协办单位", "交办日期"]


def _sheet(rows):
    return xlsx_bytes([Sheet.simple("交办", HEADER, rows)])


@pytest.fixture
def imported(orgs, staff):
    from gongkai.catalog.services import ensure_legal_structure_many
    from gongkai.orgs.models import Organisation

    ensure_legal_structure_many(Organisation.objects.filter(city=orgs["聊城市"]))
    today = dates.today()
    rows = [
        [
            "0001",
            "关于提高低保标准的建议",
            "建议",
            "王代表",
            "市民政局",
            "市财政局",
            today - dt.timedelta(days=100),
        ],
        [
            "0002",
            "关于规范采购公开的建议",
            "建议",
            "李代表",
            "聊城市财政局",
            "",
            today - dt.timedelta(days=20),
        ],
        [
            "第0003号",
            "关于就业服务的提案",
            "提案",
            "张委员",
            "市财政局",
            "",
            today - dt.timedelta(days=80),
        ],
    ]
    return actions.import_assignments(
        staff["lc-admin"], orgs["聊城市"], year=today.year, session="市十八届人大三次会议",
        name="交办.xlsx", data=_sheet(rows),
    )  # fmt: skip


def test_import_resolves_units_and_reports_bad_rows_with_nothing_stored(imported, orgs, staff):
    assert [p.number_label for p in imported] == ["第0001号", "第0002号", "第0003号"]
    assert (
        imported[0].lead.short_name == "市民政局"
        and imported[0].co_units.get().short_name == "市财政局"
    )
    bad = [
        ["12a", "标题", "建议", "某", "市财政局", "", "2026-01-05"],
        ["0010", "", "意见", "某", "市不存在局", "", "昨天"],
        ["0001", "重复", "建议", "某", "市财政局", "", "2026-01-05"],
    ]
    with pytest.raises(Invalid) as exc:
        actions.import_assignments(staff["lc-admin"], orgs["聊城市"], year=dates.today().year,
                                   session="s", name="b.xlsx", data=_sheet(bad))  # fmt: skip
    msg = exc.value.errors["file"]
    assert "第2行：编号应为数字" in msg and "第3行：类别应为" in msg and "第3行：标题为空" in msg
    assert (
        "第3行：交办日期无法识别" in msg
        and "市不存在局" in msg
        and "第4行：人大代表建议第0001号重复" in msg
    )
    assert Proposal.objects.count() == 3
    with pytest.raises(Forbidden):
        actions.import_assignments(staff["lc-editor"], orgs["聊城市"], year=2026, session="s",
                                   name="b.xlsx", data=_sheet([]))  # fmt: skip


def test_reply_review_publish_in_full_with_contacts_masked(
    imported, staff, client, django_capture_on_commit_callbacks
):
    p = imported[2]  # 市财政局
    with pytest.raises(Invalid) as exc:
        actions.reply(staff["lc-editor"], p, result_code="Z", reply_text="", signed_on="")
    assert set(exc.value.errors) == {"result_code", "reply_text", "signed_on"}
    with pytest.raises(Forbidden):
        actions.reply(
            staff["lc-mz-editor"], p, result_code="A", reply_text="x", signed_on=dates.today()
        )
    text = "您的提案收悉。我们已开设就业服务专窗。\n联系人：张科长，电话：13806351234。"
    actions.reply(staff["lc-editor"], p, result_code="A", reply_text=text, signed_on=dates.today())
    assert client.get(f"/proposals/{p.pk}/").status_code == 404  # not public before review
    with pytest.raises(Invalid):
        actions.approve(staff["lc-reviewer"], p, publish=False)  # withholding needs a reason
    with django_capture_on_commit_callbacks(execute=True):
        p = actions.approve(staff["lc-reviewer"], p)
    assert p.status == "published" and p.published_on == dates.today()
    page = client.get(f"/proposals/{p.pk}/").content.decode()
    assert "已开设就业服务专窗" in page and "13806351234" not in page
    assert p.item is not None and list(p.item.entries.values_list("slug", flat=True)) == [
        "proposals"
    ]
    data = client.get("/api/v1/proposals").json()
    assert data["total"] == 1 and data["results"][0]["result_code"] == "A"
    detail = client.get(f"/api/v1/proposals/{p.pk}").json()
    assert "专窗" in detail["reply_text"] and "13806351234" not in detail["reply_text"]
    assert detail["published_on"] == dates.today().isoformat()
    # 不满意 reopens the case
    p = actions.record_satisfaction(staff["lc-editor"], p, "unsatisfied")
    assert p.status == "assigned" and p.reopened == 1


def test_withheld_replies_stay_private_and_publication_is_a_dated_obligation(
    imported, staff, client
):
    p = imported[1]
    p = actions.reply(
        staff["lc-editor"], p, result_code="B", reply_text="正在研究。", signed_on=dates.today()
    )
    due = services.publication_due(p)
    assert services.calendar().workdays_between(p.signed_on, due.date).days == 20
    assert services.publication_state(p) == "running"
    p = actions.approve(staff["lc-reviewer"], p, publish=False, not_public_reason="涉及内部研究。")
    assert p.status == "withheld" and services.publication_state(p) is None
    assert client.get(f"/proposals/{p.pk}/").status_code == 404
    assert client.get(f"/api/v1/proposals/{p.pk}").status_code == 404


def test_overdue_and_extension_on_the_workbench(imported, staff, client):
    old = imported[0]  # assigned 100 days ago, lead 市民政局
    assert services.answer_state(old) == "overdue"
    client.force_login(staff["lc-mz-editor"])
    page = client.get("/staff/").content.decode()
    assert "建议提案办理" in page and "答复已超期" in page
    with pytest.raises(Invalid):
        actions.approve_extension(staff["lc-mz-reviewer"], old, "")
    actions.approve_extension(staff["lc-mz-reviewer"], old, "涉及资金安排")
    old.refresh_from_db()
    assert services.answer_state(old) != "overdue"
    assert services.answer_due(old).date > dates.today()


def test_letter_docx_from_the_edited_template_and_yearly_figures(imported, staff, client, orgs):
    import docx
    import openpyxl

    p = imported[2]
    with pytest.raises(Invalid):
        actions.save_template(staff["lc-admin"], orgs["聊城市"], "{答复正文}{代表手机}")
    actions.save_template(staff["lc-admin"], orgs["聊城市"], "致{提出人}：\n{答复正文}\n{承办单位}")
    actions.reply(
        staff["lc-editor"], p, result_code="C", reply_text="条件暂不具备。", signed_on=dates.today()
    )
    client.force_login(staff["lc-editor"])
    d = docx.Document(io.BytesIO(client.get(f"/staff/proposals/{p.pk}/letter.docx").content))
    texts = [x.text for x in d.paragraphs]
    assert (
        texts[:2] == ["致张委员：", "条件暂不具备。"] and round(d.sections[0].top_margin.mm) == 37
    )
    actions.approve(staff["lc-reviewer"], p)
    actions.record_satisfaction(staff["lc-editor"], p, "basically")
    rows = services.yearly_figures(Proposal.objects.all())
    fin = next(r for r in rows if r["org"].short_name == "市财政局")
    assert (fin["received"], fin["answered"], fin["on_time"], fin["published"]) == (2, 1, 1, 1)
    assert fin["shares"]["C"] == 100 and fin["s_basically"] == 1
    resp = client.get("/proposals/figures/?format=xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(resp.content)).active
    assert ws.max_row == 2 + len(rows)
    assert client.get("/proposals/figures/?year=abc").status_code == 400


def test_co_handling_opinion_only_from_a_co_unit(imported, staff):
    p = imported[0]
    from gongkai.orgs.models import Organisation

    fin = Organisation.objects.get(pk=p.co_units.get().pk)
    op = actions.add_co_opinion(staff["lc-editor"], p, fin, "同意主办单位意见，资金按规定保障。")
    assert op.submitted_on == dates.today()
    assert services.co_due(p).date > p.assigned_on
    with pytest.raises(Invalid):
        actions.add_co_opinion(SYSTEM, p, p.lead, "主办单位不是协办单位")


def test_a_reply_published_in_full_is_found_once(
    imported, staff, django_capture_on_commit_callbacks
):
    """The reply is also a catalog item (the 建议提案办理 column): search shows it once."""
    from gongkai.search.query import SearchRequest, search

    p = imported[2]
    text = "您的提案收悉。我们已开设零工市场就业服务专窗。"
    actions.reply(staff["lc-editor"], p, result_code="A", reply_text=text, signed_on=dates.today())
    with django_capture_on_commit_callbacks(execute=True):
        p = actions.approve(staff["lc-reviewer"], p)
    assert p.item is not None  # published in the catalog as well
    hits = search(SearchRequest(q="零工市场就业服务专窗")).hits
    assert [h.key for h in hits] == [f"proposal_reply:{p.pk}"]
    assert hits[0].kind_label == "建议提案答复"
