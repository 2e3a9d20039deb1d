"""The reply draft page: the letter as it will be printed, its body edited, a .docx preview,
and 确认发出并办结 (every change through ``actions.replies``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from gongkai.accounts import permissions
from gongkai.core.errors import Invalid
from gongkai.rules import dates

from .. import actions, forms, replytext
from ..actions.replies import EDITS_LOST, REGENERATED, STALE
from .common import docx_download
from .staff import _get_app, _staff_required


def _told(request, result) -> None:
    if result.regenerated:
        messages.warning(request, REGENERATED + (EDITS_LOST if result.edits_lost else ""))
    elif result.stale:
        messages.warning(request, STALE)


def _shown(draft, bodies):
    """The paragraphs to show: the draft's, or what the clerk typed when it was refused."""
    if bodies is None:
        return draft.paragraphs
    slots = [i for i, p in enumerate(draft.paragraphs) if p["part"] == replytext.BODY]
    if len(slots) != len(bodies):
        return draft.paragraphs
    typed = dict(zip(slots, bodies, strict=True))
    return [{**p, "text": typed[i]} if i in typed else p for i, p in enumerate(draft.paragraphs)]


def _draft_or_404(app):
    draft = actions.open_draft(app)
    if draft is None:
        raise Http404
    return draft


@login_required
def reply_draft(request, pk):
    _staff_required(request)
    app = _get_app(request, pk)
    draft = actions.open_draft(app)
    if draft is None:
        sent = app.reply_drafts.filter(state="sent", letter__isnull=False).first()
        if sent:
            return redirect("applications:letter", pk=sent.letter_id)
        raise Http404
    can_edit = permissions.may(request.user, "edit", app.organisation_id)
    today = dates.today()
    send_form = forms.ReplySendForm(
        initial={"sent_on": max(today, draft.decided_on), "method": app.delivery}
    )
    bodies, error, status = None, "", 200
    if request.method == "POST":
        if not can_edit:
            raise Http404
        op = request.POST.get("op", "")
        bodies = request.POST.getlist("body") if "body" in request.POST else None
        seen = request.POST.get("seen", "")
        try:
            if op == "regenerate":
                result = actions.refresh_draft(draft, actor=request.user)
                if not result.regenerated:
                    messages.info(request, "答复书依据的内容没有变化，草稿未改动。")
            elif op == "save":
                result = actions.edit_draft(
                    draft, bodies=bodies or [], seen=seen, actor=request.user
                )
                if not (result.regenerated or result.stale):
                    messages.success(
                        request,
                        f"已保存对{len(result.changes)}段正文的修改。"
                        if result.changes
                        else "正文没有改动。",
                    )
            elif op == "send":
                send_form = forms.ReplySendForm(request.POST)
                if not send_form.is_valid():
                    raise Invalid("答复书未发出，请改正标出的问题。")
                result = actions.send_reply(
                    draft,
                    seen=seen,
                    bodies=bodies,
                    sent_on=send_form.cleaned_data["sent_on"],
                    method=send_form.cleaned_data["method"],
                    actor=request.user,
                )
                if result.letter:
                    messages.success(request, f"答复书{result.letter.number}已发出，申请已办结。")
                    return redirect("applications:staff_detail", pk=app.pk)
            else:
                raise Http404
        except Invalid as exc:
            for name, message in exc.errors.items():
                if name in send_form.fields:
                    send_form.add_error(name, message)
            error = exc.errors.get("body") or exc.message
            status = 400
        else:
            _told(request, result)
            return redirect("applications:reply_draft", pk=app.pk)
    ctx = {
        "app": app,
        "draft": draft,
        "paragraphs": _shown(draft, bodies),
        "preview": replytext.html(draft),
        "signature": replytext.signature(draft),
        "stale": actions.is_stale(draft),
        "seen": actions.token(draft),
        "can_edit": can_edit,
        "send_form": send_form,
        "error": error,
    }
    return render(request, "applications/reply_draft.html", ctx, status=status)


@login_required
def reply_draft_docx(request, pk):
    """下载预览 (.docx): the draft's current text in the final layout (nothing is stored)."""
    _staff_required(request)
    app = _get_app(request, pk)
    draft = _draft_or_404(app)
    return docx_download(
        replytext.docx_bytes(draft), f"{draft.title}（草稿）.docx", f"reply-draft-{app.pk}.docx"
    )
