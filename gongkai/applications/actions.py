"""Every state change of an application: one function each, writing, auditing and notifying in
one transaction. Views, commands and the scheduled job only call these."""

from __future__ import annotations

import datetime as dt
import logging
import secrets

from django.conf import settings
from django.db import transaction

from gongkai.accounts import permissions
from gongkai.accounts.models import Role, RoleGrant
from gongkai.audit.actions import diff, record, snapshot
from gongkai.core.serials import next_serial
from gongkai.rules import clock as clockrule
from gongkai.rules import fees as feerules
from gongkai.rules import outcomes
from gongkai.rules.idcard import id_number_problem
from gongkai.rules.uploads import UploadError, check_upload
from gongkai.workcal.services import get_calendar

from . import letters, services
from .models import (
    Application,
    Attachment,
    Consultation,
    FeeNotice,
    Letter,
    LetterTemplate,
    Note,
    ProactiveProposal,
    RemedyConfig,
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


@transaction.atomic
def mark_sent(letter: Letter, *, sent_on: dt.date, method: str, actor) -> None:
    _require(actor, "edit", letter.application)
    if method not in dict(Application.DELIVERY_CHOICES):
        raise ActionError("请选择送达方式。", {"delivery_method": "请选择送达方式。"})
    letter.sent_on = sent_on
    letter.delivery_method = method
    letter.save(update_fields=["sent_on", "delivery_method"])
    record(
        letter.application,
        "send",
        actor=actor,
        changes={"letter": [letter.title, f"{sent_on} {letter.get_delivery_method_display()}"]},
    )


@transaction.atomic
def request_correction(
    app: Application, *, items: str, on: dt.date, deadline_days: int = 15, actor
) -> Letter:
    """补正通知 (Art. 30): the clock stops until the corrected application arrives."""
    _require(actor, "edit", app)
    _open(app)
    if app.correction_notice_on:
        raise ActionError("补正通知只能发一次，须一次性告知需要补正的全部事项。")
    if not items.strip():
        raise ActionError("请列明需要补正的事项。", {"items": "请列明需要补正的事项。"})
    if on < app.received_on:
        raise ActionError(
            "通知日期不能早于收到申请日期。", {"on": "通知日期不能早于收到申请日期。"}
        )
    cal = get_calendar()
    app.correction_notice_on = on
    app.correction_items = items.strip()
    app.correction_deadline = cal.add_workdays(on, deadline_days).date
    limit = cal.add_workdays(app.received_on, clockrule.CORRECTION_NOTICE_DAYS).date
    reason = "发出补正通知" + ("（已超过7个工作日）" if on > limit else "")
    _change_state(
        app,
        Application.STATE_CORRECTION,
        actor,
        "correction",
        reason,
        {"correction_deadline": str(app.correction_deadline)},
    )
    return _make_letter(app, "correction", actor, on=on)


@transaction.atomic
def receive_correction(app: Application, *, on: dt.date, actor) -> None:
    _require(actor, "edit", app)
    if app.state != Application.STATE_CORRECTION:
        raise ActionError("该申请不在待补正状态。")
    if on < app.correction_notice_on:
        raise ActionError(
            "补正日期不能早于补正通知日期。", {"on": "补正日期不能早于补正通知日期。"}
        )
    app.corrected_on = on
    _change_state(
        app, Application.STATE_PROCESSING, actor, "corrected", "收到补正后的申请，期限重新计算"
    )


@transaction.atomic
def extend(app: Application, *, days: int, reason: str, approver, on: dt.date, actor) -> Letter:
    """延期 (Art. 33): approved by a reviewer of the organisation; a notice goes to the applicant."""
    _require(actor, "edit", app)
    _open(app)
    if not permissions.can(approver, "review", app.organisation_id):
        raise ActionError("延期须经本机关审核人批准。", {"approver": "延期须经本机关审核人批准。"})
    if app.extension_days:
        raise ActionError("该申请已经延期，延期只能一次，合计不超过20个工作日。")
    if not 1 <= days <= clockrule.MAX_EXTENSION:
        raise ActionError("延长期限为1至20个工作日。", {"days": "延长期限为1至20个工作日。"})
    if not reason.strip():
        raise ActionError("请填写延期理由。", {"reason": "请填写延期理由。"})
    if app.due_on and on > app.due_on:
        raise ActionError("答复期限已过，不能再延期。", {"on": "答复期限已过，不能再延期。"})
    app.extension_days = days
    app.extension_reason = reason.strip()
    app.extension_approved_by = approver
    app.extension_on = on
    _change_state(
        app,
        app.state if app.state != Application.STATE_REGISTERED else Application.STATE_PROCESSING,
        actor,
        "extend",
        f"延期{days}个工作日，批准人：{approver}",
        {"extension_days": days},
    )
    return _make_letter(app, "extension", actor, on=on)


@transaction.atomic
def set_later_date(app: Application, *, later: dt.date, reason: str, on: dt.date, actor) -> Letter:
    """Art. 35: a request clearly beyond a reasonable volume, for a reasonable purpose, that
    cannot be answered in time: a later answer date is set and notified to the applicant."""
    _require(actor, "edit", app)
    _open(app)
    errors = {}
    if not reason.strip():
        errors["reason"] = "请说明申请数量、频次明显超过合理范围且理由合理的情况。"
    if app.due_on and later <= app.due_on:
        errors["later"] = f"另行确定的日期须晚于法定答复期限（{app.due_label}）。"
    if app.later_due_on:
        errors["later"] = "已经另行确定过答复日期。"
    if errors:
        raise ActionError("未能确定答复日期。", errors)
    app.later_due_on = later
    app.later_reason = reason.strip()
    _change_state(
        app,
        app.state if app.state != Application.STATE_REGISTERED else Application.STATE_PROCESSING,
        actor,
        "later_date",
        f"依第三十五条确定答复日期：{later}",
        {"later_due_on": str(later)},
    )
    return _make_letter(app, "later", actor, on=on)


@transaction.atomic
def start_consultation(
    app: Application, *, kind: str, party: str, question: str, on: dt.date, address: str = "", actor
) -> Consultation:
    """征求第三方 / 其他机关意见 (Arts. 32, 34): 15 working days; the clock stops meanwhile."""
    _require(actor, "edit", app)
    _open(app)
    errors = {}
    if kind not in dict(Consultation.KIND_CHOICES):
        errors["kind"] = "请选择征求对象类型。"
    if not party.strip():
        errors["party"] = "请填写征求意见的对象。"
    if not question.strip():
        errors["question"] = "请写明征求意见的事项。"
    if on < app.received_on:
        errors["on"] = "发函日期不能早于收到申请日期。"
    if errors:
        raise ActionError("征求意见函未生成。", errors)
    c = Consultation.objects.create(
        application=app,
        kind=kind,
        party=party.strip(),
        party_address=address.strip(),
        question=question.strip(),
        sent_on=on,
        answer_due=get_calendar().add_workdays(on, clockrule.CONSULTATION_DAYS).date,
    )
    _change_state(
        app, Application.STATE_CONSULTING, actor, "consult", f"向{c.party}征求意见，期限暂停"
    )
    _make_letter(app, "consultation", actor, consultation=c, on=on, sent=True, delivery="post")
    return c


@transaction.atomic
def record_answer(c: Consultation, *, on: dt.date, answer: str, objects: bool, actor) -> None:
    app = c.application
    _require(actor, "edit", app)
    if not c.is_open:
        raise ActionError("该征求意见已记录答复。")
    if on < c.sent_on:
        raise ActionError("答复日期不能早于发函日期。", {"on": "答复日期不能早于发函日期。"})
    c.answered_on = on
    c.answer = answer.strip() or "（未提出意见）"
    c.objects_to_disclosure = objects
    c.save()
    still_open = app.consultations.filter(answered_on__isnull=True).exists()
    new_state = Application.STATE_CONSULTING if still_open else Application.STATE_PROCESSING
    _change_state(
        app,
        new_state,
        actor,
        "consult_answer",
        f"{c.party}答复：{'不同意公开' if objects else '无异议'}",
    )


@transaction.atomic
def issue_fee_notice(
    app: Application, *, method: str, pages: int = 0, payment_info: str = "", on: dt.date, actor
) -> FeeNotice:
    """收费通知 (Art. 42, 国办函〔2020〕109号): one method only; 20 working days to pay."""
    _require(actor, "edit", app)
    _open(app)
    if FeeNotice.objects.filter(application=app).exists():
        raise ActionError("该申请已发出收费通知。")
    if method == feerules.PER_APPLICATION:
        units = monthly_rank(app)
    elif method == feerules.BY_VOLUME:
        units = pages
    else:
        raise ActionError("请选择计收方式。", {"method": "请选择计收方式。"})
    q = feerules.quote(method, units)
    if q.amount == 0:
        raise ActionError("按该方式计算不收费，无需发出收费通知。", {"method": "；".join(q.lines)})
    fee = FeeNotice.objects.create(
        application=app,
        method=method,
        units=units,
        amount=q.amount,
        explanation="；".join(q.lines),
        payment_info=payment_info.strip(),
        issued_on=on,
        pay_by=get_calendar().add_workdays(on, clockrule.FEE_WINDOW_DAYS).date,
    )
    app.fee_notice = fee
    _change_state(
        app, Application.STATE_FEE, actor, "fee", f"收费通知：{q.amount}元（{q.method_label}）"
    )
    _make_letter(app, "fee", actor, on=on)
    return fee


def monthly_rank(app: Application) -> int:
    """Which of the applicant's applications this is in its calendar month (1-based)."""
    same = Application.objects.filter(
        received_on__year=app.received_on.year, received_on__month=app.received_on.month
    )
    if app.id_number:
        same = same.filter(id_number=app.id_number)
    elif app.org_code:
        same = same.filter(org_code=app.org_code)
    else:
        same = same.filter(name=app.name, phone=app.phone)
    earlier = same.filter(received_on__lt=app.received_on).count()
    same_day = same.filter(received_on=app.received_on, pk__lte=app.pk).count()
    return earlier + same_day


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


def refresh_due_dates(on: dt.date | None = None) -> int:
    """Recompute cached due dates of open applications (calendar updates, stops running out)."""
    n = 0
    cal = get_calendar()
    for app in Application.objects.filter(state__in=Application.OPEN_STATES).prefetch_related(
        "consultations"
    ):
        result = services.clock_of(app, on, cal)
        if (result.due, result.provisional) != (app.due_on, app.due_provisional):
            app.due_on, app.due_provisional = result.due, result.provisional
            app.save(update_fields=["due_on", "due_provisional"])
            n += 1
    return n


def send_reminders(on: dt.date | None = None) -> tuple[int, int]:
    """Remind handlers of applications due soon or overdue, at most once a day per kind."""
    on = on or services.today()
    soon, overdue = services.due_soon_and_overdue(Application.objects.all(), on)
    counts = [0, 0]
    for i, (qs, kind) in enumerate(((soon, "soon"), (overdue, "overdue"))):
        key = f"{kind}:{on.isoformat()}"
        for app in qs.exclude(last_reminder=key):
            with transaction.atomic():
                app.last_reminder = key
                app.save(update_fields=["last_reminder"])
                text = "即将到期" if kind == "soon" else "已超期"
                record(app, "remind", reason=f"{text}：答复期限{app.due_label}")
                notify(app, "reminder", f"{kind} due {app.due_on} handler {app.assigned_to or '-'}")
            counts[i] += 1
    return counts[0], counts[1]


def run_job(now: dt.datetime) -> str:
    """The scheduled job: close expired windows, refresh due dates, send reminders."""
    from django.utils import timezone

    on = timezone.localtime(now).date() if timezone.is_aware(now) else now.date()
    closed = close_expired(on)
    refreshed = refresh_due_dates(on)
    soon, overdue = send_reminders(on)
    return (
        f"closed {len(closed)} expired, refreshed {refreshed} due date(s), "
        f"reminded {soon} due soon and {overdue} overdue"
    )


REMEDY_FIELDS = [
    "review_body",
    "review_address",
    "review_days",
    "court",
    "court_address",
    "litigation_months",
    "paragraph",
]


def _check_template(text: str) -> str | None:
    from django.template import Template, TemplateSyntaxError

    try:
        Template(text)
    except TemplateSyntaxError as exc:
        return f"模板语法错误：{exc}"
    return None


@transaction.atomic
def save_remedy(organisation, data: dict, *, actor) -> RemedyConfig:
    """The remedy paragraph settings of one organisation (inherited by its subtree)."""
    if not permissions.can(actor, "administer", organisation):
        raise ActionError("您没有设置该机构救济途径的权限。")
    errors = {}
    for name in ("review_body", "court"):
        if not str(data.get(name) or "").strip():
            errors[name] = "请填写。"
    for name, top in (("review_days", 365), ("litigation_months", 60)):
        try:
            if not 1 <= int(data.get(name)) <= top:
                raise ValueError
        except (TypeError, ValueError):
            errors[name] = f"请填写1至{top}之间的整数。"
    problem = _check_template(str(data.get("paragraph") or ""))
    if problem:
        errors["paragraph"] = problem
    if errors:
        raise ActionError("救济途径未保存。", errors)
    config = RemedyConfig.objects.filter(organisation=organisation).first()
    before = snapshot(config, REMEDY_FIELDS) if config else {}
    config = config or RemedyConfig(organisation=organisation)
    for name in REMEDY_FIELDS:
        value = data.get(name)
        setattr(
            config,
            name,
            int(value) if name.endswith(("_days", "_months")) else str(value or "").strip(),
        )
    config.save()
    record(
        config,
        "change" if before else "create",
        actor=actor,
        changes=diff(before, snapshot(config, REMEDY_FIELDS)),
    )
    return config


@transaction.atomic
def save_template(organisation, kind: str, *, title: str, body: str, actor) -> LetterTemplate:
    """An organisation's own text for one letter kind (its subtree inherits it)."""
    if not permissions.can(actor, "administer", organisation):
        raise ActionError("您没有修改该机构文书模板的权限。")
    errors = {}
    if kind not in letters.DEFAULTS:
        errors["kind"] = "未知的文书类型。"
    if not title.strip():
        errors["title"] = "请填写标题。"
    problem = _check_template(body) if body.strip() else "请填写正文模板。"
    if problem:
        errors["body"] = problem
    if errors:
        raise ActionError("模板未保存。", errors)
    tpl = LetterTemplate.objects.filter(organisation=organisation, kind=kind).first()
    before = snapshot(tpl, ["title", "body"]) if tpl else {}
    tpl = tpl or LetterTemplate(organisation=organisation, kind=kind)
    tpl.title, tpl.body = title.strip(), body.replace("\r\n", "\n")
    tpl.save()
    record(
        tpl,
        "change" if before else "create",
        actor=actor,
        changes=diff(before, snapshot(tpl, ["title", "body"])),
    )
    return tpl


@transaction.atomic
def reset_template(organisation, kind: str, *, actor) -> None:
    if not permissions.can(actor, "administer", organisation):
        raise ActionError("您没有修改该机构文书模板的权限。")
    tpl = LetterTemplate.objects.filter(organisation=organisation, kind=kind).first()
    if tpl is not None:
        record(tpl, "delete", actor=actor, changes={"body": [tpl.body, ""]}, reason="恢复默认模板")
        tpl.delete()
