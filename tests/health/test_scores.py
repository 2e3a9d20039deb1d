"""The scored items computed from the database (a small fixture whose counts we know), shown on
the pages, in the reports, the API and the CLI; the office's indicator page (edit, copy, audit,
403 for others, a threshold edit changes the veto)."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from gongkai.core.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 20, 2, tzinfo=dt.UTC)  # 2026-11-20 in Shanghai; Q4 began 10-01


@pytest.fixture
def fixed_today(monkeypatch):
    from gongkai.rules import dates

    monkeypatch.setattr(dates, "_utcnow", lambda: NOW)
    return dates.today()


def login(client, username):
    assert client.login(username=username, password=DEMO_PASSWORD)
    return client


@pytest.fixture
def scored_org(civil, publish, staff, fixed_today):
    """聊城 市民政局 with a 通知公告 and a 办事服务 column, and known items and messages."""
    from gongkai.catalog.actions import save_entry
    from gongkai.interaction import actions as msg

    admin = staff["lc-admin"]
    for slug, name in (("notices", "通知公告"), ("services", "办事服务指南")):
        save_entry(organisation=civil, actor=admin, slug=slug, name=name, section="other",
                   kind="dynamic")  # fmt: skip
    for days in (10, 40, 200, 400):  # 400: outside the past year
        publish(civil, "news", f"民政工作动态（{days}）", days)
    publish(civil, "notices", "关于开展养老机构检查的通知", 20)
    publish(civil, "services", "最低生活保障申请办事指南", 100)
    p1 = publish(civil, "normative", "聊城市最低生活保障办法", 60, kind="normative")
    publish(civil, "normative", "聊城市临时救助实施细则", 30, kind="normative")
    publish(civil, "interpretation", "《聊城市最低生活保障办法》政策解读", 59,
            kind="interpretation", interprets=[p1], interpretation_form="text")  # fmt: skip
    editor, reviewer = staff["lc-mz-editor"], staff["lc-mz-reviewer"]
    for n, days in enumerate((30, 50, 70)):
        on = fixed_today - dt.timedelta(days=days)
        m = msg.do_submit(AnonymousUser(), civil, kind="consult", subject=f"低保咨询{n}",
                          text="请问低保如何申请？", name="张三", contact="13800000000",
                          consent_publish=True, received_on=on).message  # fmt: skip
        if n < 2:  # two answered the next day (on time), the first one published
            msg.do_draft_reply(editor, m, reply="您好，请携带材料到街道办理。")
            msg.do_review_reply(reviewer, m, approve=True, on=on + dt.timedelta(days=1))
            m.refresh_from_db()
            if n == 0:
                msg.do_publish(editor, m)
    return civil


def items_of(result):
    return {i.indicator: i for i in result.scores}


def test_scores_from_known_counts(scored_org):
    from gongkai.health.queries import check_org

    s = items_of(check_org(scored_org))
    assert s["publish_dynamic"].value == 3  # 10, 40 and 200 days ago; not the one 400 days ago
    assert s["publish_notice"].value == 1 and s["service_items"].value == 1
    assert s["publish_policy"].value == 3  # two normative files and the interpretation
    assert s["interpretations"].value == 1
    assert s["interpretation_rate"].value == 50.0 and s["interpretation_rate"].points == 5.0
    assert s["messages_answered"].value == round(100 * 2 / 3, 1)
    assert s["messages_on_time"].value == round(100 * 2 / 3, 1)
    assert s["replies_published"].value == 50.0
    assert s["responses_on_time"].value is None  # no response event: 不适用, not 0
    assert s["consultations_feedback"].value is None


def test_quarter_counts_only_the_quarter(scored_org, fixed_today):
    from gongkai.health.queries import column_facts, indicators_for
    from gongkai.health.scoring import QUARTER, scores_for

    cols = column_facts([scored_org], fixed_today)
    p, items, facts = scores_for([scored_org], fixed_today, indicators_for(2026), cols, QUARTER)
    assert (p.start, p.end) == (dt.date(2026, 10, 1), fixed_today)
    f = facts[scored_org.pk]
    assert (f["dynamic"], f["notice"], f["service"], f["received"]) == (2, 1, 0, 2)
    dyn = next(i for i in items[scored_org.pk] if i.indicator == "publish_dynamic")
    assert dyn.target == 7  # ceil(48 × 51 / 365)


def test_scores_on_pages_reports_api_and_cli(client, scored_org):
    login(client, "lc-admin")
    page = client.get(f"/staff/health/org/{scored_org.code}/").content.decode()
    assert "评分项" in page and "政策文件解读率" in page and "已解读1件/政策文件2件" in page
    assert "本季度" in page and "不适用" in page
    city = client.get("/staff/health/").content.decode()
    assert "各机构评分项得分" in city and "解读回应" in city and scored_org.name in city
    quarter = client.get("/staff/health/?period=quarter").content.decode()
    assert "本季度（2026年10月1日至2026年11月20日）" in quarter
    import docx

    doc = docx.Document(io.BytesIO(client.get(f"/staff/health/org/{scored_org.code}/report.docx")
                                   .content))  # fmt: skip
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert "政策文件解读率" in cells and "已解读1件/政策文件2件" in cells
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(
        client.get(f"/staff/health/org/{scored_org.code}/findings.xlsx").content))  # fmt: skip
    rows = [[c for c in r] for r in book["评分项"].iter_rows(values_only=True)]
    row = next(r for r in rows if "interpretation_rate" in r)
    assert row[6] == 50 and row[8] == 5 and row[9] == 10  # value, points, max
    data = client.get(f"/api/v1/organisations/{scored_org.code}/health").json()
    api = {s["indicator"]: s for s in data["scores"]}
    assert api["interpretation_rate"]["value"] == 50.0 and api["service_items"]["value"] == 1
    assert "张三" not in json.dumps(data, ensure_ascii=False)
    out = io.StringIO()
    call_command("health", "check", "--org", scored_org.code, "--json", stdout=out)
    cli = json.loads(out.getvalue())
    first = cli["scores"][0]
    assert set(first) >= {"indicator", "value", "points", "max"}
    assert {s["indicator"]: s["value"] for s in cli["scores"]}["publish_dynamic"] == 3


def test_indicator_page_is_for_office_admins(client, staff):
    for name in ("lc-editor", "lc-mz-reviewer", "lc-auditor"):
        login(client, name)
        assert client.get("/staff/health/indicators/").status_code == 403
        assert client.post("/staff/health/indicators/", {"act": "copy", "year": "2027",
                                                         "reason": "x"}).status_code == 403  # fmt: skip
    from gongkai.health.models import IndicatorSet

    assert not IndicatorSet.objects.exists()
    client.logout()
    assert client.get("/staff/health/indicators/").status_code == 302  # to the login page


def _form(client, year):
    """The page's form as a browser would send it (every field with its shown value)."""
    import re

    page = client.get(f"/staff/health/indicators/?year={year}").content.decode()
    form = page[page.index('name="act" value="save"') :]
    data = dict(re.findall(r'name="([\w-]+)" type="number" step="[\w]+" value="([^"]*)"', form))
    data["monitored_levels"] = re.search(r'name="monitored_levels" value="([^"]*)"', form)[1]
    return {**data, "act": "save", "year": str(year)}


def test_threshold_edit_changes_the_veto_and_is_audited(client, civil, publish, staff,
                                                        fixed_today):  # fmt: skip
    from gongkai.audit.models import AuditEntry
    from gongkai.catalog.models import CatalogEntry
    from gongkai.health.models import IndicatorSet
    from gongkai.health.queries import check_org

    blank = ["assistance", "normative", "plans", "czyjs", "permits"]
    for e in CatalogEntry.objects.filter(organisation=civil, children__isnull=True):
        if e.slug not in blank and e.slug not in ("guide", "application"):
            publish(civil, e.slug, f"{e.name}信息", 8 if e.slug == "news" else 30)
    assert [v.rule for v in check_org(civil).result.vetoes] == ["column_blank"]
    login(client, "lc-admin")
    data = _form(client, 2026)
    assert data["blank_columns_veto"] == "5" and data["scored-publish_dynamic-max"] == "10"
    bad = client.post("/staff/health/indicators/", {**data, "blank_columns_veto": "-2",
                                                    "reason": "调整"})  # fmt: skip
    text = bad.content.decode()
    assert bad.status_code == 400 and "空白栏目否决线（个）：不能为负数。" in text
    assert 'value="-2"' in text and not IndicatorSet.objects.exists()  # shown again, nothing saved
    missing = client.post("/staff/health/indicators/", {**data, "blank_columns_veto": "6"})
    assert missing.status_code == 400 and "请填写修改理由" in missing.content.decode()
    ok = client.post("/staff/health/indicators/", {**data, "blank_columns_veto": "6",
                                                   "scored-publish_dynamic-max": "20",
                                                   "reason": "本市空白栏目按6个否决"})  # fmt: skip
    assert ok.status_code == 302
    row = IndicatorSet.objects.get(year=2026)
    assert row.blank_columns_veto == 6 and row.scored["publish_dynamic"]["max"] == 20
    assert check_org(civil).result.vetoes == []  # five blank columns no longer veto
    entry = AuditEntry.objects.for_object(row).get()
    assert entry.actor == staff["lc-admin"] and entry.reason == "本市空白栏目按6个否决"
    assert entry.changes == {"blank_columns_veto": [5, 6],
                             "scored.publish_dynamic.max": [10.0, 20.0]}  # fmt: skip
    page = client.get("/staff/health/indicators/?year=2026").content.decode()
    assert "本市空白栏目按6个否决" in page and "修改记录" in page
    # copying to a new year carries the figures over; a second copy is refused
    resp = client.post("/staff/health/indicators/", {"act": "copy", "year": "2027"})
    assert resp.status_code == 302
    new = IndicatorSet.objects.get(year=2027)
    assert new.blank_columns_veto == 6 and new.scored == row.scored and "2026" in new.notes
    again = client.post("/staff/health/indicators/", {"act": "copy", "year": "2027"})
    assert again.status_code == 400 and "已存在" in again.content.decode()
    assert AuditEntry.objects.for_object(new).count() == 1
