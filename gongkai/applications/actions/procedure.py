"""Steps of the procedure: letters, corrections, extensions, third-party consultations, fees."""

from __future__ import annotations

import datetime as dt

from gongkai.accounts import permissions
from gongkai.core.actions import change
from gongkai.core.errors import Invalid
from gongkai.rules import clock as clockrule
from gongkai.rules import fees as feerules
from gongkai.workcal.services import get_calendar

from .. import services
from ..models import (
    Application,
    Consultation,
    FeeNotice,
    Letter,
)
from .common import NO_RIGHT, _change_state, _make_letter, _open


def mark_sent(letter: Letter, *, sent_on: dt.date, method: str, actor) -> None:
    with change(actor, "edit", letter.application.organisation, denied=NO_RIGHT) as ch:
        if method not in dict(Application.DELIVERY_CHOICES):
            raise Invalid(errors={"delivery_method": "请选择送达方式。"})
        letter.sent_on = sent_on
        letter.delivery_method = method
        letter.save(update_fields=["sent_on", "delivery_method"])
        ch.audit(
            letter.application,
            "send",
            changes={"letter": [letter.title, f"{sent_on} {letter.get_delivery_method_display()}"]},
        )


def request_correction(
    app: Application, *, items: str, on: dt.date, deadline_days: int = 15, actor
) -> Letter:
    """补正通知 (Art. 30): the clock stops until the corrected application arrives."""
    with change(actor, "edit", app.organisation, denied=NO_RIGHT) as ch:
        _open(app)
        if app.correction_notice_on:
            raise Invalid("补正通知只能发一次，须一次性告知需要补正的全部事项。")
        if not items.strip():
            raise Invalid(errors={"items": "请列明需要补正的事项。"})
        if on < app.received_on:
            raise Invalid(errors={"on": "通知日期不能早于收到申请日期。"})
        cal = get_calendar()
        app.correction_notice_on = on
        app.correction_items = items.strip()
        app.correction_deadline = cal.add_workdays(on, deadline_days).date
        limit = cal.add_workdays(app.received_on, clockrule.CORRECTION_NOTICE_DAYS).date
        reason = "发出补正通知" + ("（已超过7个工作日）" if on > limit else "")
        _change_state(
            ch,
            app,
            Application.STATE_CORRECTION,
            "correction",
            reason,
            {"correction_deadline": str(app.correction_deadline)},
        )
        return _make_letter(app, "correction", ch, on=on)


def receive_correction(app: Application, *, on: dt.date, actor) -> None:
    with change(actor, "edit", app.organisation, denied=NO_RIGHT) as ch:
        if app.state != Application.STATE_CORRECTION:
            raise Invalid("该申请不在待补正状态。")
        if on < app.correction_notice_on:
            raise Invalid(errors={"on": "补正日期不能早于补正通知日期。"})
        app.corrected_on = on
        _change_state(
            ch, app, Application.STATE_PROCESSING, "corrected", "收到补正后的申请，期限重新计算"
        )


def extend(app: Application, *, days: int, reason: str, approver, on: dt.date, actor) -> Letter:
    """延期 (Art. 33): approved by a reviewer of the organisation; a notice goes to the applicant."""
    with change(actor, "edit", app.organisation, denied=NO_RIGHT) as ch:
        _open(app)
        if not permissions.may(approver, "review", app.organisation_id):
            raise Invalid(errors={"approver": "延期须经本机关审核人批准。"})
        if app.extension_days:
            raise Invalid("该申请已经延期，延期只能一次，合计不超过20个工作日。")
        if not 1 <= days <= clockrule.MAX_EXTENSION:
            raise Invalid(errors={"days": "延长期限为1至20个工作日。"})
        if not reason.strip():
            raise Invalid(errors={"reason": "请填写延期理由。"})
        if app.due_on and on > app.due_on:
            raise Invalid(errors={"on": "答复期限已过，不能再延期。"})
        app.extension_days = days
        app.extension_reason = reason.strip()
        app.extension_approved_by = approver
        app.extension_on = on
        _change_state(
            ch,
            app,
            app.state
            if app.state != Application.STATE_REGISTERED
            else Application.STATE_PROCESSING,
            "extend",
            f"延期{days}个工作日，批准人：{approver}",
            {"extension_days": days},
        )
        return _make_letter(app, "extension", ch, on=on)


def set_later_date(app: Application, *, later: dt.date, reason: str, on: dt.date, actor) -> Letter:
    """Art. 35: a request clearly beyond a reasonable volume, for a reasonable purpose, that
    cannot be answered in time: a later answer date is set and notified to the applicant."""
    with change(actor, "edit", app.organisation, denied=NO_RIGHT) as ch:
        _open(app)
        errors = {}
        if not reason.strip():
            errors["reason"] = "请说明申请数量、频次明显超过合理范围且理由合理的情况。"
        if app.due_on and later <= app.due_on:
            errors["later"] = f"另行确定的日期须晚于法定答复期限（{app.due_label}）。"
        if app.later_due_on:
            errors["later"] = "已经另行确定过答复日期。"
        if errors:
            raise Invalid("未能确定答复日期。", errors=errors)
        app.later_due_on = later
        app.later_reason = reason.strip()
        _change_state(
            ch,
            app,
            app.state
            if app.state != Application.STATE_REGISTERED
            else Application.STATE_PROCESSING,
            "later_date",
            f"依第三十五条确定答复日期：{later}",
            {"later_due_on": str(later)},
        )
        return _make_letter(app, "later", ch, on=on)


def start_consultation(
    app: Application, *, kind: str, party: str, question: str, on: dt.date, address: str = "", actor
) -> Consultation:
    """征求第三方 / 其他机关意见 (Arts. 32, 34): 15 working days; the clock stops meanwhile."""
    with change(actor, "edit", app.organisation, denied=NO_RIGHT) as ch:
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
            raise Invalid("征求意见函未生成。", errors=errors)
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
            ch, app, Application.STATE_CONSULTING, "consult", f"向{c.party}征求意见，期限暂停"
        )
        _make_letter(app, "consultation", ch, consultation=c, on=on, sent=True, delivery="post")
        return c


def record_answer(c: Consultation, *, on: dt.date, answer: str, objects: bool, actor) -> None:
    with change(actor, "edit", c.application.organisation, denied=NO_RIGHT) as ch:
        app = c.application
        if not c.is_open:
            raise Invalid("该征求意见已记录答复。")
        if on < c.sent_on:
            raise Invalid(errors={"on": "答复日期不能早于发函日期。"})
        c.answered_on = on
        c.answer = answer.strip() or "（未提出意见）"
        c.objects_to_disclosure = objects
        c.save()
        still_open = app.consultations.filter(answered_on__isnull=True).exists()
        new_state = Application.STATE_CONSULTING if still_open else Application.STATE_PROCESSING
        _change_state(
            ch,
            app,
            new_state,
            "consult_answer",
            f"{c.party}答复：{'不同意公开' if objects else '无异议'}",
        )


def issue_fee_notice(
    app: Application, *, method: str, pages: int = 0, payment_info: str = "", on: dt.date, actor
) -> FeeNotice:
    """收费通知 (Art. 42, 国办函〔2020〕109号): one method only; 20 working days to pay."""
    with change(actor, "edit", app.organisation, denied=NO_RIGHT) as ch:
        _open(app)
        if FeeNotice.objects.filter(application=app).exists():
            raise Invalid("该申请已发出收费通知。")
        if method == feerules.PER_APPLICATION:
            units = services.monthly_rank(app)
        elif method == feerules.BY_VOLUME:
            units = pages
        else:
            raise Invalid(errors={"method": "请选择计收方式。"})
        q = feerules.quote(method, units)
        if q.amount == 0:
            raise Invalid(
                "按该方式计算不收费，无需发出收费通知。", errors={"method": "；".join(q.lines)}
            )
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
            ch, app, Application.STATE_FEE, "fee", f"收费通知：{q.amount}元（{q.method_label}）"
        )
        _make_letter(app, "fee", ch, on=on)
        return fee
