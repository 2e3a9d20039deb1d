"""Staff pages: the message list with clocks, one message with its handling actions."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from gongkai.accounts.permissions import may, org_ids_for
from gongkai.audit.actions import trail
from gongkai.core.errors import Forbidden, Invalid
from gongkai.core.files import response as file_response
from gongkai.rules import dates
from gongkai.rules.interaction.messages import ceiling

from .. import actions
from ..models import Attachment, Message

FILTERS = {
    "open": "办理中",
    "attention": "即将到期与超期",
    "review": "答复待审核",
    "ceiling": "60天以上未答复",
    "answered": "已答复",
    "all": "全部",
}


def _visible(request):
    ids = org_ids_for(request.user, "view_internal")
    if not ids:
        raise Forbidden("您没有查看留言的权限。")
    return Message.objects.filter(organisation_id__in=ids).select_related("organisation")


@login_required
def staff_list(request):
    qs = _visible(request)
    f = request.GET.get("f", "open")
    f = f if f in FILTERS else "open"
    today = dates.today()
    if f == "open":
        qs = qs.filter(status__in=Message.OPEN_STATUSES)
    elif f == "attention":
        from gongkai.workcal.services import get_calendar

        soon = get_calendar().add_workdays(today, 2).date
        qs = qs.filter(status__in=Message.OPEN_STATUSES, due_on__lte=soon)
    elif f == "review":
        qs = qs.filter(status=Message.REVIEW)
    elif f == "ceiling":
        qs = qs.valid().unanswered().filter(received_on__lte=today - dt.timedelta(days=60))
    elif f == "answered":
        qs = qs.filter(status__in=(Message.ANSWERED, Message.CLOSED))
    qs = qs.order_by("due_on", "pk") if f in ("open", "attention", "review") else qs
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    rows = [(m, actions.clock_of(m, today), ceiling(m.received_on, today)) for m in page]
    return render(
        request,
        "interaction/staff_list.html",
        {"page": page, "rows": rows, "f": f, "filters": FILTERS},
    )


def _do(request, message, op):
    u = request.user
    p = request.POST
    if op == "transfer":
        to = actions.resolve_unit(p.get("to_org", ""), within=message.organisation.city)
        return actions.do_transfer(u, message, to, reason=p.get("reason", ""))
    if op == "reply":
        return actions.do_draft_reply(u, message, reply=p.get("reply", ""))
    if op in ("approve", "return"):
        return actions.do_review_reply(u, message, approve=op == "approve", note=p.get("note", ""))
    if op == "publish":
        return actions.do_publish(u, message, subject=p.get("public_subject", ""))
    if op == "unpublish":
        return actions.do_unpublish(u, message, reason=p.get("reason", ""))
    if op == "close":
        return actions.do_close(u, message, reason=p.get("reason", ""))
    if op == "invalid":
        return actions.do_mark_invalid(
            u, message, validity=p.get("validity", ""), reason=p.get("reason", "")
        )
    if op == "xinfang":
        return actions.do_refer_xinfang(u, message, reason=p.get("reason", ""))
    if op == "convert":
        applicant = {k: p.get(k, "")[:200] for k in ("id_type", "id_number", "phone", "email")}
        return actions.do_convert(u, message, applicant=applicant, reason=p.get("reason", ""))[0]
    raise Invalid("未知操作。")


@login_required
@require_http_methods(["GET", "POST"])
def staff_detail(request, pk):
    message = get_object_or_404(_visible(request), pk=pk)
    errors, op = {}, ""
    if request.method == "POST":
        op = request.POST.get("op", "")
        try:
            _do(request, message, op)
        except Invalid as exc:
            errors = dict(exc.errors)
        else:
            return redirect("interaction:staff_detail", pk=message.pk)
        message.refresh_from_db()
    today = dates.today()
    org = message.organisation
    labels = {**dict(Message.STATUS_CHOICES), "published": "已公开"}
    ctx = {
        "message": message,
        "clock": actions.clock_of(message, today),
        "ceiling": ceiling(message.received_on, today),
        "can_edit": may(request.user, "edit", org),
        "can_review": may(request.user, "review", org) and message.replied_by_id != request.user.pk,
        "errors": errors,
        "op": op,
        "post": request.POST if errors else {},
        "transfers": message.transfers.select_related("from_org", "to_org"),
        "history": [
            (e, labels.get(e.from_state, e.from_state), labels.get(e.to_state, e.to_state))
            for e in trail(message).order_by("created_at", "pk")[:100]
        ],
        "xinfang_text": actions.XINFANG_TEXT,
    }
    status = 400 if errors else 200
    return render(request, "interaction/staff_detail.html", ctx, status=status)


@login_required
def staff_attachment(request, pk, file_pk):
    message = get_object_or_404(_visible(request), pk=pk)
    att = get_object_or_404(Attachment, pk=file_pk, message=message)
    return file_response(att)
