"""Publishing the report fulfils a plan obligation “每年1月31日前” linked to the 年报 column."""

import pytest

from gongkai.core.actors import SYSTEM

from .conftest import YEAR

PLAN = f"""{YEAR + 1}年聊城市政务公开工作要点

一、夯实公开基础

（一）按时发布年度报告。每年1月31日前发布上一年度政府信息公开工作年度报告。（市财政局负责）
"""


@pytest.mark.django_db
def test_report_fulfils_the_plan_obligation(cz, staff, orgs, django_capture_on_commit_callbacks):
    from gongkai.annualreport import actions
    from gongkai.catalog.models import CatalogEntry
    from gongkai.plans import actions as plans
    from gongkai.plans.models import Fulfilment, Obligation
    from gongkai.rules.planparser import parse_bytes

    plan, _ = plans.import_plan(
        parse_bytes("p.txt", PLAN.encode(), year=YEAR + 1),
        organisation=orgs["聊城市"],
        year=YEAR + 1,
        actor=SYSTEM("test"),
    )
    entry = CatalogEntry.objects.get(organisation=cz, section="annual_report")
    ob = Obligation.objects.get(task__plan=plan)
    plans.update_obligation(ob, entries=[entry], responsible=[cz], actor=SYSTEM("test"))
    r = actions.generate(staff["lc-editor"], cz, YEAR)
    actions.submit(staff["lc-editor"], r)
    actions.approve(staff["lc-reviewer"], r)
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish(staff["lc-reviewer"], r)
    r.refresh_from_db()
    assert Fulfilment.objects.filter(item=r.item, instance__obligation=ob).exists()
