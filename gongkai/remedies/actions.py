"""Actions on remedy cases (docs/annual-report.md, "Remedy cases")."""

from __future__ import annotations

import datetime as dt

from gongkai.core.actions import change
from gongkai.core.errors import Invalid
from gongkai.rules.dates import today, zh_date

from . import services
from .models import RemedyCase

KINDS = dict(RemedyCase.KIND_CHOICES)
AGAINST = dict(RemedyCase.AGAINST_CHOICES)
RESULTS = dict(RemedyCase.RESULT_CHOICES)

E_KIND = "请选择案件类型（行政复议、未经复议直接起诉或复议后起诉）。"
E_AGAINST = "请选择案件针对的是答复还是未在期限内答复。"
E_BODY = "请填写复议机关或人民法院。"
E_FILED = "请填写申请复议或起诉的日期。"
E_FUTURE = "日期不能晚于今天。"
E_BEFORE = "申请复议或起诉的日期不能早于收到申请的日期。"
E_NOT_CLOSED = (
    "该申请尚未答复，不能针对答复申请复议或起诉；如已超过答复期限，请选择“未在期限内答复”。"
)
E_NOT_DUE = "该申请仍在答复期限内，尚不能以未答复为由申请复议或起诉。"
E_RESULT = "请选择审结结果（结果维持、结果纠正或其他结果）。"
E_DECIDED = "请填写审结日期。"
E_DECIDED_EARLY = "审结日期不能早于申请复议或起诉的日期。"
E_DONE = "该案件已审结，结果已登记。"


def _user(actor):
    """The user row to store (None for the SYSTEM actor)."""
    return actor if getattr(actor, "is_authenticated", False) else None


def _date(value, field, errors, required=True):
    if value in (None, ""):
        if required:
            errors[field] = E_FILED if field == "filed_on" else E_DECIDED
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        errors[field] = "日期格式应为 2025-03-01。"
        return None


def open_case(actor, application, data: dict) -> RemedyCase:
    """Register a case against ``application``'s reply (or its failure to reply)."""
    org = application.organisation
    with change(actor, "edit", org) as ch:
        errors: dict[str, str] = {}
        kind = (data.get("kind") or "").strip()
        against = (data.get("against") or "reply").strip()
        body = (data.get("body") or "").strip()
        if kind not in KINDS:
            errors["kind"] = E_KIND
        if against not in AGAINST:
            errors["against"] = E_AGAINST
        if not body:
            errors["body"] = E_BODY
        filed_on = _date(data.get("filed_on"), "filed_on", errors)
        review_decided_on = _date(
            data.get("review_decided_on"), "review_decided_on", errors, required=False
        )
        if filed_on and filed_on > today():
            errors["filed_on"] = E_FUTURE
        elif filed_on and filed_on < application.received_on:
            errors["filed_on"] = E_BEFORE
        if against == "reply" and application.closed_on is None:
            errors["against"] = E_NOT_CLOSED
        if (
            against == "no_reply"
            and application.closed_on is None
            and (application.due_on is None or (filed_on and filed_on <= application.due_on))
        ):
            errors["against"] = E_NOT_DUE
        if errors:
            raise Invalid(errors=errors)
        w = services.windows_for(application)
        until = w.until(kind, review_decided_on, services.after_review_days()) if w else None
        case = RemedyCase.objects.create(
            application=application,
            organisation=org,
            kind=kind,
            against=against,
            body=body[:120],
            case_no=(data.get("case_no") or "").strip()[:80],
            filed_on=filed_on,
            review_decided_on=review_decided_on,
            window_until=until,
            past_window=bool(until and filed_on > until),
            note=(data.get("note") or "").strip(),
            created_by=_user(actor),
        )
        ch.audit(
            case,
            "create",
            changes={
                "kind": KINDS[kind],
                "against": AGAINST[against],
                "body": case.body,
                "filed_on": str(filed_on),
                "window_until": str(until) if until else "",
                "past_window": case.past_window,
            },
            to_state="pending",
        )
        from gongkai.accounts.permissions import users_with

        ch.notify(
            "remedy.opened",
            to=users_with("review", org),
            subject=f"{KINDS[kind]}：申请 {application.registration_no}",
            body=f"{body}，{zh_date(filed_on)}"
            + ("（已超过救济期限）" if case.past_window else ""),
            url=f"/staff/remedies/{case.pk}/",
        )
    return case


def record_result(actor, case: RemedyCase, data: dict, *, reason: str = "") -> RemedyCase:
    """Record the decision or judgment of a case."""
    with change(actor, "edit", case.organisation) as ch:
        case = RemedyCase.objects.select_for_update().get(pk=case.pk)
        if case.result != "pending":
            raise Invalid(E_DONE)
        errors: dict[str, str] = {}
        result = (data.get("result") or "").strip()
        if result not in RESULTS or result == "pending":
            errors["result"] = E_RESULT
        decided_on = _date(data.get("decided_on"), "decided_on", errors)
        if decided_on and decided_on > today():
            errors["decided_on"] = E_FUTURE
        elif decided_on and decided_on < case.filed_on:
            errors["decided_on"] = E_DECIDED_EARLY
        if errors:
            raise Invalid(errors=errors)
        case.result = result
        case.decided_on = decided_on
        case.result_note = (data.get("result_note") or "").strip()
        case.save(update_fields=["result", "decided_on", "result_note"])
        ch.audit(
            case,
            "transition",
            from_state="pending",
            to_state=result,
            reason=reason or case.result_note,
            changes={"decided_on": str(decided_on)},
        )
    return case
