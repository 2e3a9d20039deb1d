"""One organisation's site health (its editors, reviewers and the city office)."""

from __future__ import annotations

from django.contrib import messages as flash
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import may, users_with
from gongkai.core.errors import Invalid
from gongkai.core.sheets import xlsx_response
from gongkai.rules import dates
from gongkai.rules.health import columns as ct
from gongkai.rules.health import scored
from gongkai.rules.health.indicators import RULE_LABELS, VETO_RULES

from .. import reports
from ..actions import assign
from ..models import CheckRun, WorkOrder
from ..queries import check_org, column_facts, indicators_for, messages_enabled
from ..reports import findings_sheets, self_check_docx
from ..scoring import QUARTER, scores_for
from .common import LIGHTS, org_or_404, require_view, staff_only


def _context(request, org, *, form=None, errors=None):
    as_of = dates.today()
    r = check_org(org, as_of)
    runs = list(CheckRun.objects.filter(organisation=org).order_by("-as_of")[:60])
    open_orders = {
        o.key: o
        for o in WorkOrder.objects.filter(
            organisation=org, state=WorkOrder.STATE_OPEN
        ).select_related("assignee")
    }
    findings = [
        {"f": f, "label": RULE_LABELS[f.rule], "veto_rule": f.rule in VETO_RULES,
         "order": open_orders.get(f.key)}
        for f in r.result.findings
    ]  # fmt: skip
    cols = column_facts([org], as_of)[org.pk]
    quarter, q_items, _facts = scores_for([org], as_of, indicators_for(as_of.year),
                                          {org.pk: cols}, QUARTER)  # fmt: skip
    return {
        "org": org,
        "r": r,
        "res": r.result,
        "light_label": LIGHTS[r.result.light][0],
        "findings": findings,
        "runs": runs,
        "chart": mark_safe(reports.history_svg(runs)),  # built from numbers and escaped labels
        "orders": WorkOrder.objects.filter(organisation=org).select_related("assignee")[:50],
        "can_assign": may(request.user, "review", org),
        "assignees": list(users_with("edit", org).order_by("username")),
        "columns": [(c, ct.TYPE_LABELS[c.type]) for c in cols],
        "indicators": indicators_for(as_of.year),
        "messages_enabled": messages_enabled(),
        "year_period": r.period,
        "year_items": r.scores,
        "year_total": scored.totals(r.scores),
        "quarter_period": quarter,
        "quarter_items": q_items[org.pk],
        "quarter_total": scored.totals(q_items[org.pk]),
        "form": form or {},
        "errors": errors or {},
    }


@staff_only
def org_view(request, code):
    org = org_or_404(code)
    require_view(request.user, org)
    return render(request, "health/org.html", _context(request, org))


@staff_only
@require_POST
def assign_view(request, code):
    org = org_or_404(code)
    require_view(request.user, org)
    data = request.POST
    key = data.get("key", "")
    finding = next((f.as_dict() for f in check_org(org).result.findings if f.key == key), None)
    assignee = None
    if data.get("assignee", "").isdigit():
        assignee = users_with("edit", org).filter(pk=int(data["assignee"])).first()
    try:
        days = int(data.get("workdays", ""))
    except ValueError:
        days = 0
    try:
        order = assign(request.user, org, finding, assignee=assignee, workdays=days,
                       note=data.get("note", "")[:500])  # fmt: skip
    except Invalid as err:
        errors = dict(getattr(err, "errors", None) or {})
        errors.setdefault("all", err.messages[0] if err.messages else str(err))
        ctx = _context(request, org, form={**data.dict(), "key": key}, errors=errors)
        return render(request, "health/org.html", ctx, status=400)
    due = dates.zh_date(order.due_on) + ("（暂定）" if order.due_provisional else "")
    flash.success(request, f"已派发整改工单，期限{due}。")
    return redirect("health:org", code=org.code)


@staff_only
def report_docx(request, code):
    org = org_or_404(code)
    require_view(request.user, org)
    r = check_org(org)
    data = self_check_docx(r, indicators_for(r.result.as_of.year))
    resp = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    from urllib.parse import quote

    name = quote(f"{org.name}网站自查报告{r.result.as_of:%Y%m%d}.docx")
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
    return resp


@staff_only
def org_xlsx(request, code):
    org = org_or_404(code)
    require_view(request.user, org)
    r = check_org(org)
    return xlsx_response(f"{org.name}网站健康问题清单.xlsx", findings_sheets([r]))


@staff_only
def history_svg(request, code):
    org = org_or_404(code)
    require_view(request.user, org)
    runs = CheckRun.objects.filter(organisation=org).order_by("-as_of")[:60]
    return HttpResponse(
        reports.history_svg(list(runs)), content_type="image/svg+xml; charset=utf-8"
    )
