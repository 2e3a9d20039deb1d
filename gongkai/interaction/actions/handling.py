"""What staff do with a message: assign/transfer, reply, review, publish, close, mark."""

from __future__ import annotations

from gongkai.core import actors
from gongkai.core.actions import change
from gongkai.core.errors import Forbidden, Invalid
from gongkai.rules import dates
from gongkai.rules.privacy import mask_text
from gongkai.search import registry

from ..models import Message, Transfer
from . import common as c
from .public import message_staff_url


def _state_error(message, what):
    return Invalid(c.E_STATE.format(state=message.get_status_display(), what=what))


def _locked(message):
    return Message.objects.select_for_update().get(pk=message.pk)


def resolve_unit(name: str, within=None):
    """The organisation meant by ``name`` (full name, short name or alias)."""
    from gongkai.orgs.services import resolve

    res = resolve((name or "").strip(), within=within)
    if res.organisation is None:
        raise Invalid(errors={"to_org": res.message()})
    return res.organisation


def do_transfer(actor, message, to_org, *, reason: str = ""):
    """Assign or transfer the message to ``to_org`` (recorded; the clock keeps running)."""
    reason, err = c.clean_text(reason, "reason", required=False)
    if err:
        raise Invalid(errors={"reason": err})
    with change(actor, "edit", message.organisation) as ch:
        message = _locked(message)
        if not message.is_open:
            raise _state_error(message, "转办")
        if to_org.pk == message.organisation_id:
            raise Invalid(errors={"to_org": "转办单位与当前办理单位相同。"})
        before = message.organisation
        Transfer.objects.create(
            message=message,
            from_org=before,
            to_org=to_org,
            by=actor if getattr(actor, "pk", None) else None,
            by_label=actors.label(actor),
            reason=reason,
        )
        message.organisation = to_org
        message.handler = None
        message.status = Message.HANDLING
        message.save(update_fields=["organisation", "handler", "status"])
        ch.audit(
            message,
            "change",
            changes={"organisation": [before.name, to_org.name]},
            reason=reason,
        )
        from gongkai.accounts.permissions import users_with

        ch.notify(
            "message.transferred",
            to=users_with("edit", to_org),
            subject=f"转办留言：{message.subject}（来自{before.name}）",
            url=message_staff_url(message),
        )
    return message


def do_draft_reply(actor, message, *, reply: str):
    """The handler writes the reply; it goes to review (four eyes) before it is sent."""
    reply, err = c.clean_text(reply, "reply")
    if err:
        raise Invalid(errors={"reply": err})
    with change(actor, "edit", message.organisation) as ch:
        message = _locked(message)
        if not message.is_open:
            raise _state_error(message, "答复")
        before = message.status
        message.reply = reply
        message.replied_by = actor if getattr(actor, "pk", None) else None
        message.status = Message.REVIEW
        message.review_note = ""
        message.save(update_fields=["reply", "replied_by", "status", "review_note"])
        ch.audit(message, "transition", from_state=before, to_state=message.status)
        from gongkai.accounts.permissions import users_with

        ch.notify(
            "message.review",
            to=[u for u in users_with("review", message.organisation) if u != actor],
            subject=f"留言答复待审核：{message.subject}",
            url=message_staff_url(message),
        )
    return message


def do_review_reply(actor, message, *, approve: bool, note: str = "", on=None):
    """A second person approves the reply (it is sent: the message is answered) or returns it.

    ``on``: the day it was sent when staff record an earlier answer (default today)."""
    note, err = c.clean_text(note, "reason", required=not approve)
    if err:
        raise Invalid(errors={"note": err})
    with change(actor, "review", message.organisation) as ch:
        message = _locked(message)
        if message.status != Message.REVIEW:
            raise _state_error(message, "审核")
        if not actors.is_system(actor) and message.replied_by_id == actor.pk:
            raise Forbidden(c.E_FOUR_EYES)
        before = message.status
        message.review_note = note
        message.reviewed_by = actor if getattr(actor, "pk", None) else None
        if approve:
            today = dates.today()
            if on is not None:
                if on > today or on < message.received_on:
                    raise Invalid(errors={"on": "答复日期应在收到日期与今天之间。"})
                today = on
            message.status = Message.ANSWERED
            message.answered_on = today
            message.first_answered_on = message.first_answered_on or today
        else:
            message.status = Message.HANDLING
        message.save(
            update_fields=[
                "review_note",
                "reviewed_by",
                "status",
                "answered_on",
                "first_answered_on",
            ]
        )
        ch.audit(message, "transition", from_state=before, to_state=message.status, reason=note)
        if message.published:
            message.public_reply = mask_text(message.reply)[0]
            message.save(update_fields=["public_reply"])
            registry.changed("message", [message.pk])
        if message.replied_by:
            ch.notify(
                "message.reviewed",
                to=[message.replied_by],
                subject=("答复已审核通过：" if approve else "答复被退回：") + message.subject,
                url=message_staff_url(message),
            )
    return message


def do_publish(actor, message, *, subject: str = "", at=None):
    """Publish an answered message (only with the writer's consent), masked by the guard."""
    with change(actor, "edit", message.organisation) as ch:
        message = _locked(message)
        if not message.consent_publish:
            raise Invalid(c.E_NO_CONSENT)
        if message.validity != Message.VALID:
            raise _state_error(message, "公开")
        if message.first_answered_on is None or message.status == Message.REVIEW:
            raise Invalid(c.E_NOT_ANSWERED.format(what="公开"))
        title = (subject or message.subject).strip()[:100]
        message.public_subject = mask_text(title)[0]
        message.public_text = mask_text(message.text)[0]
        message.public_reply = mask_text(message.reply)[0]
        message.published = True
        message.published_at = at or dates.now()
        message.save(
            update_fields=[
                "public_subject",
                "public_text",
                "public_reply",
                "published",
                "published_at",
            ]
        )
        ch.audit(message, "transition", to_state="published")
        registry.changed("message", [message.pk])
    return message


def do_unpublish(actor, message, *, reason: str):
    reason, err = c.clean_text(reason, "reason")
    if err:
        raise Invalid(errors={"reason": err})
    with change(actor, "edit", message.organisation) as ch:
        message = _locked(message)
        message.published = False
        message.save(update_fields=["published"])
        ch.audit(message, "transition", from_state="published", to_state="", reason=reason)
        registry.changed("message", [message.pk])
    return message


def do_close(actor, message, *, reason: str = ""):
    with change(actor, "edit", message.organisation) as ch:
        message = _locked(message)
        if message.status != Message.ANSWERED:
            raise _state_error(message, "办结")
        before = message.status
        message.status = Message.CLOSED
        message.closed_on = dates.today()
        message.save(update_fields=["status", "closed_on"])
        ch.audit(message, "transition", from_state=before, to_state=message.status, reason=reason)
    return message


def do_mark_invalid(actor, message, *, validity: str, reason: str):
    """Spam or a duplicate: not a valid message (leaves the 3-month count), closed."""
    if validity not in (Message.SPAM, Message.DUPLICATE):
        raise Invalid(errors={"validity": "请选择无效类型。"})
    reason, err = c.clean_text(reason, "reason")
    if err:
        raise Invalid(errors={"reason": err})
    with change(actor, "edit", message.organisation) as ch:
        message = _locked(message)
        if not message.is_open:
            raise _state_error(message, "标记为无效")
        before = message.status
        message.validity = validity
        message.status = Message.CLOSED
        message.closed_on = dates.today()
        message.save(update_fields=["validity", "status", "closed_on"])
        ch.audit(
            message,
            "transition",
            changes={"validity": validity},
            from_state=before,
            to_state=message.status,
            reason=reason,
        )
    return message


def do_refer_xinfang(actor, message, *, reason: str = ""):
    """A 信访 matter: marked, answered with the standard referral text, closed."""
    with change(actor, "edit", message.organisation) as ch:
        message = _locked(message)
        if not message.is_open:
            raise _state_error(message, "转信访渠道")
        before = message.status
        today = dates.today()
        message.validity = Message.XINFANG
        message.reply = c.XINFANG_TEXT
        message.replied_by = actor if getattr(actor, "pk", None) else None
        message.status = Message.CLOSED
        message.answered_on = today
        message.first_answered_on = message.first_answered_on or today
        message.closed_on = today
        message.save()
        ch.audit(
            message,
            "transition",
            changes={"validity": Message.XINFANG},
            from_state=before,
            to_state=message.status,
            reason=reason,
        )
    return message
