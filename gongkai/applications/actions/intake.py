"""Receiving and routing an application: submit, assign, transfer, notes."""

from __future__ import annotations

import datetime as dt

from gongkai.accounts import permissions
from gongkai.core.actions import change
from gongkai.core.actors import is_system
from gongkai.core.errors import Invalid
from gongkai.core.files import accept, store
from gongkai.rules import dates, outcomes

from ..models import (
    Application,
    Attachment,
    Note,
)
from .common import (
    APPLICANT_FIELDS,
    FIX_MARKED,
    NO_RIGHT,
    _default_handler,
    _make_letter,
    _new_tracking_code,
    _next_registration_no,
    _open,
    _refresh_due,
    new_verifier,
    tell,
    user_of,
    validate_applicant,
)


def submit(
    organisation,
    data: dict,
    *,
    actor,
    files: list[tuple[str, bytes]] = (),
    channel: str = "online",
    received_on: dt.date | None = None,
) -> Application:
    """Receive and register an application (online, or entered by staff with its real date).

    ``actor`` is the anonymous visitor for the public form (recorded as 公众) or the staff member
    entering a letter or counter application, who needs the edit ability on ``organisation``.
    The application, its attachments, its registration number and its receipt (回执) are one
    transaction: there is never a registered application without a receipt.
    """
    errors = validate_applicant(data)
    checked = []
    try:
        checked = accept(files, field="attachments")
    except Invalid as exc:
        errors.update(exc.errors)
    if channel not in dict(Application.CHANNEL_CHOICES):
        errors["channel"] = "请选择申请渠道。"
    received_on = received_on or dates.today()
    if received_on > dates.today():
        errors["received_on"] = "收到日期不能晚于今天。"
    staff = getattr(actor, "is_authenticated", False) or is_system(actor)
    if staff and not permissions.may(actor, "edit", organisation):
        errors["organisation"] = "您不能为该机构登记申请。"
    if errors:
        raise Invalid(FIX_MARKED, errors=errors)
    values = {k: str(data.get(k) or "").strip() for k in APPLICANT_FIELDS}
    values["id_number"] = values["id_number"].upper()
    values["applicant_type"] = values["applicant_type"] or outcomes.NATURAL
    for k, default in (
        ("id_type", "id_card"),
        ("form_preference", "electronic"),
        ("delivery", "email"),
    ):
        values[k] = values[k] or default
    if values["applicant_type"] != outcomes.NATURAL:
        values["id_type"] = ""
    # Everything that does not need the registration number is prepared first, so the
    # per-(organisation, year) counter row stays locked only for the last few statements.
    code = _new_tracking_code()
    app = Application(
        organisation=organisation,
        registration_no=f"pending-{code}",
        tracking_code=code,
        verifier=new_verifier(),
        channel=channel,
        received_on=received_on,
        entered_by=user_of(actor),
        assigned_to=_default_handler(organisation),
        **values,
    )
    _refresh_due(app)
    with change(actor) as ch:
        app.save()
        for upload in checked:
            store(Attachment, upload, application=app)
        app.registration_no = _next_registration_no(organisation, received_on.year)
        app.save(update_fields=["registration_no"])
        ch.audit(
            app,
            "create",
            changes={"registration_no": ["", app.registration_no], "channel": ["", channel]},
            reason=f"收到申请（{app.get_channel_display()}）",
            to_state=app.state,
        )
        tell(ch, app, "registered", f"收到申请，答复期限 {app.due_label}")
        # The receipt (回执) belongs to the same transaction (issue #17.14): a crash after the
        # commit can no longer leave a registered application without one.
        _make_letter(
            app, "receipt", ch, on=received_on, sent=channel == "online", delivery="online"
        )
    return app


def assign(app: Application, user, *, actor) -> None:
    with change(actor, "edit", app.organisation, denied=NO_RIGHT) as ch:
        if not permissions.may(user, "edit", app.organisation_id):
            raise Invalid(errors={"assigned_to": "承办人须为本机关的信息编辑。"})
        old = app.assigned_to
        app.assigned_to = user
        app.save(update_fields=["assigned_to"])
        ch.audit(app, "assign", changes={"assigned_to": [str(old or ""), str(user)]})
        tell(ch, app, "assign", f"承办人：{user}")


def transfer(app: Application, to_org, *, reason: str, actor) -> None:
    with change(actor, "edit", app.organisation, denied=NO_RIGHT) as ch:
        _open(app)
        if not reason.strip():
            raise Invalid(errors={"reason": "请说明转办理由。"})
        if to_org.pk == app.organisation_id:
            raise Invalid(errors={"organisation": "不能转给本机关。"})
        if to_org.root.pk != app.organisation.root.pk:
            raise Invalid(
                "只能转给本市的机关；其他地方的机关请在答复中告知申请人。",
                errors={"organisation": "只能转给本市的机关。"},
            )
        old = app.organisation
        app.organisation = to_org
        app.assigned_to = _default_handler(to_org)
        app.save(update_fields=["organisation", "assigned_to"])
        Note.objects.create(
            application=app,
            kind="transfer",
            author=user_of(actor),
            text=f"由{old.name}转至{to_org.name}：{reason}",
        )
        ch.audit(
            app,
            "transfer",
            changes={"organisation": [old.name, to_org.name]},
            reason=reason,
        )
        tell(ch, app, "transfer", f"转至{to_org.name}")


def add_note(app: Application, text: str, *, kind: str = "note", actor) -> Note:
    with change(actor, "edit", app.organisation, denied=NO_RIGHT) as ch:
        if not text.strip():
            raise Invalid(errors={"text": "内容不能为空。"})
        note = Note.objects.create(
            application=app, kind=kind, text=text.strip(), author=user_of(actor)
        )
        ch.audit(app, "note", changes={"note": ["", note.get_kind_display()]}, reason=text[:200])
        return note
