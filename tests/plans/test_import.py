"""Importing plans: resolution through aliases, mapping, idempotence, bad input, rollover."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from gongkai.audit.models import AuditEntry
from gongkai.core.actors import SYSTEM
from gongkai.core.errors import Invalid
from gongkai.orgs.models import OrgAlias
from gongkai.orgs.services import resolve
from gongkai.plans import actions, services
from gongkai.plans.models import Obligation, ObligationInstance, Plan, Task, TaskUnit
from gongkai.rules.planparser import parse_bytes, parse_file
from gongkai.workcal.services import get_calendar
from tests.conftest import LIAOCHENG_PLAN

UNKNOWN_UNIT_PLAN = """2026年聊城市政务公开工作要点

一、以政务公开助力稳增长

（一）加强数据开放。每季度公开政务数据开放目录。（市大数据局、市财政局按职责分工分别牵头落实）
"""


@pytest.mark.django_db
def test_seed_import_resolves_every_unit_and_makes_instances(import_seed, org):
    plan = import_seed("聊城市")
    parsed = parse_file(LIAOCHENG_PLAN)
    assert plan.tasks.count() == len(parsed.tasks)
    assert plan.doc_number == "聊政办发〔2017〕9号" and plan.year == 2017
    # every unit named in a parenthesis resolved (to an organisation or a collective)
    assert not TaskUnit.objects.filter(task__plan=plan, organisation=None, group=None).exists()
    first = Task.objects.get(plan=plan, path_key="一/（一）/1")
    assert first.lead_units[-1] == "人民银行聊城中心支行"
    assert org("聊城市", "市人行") in first.organisations.all()
    monthly = first.obligations.get(every="month")
    assert org("聊城市", "市财政局") in monthly.responsible.all()
    insts = list(monthly.instances.order_by("period_start"))
    assert len(insts) == 12
    cal = get_calendar()
    assert insts[0].due_date == cal.add_workdays(dt.date(2017, 1, 31), 20).date
    # relative rules wait for their event, continuous ones have one standing instance
    poverty = Obligation.objects.get(task__plan=plan, relative_to="本级人代会结束")
    assert poverty.instances.count() == 0
    standing = Obligation.objects.filter(task__plan=plan, kind="continuous").first()
    assert standing.instances.get().state == "ongoing"
    # the seasonal rule waits for its season
    grain = Obligation.objects.get(task__plan=plan, every="5_days")
    assert grain.season_name == "夏秋粮收购旺季" and grain.instances.count() == 0


@pytest.mark.django_db
def test_reimporting_the_same_file_changes_nothing(import_seed):
    plan = import_seed("东营市")
    counts = (
        Plan.objects.count(),
        Task.objects.count(),
        ObligationInstance.objects.count(),
        AuditEntry.objects.count(),
    )
    again = import_seed("东营市")
    assert again.pk == plan.pk
    assert counts == (
        Plan.objects.count(),
        Task.objects.count(),
        ObligationInstance.objects.count(),
        AuditEntry.objects.count(),
    )


@pytest.mark.django_db
def test_unresolved_unit_blocks_import_until_mapped_and_mapping_is_remembered(orgs, org):
    city = orgs["聊城市"]
    parsed = parse_bytes("p.txt", UNKNOWN_UNIT_PLAN.encode())
    with pytest.raises(Invalid) as exc:
        actions.import_plan(parsed, organisation=city, year=2026, actor=SYSTEM("test"))
    assert list(exc.value.unresolved) == ["市大数据局"]
    assert "市大数据局" in exc.value.message
    assert not Plan.objects.exists() and not Task.objects.exists()
    target = org("聊城市", "市政府办公室")
    plan, created = actions.import_plan(
        parsed, organisation=city, year=2026, mappings={"市大数据局": target}, actor=SYSTEM("test")
    )
    assert created and plan.tasks.get().organisations.filter(pk=target.pk).exists()
    assert OrgAlias.objects.filter(organisation=target, name="市大数据局").exists()
    assert resolve("市大数据局", within=city).organisation == target
    assert AuditEntry.objects.filter(object_repr__contains="市大数据局").exists()


@pytest.mark.django_db
def test_cli_import_reports_unresolved_and_bad_files(orgs, tmp_path, capsys):
    bad = tmp_path / "p.txt"
    bad.write_text(UNKNOWN_UNIT_PLAN, encoding="gb18030")
    with pytest.raises(CommandError, match="resolve to no organisation"):
        call_command("plan", "import", str(bad), "--org", "聊城市", "--year", "2026")
    assert "unresolved: 市大数据局" in capsys.readouterr().err
    call_command(
        "plan",
        "import",
        str(bad),
        "--org",
        "聊城市",
        "--year",
        "2026",
        "--map",
        "市大数据局=市政府办公室",
    )
    assert "imported plan" in capsys.readouterr().out
    call_command("plan", "import", str(bad), "--org", "聊城市", "--year", "2026")
    assert "unchanged" in capsys.readouterr().out
    corrupt = tmp_path / "x.docx"
    corrupt.write_bytes(b"PK\x03\x04garbage")
    with pytest.raises(CommandError, match="corrupt"):
        call_command("plan", "import", str(corrupt), "--org", "聊城市", "--year", "2026")
    with pytest.raises(CommandError, match="no organisation"):
        call_command("plan", "import", str(bad), "--org", "火星市", "--year", "2026")
    assert Plan.objects.count() == 1


@pytest.mark.django_db
def test_rollover_copies_tasks_and_shifts_dates(import_seed):
    old = import_seed("聊城市")
    new = actions.rollover(old, year=2026, actor=SYSTEM("test"))
    assert new.title == "2026年聊城市政务公开工作要点" and new.rolled_from == old
    assert new.tasks.count() == old.tasks.count()
    cleanup = Obligation.objects.get(task__plan=new, task__path_key="二/（一）/2", kind="deadline")
    assert cleanup.due == "2026-12-31"
    assert cleanup.instances.get().due_date == dt.date(2026, 12, 31)
    monthly = Obligation.objects.get(task__plan=new, task__path_key="一/（一）/1", every="month")
    assert monthly.instances.first().label == "2026年1月"
    with pytest.raises(Invalid):
        actions.rollover(old, year=2026, actor=SYSTEM("test"))


@pytest.mark.django_db
def test_events_give_relative_rules_their_due_dates(import_seed):
    plan = import_seed("东营市")
    actions.add_event(
        plan, name="本级人代会结束", occurred_at=dt.datetime(2017, 2, 20, 12), actor=SYSTEM("test")
    )
    ob = Obligation.objects.get(task__plan=plan, relative_to="本级人代会结束")
    inst = ob.instances.get()
    assert inst.due_date == get_calendar().add_workdays(dt.date(2017, 2, 20), 60).date
    emergency = Obligation.objects.get(task__plan=plan, within="5 hours")
    actions.add_event(
        plan,
        name=emergency.relative_to,
        occurred_at=dt.datetime(2017, 8, 1, 9, 0),
        actor=SYSTEM("test"),
    )
    actions.add_event(
        plan,
        name=emergency.relative_to,
        occurred_at=dt.datetime(2017, 9, 3, 21, 0),
        actor=SYSTEM("test"),
    )
    assert emergency.instances.count() == 2  # one per occurrence


@pytest.mark.django_db
def test_cli_diff_on_seed_files_and_imported_plans(import_seed, capsys):
    from tests.conftest import DONGYING_PLAN

    call_command("plan", "diff", str(LIAOCHENG_PLAN), str(DONGYING_PLAN))
    out = capsys.readouterr().out
    assert "rules added: 每月" in out and "rules removed: 每季度" in out
    lc = import_seed("聊城市")
    new = actions.rollover(lc, year=2026, actor=SYSTEM("test"))
    call_command("plan", "diff", str(lc.pk), "聊城市:2026", "--json")
    import json

    data = json.loads(capsys.readouterr().out)
    assert data["counts"]["changed"] == 0 and data["counts"]["same"] == new.tasks.count()
    assert services.find_org("聊城市") == lc.organisation


@pytest.mark.django_db
def test_editing_a_rolled_over_task(import_seed, org, client, staff):
    new = actions.rollover(import_seed("聊城市"), year=2026, actor=SYSTEM("test"))
    task = new.tasks.get(path_key="四/（一）/2")
    standing = task.obligations.get(kind="continuous")
    actions.update_task(
        task,
        responsibility="市民政局、市财政局按职责分工分别牵头落实",
        rules_text="落实低保长期公示制度\n按月更新社会救助人数、标准及资金支出",
        actor=SYSTEM("test"),
    )
    task.refresh_from_db()
    assert task.lead_units == ["市民政局", "市财政局"]
    assert task.obligations.get(kind="continuous").pk == standing.pk  # unchanged rule kept
    monthly = task.obligations.get(every="month")
    assert monthly.instances.count() == 12
    assert org("聊城市", "市财政局") in monthly.responsible.all()
    assert not task.obligations.filter(every="quarter").exists()
    with pytest.raises(Invalid):
        actions.update_task(task, responsibility="市大数据局负责落实", actor=SYSTEM("test"))
    task.refresh_from_db()
    assert task.lead_units == ["市民政局", "市财政局"]  # nothing half-saved
    client.force_login(staff["lc-admin"])
    url = f"/staff/plans/tasks/{task.pk}/edit/"
    resp = client.post(
        url,
        {
            "heading": task.heading,
            "text": task.text,
            "responsibility": task.responsibility,
            "rules": "尽快公开",
        },
    )
    assert resp.status_code == 400 and "没有可识别的时限要求" in resp.content.decode()
    resp = client.post(
        url,
        {
            "heading": "深化社会救助信息公开（修订）",
            "text": task.text,
            "responsibility": "市民政局牵头落实",
            "rules": "每季度公开社会救助资金",
        },
    )
    assert resp.status_code == 302
    task.refresh_from_db()
    assert task.heading.endswith("（修订）") and task.obligations.get().every == "quarter"
