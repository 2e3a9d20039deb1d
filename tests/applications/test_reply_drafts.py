"""The reply letter is a draft until the clerk confirms it (#18.7): preview, edit, send."""

import datetime as dt
import io

import pytest
from docx import Document

from gongkai.applications import actions
from gongkai.applications.models import Application, LetterFile, RemedyConfig, ReplyDraft
from gongkai.audit.models import AuditEntry
from gongkai.core.demo import DEMO_PASSWORD
from gongkai.core.errors import Invalid

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
PARTIAL = {
    "outcome": "partial",
    "details": {
        "how_provided": "电子邮件",
        "withheld_part": "个人银行账号",
        "withheld_reason": "withheld_third_party",
        "legal_basis": "条例第十五条",
    },
    "on": D("2026-03-20"),
}
NEW_TEXT = "经核查，低保资金发放明细已按季度汇总，现随本答复书一并提供。"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _draft(app, editor):
    return actions.draft_reply(app, **PARTIAL, actor=editor).draft


def _docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def _body(draft):
    return [p["text"] for p in draft.paragraphs if p["part"] == "body"]


def test_decision_is_a_draft_until_confirmed(make_app, staff):
    app = make_app()
    editor = staff["lc-mz-editor"]
    result = actions.draft_reply(app, **PARTIAL, actor=editor)
    app.refresh_from_db()
    assert result.created and not app.is_closed and app.state == "registered"
    assert not app.letters.filter(kind="reply").exists() and not app.outcome
    draft = result.draft
    assert draft.number.startswith("聊民公开复〔2026〕") and draft.number.endswith("号")
    parts = [p["part"] for p in draft.paragraphs]
    assert parts[0] == "addressee" and "remedy" in parts and "body" in parts
    assert draft.paragraphs[0]["text"] == "王小明："
    remedy = next(p["text"] for p in draft.paragraphs if p["part"] == "remedy")
    assert "行政复议" in remedy and "行政诉讼" in remedy
    # deciding again with the same facts changes nothing, and keeps the number
    again = actions.draft_reply(app, **PARTIAL, actor=editor)
    assert not again.created and not again.regenerated and again.draft.number == draft.number
    assert ReplyDraft.objects.filter(application=app).count() == 1


def test_edit_then_send_stores_the_edited_docx_and_closes(make_app, staff):
    app = make_app()
    editor = staff["lc-mz-editor"]
    draft = _draft(app, editor)
    bodies = _body(draft)
    old_first = bodies[0]
    bodies[0] = NEW_TEXT
    result = actions.edit_draft(draft, bodies=bodies, seen=actions.token(draft), actor=editor)
    assert result.changes == {"正文第1段": [old_first, NEW_TEXT]}
    entry = AuditEntry.objects.filter(action="draft_edit").get()
    assert entry.changes["正文第1段"] == [old_first, NEW_TEXT] and entry.actor == editor
    app.refresh_from_db()
    assert not app.is_closed  # still a draft: editable again
    draft = result.draft
    sent = actions.send_reply(
        draft, seen=actions.token(draft), sent_on=D("2026-03-21"), method="online", actor=editor
    )
    app.refresh_from_db()
    assert app.is_closed and app.outcome == "partial" and app.closed_on == D("2026-03-20")
    letter = sent.letter
    assert letter.number == draft.number and letter.delivery_method == "online"
    stored = LetterFile.objects.get(letter=letter)
    assert stored.name == f"政府信息公开申请答复书（{draft.number}）.docx"
    text = _docx_text(stored.read())
    assert NEW_TEXT in text and old_first not in text and draft.number in text
    assert "行政复议" in text and "2026年3月20日" in text
    close = AuditEntry.objects.filter(action="send_reply").get()
    assert close.changes["正文第1段"] == [old_first, NEW_TEXT]
    assert close.from_state == "registered" and close.to_state == "closed"
    assert "修改了1段正文" in close.reason
    with pytest.raises(Invalid):
        actions.edit_draft(draft, bodies=bodies, seen=actions.token(draft), actor=editor)


def test_revised_decision_regenerates_the_draft_and_says_edits_are_lost(make_app, staff):
    app = make_app()
    editor = staff["lc-mz-editor"]
    draft = _draft(app, editor)
    bodies = _body(draft)
    bodies[0] = NEW_TEXT
    draft = actions.edit_draft(draft, bodies=bodies, seen=actions.token(draft), actor=editor).draft
    seen_before = actions.token(draft)
    result = actions.draft_reply(
        app, outcome="disclosed", details={"how_provided": "邮寄"}, on=D("2026-03-20"), actor=editor
    )
    assert result.regenerated and result.edits_lost
    draft = result.draft
    assert draft.number and NEW_TEXT in draft.lost_edits
    assert all(NEW_TEXT not in p["text"] for p in draft.paragraphs)
    assert "予以公开" in " ".join(p["text"] for p in draft.paragraphs)
    # a send from the page seen before the revision does not go out
    stale = actions.send_reply(
        draft, seen=seen_before, sent_on=D("2026-03-21"), method="post", actor=editor
    )
    app.refresh_from_db()
    assert stale.stale and stale.letter is None and not app.is_closed


def test_changed_remedy_settings_regenerate_before_sending(make_app, staff, mz):
    app = make_app()
    editor = staff["lc-mz-editor"]
    draft = _draft(app, editor)
    assert not actions.is_stale(draft)
    RemedyConfig.objects.create(organisation=mz, review_body="聊城市人民政府", court="某区法院")
    assert actions.is_stale(draft)
    result = actions.send_reply(
        draft, seen=actions.token(draft), sent_on=D("2026-03-21"), method="post", actor=editor
    )
    app.refresh_from_db()
    assert result.regenerated and not app.is_closed
    assert "某区法院" in " ".join(p["text"] for p in result.draft.paragraphs)


def test_bad_send_stores_nothing(make_app, staff):
    app = make_app()
    editor = staff["lc-mz-editor"]
    draft = _draft(app, editor)
    with pytest.raises(Invalid) as exc:
        actions.send_reply(
            draft, seen=actions.token(draft), sent_on=D("2026-03-01"), method="x", actor=editor
        )
    assert set(exc.value.errors) == {"method", "sent_on"}
    with pytest.raises(Invalid) as exc:
        actions.send_reply(
            draft,
            seen=actions.token(draft),
            bodies=["" for _ in _body(draft)],
            sent_on=D("2026-03-21"),
            method="post",
            actor=editor,
        )
    assert exc.value.errors == {"body": "答复书正文不能为空。"}
    app.refresh_from_db()
    assert not app.is_closed and not app.letters.filter(kind="reply").exists()
    assert not LetterFile.objects.exists()


def test_closing_another_way_discards_the_draft(make_app, staff):
    app = make_app()
    editor = staff["lc-mz-editor"]
    draft = _draft(app, editor)
    actions.withdraw(app, on=D("2026-03-22"), note="申请人书面撤回", actor=editor)
    draft.refresh_from_db()
    assert draft.state == "discarded"


def test_auditor_cannot_draft(make_app, staff):
    from gongkai.core.errors import Forbidden

    with pytest.raises(Forbidden):
        actions.draft_reply(make_app(), **PARTIAL, actor=staff["lc-auditor"])


# -- the pages --------------------------------------------------------------------------------
def _login(client, username="lc-mz-editor"):
    assert client.login(username=username, password=DEMO_PASSWORD)


def test_case_page_decides_into_the_preview_and_sends(client, make_app, staff):
    app = make_app()
    _login(client)
    r = client.post(
        f"/staff/applications/{app.pk}/act/",
        {
            "op": "decide",
            "prefix": "decide",
            "decide-outcome": "partial",
            "decide-on": "2026-03-20",
            "decide-how_provided": "电子邮件",
            "decide-withheld_part": "个人银行账号",
            "decide-withheld_reason": "withheld_third_party",
            "decide-legal_basis": "条例第十五条",
        },
    )
    assert r["Location"] == f"/staff/applications/{app.pk}/reply/"
    draft = ReplyDraft.objects.get(application=app)
    page = client.get(r["Location"]).content.decode()
    assert draft.number in page and "王小明：" in page and "行政复议" in page
    assert "2026年3月20日" in page and "下载预览 (.docx)" in page and "确认发出并办结" in page
    case = client.get(f"/staff/applications/{app.pk}/").content.decode()
    assert "待确认发出" in case and "修改答复要素" in case
    docx = client.get(f"/staff/applications/{app.pk}/reply.docx")
    assert docx["Cache-Control"] == "private, no-store"
    assert "filename*=UTF-8''" in docx["Content-Disposition"]
    assert "%E8%8D%89%E7%A8%BF" in docx["Content-Disposition"]  # 草稿, percent-encoded
    assert draft.number in _docx_text(docx.content)
    bodies = _body(draft)
    bodies[0] = NEW_TEXT
    r = client.post(
        f"/staff/applications/{app.pk}/reply/",
        {"op": "save", "seen": actions.token(draft), "body": bodies},
        follow=True,
    )
    assert "已保存对1段正文的修改" in r.content.decode()
    draft.refresh_from_db()
    # sending with nothing in the body: the page again, with what was typed, nothing stored
    r = client.post(
        f"/staff/applications/{app.pk}/reply/",
        {"op": "send", "seen": actions.token(draft), "body": ["" for _ in bodies],
         "sent_on": "2026-03-21", "method": "post"},
    )  # fmt: skip
    assert r.status_code == 400 and "答复书正文不能为空" in r.content.decode()
    bodies[-1] = bodies[-1] + "（另附清单一份。）"
    r = client.post(
        f"/staff/applications/{app.pk}/reply/",
        {"op": "send", "seen": actions.token(draft), "body": bodies,
         "sent_on": "2026-03-21", "method": "post"},
    )  # fmt: skip
    assert r["Location"] == f"/staff/applications/{app.pk}/"
    app.refresh_from_db()
    assert app.is_closed
    text = _docx_text(LetterFile.objects.get().read())
    assert NEW_TEXT in text and "（另附清单一份。）" in text
    # the draft page of a sent letter leads to the letter
    assert client.get(f"/staff/applications/{app.pk}/reply/")["Location"].startswith(
        "/staff/applications/letters/"
    )


def test_auditor_sees_the_draft_but_cannot_change_it(client, make_app, staff):
    app = make_app()
    draft = _draft(app, staff["lc-mz-editor"])
    _login(client, "lc-auditor")
    page = client.get(f"/staff/applications/{app.pk}/reply/").content.decode()
    assert draft.number in page and "确认发出并办结" not in page
    r = client.post(
        f"/staff/applications/{app.pk}/reply/",
        {"op": "send", "seen": actions.token(draft), "sent_on": "2026-03-21", "method": "post"},
    )
    assert r.status_code == 404
    assert not Application.objects.get(pk=app.pk).is_closed


def test_edit_summary_names_inserted_and_removed_paragraphs():
    from gongkai.applications.replytext import edit_summary

    def body(*texts):
        return [{"text": "王小明：", "part": "addressee"}] + [
            {"text": t, "part": "body"} for t in texts
        ]

    assert edit_summary(body("甲", "乙", "丙"), body("甲", "新", "乙", "丙")) == {
        "正文第2段": ["", "新"]
    }
    assert edit_summary(body("甲", "乙", "丙"), body("甲", "丙")) == {
        "正文第2段（删去）": ["乙", ""]
    }
    assert edit_summary(body("甲", "乙"), body("甲", "乙改")) == {"正文第2段": ["乙", "乙改"]}
    assert edit_summary(body("甲"), body("甲")) == {}


def test_control_characters_typed_into_the_body_never_break_the_docx(make_app, staff):
    app = make_app()
    editor = staff["lc-mz-editor"]
    draft = _draft(app, editor)
    bodies = _body(draft)
    bodies[0] = "第一段\x00\x07文字\x0b。"
    sent = actions.send_reply(
        draft,
        seen=actions.token(draft),
        bodies=bodies,
        sent_on=D("2026-03-21"),
        method="post",
        actor=editor,
    )
    assert "第一段文字。" in _docx_text(LetterFile.objects.get(letter=sent.letter).read())
