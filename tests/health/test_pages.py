"""The 网站健康 pages, reports, work orders on the working-day calendar, the 工作台 panel, jobs and
the public API."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.utils import timezone

from gongkai.core.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def _fill(civil, publish, skip=()):
    from gongkai.catalog.models import CatalogEntry

    for e in CatalogEntry.objects.filter(organisation=civil, children__isnull=True):
        if e.slug not in skip and e.slug not in ("guide", "application"):
            publish(civil, e.slug, f"{e.name}信息", 8 if e.slug == "news" else 30)


def login(client, username):
    assert client.login(username=username, password=DEMO_PASSWORD)
    return client


def test_overview_and_org_pages(client, civil, publish, staff):
    _fill(civil, publish, skip=["assistance"])
    login(client, "lc-admin")
    page = client.get("/staff/health/").content.decode()
    assert "网站健康" in page and "聊城市民政局" in page and "hl-" in page
    page = client.get(f"/staff/health/org/{civil.code}/").content.decode()
    assert "空白栏目" in page and "社会救助" in page  # the blank column, named
    assert (
        "<svg" in page and "即将超期" in page and "工作动态" in page
    )  # news turns stale in 7 days
    resp = client.get(f"/staff/health/org/{civil.code}/report.docx")
    assert resp.status_code == 200 and resp.content[:2] == b"PK"
    import docx

    doc = docx.Document(io.BytesIO(resp.content))
    sec = doc.sections[0]
    assert round(sec.top_margin.mm) == 37 and round(sec.left_margin.mm) == 28
    assert "自查报告" in doc.paragraphs[0].text
    xlsx = client.get(f"/staff/health/org/{civil.code}/findings.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    from gongkai.core.sheets import read_rows

    rows = read_rows("f.xlsx", xlsx.content)
    assert any("社会救助" in str(c) for r in rows for c in r)


def test_editor_sees_only_own_organisation(client, civil, staff, org):
    login(client, "lc-mz-editor")
    resp = client.get("/staff/health/")
    assert resp.status_code == 302 and civil.code in resp["Location"]
    assert client.get(f"/staff/health/org/{civil.code}/").status_code == 200
    finance = org("聊城市", "市财政局")
    assert client.get(f"/staff/health/org/{finance.code}/").status_code == 403
    client.logout()
    assert client.get("/staff/health/").status_code == 302  # to the login page


def test_work_order_due_date_across_national_day_and_recheck(client, civil, publish, staff,
                                                            monkeypatch):  # fmt: skip
    from gongkai.core.actors import SYSTEM
    from gongkai.health.actions import recheck_work_orders
    from gongkai.health.models import WorkOrder
    from gongkai.health.queries import check_org
    from gongkai.rules import dates

    # 2025-09-30 (Tue): the next working day is 2025-10-09 (National Day holiday 1–8 October)
    monkeypatch.setattr(dates, "_utcnow", lambda: dt.datetime(2025, 9, 30, 2, tzinfo=dt.UTC))
    _fill(civil, publish, skip=["assistance"])
    key = next(f.key for f in check_org(civil).result.findings if f.rule == "column_blank")
    login(client, "lc-mz-editor")  # editors may not assign
    editor = staff["lc-mz-editor"]
    resp = client.post(f"/staff/health/org/{civil.code}/assign/",
                       {"key": key, "assignee": editor.pk, "workdays": 1})  # fmt: skip
    assert resp.status_code == 403 and not WorkOrder.objects.exists()
    login(client, "lc-mz-reviewer")
    bad = client.post(f"/staff/health/org/{civil.code}/assign/",
                      {"key": key, "assignee": editor.pk, "workdays": 0})  # fmt: skip
    assert bad.status_code == 400 and "1至60个工作日" in bad.content.decode()
    assert not WorkOrder.objects.exists()
    resp = client.post(f"/staff/health/org/{civil.code}/assign/",
                       {"key": key, "assignee": editor.pk, "workdays": 1})  # fmt: skip
    assert resp.status_code == 302
    order = WorkOrder.objects.get()
    assert order.due_on == dt.date(2025, 10, 9) and order.assignee == editor
    # the fix: an item in the blank column; the automatic re-check closes the order
    assert recheck_work_orders(SYSTEM("t"), [check_org(civil)]) == 0
    publish(civil, "assistance", "2025年第三季度城乡低保保障情况", 0)
    assert recheck_work_orders(SYSTEM("t"), [check_org(civil)]) == 1
    order.refresh_from_db()
    assert order.state == "fixed" and order.closed_at is not None
    from gongkai.audit.models import AuditEntry

    assert AuditEntry.objects.for_object(order).filter(to_state="fixed").exists()


def test_predictions_on_the_workbench_and_daily_job(client, civil, publish, staff):
    from gongkai.accounts.workbench import panels_for
    from gongkai.health import jobs
    from gongkai.health.models import CheckRun

    _fill(civil, publish)  # news 8 days old: stale in 7 days
    first = jobs.daily_check(timezone.now())
    assert "checked" in first and CheckRun.objects.filter(organisation=civil).count() == 1
    assert jobs.daily_check(timezone.now()).startswith("0 organisation")  # idempotent
    panel = next(p for p in panels_for(staff["lc-mz-editor"]) if p.title == "网站健康预警")
    item = next(i for i in panel.items if "工作动态" in i.label)
    from gongkai.rules import dates

    assert item.due == (dates.today() + dt.timedelta(days=6)).isoformat()


def test_public_api_summary(client, civil, publish):
    _fill(civil, publish, skip=["assistance", "normative", "plans", "czyjs", "permits"])
    resp = client.get(f"/api/v1/organisations/{civil.code}/health")
    assert resp.status_code == 200
    data = resp.json()
    assert data["organisation"] == civil.code and data["passed"] is False
    assert [v["rule"] for v in data["vetoes"]] == ["column_blank"]
    assert data["counts"]["column_blank"] == 5
    text = json.dumps(data, ensure_ascii=False)
    assert "detail" not in text and "/staff/" not in text  # nothing internal
    assert client.get("/api/v1/organisations/nope/health").status_code == 404
    assert client.post(f"/api/v1/organisations/{civil.code}/health").status_code == 405
    from gongkai.portal.openapi import document
    from tests.portal.test_api_schema import check

    doc = document()
    op = doc["paths"]["/api/v1/organisations/{code}/health"]["get"]
    check(data, op["responses"]["200"]["content"]["application/json"]["schema"], doc)
