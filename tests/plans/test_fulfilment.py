"""Fulfilment from publication, by hand and by progress report; jobs; scores; exports."""

import datetime as dt
import io

import openpyxl
import pytest
from django.utils import timezone

from gongkai.catalog.actions import publish_item_now, withdraw
from gongkai.catalog.models import CatalogEntry
from gongkai.catalog.services import ensure_legal_structure
from gongkai.core.actors import SYSTEM
from gongkai.plans import actions, services
from gongkai.plans.models import Obligation, Reminder


def _at(y, m, d, h=10):
    return timezone.make_aware(dt.datetime(y, m, d, h))


@pytest.fixture
def finance(import_seed, org):
    """The 2017 聊城 plan with 按月公开财政收支 linked to 市财政局's monthly column."""
    plan = import_seed("聊城市")
    czj = org("聊城市", "市财政局")
    ensure_legal_structure(czj)
    entry = CatalogEntry.objects.get(organisation=czj, slug="czsz")
    ob = Obligation.objects.get(task__plan=plan, task__path_key="一/（一）/1", every="month")
    actions.update_obligation(ob, entries=[entry], responsible=[czj], actor=SYSTEM("test"))
    return plan, ob, czj, entry


def _docx(text):
    import docx

    d = docx.Document()
    d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _publish(czj, entry, title, when, capture):
    with capture(execute=True):
        return publish_item_now(
            organisation=czj,
            title=title,
            body="<p>数据</p>",
            entries=[entry],
            published_at=when,
            actor=SYSTEM("test"),
        )


@pytest.mark.django_db
def test_publication_in_linked_column_fulfils_the_right_instance(
    finance, django_capture_on_commit_callbacks
):
    plan, ob, czj, entry = finance
    sept = ob.instances.get(label="2017年9月")
    jan = ob.instances.get(label="2017年1月")
    assert sept.state == "missed"  # 2017 is long past and nothing was published
    # the September report comes out on 10-20, before its due date: on time
    item = _publish(
        czj,
        entry,
        "2017年9月全市财政收支情况",
        _at(2017, 10, 20),
        django_capture_on_commit_callbacks,
    )
    sept.refresh_from_db()
    assert sept.state == "on_time" and sept.fulfilments.get().item == item
    # January's report only in June: late
    _publish(
        czj, entry, "2017年1月全市财政收支情况", _at(2017, 6, 1), django_capture_on_commit_callbacks
    )
    jan.refresh_from_db()
    assert jan.state == "late"
    # withdrawing the September item takes the fulfilment back
    from gongkai.accounts.models import User

    with django_capture_on_commit_callbacks(execute=True):
        withdraw(
            item, actor=User.objects.create_superuser("root", "r@x.cn", "x"), reason="数据有误"
        )
    sept.refresh_from_db()
    assert sept.state == "missed" and not sept.fulfilments.exists()


@pytest.mark.django_db
def test_item_in_unlinked_column_fulfils_nothing_and_linking_backfills(
    import_seed, org, django_capture_on_commit_callbacks
):
    plan = import_seed("东营市")
    mz = org("东营市", "市民政局")
    ensure_legal_structure(mz)
    entry = CatalogEntry.objects.get(organisation=mz, slug="assistance")
    ob = Obligation.objects.get(task__plan=plan, task__path_key="四/（一）/2", every="month")
    _publish(
        mz, entry, "2017年3月社会救助情况", _at(2017, 4, 10), django_capture_on_commit_callbacks
    )
    march = ob.instances.get(label="2017年3月")
    assert march.state == "missed"
    actions.update_obligation(
        ob, entries=[entry], actor=SYSTEM("test")
    )  # linking finds what was already published
    march.refresh_from_db()
    assert march.state == "on_time"


@pytest.mark.django_db
def test_manual_link_and_progress_report(finance, staff, django_capture_on_commit_callbacks):
    plan, ob, czj, entry = finance
    other = CatalogEntry.objects.get(organisation=czj, slug="czyjs")
    item = _publish(
        czj, other, "财政收支情况（二月）", _at(2017, 3, 15), django_capture_on_commit_callbacks
    )
    feb = ob.instances.get(label="2017年2月")
    actions.link_item(feb, item, actor=staff["lc-editor"])
    feb.refresh_from_db()
    assert feb.state == "on_time" and feb.fulfilments.get().source == "manual"
    deadline = Obligation.objects.get(
        task__plan=plan, task__path_key="二/（一）/2", kind="deadline"
    )
    inst = deadline.instances.get()
    actions.submit_report(
        deadline.task,
        organisation=deadline.responsible.first(),
        text="已完成规章和规范性文件清理，结果已报市政府。",
        instance=inst,
        files=[("清理结果.docx", _docx("清理结果"))],
        submitted_at=_at(2017, 12, 20),
        actor=SYSTEM("test"),
    )
    inst.refresh_from_db()
    assert inst.state == "on_time"
    assert inst.fulfilments.get().report.attachments.count() == 1
    with pytest.raises(Exception, match="进展"):
        actions.submit_report(
            deadline.task, organisation=deadline.responsible.first(), text=" ", actor=SYSTEM("test")
        )


@pytest.mark.django_db
def test_jobs_refresh_states_and_remind_once(finance, django_capture_on_commit_callbacks):
    plan, ob, czj, entry = finance
    new = actions.rollover(plan, year=2026, actor=SYSTEM("test"))
    nob = Obligation.objects.get(task__plan=new, task__path_key="一/（一）/1", every="month")
    sept = nob.instances.get(label="2026年9月")  # due 2026-11-03
    actions.refresh_states(_at(2026, 10, 1))
    sept.refresh_from_db()
    assert sept.state == "upcoming"
    actions.refresh_states(_at(2026, 10, 30))
    sept.refresh_from_db()
    assert sept.state == "due_soon"
    actions.send_reminders(_at(2026, 10, 30))
    actions.send_reminders(_at(2026, 10, 31))
    assert Reminder.objects.filter(instance=sept, organisation=czj, kind="due_soon").count() == 1
    actions.refresh_states(_at(2026, 11, 4))
    sept.refresh_from_db()
    assert sept.state == "missed"
    assert "requested" in actions.request_reports(_at(2026, 10, 8))
    assert new.tasks.get(path_key="一/（一）/1").reports.filter(state="requested").exists()


@pytest.mark.django_db
def test_scores_and_ledger_export(finance, django_capture_on_commit_callbacks):
    plan, ob, czj, entry = finance
    for month in range(1, 7):  # January–June on time, the rest missed
        _publish(
            czj,
            entry,
            f"2017年{month}月财政收支情况",
            _at(2017, month + 1, 10),
            django_capture_on_commit_callbacks,
        )
    rows = services.scores(plan, as_of=dt.date(2018, 3, 1))
    row = next(r for r in rows if r["organisation"] == czj)
    # 市财政局 answers for the monthly rule (12) and the other rules of its tasks
    assert row["on_time"] == 6 and row["counted"] > 12
    assert row["score"] == round(100 * 6 / row["counted"], 1)
    sheet = openpyxl.load_workbook(io.BytesIO(services.ledger_xlsx(plan))).active
    assert [c.value for c in sheet[2]] == [
        "序号",
        "任务",
        "具体要求",
        "责任单位",
        "时限要求",
        "完成情况",
    ]
    first = [c.value for c in sheet[3]]
    assert first[0] == "一、（一）1." and "市财政局" in first[3]
    assert "每月" in first[4] and "按时 6/12" in first[5]
    scores = openpyxl.load_workbook(
        io.BytesIO(services.scores_xlsx(plan, rows, services.default_rubric(plan.organisation)))
    ).active
    assert scores.cell(2, 2).value == "单位" and scores.max_row == len(rows) + 2
    a = actions.run_assessment(plan, as_of=dt.date(2018, 3, 1), actor=SYSTEM("test"))
    assert any(r["organisation"] == czj.name for r in a.results)


@pytest.mark.django_db
def test_report_attachment_download_is_for_staff_of_the_unit(finance, client, staff):
    plan, ob, czj, entry = finance
    report = actions.submit_report(
        ob.task,
        organisation=czj,
        text="已报送。",
        files=[("说明.docx", _docx("说明"))],
        actor=SYSTEM("test"),
    )
    att = report.attachments.get()
    client.force_login(staff["lc-editor"])
    resp = client.get(f"/staff/plans/reports/attachments/{att.pk}/")
    assert resp.status_code == 200 and b"".join(resp.streaming_content)[:2] == b"PK"
    client.force_login(staff["lc-mz-editor"])
    assert client.get(f"/staff/plans/reports/attachments/{att.pk}/").status_code == 404
    assert client.get(f"/staff/plans/reports/{report.pk}/").status_code == 404
