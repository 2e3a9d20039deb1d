"""Shared pieces of the application actions: messages, notices, helpers, applicant checks."""

from __future__ import annotations

import datetime as dt
import logging
import secrets

from django.urls import reverse

from gongkai.accounts import permissions
from gongkai.accounts.models import Role
from gongkai.core.errors import Invalid
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


# Messages written once (zh-hans).
NO_RIGHT = "您没有办理该申请的权限。"
CLOSED = "该申请已办结。"
FIX_MARKED = "申请未提交，请改正标出的问题。"


def user_of(actor):
    """The user row to store (None for the SYSTEM actor or the public)."""
    return actor if getattr(actor, "is_authenticated", False) else None


def tell(ch, app: Application, event: str, text: str) -> None:
    """Notify the application's handler (or, with none, the organisation's editors) after
    commit: a notice on the 工作台, a log line, a mail where configured."""
    to = (
        [app.assigned_to]
        if app.assigned_to_id
        else list(permissions.users_with("edit", app.organisation))
    )
    to = [u for u in to if u.pk != getattr(ch.actor, "pk", None)]
    ch.notify(
        f"application.{event}",
        to=to,
        subject=f"依申请公开 {app.registration_no}：{text}"[:200],
        url=reverse("applications:staff_detail", args=[app.pk]),
    )


def _refresh_due(app: Application, as_of: dt.date | None = None) -> None:
    result = services.clock_of(app, as_of)
    app.due_on = result.due
    app.due_provisional = result.provisional


def _next_registration_no(org, year: int) -> str:
    """Lock the (organisation, year) counter row and take the next serial."""
    return f"{org.code}-{year}-{next_serial('application', org, year):04d}"


VERIFIER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def new_verifier() -> str:
    """8 characters of 32 kinds (about 10^12 values, against 10^6 for six digits); with the
    lock after repeated failures a verifier cannot be guessed (issue #17.9)."""
    return "".join(secrets.choice(VERIFIER_ALPHABET) for _ in range(8))


def _new_tracking_code() -> str:
    while True:
        code = "".join(secrets.choice(_CODE_CHARS) for _ in range(10))
        if not Application.objects.filter(tracking_code=code).exists():
            return code


def _default_handler(org):
    """The organisation's own first editor (by account), or nobody; an office admin above it
    may edit too but is not made the handler."""
    return (
        permissions.users_with("edit", org)
        .filter(grants__organisation=org, grants__role=Role.EDITOR)
        .order_by("pk")
        .first()
    )


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


def _change_state(ch, app, new_state, action, reason="", changes=None):
    old = app.state
    app.state = new_state
    _refresh_due(app)
    app.save()
    ch.audit(
        app,
        action,
        changes={**(changes or {}), "due_on": app.due_label},
        reason=reason,
        from_state=old,
        to_state=new_state,
    )
    tell(ch, app, action, reason or action)


def _open(app):
    if app.is_closed:
        raise Invalid(CLOSED)


def _make_letter(app, kind, ch, *, consultation=None, on=None, sent=False, delivery="") -> Letter:
    title, paragraphs, signature = letters.render(app, kind, consultation=consultation, on=on)
    number = letters.number_for(app, kind)
    letter = Letter.objects.create(
        application=app,
        kind=kind,
        title=title,
        number=number,
        html=letters.to_html(title, paragraphs, signature, number),
        docx=letters.to_docx(title, paragraphs, signature, number),
        created_by=user_of(ch.actor),
        consultation=consultation,
        sent_on=on if sent else None,
        delivery_method=delivery if sent else "",
    )
    ch.audit(app, "letter", changes={"letter": ["", title]}, reason=number)
    return letter
