"""Payment, the reply (decision), withdrawal, expiry and proactive-disclosure proposals."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gongkai.accounts import permissions
from gongkai.core.actions import change
from gongkai.core.actors import SYSTEM
from gongkai.core.errors import Invalid
from gongkai.rules import dates, outcomes

from ..models import (
    Application,
    FeeNotice,
    Letter,
    ProactiveProposal,
    ReplyDraft,
)
from .common import NO_RIGHT, _change_state, _make_letter, _open, tell, user_of


def record_payment(app: Application, *, on: dt.date, actor) -> None:
    with change(actor, "edit", app.organisation, denied=NO_RIGHT) as ch:
        fee = FeeNotice.objects.filter(application=app).first()
        if fee is None or app.state != Application.STATE_FEE:
            raise Invalid("该申请没有待缴的费用。")
        if on < fee.issued_on:
            raise Invalid(errors={"on": "缴费日期不能早于通知日期。"})
        fee.paid_on = on
        fee.save(update_fields=["paid_on"])
        _change_state(ch, app, Application.STATE_PROCESSING, "fee_paid", f"已缴费{fee.amount}元")


def decide(
    app: Application,
    *,
    outcome: str,
    reply_type: str = "",
    details: dict | None = None,
    on: dt.date,
    delivery_method: str = "",
    actor,
) -> Letter:
    """Decide, generate the reply letter (答复书) with the remedy paragraph, and close at once
    (imports, tests and the demo). Staff on the case page go through a draft instead
    (``replies.draft_reply`` → preview and edit → ``replies.send_reply``)."""
    with change(actor, "edit", app.organisation, denied=NO_RIGHT) as ch:
        reply_type, details = check_decision(app, outcome, reply_type, details, on)
        return _close(ch, app, outcome, reply_type, details, on, delivery_method, "decide")


def check_decision(app, outcome, reply_type, details, on) -> tuple[str, dict]:
    """The reply type and cleaned details of a decision, or ``Invalid`` with what is missing."""
    _open(app)
    reply_type = reply_type or outcomes.REPLY_FOR_OUTCOME.get(outcome, [""])[0]
    details = {k: str(v).strip() for k, v in (details or {}).items() if str(v or "").strip()}
    problems = outcomes.decision_problems(outcome, reply_type, details)
    if on < app.received_on:
        problems["on"] = "答复日期不能早于收到申请日期。"
    if app.consultations.filter(answered_on__isnull=True, answer_due__gte=on).exists():
        problems["outcome"] = "征求意见尚未答复且未到期，暂不能作出决定。"
    if problems:
        raise Invalid("答复未生成，请改正标出的问题。", errors=problems)
    return reply_type, details


def _close(ch, app, outcome, reply_type, details, on, delivery_method, action, reason=""):
    close_case(ch, app, outcome, reply_type, details, on, action, reason)
    letter = _make_letter(
        app, "reply", ch, on=on, sent=bool(delivery_method), delivery=delivery_method
    )
    tell(ch, app, "closed", f"已办结（{outcomes.short_label(outcome)}）")
    return letter


def close_case(ch, app, outcome, reply_type, details, on, action, reason="", changes=None):
    """Record the decision and close; an open reply draft of another path is discarded."""
    app.outcome = outcome
    app.reply_type = reply_type
    app.decision = details
    app.closed_on = on
    old = app.state
    app.state = Application.STATE_CLOSED
    app.save()
    ch.audit(
        app,
        action,
        changes={
            "outcome": ["", outcomes.short_label(outcome)],
            "closed_on": str(on),
            **(changes or {}),
        },
        reason=reason or outcomes.short_label(outcome),
        from_state=old,
        to_state=app.state,
    )
    for draft in ReplyDraft.objects.filter(application=app, state=ReplyDraft.STATE_DRAFT):
        draft.state = ReplyDraft.STATE_DISCARDED
        draft.save(update_fields=["state"])
        ch.audit(app, "draft_discard", reason=f"答复书草稿{draft.number}作废（案件已办结）")


def withdraw(app: Application, *, on: dt.date, note: str, actor) -> Letter:
    """The applicant withdraws the application: closed as 其他处理 › 其他."""
    with change(actor, "edit", app.organisation, denied=NO_RIGHT) as ch:
        _open(app)
        if not note.strip():
            raise Invalid(errors={"note": "请说明撤回方式。"})
        if on < app.received_on:
            raise Invalid(errors={"on": "撤回日期不能早于收到申请日期。"})
        details = {"explanation": f"申请人撤回申请（{note.strip()}）"}
        return _close(
            ch, app, "other_other", "other", details, on, "", "withdraw", "申请人撤回申请"
        )


def close_expired(on: dt.date | None = None) -> list[Application]:
    """Correction or fee window passed without correction or payment: treated as withdrawn."""
    on = on or dates.today()
    closed = []
    expired = [
        (app, "other_no_correction", "逾期未补正，视为放弃申请")
        for app in Application.objects.filter(
            state=Application.STATE_CORRECTION, correction_deadline__lt=on
        )
    ] + [
        (app, "other_no_fee", "逾期未缴费，视为放弃申请")
        for app in Application.objects.filter(
            state=Application.STATE_FEE,
            fee_notice__pay_by__lt=on,
            fee_notice__paid_on__isnull=True,
        )
    ]
    for app, outcome, reason in expired:
        with change(SYSTEM("applications expire")) as ch:
            _close(ch, app, outcome, "other", {}, on, "", "expire", reason)
        closed.append(app)
    return closed


def propose_proactive(
    organisation, *, subject: str, description: str = "", applications=(), actor
) -> ProactiveProposal:
    """申请较为集中的信息转为主动公开: a task for the owning organisation.

    Writing: the proposer needs the edit ability on the organisation and on every linked
    application's organisation (a read-only auditor never creates proposals or relinks
    applications, issue #17.10)."""
    apps = list(applications)
    with change(actor, "edit", organisation, denied="您没有为该机构提出建议的权限。") as ch:
        for a in apps:
            permissions.require(actor, "edit", a.organisation_id, "您没有调整该申请归类的权限。")
        if not subject.strip():
            raise Invalid(errors={"subject": "请填写信息名称。"})
        p = ProactiveProposal.objects.create(
            organisation=organisation,
            subject=subject.strip()[:200],
            description=description.strip(),
            request_count=len(apps),
            created_by=user_of(actor),
        )
        for a in apps:
            a.proposal = p
            a.save(update_fields=["proposal"])
        ch.audit(
            p,
            "create",
            changes={"subject": ["", p.subject]},
            reason=f"依申请{len(apps)}件，建议转为主动公开",
            to_state=p.state,
        )
        ch.notify(
            "proposal.created",
            to=permissions.users_with("edit", organisation),
            subject=f"建议转为主动公开：{p.subject}",
            url=reverse("applications:popular"),
        )
        return p


def set_proposal_state(p: ProactiveProposal, state: str, *, actor, reason: str = "") -> None:
    with change(actor, "edit", p.organisation, denied="您没有处理该建议的权限。") as ch:
        if state not in dict(ProactiveProposal.STATE_CHOICES):
            raise Invalid("未知状态。")
        old = p.state
        p.state = state
        p.save(update_fields=["state"])
        ch.audit(p, "change", reason=reason, from_state=old, to_state=state)
