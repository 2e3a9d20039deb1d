"""Shared pieces of the application actions: messages, notices, helpers, applicant checks."""

from __future__ import annotations

import datetime as dt
import logging
import secrets

from django.db import transaction

from gongkai.accounts import permissions
from gongkai.accounts.models import Role, RoleGrant
from gongkai.audit.actions import record
from gongkai.core.serials import next_serial
from gongkai.rules import outcomes
from gongkai.rules.idcard import id_number_problem

from .. import letters, services
from ..models import (
    Application,
    Letter,
)

log = logging.getLogger("gongkai.applications")
_CODE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class ActionError(ValueError):
    """A refused action; ``errors`` maps field names to zh-hans messages."""

    def __init__(self, message: str, errors: dict | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or {}


def notify(app: Application, event: str, text: str) -> None:
    """Tell people about a change once the transaction commits (log line; hook for mail/SMS)."""
    transaction.on_commit(
        lambda: log.info("application %s %s: %s", app.registration_no, event, text)
    )


def _require(user, ability: str, app: Application) -> None:
    if user is not None and not permissions.can(user, ability, app.organisation_id):
        raise ActionError("您没有办理该申请的权限。")


def _refresh_due(app: Application, as_of: dt.date | None = None) -> None:
    result = services.clock_of(app, as_of)
    app.due_on = result.due
    app.due_provisional = result.provisional


def _next_registration_no(org, year: int) -> str:
    """Lock the (organisation, year) counter row and take the next serial."""
    return f"{org.code}-{year}-{next_serial('application', org, year):04d}"


def _new_tracking_code() -> str:
    while True:
        code = "".join(secrets.choice(_CODE_CHARS) for _ in range(10))
        if not Application.objects.filter(tracking_code=code).exists():
            return code


def _default_handler(org):
    grant = (
        RoleGrant.objects.filter(organisation=org, role=Role.EDITOR)
        .select_related("user")
        .order_by("id")
        .first()
    )
    return grant.user if grant else None


def validate_applicant(data: dict) -> dict[str, str]:
    """Field problems of the applicant part (shared by the public and the staff form)."""
    errors: dict[str, str] = {}
    if not str(data.get("name") or "").strip():
        errors["name"] = "请填写申请人姓名或名称。"
    if not str(data.get("description") or "").strip():
        errors["description"] = "请描述所需的政府信息。"
    if not str(data.get("phone") or "").strip():
        errors["phone"] = "请填写联系电话。"
    atype = data.get("applicant_type") or outcomes.NATURAL
    if atype not in outcomes.APPLICANT_LABELS:
        errors["applicant_type"] = "请选择申请人类型。"
    if atype == outcomes.NATURAL:
        if data.get("id_type", "id_card") == "id_card":
            problem = id_number_problem(str(data.get("id_number") or ""))
            if problem:
                errors["id_number"] = problem
        elif not str(data.get("id_number") or "").strip():
            errors["id_number"] = "请填写证件号码。"
    else:
        code = str(data.get("org_code") or "").strip()
        if len(code) != 18:
            errors["org_code"] = "统一社会信用代码应为18位。"
        if not str(data.get("contact_person") or "").strip():
            errors["contact_person"] = "请填写联系人。"
    return errors


APPLICANT_FIELDS = [
    "applicant_type",
    "name",
    "id_type",
    "id_number",
    "org_code",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
    "description",
    "purpose",
    "form_preference",
    "delivery",
]


def _change_state(app, new_state, actor, action, reason="", changes=None):
    old = app.state
    app.state = new_state
    _refresh_due(app)
    app.save()
    record(
        app,
        action,
        actor=actor,
        changes={**(changes or {}), "due_on": app.due_label},
        reason=reason,
        from_state=old,
        to_state=new_state,
    )
    notify(app, action, reason)


def _open(app):
    if app.is_closed:
        raise ActionError("该申请已办结。")


def _make_letter(
    app, kind, actor, *, consultation=None, on=None, sent=False, delivery=""
) -> Letter:
    title, paragraphs, signature = letters.render(app, kind, consultation=consultation, on=on)
    serial = app.letters.filter(kind=kind).count() + 1
    number = f"{app.registration_no}-{kind[:3].upper()}{serial}"
    letter = Letter.objects.create(
        application=app,
        kind=kind,
        title=title,
        number=number,
        html=letters.to_html(title, paragraphs, signature, number),
        docx=letters.to_docx(title, paragraphs, signature, number),
        created_by=actor,
        consultation=consultation,
        sent_on=on if sent else None,
        delivery_method=delivery if sent else "",
    )
    record(app, "letter", actor=actor, changes={"letter": ["", title]}, reason=number)
    return letter
