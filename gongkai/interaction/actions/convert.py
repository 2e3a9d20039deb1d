"""A message that is really an information application becomes one (keeping its receipt date)."""

from __future__ import annotations

from gongkai.core.actions import change
from gongkai.core.errors import Invalid

from ..models import Message
from . import common as c

E_CONVERTED = "留言已转为政府信息公开申请（登记号 {no}）。"


def do_convert(actor, message, *, applicant: dict | None = None, reason: str = ""):
    """Register the message as an information application through the applications app's
    intake action; the application's clock starts from the message's receipt date."""
    from gongkai.applications import actions as app_actions

    applicant = dict(applicant or {})
    data = {
        "applicant_type": "natural",
        "name": message.name,
        "phone": message.contact,
        "description": f"{message.subject}\n{message.text}",
        "id_type": "id_card",
        **{k: v for k, v in applicant.items() if v not in (None, "")},
    }
    with change(actor, "edit", message.organisation) as ch:
        message = Message.objects.select_for_update().get(pk=message.pk)
        if not message.is_open or message.validity != Message.VALID:
            raise Invalid(
                c.E_STATE.format(state=message.get_status_display(), what="转为信息公开申请")
            )
        # the applications app's intake action; Invalid (with field errors) passes through
        app = app_actions.submit(
            message.organisation,
            data,
            channel="online",
            received_on=message.received_on,
            actor=actor,
        )
        before = message.status
        message.validity = Message.CONVERTED
        message.application_id = app.pk
        message.status = Message.CLOSED
        message.closed_on = message.closed_on or app.received_on
        message.reply = E_CONVERTED.format(no=app.registration_no)
        message.save(update_fields=["validity", "application_id", "status", "closed_on", "reply"])
        ch.audit(
            message,
            "transition",
            changes={"application": app.registration_no},
            from_state=before,
            to_state=message.status,
            reason=reason or "转为政府信息公开申请",
        )
    return message, app
