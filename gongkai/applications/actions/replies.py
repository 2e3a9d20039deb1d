"""The reply letter (答复书) as a draft: decided → previewed and edited → sent, and only then
is the case closed (issue #18.7).

``draft_reply`` checks the decision like ``decide`` and generates the draft (its 文号 is taken
then and kept); deciding again with other facts generates it again, and the clerk is told that
earlier edits were not kept. ``edit_draft`` saves the clerk's text of the body paragraphs (the
addressee, the remedy paragraph, the 文号 and the date stay generated) with a before → after
audit entry. ``send_reply`` fixes the text, stores the final .docx as a ``LetterFile``, records
the delivery and closes the case in one transaction. ``refresh_draft`` generates the text again
when what it was made from (template, remedy settings, the application) changed.

Each call that takes the clerk's text also takes ``seen``: the token of the draft as the clerk
saw it (``token(draft)``); when it no longer matches, nothing of the clerk's is applied and the
result says so (``regenerated`` / ``stale``), so no letter goes out unread.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from gongkai.core import files
from gongkai.core.actions import change
from gongkai.core.errors import Invalid
from gongkai.rules import outcomes

from .. import letters, replytext
from ..models import Application, Letter, LetterFile, ReplyDraft
from .common import NO_RIGHT, tell, user_of
from .decisions import check_decision, close_case

REGENERATED = "答复书依据的内容已变化，草稿已按新的内容重新生成，请核对后再确认发出。"
EDITS_LOST = "此前对正文的修改未保留（可在页面下方“重新生成前的修改”中找回）。"
STALE = "答复书草稿已被修改（他人修改或重新生成），请核对当前文本后再操作。"
NOT_DRAFT = "该答复书已发出或已作废，不能再修改。"
EMPTY_BODY = "答复书正文不能为空。"
MAX_PARAGRAPH = 5000


@dataclass
class DraftResult:
    draft: ReplyDraft
    created: bool = False
    regenerated: bool = False  # the text was generated again from changed facts
    edits_lost: bool = False  # … and the clerk's edits were not kept
    stale: bool = False  # the clerk's view was out of date: nothing of theirs applied
    changes: dict = field(default_factory=dict)  # the edits recorded
    letter: Letter | None = None


def token(draft: ReplyDraft) -> str:
    """What the clerk saw: the generated text's fingerprint and the edit count."""
    return f"{draft.basis[:16]}-{draft.revision}"


def open_draft(app: Application) -> ReplyDraft | None:
    return app.reply_drafts.filter(state=ReplyDraft.STATE_DRAFT).first()


def _facts(outcome, reply_type, details, on) -> str:
    reply = dict(outcomes.REPLY_TYPES).get(reply_type, reply_type)
    parts = [outcomes.short_label(outcome), reply]
    parts += [f"{outcomes.FIELD_LABELS.get(k, k)}：{v}" for k, v in sorted(details.items())]
    parts.append(f"答复日期：{on.isoformat()}")
    return "；".join(p for p in parts if p)


def _regenerate(ch, draft, title, paragraphs, basis, reason, changes=None) -> DraftResult:
    lost = draft.edited
    draft.lost_edits = [t for _, t in replytext.editable(draft.paragraphs)] if lost else []
    draft.title, draft.generated, draft.paragraphs = title, paragraphs, paragraphs
    draft.basis, draft.edited = basis, False
    draft.revision += 1
    draft.updated_at = timezone.now()
    draft.save()
    ch.audit(
        draft.application,
        "draft_regenerate",
        changes=changes or {},
        reason=f"答复书草稿{draft.number}重新生成：{reason}"
        + ("；此前对正文的修改未保留" if lost else ""),
    )
    return DraftResult(draft, regenerated=True, edits_lost=lost)


def draft_reply(
    app: Application,
    *,
    outcome: str,
    reply_type: str = "",
    details: dict | None = None,
    on: dt.date,
    actor,
) -> DraftResult:
    """Decide: the reply letter is generated as a draft; the case stays open until it is sent."""
    with change(actor, "edit", app.organisation, denied=NO_RIGHT) as ch:
        app = Application.objects.select_for_update().get(pk=app.pk)
        reply_type, details = check_decision(app, outcome, reply_type, details, on)
        title, paragraphs, _, basis = replytext.generate(app, outcome, reply_type, details, on)
        facts = _facts(outcome, reply_type, details, on)
        draft = open_draft(app)
        if draft is None:
            draft = ReplyDraft.objects.create(
                application=app,
                number=letters.number_for(app, "reply"),
                title=title,
                outcome=outcome,
                reply_type=reply_type,
                decision=details,
                decided_on=on,
                generated=paragraphs,
                paragraphs=paragraphs,
                basis=basis,
                created_by=user_of(actor),
            )
            ch.audit(
                app,
                "reply_draft",
                changes={"答复书草稿": ["", draft.number], "答复要素": ["", facts]},
                reason="生成答复书草稿，预览确认后发出并办结",
            )
            return DraftResult(draft, created=True)
        before = _facts(draft.outcome, draft.reply_type, draft.decision, draft.decided_on)
        if before == facts and draft.basis == basis:
            return DraftResult(draft)
        draft.outcome, draft.reply_type, draft.decision = outcome, reply_type, details
        draft.decided_on = on
        return _regenerate(
            ch, draft, title, paragraphs, basis, "答复要素已修改", {"答复要素": [before, facts]}
        )


def _locked_draft(draft: ReplyDraft) -> ReplyDraft:
    draft = ReplyDraft.objects.select_for_update().select_related("application").get(pk=draft.pk)
    if not draft.is_open:
        raise Invalid(NOT_DRAFT)
    if draft.application.is_closed:
        raise Invalid("该申请已办结。")
    return draft


def _refresh(ch, draft) -> DraftResult | None:
    title, paragraphs, _, basis = replytext.of_draft(draft)
    if basis == draft.basis:
        return None
    return _regenerate(ch, draft, title, paragraphs, basis, "模板、救济途径设置或申请信息已变化")


def is_stale(draft: ReplyDraft) -> bool:
    """Whether what the draft was generated from has changed since (read only)."""
    return replytext.of_draft(draft)[3] != draft.basis


def refresh_draft(draft: ReplyDraft, *, actor) -> DraftResult:
    """Generate the draft again if what it was made from changed."""
    with change(actor, "edit", draft.application.organisation, denied=NO_RIGHT) as ch:
        draft = _locked_draft(draft)
        return _refresh(ch, draft) or DraftResult(draft)


def _edited(draft, bodies: list[str]) -> list[dict]:
    if any(len(b) > MAX_PARAGRAPH for b in bodies):
        raise Invalid(errors={"body": f"每段正文不能超过{MAX_PARAGRAPH}字。"})
    try:
        new = replytext.apply_edits(draft.paragraphs, bodies)
    except ValueError:
        raise Invalid(STALE) from None
    if not replytext.editable(new):
        raise Invalid(errors={"body": EMPTY_BODY})
    return new


def edit_draft(draft: ReplyDraft, *, bodies: list[str], seen: str, actor) -> DraftResult:
    """Save the clerk's text of the body paragraphs (one text per editable paragraph)."""
    with change(actor, "edit", draft.application.organisation, denied=NO_RIGHT) as ch:
        draft = _locked_draft(draft)
        result = _refresh(ch, draft)
        if result or seen != token(draft):
            return result or DraftResult(draft, stale=True)
        new = _edited(draft, bodies)
        changes = replytext.edit_summary(draft.paragraphs, new)
        if not changes:
            return DraftResult(draft)
        draft.paragraphs = new
        draft.edited = replytext.texts(new) != replytext.texts(draft.generated)
        draft.revision += 1
        draft.updated_at = timezone.now()
        draft.save()
        ch.audit(
            draft.application,
            "draft_edit",
            changes=changes,
            reason=f"修改答复书草稿{draft.number}的正文",
        )
        return DraftResult(draft, changes=changes)


def send_reply(
    draft: ReplyDraft,
    *,
    seen: str,
    sent_on: dt.date,
    method: str,
    bodies: list[str] | None = None,
    actor,
) -> DraftResult:
    """确认发出并办结: the text is fixed, the final .docx stored, the delivery recorded and the
    case closed with the draft's decision. With ``bodies``, the clerk's last edits are applied
    first (and recorded in the same entry)."""
    with change(actor, "edit", draft.application.organisation, denied=NO_RIGHT) as ch:
        draft = _locked_draft(draft)
        app = Application.objects.select_for_update().get(pk=draft.application_id)
        result = _refresh(ch, draft)
        if result or seen != token(draft):
            return result or DraftResult(draft, stale=True)
        problems = {}
        if method not in dict(Application.DELIVERY_CHOICES):
            problems["method"] = "请选择送达方式。"
        if sent_on < draft.decided_on:
            problems["sent_on"] = "送达日期不能早于答复日期。"
        if problems:
            raise Invalid("答复书未发出，请改正标出的问题。", errors=problems)
        final = _edited(draft, bodies) if bodies is not None else draft.paragraphs
        docx = replytext.docx_bytes(draft, final)
        letter = Letter.objects.create(
            application=app,
            kind="reply",
            title=draft.title,
            number=draft.number,
            html=replytext.html(draft, final),
            docx=docx,
            created_by=user_of(actor),
            sent_on=sent_on,
            delivery_method=method,
        )
        stored = files.accept_one((f"{draft.title}（{draft.number}）.docx", docx))
        files.store(LetterFile, stored, letter=letter)
        draft.paragraphs = final
        draft.edited = replytext.texts(final) != replytext.texts(draft.generated)
        draft.state, draft.letter = ReplyDraft.STATE_SENT, letter
        draft.updated_at = timezone.now()
        draft.save()
        edits = replytext.edit_summary(draft.generated, final)
        delivery = f"{sent_on.isoformat()} {letter.get_delivery_method_display()}"
        close_case(
            ch,
            app,
            draft.outcome,
            draft.reply_type,
            draft.decision,
            draft.decided_on,
            "send_reply",
            reason=f"答复书{draft.number}确认发出并办结"
            + (f"（修改了{len(edits)}段正文）" if edits else "（未修改生成的正文）"),
            changes={"答复书": ["", draft.number], "送达": ["", delivery], **edits},
        )
        tell(ch, app, "closed", f"答复书已发出，已办结（{outcomes.short_label(draft.outcome)}）")
        return DraftResult(draft, changes=edits, letter=letter)
