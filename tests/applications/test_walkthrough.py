"""The demo data, and the 市民政局 walkthrough (walkthrough.md) on it through the staff pages."""

import datetime as dt
import io

import pytest
from docx import Document

from gongkai.applications import actions, demo, services
from gongkai.applications.models import Application
from gongkai.core.demo import DEMO_PASSWORD
from gongkai.rules import outcomes
from gongkai.workcal.services import get_calendar

pytestmark = pytest.mark.django_db


def test_mz_handler_walkthrough(client, staff, demo_ctx, mz):
    from gongkai.catalog.models import Item

    Item.objects.create(
        organisation=mz,
        title=f"{demo_ctx.today.year}年第三季度城乡低保保障情况",
        body_text="城乡低保保障人数和低保资金发放情况",
        state="published",
        attribute="proactive",
        published_at="2026-10-15T10:00:00+08:00",
    )
    demo.load(demo_ctx)
    _demo_covers_everything(demo_ctx, staff)
    _demo_online_applicant_downloads(demo_ctx)
    app = demo.walkthrough_application("lc")
    assert client.login(username="lc-mz-editor", password=DEMO_PASSWORD)
    # 1. registered, assigned, due date with how it was computed
    page = client.get(f"/staff/applications/{app.pk}/").content.decode()
    assert app.assigned_to == staff["lc-mz-editor"]
    assert app.registration_no in page and str(app.assigned_to) in page
    assert app.due_label in page and "收到申请：" in page
    # 2. the same person asked nearly the same thing; a published item may answer it
    earlier = services.earlier_similar(app)[0].obj
    assert earlier.registration_no in page
    assert "第三季度城乡低保保障情况" in page
    # 3. consult a third party (the clock stops), record the answer, decide 部分公开, send
    due_before = app.due_on
    url = f"/staff/applications/{app.pk}/act/"
    today = demo_ctx.today.isoformat()
    client.post(
        url,
        {
            "op": "consult",
            "prefix": "consult",
            "consult-kind": "third_party",
            "consult-party": "某银行",
            "consult-question": "是否同意公开代发明细",
            "consult-on": today,
        },
    )
    app.refresh_from_db()
    assert app.state == "consulting"
    c = app.consultations.get()
    client.post(
        url,
        {
            "op": "answer",
            "prefix": f"answer{c.pk}",
            f"answer{c.pk}-consultation": c.pk,
            f"answer{c.pk}-on": today,
            f"answer{c.pk}-answer": "账号不同意公开",
            f"answer{c.pk}-objects": "on",
        },
    )
    app.refresh_from_db()
    assert app.state == "processing" and app.due_on >= due_before
    client.post(url, {
        "op": "decide", "prefix": "decide", "decide-outcome": "partial", "decide-on": today,
        "decide-how_provided": "电子邮件", "decide-withheld_part": "个人银行账号",
        "decide-withheld_reason": "withheld_third_party", "decide-legal_basis": "条例第十五条",
    })  # fmt: skip
    app.refresh_from_db()
    assert not app.is_closed  # a draft: previewed, then sent
    preview = client.get(f"/staff/applications/{app.pk}/reply.docx").content
    text = "\n".join(p.text for p in Document(io.BytesIO(preview)).paragraphs)
    assert "部分公开" in text and "行政复议" in text and "行政诉讼" in text
    draft = actions.open_draft(app)
    client.post(f"/staff/applications/{app.pk}/reply/", {
        "op": "send", "seen": actions.token(draft), "sent_on": today, "method": "email",
    })  # fmt: skip
    app.refresh_from_db()
    assert app.is_closed and app.outcome == "partial"
    reply = app.letters.get(kind="reply")
    assert reply.sent_on and reply.delivery_method == "email"
    # 4. the annual report counts it under 部分公开, 自然人
    qs = Application.objects.filter(organisation=mz)
    year = demo_ctx.today.year

    table = services.statistics(qs, dt.date(year, 1, 1), dt.date(year, 12, 31)).table
    partial = Application.objects.filter(
        organisation=mz, outcome="partial", closed_on__year=year, applicant_type="natural"
    ).count()
    assert table.row("partial").values["natural"] == partial >= 2
    assert table.check()


def _demo_covers_everything(demo_ctx, staff):
    """Every state and outcome in both cities, overdue and due-soon cases, a date in 2027."""
    qs = Application.objects.all()
    assert {s for s, _ in Application.STATE_CHOICES} == set(qs.values_list("state", flat=True))
    assert set(outcomes.OUTCOME_CODES) == set(
        qs.exclude(outcome="").values_list("outcome", flat=True)
    )
    cities = {a.organisation.root.name[:3] for a in qs.select_related("organisation")}
    assert cities == {"聊城市", "东营市"}
    soon, overdue = services.due_soon_and_overdue(qs, demo_ctx.today)
    assert soon.exists() and overdue.exists()
    crossing = [
        a for a in qs if a.due_on and a.due_on.year > a.received_on.year and not a.is_closed
    ]
    assert crossing
    cal = get_calendar()
    assert all(a.due_provisional == (not cal.is_announced(a.due_on.year)) for a in crossing)
    story = demo.walkthrough_application("dy")
    assert story.assigned_to == staff["dy-mz-editor"] and services.earlier_similar(story)
    done = qs.get(organisation=story.organisation, outcome="partial", consultations__isnull=False)
    assert done.consultations.get().answered_on and done.letters.filter(kind="reply").exists()


def _demo_online_applicant_downloads(demo_ctx):
    """Demo replies went through draft → edit → send; the printed 网上获取 applicant of each
    city downloads the letter; one draft still waits for its clerk."""
    from django.test import Client

    from gongkai.applications.models import LetterFile, ReplyDraft

    sent = ReplyDraft.objects.filter(state="sent", edited=True)
    assert sent.count() >= 6 and LetterFile.objects.count() == sent.count()
    waiting = ReplyDraft.objects.filter(state="draft").select_related("application")
    assert waiting.count() == 2 and not any(d.application.is_closed for d in waiting)
    logins = demo_ctx.shared["applicant_logins"]
    assert {city for city, _, _ in logins} == {"聊城市", "东营市"}
    for _, code, verifier in logins:
        assert f"code {code} verifier {verifier}" in demo_ctx.stdout.getvalue()
        browser = Client()
        page = browser.post("/apply/status/", {"code": code, "verifier": verifier})
        link = page.content.decode().split('class="letter-download"')[0].rsplit('href="', 1)[1]
        r = browser.get(link.split('"')[0])
        assert r.status_code == 200
        text = "\n".join(p.text for p in Document(io.BytesIO(r.content)).paragraphs)
        assert "部门预算公开目录共列明市直部门42个" in text
