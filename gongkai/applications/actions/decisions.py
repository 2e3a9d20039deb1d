"""Payment, the reply (decision), withdrawal, expiry and proactive-disclosure proposals."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from gongkai.accounts import permissions
from gongkai.audit.actions import record
from gongkai.rules import outcomes

from .. import services
from ..models import (
    Application,
    FeeNotice,
    Letter,
    ProactiveProposal,
)
from .common import ActionError, _change_state, _make_letter, _open, _require, notify


@transaction.atomic
def record_payment(app: Application, *, on: dt.date, actor) -> None:
    _require(actor, "edit", app)
    fee = FeeNotice.objects.filter(application=app).first()
    if fee is None or app.state != Application.STATE_FEE:
        raise ActionError("该申请没有待缴的费用。")
    if on < fee.issued_on:
        raise ActionError("缴费日期不能早于通知日期。", {"on": "缴费日期不能早于通知日期。"})
    fee.paid_on = on
    fee.save(update_fields=["paid_on"])
    _change_state(app, Application.STATE_PROCESSING, actor, "fee_paid", f"已缴费{fee.amount}元")


@transaction.atomic
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
    """Decide, generate the reply letter (答复书) with the remedy paragraph, and close."""
    _require(actor, "edit", app)
    _open(app)
    reply_type = reply_type or outcomes.REPLY_FOR_OUTCOME.get(outcome, [""])[0]
    details = {k: str(v).strip() for k, v in (details or {}).items() if str(v or "").strip()}
    problems = outcomes.decision_problems(outcome, reply_type, details)
    if on < app.received_on:
        problems["on"] = "答复日期不能早于收到申请日期。"
    if app.consultations.filter(answered_on__isnull=True, answer_due__gte=on).exists():
        problems["outcome"] = "征求意见尚未答复且未到期，暂不能作出决定。"
    if problems:
        raise ActionError("答复未生成，请改正标出的问题。", problems)
    return _close(app, outcome, reply_type, details, on, actor, delivery_method, "decide")


def _close(app, outcome, reply_type, details, on, actor, delivery_method, action, reason=""):
    app.outcome = outcome
    app.reply_type = reply_type
    app.decision = details
    app.closed_on = on
    old = app.state
    app.state = Application.STATE_CLOSED
    app.save()
    record(
        app,
        action,
        actor=actor,
        changes={"outcome": ["", outcomes.short_label(outcome)], "closed_on": str(on)},
        reason=reason or outcomes.short_label(outcome),
        from_state=old,
        to_state=app.state,
    )
    letter = _make_letter(
        app, "reply", actor, on=on, sent=bool(delivery_method), delivery=delivery_method
    )
    notify(app, "closed", outcome)
    return letter


@transaction.atomic
def withdraw(app: Application, *, on: dt.date, note: str, actor) -> Letter:
    """The applicant withdraws the application: closed as 其他处理 › 其他."""
    _require(actor, "edit", app)
    _open(app)
    if not note.strip():
        raise ActionError("请说明撤回方式。", {"note": "请说明撤回方式。"})
    if on < app.received_on:
        raise ActionError(
            "撤回日期不能早于收到申请日期。", {"on": "撤回日期不能早于收到申请日期。"}
        )
    details = {"explanation": f"申请人撤回申请（{note.strip()}）"}
    return _close(app, "other_other", "other", details, on, actor, "", "withdraw", "申请人撤回申请")


def close_expired(on: dt.date | None = None) -> list[Application]:
    """Correction or fee window passed without correction or payment: treated as withdrawn."""
    on = on or services.today()
    closed = []
    for app in Application.objects.filter(
        state=Application.STATE_CORRECTION, correction_deadline__lt=on
    ):
        with transaction.atomic():
            _close(
                app,
                "other_no_correction",
                "other",
                {},
                on,
                None,
                "",
                "expire",
                "逾期未补正，视为放弃申请",
            )
        closed.append(app)
    for app in Application.objects.filter(
        state=Application.STATE_FEE, fee_notice__pay_by__lt=on, fee_notice__paid_on__isnull=True
    ):
        with transaction.atomic():
            _close(
                app, "other_no_fee", "other", {}, on, None, "", "expire", "逾期未缴费，视为放弃申请"
            )
        closed.append(app)
    return closed


@transaction.atomic
def propose_proactive(
    organisation, *, subject: str, description: str = "", applications=(), actor
) -> ProactiveProposal:
    """申请较为集中的信息转为主动公开: a task for the owning organisation."""
    if not permissions.can(actor, "view_internal", organisation):
        raise ActionError("您没有为该机构提出建议的权限。")
    if not subject.strip():
        raise ActionError("请填写信息名称。", {"subject": "请填写信息名称。"})
    apps = list(applications)
    p = ProactiveProposal.objects.create(
        organisation=organisation,
        subject=subject.strip()[:200],
        description=description.strip(),
        request_count=len(apps),
        created_by=actor,
    )
    for a in apps:
        a.proposal = p
        a.save(update_fields=["proposal"])
    record(
        p,
        "create",
        actor=actor,
        changes={"subject": ["", p.subject]},
        reason=f"依申请{len(apps)}件，建议转为主动公开",
        to_state=p.state,
    )
    return p


@transaction.atomic
def set_proposal_state(p: ProactiveProposal, state: str, *, actor, reason: str = "") -> None:
    if not permissions.can(actor, "edit", p.organisation):
        raise ActionError("您没有处理该建议的权限。")
    if state not in dict(ProactiveProposal.STATE_CHOICES):
        raise ActionError("未知状态。")
    old = p.state
    p.state = state
    p.save(update_fields=["state"])
    record(p, "change", actor=actor, reason=reason, from_state=old, to_state=state)
