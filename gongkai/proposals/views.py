"""Public replies (/proposals/), yearly figures, and the staff pages (/staff/proposals/)."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from gongkai.accounts.permissions import may, org_ids_for, orgs_for
from gongkai.core.errors import Forbidden, Invalid
from gongkai.core.sheets import XLSX_TYPE
from gongkai.orgs.models import Organisation
from gongkai.portal.params import ParamError, clean_int, clean_paging
from gongkai.portal.queries import paginate
from gongkai.rules.participation import letter_template
from gongkai.rules.participation.proposal_clock import STATE_LABELS

from . import actions, documents, services
from .models import KINDS, SATISFACTION, Proposal, result_labels


def _errors(exc: Invalid) -> dict:
    return {("all" if k == "__all__" else k): v for k, v in exc.errors.items()}


def _filters(request):
    year = clean_int(request.GET.get("year"), "year", 1990, 2100, None)
    page, per_page = clean_paging(request.GET)
    return year, page, per_page


@require_safe
def index(request, code=None):
    try:
        year, page, per_page = _filters(request)
    except ParamError as err:
        return render(request, "portal/bad_request.html", {"message": err.message}, status=400)
    org = get_object_or_404(Organisation, code=code, is_active=True) if code else None
    qs = Proposal.objects.filter(status=Proposal.PUBLISHED).select_related("lead")
    if org is not None:
        qs = qs.filter(lead_id__in=org.descendant_ids())
    if year:
        qs = qs.filter(year=year)
    page_of = paginate(qs.order_by("-published_on", "number"), page, per_page)
    return render(request, "proposals/index.html", {"page_of": page_of, "org": org, "year": year})


@require_safe
def detail(request, pk):
    p = get_object_or_404(Proposal.objects.select_related("lead"), pk=pk, status=Proposal.PUBLISHED)
    return render(request, "proposals/detail.html", {"p": p})


@require_safe
def figures(request, code=None):
    try:
        year, _, _ = _filters(request)
    except ParamError as err:
        return render(request, "portal/bad_request.html", {"message": err.message}, status=400)
    org = get_object_or_404(Organisation, code=code, is_active=True) if code else None
    qs = Proposal.objects.all()
    if org is not None:
        qs = qs.filter(lead_id__in=org.descendant_ids())
    if year:
        qs = qs.filter(year=year)
    rows = services.yearly_figures(qs)
    if request.GET.get("format") == "xlsx":
        resp = HttpResponse(documents.figures_xlsx(rows), content_type=XLSX_TYPE)
        resp["Content-Disposition"] = (
            f"attachment; filename*=UTF-8''{quote('建议提案办理情况.xlsx')}"
        )
        return resp
    return render(
        request,
        "proposals/figures.html",
        {
            "rows": rows,
            "org": org,
            "year": year,
            "codes": list(result_labels()),
            "satisfaction": SATISFACTION,
        },
    )


# --------------------------------------------------------------------------- staff
def _visible(request, pk) -> Proposal:
    p = get_object_or_404(Proposal.objects.select_related("lead", "city"), pk=pk)
    orgs = [p.lead, *p.co_units.all()]
    if not any(may(request.user, "view_internal", o) for o in orgs):
        raise Http404
    return p


@login_required
def staff_list(request):
    ids = org_ids_for(request.user, "view_internal")
    if not ids:
        raise Forbidden("您没有任何机构的角色。")
    qs = (
        Proposal.objects.filter(lead_id__in=ids)
        .select_related("lead")
        .order_by("-year", "kind", "number")
    )
    cal = services.calendar()
    rows = []
    for p in qs[:300]:
        p.due = services.answer_due(p, cal)
        p.state = services.answer_state(p, cal)
        p.state_label = STATE_LABELS[p.state]
        rows.append(p)
    state = request.GET.get("state", "")
    if state in STATE_LABELS:
        rows = [p for p in rows if p.state == state]
    cities = [
        o for o in orgs_for(request.user, "administer") if o.level == "city" or o.parent_id is None
    ]
    return render(
        request,
        "proposals/staff_list.html",
        {"rows": rows, "states": STATE_LABELS, "state": state, "cities": cities},
    )


@login_required
def staff_import(request):
    cities = [o for o in orgs_for(request.user, "administer") if o.parent_id is None]
    if not cities:
        raise Forbidden("只有市政府办公室管理员可以导入交办清单。")
    errors, form = {}, {}
    if request.method == "POST":
        form = {k: request.POST.get(k, "") for k in ("city", "year", "session")}
        city = next((c for c in cities if str(c.pk) == form["city"]), None)
        upload = request.FILES.get("file")
        try:
            if city is None or upload is None or not form["year"].isdigit():
                raise Invalid(errors={"file": "请选择城市、填写年度并选择文件。"})
            made = actions.import_assignments(
                request.user,
                city,
                year=int(form["year"]),
                session=form["session"],
                name=upload.name,
                data=upload.read(),
            )
        except Invalid as exc:
            errors = _errors(exc)
        else:
            messages.success(request, f"已导入 {len(made)} 件。")
            return redirect("proposals:staff_list")
    return render(
        request,
        "proposals/staff_import.html",
        {
            "cities": cities,
            "errors": errors,
            "form": form,
            "lines": [x for v in errors.values() for x in str(v).split("；") if x],
        },
        status=400 if errors else 200,
    )


@login_required
def staff_detail(request, pk):
    p = _visible(request, pk)
    cal = services.calendar()
    return render(
        request,
        "proposals/staff_detail.html",
        {
            "p": p,
            "answer_due": services.answer_due(p, cal),
            "co_due": services.co_due(p, cal),
            "publication_due": services.publication_due(p, cal),
            "state": STATE_LABELS[services.answer_state(p, cal)],
            "codes": result_labels(),
            "satisfaction": SATISFACTION,
            "findings": actions.privacy_findings(p) if p.reply_text else [],
            "may_edit": may(request.user, "edit", p.lead),
            "may_review": may(request.user, "review", p.lead)
            and p.replied_by_id != request.user.pk,
            "co_mine": [o for o in p.co_units.all() if may(request.user, "edit", o)],
            "kinds": KINDS,
        },
    )


@login_required
@require_POST
def staff_action(request, pk, name):
    p = _visible(request, pk)
    post = request.POST
    todo = {
        "reply": lambda: actions.reply(
            request.user,
            p,
            result_code=post.get("result_code", ""),
            reply_text=post.get("reply_text", ""),
            signed_on=post.get("signed_on", ""),
        ),
        "publish": lambda: actions.approve(request.user, p, publish=True),
        "withhold": lambda: actions.approve(
            request.user, p, publish=False, not_public_reason=post.get("reason", "")
        ),
        "extend": lambda: actions.approve_extension(request.user, p, post.get("reason", "")),
        "satisfaction": lambda: actions.record_satisfaction(
            request.user, p, post.get("satisfaction", "")
        ),
        "co": lambda: actions.add_co_opinion(
            request.user,
            p,
            get_object_or_404(Organisation, pk=post.get("organisation") or 0),
            post.get("text", ""),
        ),
    }
    if name not in todo:
        raise Http404
    try:
        todo[name]()
    except Invalid as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "操作成功。")
    return redirect("proposals:staff_detail", p.pk)


@login_required
def staff_letter(request, pk):
    p = _visible(request, pk)
    if not p.reply_text:
        raise Http404("尚未答复。")
    resp = HttpResponse(
        documents.letter_docx(p),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    resp["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''{quote(f'答复函{p.number:04d}.docx')}"
    )
    return resp


@login_required
def staff_template(request, city_pk):
    city = get_object_or_404(Organisation, pk=city_pk)
    if not may(request.user, "administer", city):
        raise Forbidden("只有管理员可以修改答复函模板。")
    body, errors = documents.template_for(city), {}
    if request.method == "POST":
        body = request.POST.get("body", "")
        try:
            actions.save_template(request.user, city, body)
        except Invalid as exc:
            errors = _errors(exc)
        else:
            messages.success(request, "模板已保存。")
            return redirect("proposals:staff_template", city.pk)
    return render(
        request,
        "proposals/staff_template.html",
        {
            "city": city,
            "body": body,
            "errors": errors,
            "placeholders": letter_template.PLACEHOLDERS,
        },
        status=400 if errors else 200,
    )
