"""What the public does: write a message, look it up, rate the answer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F

from gongkai.core.actions import change
from gongkai.core.errors import Invalid, NotFound
from gongkai.core.files import accept, store
from gongkai.rules import dates
from gongkai.rules.application_similarity import similarity
from gongkai.rules.interaction.messages import TYPE_LABELS

from ..models import Attachment, Message
from . import common as c

REPEAT_THRESHOLD = 0.6


@dataclass
class Receipt:
    message: Message
    verifier: str


def _find_repeat(org, name: str, contact: str, subject: str, text: str) -> Message | None:
    since = dates.today() - dt.timedelta(days=365)
    same_person = Message.objects.filter(
        contact=contact, name=name, received_on__gte=since
    ).order_by("-received_at")[:50]
    best, best_score = None, 0.0
    for m in same_person:
        score = similarity(f"{subject} {text}", f"{m.subject} {m.text}")
        if score > best_score:
            best, best_score = m, score
    return best if best_score >= REPEAT_THRESHOLD else None


def do_submit(
    actor,
    organisation,
    *,
    kind: str,
    subject: str,
    text: str,
    name: str,
    contact: str,
    consent_publish: bool | None,
    files=(),
    received_on: dt.date | None = None,
    received_at: dt.datetime | None = None,
) -> Receipt:
    """A citizen writes a message to ``organisation`` (public form: ability None)."""
    errors: dict[str, str] = {}
    values = {}
    for key, val in (("subject", subject), ("text", text), ("name", name), ("contact", contact)):
        values[key], err = c.clean_text(val, key)
        if err:
            errors[key] = err
    if kind not in TYPE_LABELS:
        errors["kind"] = c.E_KIND
    if organisation is None:
        errors["organisation"] = c.E_ORG
    if consent_publish is None:
        errors["consent_publish"] = c.E_CONSENT
    accepted = []
    if not errors:
        try:
            accepted = accept(files)
        except Invalid as exc:
            errors.update(exc.errors)
    if errors:
        raise Invalid(errors=errors)
    with change(actor, None) as ch:
        now = received_at or dates.now()
        verifier = c.new_verifier()
        message = Message(
            organisation=organisation,
            code=c.new_code(),
            verifier_hash=c.hash_verifier(verifier),
            kind=kind,
            subject=values["subject"],
            text=values["text"],
            name=values["name"],
            contact=values["contact"],
            consent_publish=bool(consent_publish),
            received_on=received_on or dates.local(now).date(),
            received_at=now,
        )
        message.repeat_of = _find_repeat(
            organisation, message.name, message.contact, message.subject, message.text
        )
        c.set_deadline(message)
        message.first_due_on = message.due_on
        message.save()
        for a in accepted:
            store(Attachment, a, message=message)
        ch.audit(message, "create", to_state=message.status, reason="网上留言")
        from gongkai.accounts.permissions import users_with

        ch.notify(
            "message.received",
            to=users_with("edit", organisation),
            subject=f"新留言：{message.subject}",
            url=message_staff_url(message),
        )
    return Receipt(message, verifier)


def message_staff_url(message) -> str:
    from django.urls import reverse

    return reverse("interaction:staff_detail", args=[message.pk])


def lookup(code: str, verifier: str) -> Message:
    """The message with query code ``code`` if ``verifier`` is right; counts failures and locks
    the code after ``GONGKAI_MESSAGE_LOOKUP_ATTEMPTS`` of them (a lookup is not a state change of
    the message itself, so it is not audited)."""
    code = (code or "").strip().upper()[:16]
    verifier = (verifier or "").strip()[:64]
    message = Message.objects.filter(code=code).first()
    if message is None or not verifier:
        raise NotFound(c.E_LOOKUP)
    now = dates.now()
    if message.locked_until and message.locked_until > now:
        minutes = int((message.locked_until - now).total_seconds() // 60) + 1
        raise Invalid(c.E_LOCKED.format(minutes=minutes))
    import hmac

    if not hmac.compare_digest(message.verifier_hash, c.hash_verifier(verifier)):
        Message.objects.filter(pk=message.pk).update(failed_lookups=F("failed_lookups") + 1)
        message.refresh_from_db(fields=["failed_lookups"])
        if message.failed_lookups >= c.lockout_attempts():
            until = now + dt.timedelta(minutes=c.lockout_minutes())
            Message.objects.filter(pk=message.pk).update(locked_until=until, failed_lookups=0)
        raise NotFound(c.E_LOOKUP)
    if message.failed_lookups:
        Message.objects.filter(pk=message.pk).update(failed_lookups=0)
    return message


def do_rate(actor, message: Message, *, satisfaction: str, note: str = "", reopen=False):
    """The writer rates the answer; 不满意 with ``reopen`` sends it back for handling."""
    valid = dict(Message.SATISFACTION_CHOICES)
    if satisfaction not in valid:
        raise Invalid(errors={"satisfaction": c.E_RATE})
    note, err = c.clean_text(note, "reason", required=False)
    if err:
        raise Invalid(errors={"note": err})
    with change(actor, None) as ch:
        message = Message.objects.select_for_update().get(pk=message.pk)
        if message.status not in (Message.ANSWERED, Message.CLOSED) or not message.reply:
            raise Invalid(c.E_NOT_ANSWERED.format(what="评价"))
        if message.satisfaction:
            raise Invalid(c.E_RATE_DONE)
        before = message.status
        message.satisfaction = satisfaction
        message.satisfaction_note = note
        fields = ["satisfaction", "satisfaction_note"]
        if satisfaction == "unsatisfied" and reopen:
            message.status = Message.HANDLING
            message.reopened += 1
            message.answered_on = None
            message.closed_on = None
            message.reviewed_by = None
            c.set_deadline(message, start=dates.today())
            fields += ["status", "reopened", "answered_on", "closed_on", "reviewed_by"]
            fields += ["due_on", "due_provisional"]
        message.save(update_fields=fields)
        ch.audit(
            message,
            "change",
            changes={"satisfaction": satisfaction},
            from_state=before,
            to_state=message.status,
            reason=note,
        )
        if message.status == Message.HANDLING:
            from gongkai.accounts.permissions import users_with

            ch.notify(
                "message.reopened",
                to=users_with("edit", message.organisation),
                subject=f"留言人不满意，重新办理：{message.subject}",
                url=message_staff_url(message),
            )
    return message
