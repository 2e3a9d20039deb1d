"""Receiving and routing an application: submit, assign, transfer, notes."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import transaction

from gongkai.accounts import permissions
from gongkai.audit.actions import record
from gongkai.rules import outcomes
from gongkai.rules.uploads import UploadError, check_upload

from .. import services
from ..models import (
    Application,
    Attachment,
    Note,
)
from .common import (
    APPLICANT_FIELDS,
    ActionError,
    _default_handler,
    _make_letter,
    _new_tracking_code,
    _next_registration_no,
    _open,
    _refresh_due,
    _require,
    notify,
    validate_applicant,
)


def submit(
    organisation,
    data: dict,
    *,
    files: list[tuple[str, bytes]] = (),
    channel: str = "online",
    received_on: dt.date | None = None,
    actor=None,
) -> Application:
    """Receive and register an application (online, or entered by staff with its real date)."""
    errors = validate_applicant(data)
    checked = []
    max_bytes = int(getattr(settings, "GONGKAI_MAX_UPLOAD_MB", 20)) * 1024 * 1024
    for name, content in files:
        try:
            checked.append((check_upload(name, content, max_bytes=max_bytes), content))
        except UploadError as exc:
            errors["attachments"] = f"{name}：{exc.message}"
    if channel not in dict(Application.CHANNEL_CHOICES):
        errors["channel"] = "请选择申请渠道。"
    received_on = received_on or services.today()
    if received_on > services.today():
        errors["received_on"] = "收到日期不能晚于今天。"
    if actor is not None and not permissions.can(actor, "edit", organisation):
        errors["organisation"] = "您不能为该机构登记申请。"
    if errors:
        raise ActionError("申请未提交，请改正标出的问题。", errors)
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
        verifier=f"{secrets.randbelow(10**6):06d}",
        channel=channel,
        received_on=received_on,
        entered_by=actor,
        assigned_to=_default_handler(organisation),
        **values,
    )
    _refresh_due(app)
    with transaction.atomic():
        app.save()
        for upload, content in checked:
            Attachment.objects.create(
                application=app,
                name=upload.name,
                content_type=upload.content_type,
                size=upload.size,
                data=content,
                text=upload.text,
            )
        app.registration_no = _next_registration_no(organisation, received_on.year)
        app.save(update_fields=["registration_no"])
        record(
            app,
            "create",
            actor=actor,
            changes={"registration_no": ["", app.registration_no], "channel": ["", channel]},
            reason=f"收到申请（{app.get_channel_display()}）",
            to_state=app.state,
        )
        notify(app, "registered", f"due {app.due_on}")
    # The receipt (回执) is derived from the stored application; made after the registration
    # commits so that it does not hold the counter lock.
    with transaction.atomic():
        _make_letter(
            app, "receipt", actor, on=received_on, sent=channel == "online", delivery="online"
        )
    return app


@transaction.atomic
def assign(app: Application, user, *, actor) -> None:
    _require(actor, "edit", app)
    if not permissions.can(user, "edit", app.organisation_id):
        raise ActionError(
            "承办人须为本机关的信息编辑。", {"assigned_to": "承办人须为本机关的信息编辑。"}
        )
    old = app.assigned_to
    app.assigned_to = user
    app.save(update_fields=["assigned_to"])
    record(app, "assign", actor=actor, changes={"assigned_to": [str(old or ""), str(user)]})
    notify(app, "assign", str(user))


@transaction.atomic
def transfer(app: Application, to_org, *, reason: str, actor) -> None:
    _require(actor, "edit", app)
    _open(app)
    if not reason.strip():
        raise ActionError("请说明转办理由。", {"reason": "请说明转办理由。"})
    if to_org.pk == app.organisation_id:
        raise ActionError("不能转给本机关。", {"organisation": "不能转给本机关。"})
    if to_org.root.pk != app.organisation.root.pk:
        raise ActionError(
            "只能转给本市的机关；其他地方的机关请在答复中告知申请人。",
            {"organisation": "只能转给本市的机关。"},
        )
    old = app.organisation
    app.organisation = to_org
    app.assigned_to = _default_handler(to_org)
    app.save(update_fields=["organisation", "assigned_to"])
    Note.objects.create(
        application=app,
        kind="transfer",
        author=actor,
        text=f"由{old.name}转至{to_org.name}：{reason}",
    )
    record(
        app,
        "transfer",
        actor=actor,
        changes={"organisation": [old.name, to_org.name]},
        reason=reason,
    )
    notify(app, "transfer", to_org.name)


@transaction.atomic
def add_note(app: Application, text: str, *, kind: str = "note", actor) -> Note:
    _require(actor, "edit", app)
    if not text.strip():
        raise ActionError("内容不能为空。", {"text": "内容不能为空。"})
    note = Note.objects.create(application=app, kind=kind, text=text.strip(), author=actor)
    record(
        app, "note", actor=actor, changes={"note": ["", note.get_kind_display()]}, reason=text[:200]
    )
    return note
