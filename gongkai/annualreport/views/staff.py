"""Staff pages: the reports, one report (tables, checks, figures, texts, workflow), the filing
board and the city summary."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from gongkai.accounts import permissions
from gongkai.core.errors import Forbidden, Invalid
from gongkai.core.sheets import XLSX_TYPE
from gongkai.orgs.models import Organisation
from gongkai.rules.dates import today

from .. import actions, services
from .. import longwork as work
from .. import render as R
from ..models import AnnualReport

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _staff(request):
    if not permissions.is_staff_member(request.user):
        raise Forbidden("仅限工作人员访问。")


def _visible(user):
    return AnnualReport.objects.filter(
        organisation_id__in=permissions.org_ids_for(user, "view_internal")
    ).select_related("organisation")


def download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    from urllib.parse import quote

    r = HttpResponse(data, content_type=content_type)
    r["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return r


@login_required
def report_list(request):
    _staff(request)
    orgs = permissions.orgs_for(request.user, "edit").order_by("city_id", "level", "sort_order")
    errors, data = {}, {"year": str(today().year - 1), "kind": "own"}
    if request.method == "POST":
        data = request.POST.dict()
        org = orgs.filter(pk=data.get("organisation") or 0).first()
        try:
            if org is None:
                raise Invalid(errors={"organisation": "请选择机构。"})
            report = actions.generate(
                request.user,
                org,
                data.get("year"),
                kind=data.get("kind", "own"),
                parts=request.POST.getlist("parts"),
            )
            return redirect("annualreport:detail", pk=report.pk)
        except Invalid as e:
            errors = e.errors
    return render(
        request,
        "annualreport/staff_list.html",
        {
            "reports": _visible(request.user)[:300],
            "orgs": orgs,
            "data": data,
            "errors": errors,
            "parts": AnnualReport.PART_CHOICES,
            "chosen_parts": request.POST.getlist("parts") if request.method == "POST" else [],
        },
    )


def _bad_cells(checks) -> dict[str, set[str]]:
    bad = {"t2": set(), "t3": set(), "t4": set()}
    for c in checks:
        if c["ok"]:
            continue
        for cell in c.get("cells", []):
            table, _, key = cell.partition(".")
            slot = {"table2": "t2", "table3": "t3", "table4": "t4"}.get(table)
            if slot:
                bad[slot].add(key)
    return bad


@login_required
def report_detail(request, pk):
    _staff(request)
    report = get_object_or_404(_visible(request.user), pk=pk)
    errors: dict = {}
    form = None
    if request.method == "POST":
        form = request.POST.dict()
        try:
            actions.save_draft(request.user, report, form)
            return redirect("annualreport:detail", pk=report.pk)
        except Invalid as e:
            errors = e.errors
    staff = report.staff_figures or {}
    if form is None:
        form = {
            "text_overview": report.text_overview,
            "text_problems": report.text_problems,
            "text_other": report.text_other,
            "change_note": report.change_note,
            "fees": staff.get("fees", "0.00"),
            **{c: staff.get(c, 0) for c in services.STAFF_DECISIONS},
        }
        for code in ("regulation", "normative"):
            for k, v in (staff.get(code) or {}).items():
                form[f"{code}_{k}"] = v
    ctx = R.context(report.figures, report.texts())
    org = report.organisation
    return render(
        request,
        "annualreport/staff_detail.html",
        {
            **ctx,
            "report": report,
            "bad": _bad_cells(report.checks),
            "form": form,
            "errors": errors,
            "deadline": services.deadline(org, report.year, report.kind),
            "versions": report.versions.all(),
            "may_edit": permissions.may(request.user, "edit", org),
            "may_review": permissions.may(request.user, "review", org),
            "action_error": request.session.pop("annualreport_error", None),
        },
    )


@login_required
def report_act(request, pk):
    _staff(request)
    report = get_object_or_404(_visible(request.user), pk=pk)
    if request.method != "POST":
        return redirect("annualreport:detail", pk=pk)
    what = request.POST.get("action", "")
    try:
        if what == "refresh":
            actions.refresh(request.user, report, redraft_text=bool(request.POST.get("redraft")))
        elif what == "submit":
            actions.submit(request.user, report)
        elif what == "approve":
            actions.approve(
                request.user, report, override_reason=request.POST.get("override_reason", "")
            )
        elif what == "return":
            actions.return_to_draft(request.user, report, reason=request.POST.get("reason", ""))
        elif what == "publish":
            actions.publish(request.user, report)
        elif what == "revise":
            actions.revise(request.user, report)
        else:
            raise Invalid("未知操作。")
    except (Invalid, Forbidden) as e:
        request.session["annualreport_error"] = {
            "message": str(e),
            "override_reason": request.POST.get("override_reason", ""),
            "reason": request.POST.get("reason", ""),
        }
    return redirect("annualreport:detail", pk=pk)


@login_required
def report_file(request, pk, fmt):
    _staff(request)
    report = get_object_or_404(_visible(request.user), pk=pk)
    if fmt == "docx":
        data = R.docx_bytes(report.title, report.figures, report.texts(), "（草稿）")
        return download(data, DOCX_TYPE, f"{report.title}.docx")
    return download(R.xlsx_bytes(report.title, report.figures), XLSX_TYPE, f"{report.title}.xlsx")


@login_required
def filing_board(request):
    _staff(request)
    cities = [
        c
        for c in Organisation.objects.filter(parent__isnull=True).order_by("sort_order", "pk")
        if permissions.may(request.user, "view_internal", c)
    ]
    if not cities:
        raise Forbidden("您没有查看年报报送情况的权限。")
    city = next((c for c in cities if str(c.pk) == request.GET.get("city")), cities[0])
    try:
        year = int(request.GET.get("year") or today().year - 1)
    except ValueError:
        year = today().year - 1
    year = max(2008, min(year, today().year))
    rows = services.board(city, year, today())
    summary = next((r.report for r in rows if r.organisation.pk == city.pk), None)
    return render(
        request,
        "annualreport/board.html",
        {
            "cities": cities,
            "city": city,
            "year": year,
            "rows": rows,
            "late": sum(1 for r in rows if r.late),
            "filed": sum(1 for r in rows if r.published_on),
            "summary": summary,
            "parts": AnnualReport.PART_CHOICES,
            "may_edit": permissions.may(request.user, "edit", city),
            "new_url": reverse("annualreport:list"),
            # the whole city's reports as long work (/staff/work/), for who may draft here
            "may_generate_all": city.is_active
            and permissions.may(request.user, work.ABILITY, city),
            "work_start": reverse("longwork:start", args=[work.KIND]),
            "work_year": min(year, work.last_year()),
            "last_year": work.last_year(),
        },
    )
