"""Staff pages: the list, entering an application, the application page and its actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts import permissions
from gongkai.core import files, sheets
from gongkai.core.errors import Invalid
from gongkai.rules import dates, outcomes

from .. import actions, forms, services
from ..models import (
    Application,
    Consultation,
    Letter,
)
from .common import _apply_errors, _files
from .public import _docx_response


# -- staff ----------------------------------------------------------------------------------
def _staff_required(request):
    if not permissions.is_staff_member(request.user):
        raise Http404


def _get_app(request, pk, ability="view_internal") -> Application:
    app = get_object_or_404(Application.objects.select_related("organisation"), pk=pk)
    if not permissions.may(request.user, ability, app.organisation_id):
        raise Http404
    return app


@login_required
def staff_list(request):
    _staff_required(request)
    qs = services.visible_to(request.user).select_related("organisation", "assigned_to")
    state = request.GET.get("state", "")
    due = request.GET.get("due", "")
    q = request.GET.get("q", "").strip()
    if state == "open":
        qs = qs.filter(state__in=Application.OPEN_STATES)
    elif state:
        qs = qs.filter(state=state)
    if q:
        qs = qs.filter(
            Q(registration_no__icontains=q) | Q(name__icontains=q) | Q(description__icontains=q)
        )
    soon, overdue = services.due_soon_and_overdue(qs)
    if due == "overdue":
        qs = overdue
    elif due == "soon":
        qs = soon
    elif due == "attention":
        qs = (overdue | soon).order_by("due_on")
    if request.GET.get("format") == "xlsx":
        return _list_xlsx(qs)
    apps = list(qs[:300])
    today = dates.today()
    for a in apps:
        a.overdue = services.is_overdue(a, today)
    return render(
        request,
        "applications/staff_list.html",
        {
            "apps": apps,
            "states": Application.STATE_CHOICES,
            "state": state,
            "due": due,
            "q": q,
            "soon_count": soon.count(),
            "overdue_count": overdue.count(),
        },
    )


LEDGER_COLUMNS = ["登记号", "受理机关", "渠道", "收到日期", "申请人类型", "申请人", "所需信息",
                  "状态", "答复期限", "是否超期", "办结日期", "办理结果", "承办人"]  # fmt: skip


def _list_xlsx(qs):
    """The ledger (台账) of the filtered applications (dates are date cells)."""
    today = dates.today()
    rows = (
        [a.registration_no, a.organisation.name, a.get_channel_display(), a.received_on,
         a.get_applicant_type_display(), a.name, a.description, a.get_state_display(),
         a.due_label, "是" if services.is_overdue(a, today) else "", a.closed_on,
         a.outcome_label, str(a.assigned_to or "")]
        for a in qs.select_related("organisation", "assigned_to")[:5000]
    )  # fmt: skip
    sheet = sheets.Sheet.simple(
        "依申请公开台账",
        LEDGER_COLUMNS,
        rows,
        widths=[22, 20, 10, 12, 12, 16, 50, 10, 18, 8, 12, 30, 16],
    )
    return sheets.xlsx_response(f"applications-{today}.xlsx", [sheet])


@login_required
def staff_new(request):
    _staff_required(request)
    orgs = permissions.orgs_for(request.user, "edit")
    if not orgs.exists():
        raise Http404
    upload_error = ""
    if request.method == "POST":
        form = forms.StaffApplicationForm(request.POST, orgs=orgs)
        if form.is_valid():
            try:
                app = actions.submit(
                    form.cleaned_data["organisation"],
                    form.cleaned_data,
                    files=_files(request),
                    channel=form.cleaned_data["channel"],
                    received_on=form.cleaned_data["received_on"],
                    actor=request.user,
                )
            except Invalid as exc:
                upload_error = exc.errors.get("attachments", "")
                _apply_errors(form, exc)
            else:
                messages.success(request, f"已登记：{app.registration_no}")
                return redirect("applications:staff_detail", pk=app.pk)
    else:
        form = forms.StaffApplicationForm(
            orgs=orgs, initial={"channel": "letter", "received_on": dates.today()}
        )
    return render(
        request,
        "applications/apply.html",
        {"form": form, "staff": True, "upload_error": upload_error},
    )


def _editors(org):
    return permissions.users_with("edit", org)


def _reviewers(org):
    return permissions.users_with("review", org)


@login_required
def staff_detail(request, pk):
    _staff_required(request)
    app = _get_app(request, pk)
    can_edit = permissions.may(request.user, "edit", app.organisation_id)
    today = dates.today()
    ctx = {
        "app": app,
        "clock": services.clock_of(app),
        "can_edit": can_edit,
        "overdue": services.is_overdue(app, today),
        "similar": services.earlier_similar(app),
        "answers": services.published_answers(app),
        "consultations": app.consultations.all(),
        "notes": app.notes.select_related("author"),
        "letters": app.letters.all(),
        "draft": actions.open_draft(app),
        "fee": getattr(app, "fee_notice", None) if hasattr(app, "fee_notice") else None,
        "taken": services.working_days_taken(app),
        "fee_calc": services.fee_calculator(app),
        "decision_map": {
            code: {r: outcomes.required_fields(code, r) for r in replies}
            for code, replies in outcomes.REPLY_FOR_OUTCOME.items()
        },
        "remedy": services.remedy_for(app.organisation),
        "search_q": request.GET.get("search", ""),
        "today": today,
    }
    if ctx["search_q"]:
        from gongkai.catalog.models import Item

        city = app.organisation.root
        ctx["search_hits"] = (
            Item.objects.public()
            .filter(Q(organisation__city=city) | Q(organisation=city))
            .filter(Q(title__icontains=ctx["search_q"]) | Q(body_text__icontains=ctx["search_q"]))
            .select_related("organisation")[:20]
        )
    if can_edit and not app.is_closed:
        initial = {"on": today}
        ctx["forms"] = {
            "correction": forms.CorrectionForm(initial=initial, prefix="correction"),
            "corrected": forms.CorrectedForm(initial=initial, prefix="corrected"),
            "extend": forms.ExtensionForm(
                initial=initial, prefix="extend", approvers=_reviewers(app.organisation)
            ),
            "consult": forms.ConsultationForm(initial=initial, prefix="consult"),
            "fee": forms.FeeForm(initial=initial, prefix="fee"),
            "paid": forms.PaymentForm(initial=initial, prefix="paid"),
            "decide": forms.DecisionForm(initial=_decision_initial(ctx, today), prefix="decide"),
            "assign": forms.AssignForm(prefix="assign", users=_editors(app.organisation)),
            "transfer": forms.TransferForm(prefix="transfer", city=app.organisation.root),
            "withdraw": forms.WithdrawForm(initial=initial, prefix="withdraw"),
            "later": forms.LaterDateForm(initial=initial, prefix="later"),
        }
        ctx["answer_forms"] = [
            (
                c,
                forms.AnswerForm(
                    initial={"consultation": c.pk, "on": today}, prefix=f"answer{c.pk}"
                ),
            )
            for c in ctx["consultations"]
            if c.is_open
        ]
    if can_edit:
        ctx["note_form"] = forms.NoteForm(prefix="note")
        ctx["send_form_initial"] = today
    bound = request.session.pop("applications_form_errors", None)
    if bound:
        ctx["bound_op"] = bound["op"]
        ctx["bound_errors"] = bound["errors"]
    return render(request, "applications/staff_detail.html", ctx)


def _decision_initial(ctx, today):
    """The decision form starts from the open draft's facts (to revise them), else today."""
    draft = ctx["draft"]
    if draft is None:
        return {"on": today}
    return {
        **draft.decision,
        "outcome": draft.outcome,
        "reply_type": draft.reply_type,
        "on": draft.decided_on,
    }


OPS = {
    "correction": forms.CorrectionForm,
    "corrected": forms.CorrectedForm,
    "extend": forms.ExtensionForm,
    "consult": forms.ConsultationForm,
    "fee": forms.FeeForm,
    "paid": forms.PaymentForm,
    "decide": forms.DecisionForm,
    "note": forms.NoteForm,
    "assign": forms.AssignForm,
    "transfer": forms.TransferForm,
    "send": forms.SendForm,
    "withdraw": forms.WithdrawForm,
    "later": forms.LaterDateForm,
    "answer": forms.AnswerForm,
}


# One small function per staff action on an application: it calls the action with the form's
# cleaned data. ``staff_act`` (one URL, the form's ``op`` field) checks the form and the
# permission once, shows the Chinese message, and redirects back.
def _do_correction(app, d, user):
    actions.request_correction(
        app, items=d["items"], on=d["on"], deadline_days=d["deadline_days"], actor=user
    )


def _do_corrected(app, d, user):
    actions.receive_correction(app, on=d["on"], actor=user)


def _do_extend(app, d, user):
    actions.extend(
        app,
        days=d["days"],
        reason=d["reason"],
        approver=d["approver"],
        on=d["on"],
        actor=user,
    )


def _do_consult(app, d, user):
    actions.start_consultation(
        app,
        kind=d["kind"],
        party=d["party"],
        address=d["address"],
        question=d["question"],
        on=d["on"],
        actor=user,
    )


def _do_answer(app, d, user):
    c = get_object_or_404(Consultation, pk=d["consultation"], application=app)
    actions.record_answer(c, on=d["on"], answer=d["answer"], objects=d["objects"], actor=user)


def _do_fee(app, d, user):
    actions.issue_fee_notice(
        app,
        method=d["method"],
        pages=d["pages"] or 0,
        payment_info=d["payment_info"],
        on=d["on"],
        actor=user,
    )


def _do_paid(app, d, user):
    actions.record_payment(app, on=d["on"], actor=user)


def _do_decide(app, d, user):
    """The decision makes the reply letter a draft: the clerk previews, edits and sends it."""
    from ..actions.replies import EDITS_LOST, REGENERATED

    details = {k: d.get(k) or "" for k in forms.DecisionForm.DETAIL_FIELDS}
    result = actions.draft_reply(
        app,
        outcome=d["outcome"],
        reply_type=d["reply_type"],
        details=details,
        on=d["on"],
        actor=user,
    )
    if result.regenerated:
        return "答复要素已修改。" + REGENERATED + (EDITS_LOST if result.edits_lost else "")
    if not result.created:
        return "答复要素没有变化，答复书草稿未改动。"
    return None


def _do_note(app, d, user):
    actions.add_note(app, d["text"], kind=d["kind"], actor=user)


def _do_assign(app, d, user):
    actions.assign(app, d["user"], actor=user)


def _do_transfer(app, d, user):
    actions.transfer(app, d["organisation"], reason=d["reason"], actor=user)


def _do_later(app, d, user):
    actions.set_later_date(app, later=d["later"], reason=d["reason"], on=d["on"], actor=user)


def _do_withdraw(app, d, user):
    actions.withdraw(app, on=d["on"], note=d["note"], actor=user)


def _do_send(app, d, user):
    letter = get_object_or_404(Letter, pk=d["letter"], application=app)
    actions.mark_sent(letter, sent_on=d["sent_on"], method=d["method"], actor=user)


ACTS = {
    "correction": (_do_correction, "已生成补正通知书，期限暂停，等待补正。"),
    "corrected": (_do_corrected, "已收到补正，答复期限重新计算。"),
    "extend": (_do_extend, "已延期并生成延期答复告知书。"),
    "consult": (_do_consult, "已生成征求意见函，期限暂停。"),
    "answer": (_do_answer, "已记录答复意见。"),
    "fee": (_do_fee, "已生成收费通知书。"),
    "paid": (_do_paid, "已记录缴费。"),
    "decide": (_do_decide, "已生成答复书草稿：请预览、修改后确认发出，发出后办结。"),
    "note": (_do_note, "已记录。"),
    "assign": (_do_assign, "已指定承办人。"),
    "transfer": (_do_transfer, "已转办。"),
    "later": (_do_later, "已另行确定答复日期并生成告知书。"),
    "withdraw": (_do_withdraw, "已按申请人撤回办结。"),
    "send": (_do_send, "已记录送达。"),
}


@login_required
@require_POST
def staff_act(request, pk):
    _staff_required(request)
    app = _get_app(request, pk, "edit")
    op = request.POST.get("op", "")
    if op not in OPS:
        raise Http404
    prefix = request.POST.get("prefix", op)
    kwargs = {}
    if op == "extend":
        kwargs["approvers"] = _reviewers(app.organisation)
    if op == "assign":
        kwargs["users"] = _editors(app.organisation)
    if op == "transfer":
        kwargs["city"] = app.organisation.root
    form = OPS[op](request.POST, prefix=prefix if op != "send" else None, **kwargs)
    done = ""
    if form.is_valid():
        act, message = ACTS[op]
        try:
            done = act(app, form.cleaned_data, request.user) or message
        except Invalid as exc:
            for name, message in exc.errors.items():
                form.add_error(name if name in form.fields else None, message)
            if not exc.errors:
                form.add_error(None, exc.message)
    if done:
        messages.success(request, done)
    else:
        errs = [
            f"{form.fields[k].label if k in form.fields else ''}：{'；'.join(v)}".lstrip("：")
            for k, v in form.errors.items()
        ]
        messages.error(request, "未完成：" + "　".join(errs))
        request.session["applications_form_errors"] = {"op": op, "errors": errs}
    if (
        op == "transfer"
        and done
        and not permissions.may(request.user, "view_internal", app.organisation_id)
    ):
        return redirect("applications:staff_list")
    if op == "decide" and done:
        return redirect("applications:reply_draft", pk=app.pk)
    return redirect("applications:staff_detail", pk=app.pk)


@login_required
def letter_view(request, pk, fmt="html"):
    _staff_required(request)
    letter = get_object_or_404(Letter.objects.select_related("application"), pk=pk)
    if not permissions.may(request.user, "view_internal", letter.application.organisation_id):
        raise Http404
    if fmt == "docx":
        return _docx_response(letter)
    return render(
        request, "applications/letter.html", {"letter": letter, "app": letter.application}
    )


@login_required
def attachment_view(request, pk, att):
    _staff_required(request)
    app = _get_app(request, pk)
    return files.response(get_object_or_404(app.attachments, pk=att))
