"""网上获取: the applicant downloads the sent reply letter from the status page (#18.7)."""

import datetime as dt
import io

import pytest
from django.test import Client
from docx import Document

from gongkai.applications import actions

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _decide(app, editor):
    return actions.draft_reply(
        app,
        outcome="disclosed",
        details={"how_provided": "网上获取"},
        on=D("2026-03-20"),
        actor=editor,
    ).draft


def _status(client, app):
    return client.post("/apply/status/", {"code": app.tracking_code, "verifier": app.verifier})


def test_online_applicant_downloads_the_letter_only_after_sending(client, make_app, staff):
    editor = staff["lc-mz-editor"]
    app = make_app(delivery="online")
    draft = _decide(app, editor)
    page = _status(client, app).content.decode()
    assert "答复书发出后" in page and "letter-download" not in page
    # the number a clerk can guess: still nothing before it is sent
    from gongkai.applications.models import Letter

    receipt = Letter.objects.get(application=app, kind="receipt")
    assert (
        client.get(f"/apply/status/{app.tracking_code}/letters/{receipt.pk}.docx").status_code
        == 404
    )
    body = [p["text"] for p in draft.paragraphs if p["part"] == "body"]
    body[0] = "现将所申请的信息以附件形式提供，请查收。"
    sent = actions.send_reply(
        draft,
        seen=actions.token(draft),
        bodies=body,
        sent_on=D("2026-03-21"),
        method="online",
        actor=editor,
    ).letter
    r = _status(client, app)
    assert r["Cache-Control"] == "private, no-store"
    page = r.content.decode()
    url = f"/apply/status/{app.tracking_code}/letters/{sent.pk}.docx"
    assert url in page and "王小明" not in page
    assert "13800000000" not in page
    r = client.get(url)
    assert r.status_code == 200 and r["Cache-Control"] == "private, no-store"
    disposition = r["Content-Disposition"]
    assert disposition.startswith("attachment;") and "filename*=UTF-8''" in disposition
    assert "%E7%AD%94%E5%A4%8D%E4%B9%A6" in disposition  # 答复书
    text = "\n".join(p.text for p in Document(io.BytesIO(r.content)).paragraphs)
    assert "现将所申请的信息以附件形式提供，请查收。" in text and sent.number in text
    # another person (no verifier passed in their session) gets nothing
    assert Client().get(url).status_code == 404
    # nor does the right session for another application's letter
    other = make_app(delivery="online", description="另一份文件的申请")
    other_letter = actions.decide(
        other,
        outcome="disclosed",
        details={"how_provided": "网上获取"},
        on=D("2026-03-20"),
        delivery_method="online",
        actor=editor,
    )
    assert (
        client.get(f"/apply/status/{app.tracking_code}/letters/{other_letter.pk}.docx").status_code
        == 404
    )
    assert (
        client.get(
            f"/apply/status/{other.tracking_code}/letters/{other_letter.pk}.docx"
        ).status_code
        == 404
    )


def test_posted_letters_are_named_not_offered(client, make_app, staff):
    editor = staff["lc-mz-editor"]
    app = make_app(delivery="post")
    draft = _decide(app, editor)
    sent = actions.send_reply(
        draft, seen=actions.token(draft), sent_on=D("2026-03-23"), method="post", actor=editor
    ).letter
    page = _status(client, app).content.decode()
    assert "答复书已于2026年3月23日以邮寄方式送达" in page and "letter-download" not in page
    assert (
        client.get(f"/apply/status/{app.tracking_code}/letters/{sent.pk}.docx").status_code == 404
    )
