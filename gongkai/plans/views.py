"""Staff pages of plans under /staff/plans/: import with preview, supervision tree,
per-organisation page, obligation page, events, exports, scores, comparison, rollover."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from gongkai.accounts import permissions
from gongkai.core import charts
from gongkai.core.errors import Forbidden, Invalid
from gongkai.orgs.models import Organisation, OrgGroup
from gongkai.rules import dates, plan_schedule

from . import actions, assessment, forms, previews, services
from .models import Obligation, Plan, ProgressReport

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _visible_plans(user):
    ids = permissions.org_ids_for(user, "view_internal")
    return Plan.objects.filter(organisation_id__in=ids).select_related("organisation")


def _plan_for(request, pk) -> Plan:
    plan = get_object_or_404(Plan.objects.select_related("organisation"), pk=pk)
    if not permissions.may(request.user, "view_internal", plan.organisation):
        # lead units see the plans that assign them tasks
        ids = permissions.org_ids_for(request.user, "view_internal")
        if not plan.tasks.filter(
            Q(units__organisation_id__in=ids) | Q(obligations__responsible__in=ids)
        ).exists():
            raise Http404
    return plan


def _can_admin(user, plan) -> bool:
    return permissions.may(user, "administer", plan.organisation)


@login_required
def plan_list(request):
    if not permissions.is_staff_member(request.user):
        raise Http404
    ids = permissions.org_ids_for(request.user, "view_internal")
    plans = (
        Plan.objects.filter(Q(organisation_id__in=ids) | Q(tasks__obligations__responsible__in=ids))
        .distinct()
        .select_related("organisation")
    )
    state = request.GET.get("state", "")
    instances = []
    if state in plan_schedule.STATE_LABELS:
        instances = services.org_instances(ids, [state])[:200]
    admin_orgs = permissions.orgs_for(request.user, "administer").filter(parent__isnull=True)
    return render(
        request,
        "plans/list.html",
        {
            "plans": plans,
            "state": state,
            "state_label": plan_schedule.STATE_LABELS.get(state, ""),
            "instances": instances,
            "can_import": admin_orgs.exists()
            or permissions.orgs_for(request.user, "administer").exists(),
        },
    )


# -- import -------------------------------------------------------------------------------------------------
def _mapping_choices(city):
    orgs = Organisation.objects.filter(Q(pk=city.pk) | Q(city=city), is_active=True).order_by(
        "level", "sort_order", "code"
    )
    groups = OrgGroup.objects.filter(city=city)
    return [(f"group:{g.pk}", f"【集合】{g.name}") for g in groups] + [
        (f"org:{o.pk}", f"{o.short_name}（{o.name}）") for o in orgs
    ]


# -- supervision ---------------------------------------------------------------------------------------------
@login_required
def plan_detail(request, pk):
    plan = _plan_for(request, pk)
    tree = services.plan_tree(plan)
    orgs = (
        Organisation.objects.filter(plan_obligations__task__plan=plan)
        .distinct()
        .order_by("sort_order", "code")
    )
    return render(
        request,
        "plans/detail.html",
        {
            "plan": plan,
            "tree": tree,
            "orgs": orgs,
            "can_admin": _can_admin(request.user, plan),
            "other_plans": _visible_plans(request.user).exclude(pk=plan.pk),
            "events": plan.events.all(),
            "event_names": sorted(
                set(
                    Obligation.objects.filter(task__plan=plan, kind="relative").values_list(
                        "relative_to", flat=True
                    )
                )
            ),
        },
    )


@login_required
def org_page(request, pk, org_id):
    plan = _plan_for(request, pk)
    org = get_object_or_404(Organisation, pk=org_id)
    tree = services.plan_tree(plan, organisation=org)
    upcoming = services.org_instances(
        [org.pk], ["due_soon", "upcoming", "missed", "waiting"], plan=plan
    ).exclude(due_date__isnull=True)[:15]
    return render(
        request,
        "plans/org.html",
        {"plan": plan, "org": org, "tree": tree, "upcoming": upcoming},
    )


@login_required
def obligation_view(request, pk):
    ob = get_object_or_404(Obligation.objects.select_related("task__plan__organisation"), pk=pk)
    plan = _plan_for(request, ob.task.plan_id)
    can_admin = _can_admin(request.user, plan)
    can_edit = can_admin or permissions.can_any(request.user, "edit", ob.responsible.all())
    from gongkai.catalog.models import CatalogEntry, Item

    errors = {}
    if request.method == "POST":
        form_class = forms.OBLIGATION_FORMS.get(request.POST.get("op", ""))
        if form_class is None:
            return redirect("plans:obligation", ob.pk)
        form = form_class(request.POST, files=request.FILES, ob=ob, user=request.user)
        try:
            if not form.is_valid():
                raise Invalid(errors={k: "；".join(v) for k, v in form.errors.items()})
            messages.success(request, form.act())
            return redirect("plans:obligation", ob.pk)
        except Invalid as exc:
            errors = {k: [v] for k, v in exc.errors.items()}
    entries = CatalogEntry.objects.filter(
        organisation__in=ob.task.organisations.all() or [plan.organisation], is_active=True
    ).select_related("organisation", "parent")
    linked = {e.pk for e in ob.entries.all()}
    instances = ob.instances.prefetch_related("fulfilments__item", "fulfilments__report")
    candidates = (
        Item.objects.public()
        .filter(organisation__in=ob.responsible.all(), published_at__year__gte=plan.year)
        .order_by("-published_at")[:60]
        if can_edit
        else []
    )
    return render(
        request,
        "plans/obligation.html",
        {
            "ob": ob,
            "plan": plan,
            "instances": instances,
            "entries": entries,
            "entry_groups": previews.entry_groups(entries, linked) if can_admin else None,
            "linked": linked,
            "responsible": {o.pk for o in ob.responsible.all()},
            "task_orgs": ob.task.organisations.all().distinct(),
            "can_admin": can_admin,
            "can_edit": can_edit,
            "candidates": candidates,
            "errors": errors,
        },
        status=400 if errors else 200,
    )


@login_required
def add_event_view(request, pk):
    plan = _plan_for(request, pk)
    if request.method != "POST":
        return redirect("plans:detail", plan.pk)
    try:
        when = dt.datetime.fromisoformat(request.POST.get("occurred_at", ""))
    except ValueError:
        messages.error(request, "事件时间格式应为 YYYY-MM-DD 或 YYYY-MM-DDTHH:MM。")
        return redirect("plans:detail", plan.pk)
    try:
        actions.add_event(
            plan,
            name=request.POST.get("name", ""),
            occurred_at=when,
            actor=request.user,
            note=request.POST.get("note", ""),
        )
    except Invalid as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "已录入事件日期，相关时限要求已计算到期日。")
    return redirect("plans:detail", plan.pk)


@login_required
def report_view(request, pk):
    report = get_object_or_404(
        ProgressReport.objects.select_related("task__plan", "organisation"), pk=pk
    )
    if not permissions.may(
        request.user, "view_internal", report.organisation
    ) and not permissions.may(request.user, "view_internal", report.task.plan.organisation):
        raise Http404
    errors = {}
    if request.method == "POST":
        try:
            files = [(f.name, f.read()) for f in request.FILES.getlist("files")]
            actions.submit_report(
                report.task,
                organisation=report.organisation,
                text=request.POST.get("text", ""),
                actor=request.user,
                files=files,
                report=report,
                period=report.period,
            )
            messages.success(request, "进展报告已报送。")
            return redirect("plans:report", report.pk)
        except Invalid as exc:
            errors = exc.message_dict
    return render(
        request,
        "plans/report.html",
        {"report": report, "errors": errors},
        status=400 if errors else 200,
    )


# -- exports, scores ------------------------------------------------------------------------------------------
def _xlsx(data: bytes, name: str) -> HttpResponse:
    from urllib.parse import quote

    resp = HttpResponse(data, content_type=XLSX)
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return resp


@login_required
def ledger_export(request, pk):
    plan = _plan_for(request, pk)
    return _xlsx(assessment.ledger_xlsx(plan), f"{plan.title}任务分解.xlsx")


@login_required
def scores_view(request, pk):
    plan = _plan_for(request, pk)
    rubric = assessment.default_rubric(plan.organisation)
    as_of = dates.today()
    if request.GET.get("as_of"):
        try:
            as_of = dt.date.fromisoformat(request.GET["as_of"])
        except ValueError:
            messages.error(request, "日期格式应为 YYYY-MM-DD。")
    rows = assessment.scores(plan, rubric, as_of)
    if request.GET.get("format") == "xlsx":
        return _xlsx(assessment.scores_xlsx(plan, rows, rubric), f"{plan.title}考核得分.xlsx")
    if request.method == "POST" and _can_admin(request.user, plan):
        actions.run_assessment(plan, actor=request.user, as_of=as_of)
        messages.success(request, "考核结果已保存。")
        return redirect("plans:scores", plan.pk)
    return render(
        request,
        "plans/scores.html",
        {
            "plan": plan,
            "rubric": rubric,
            "rows": rows,
            "as_of": as_of,
            "can_admin": _can_admin(request.user, plan),
            "runs": plan.assessments.all()[:5],
            "score_chart": charts.ranking(
                "考核得分",
                [(r["organisation"].short_name, r["score"]) for r in rows],
                unit="分",
                first_column="单位",
            ),
        },
    )


@login_required
def rollover_view(request, pk):
    plan = _plan_for(request, pk)
    if request.method != "POST" or not _can_admin(request.user, plan):
        raise Forbidden()
    try:
        year = int(request.POST.get("year", ""))
        new = actions.rollover(plan, year=year, actor=request.user)
    except ValueError:
        messages.error(request, "请填写四位年度。")
        return redirect("plans:detail", plan.pk)
    except Invalid as exc:
        messages.error(request, exc.message)
        return redirect("plans:detail", plan.pk)
    messages.success(request, f"已沿用为“{new.title}”，请根据新年度要求修改。")
    return redirect("plans:detail", new.pk)


def obligation_url(ob) -> str:
    return reverse("plans:obligation", args=[ob.pk])


@login_required
def task_edit(request, pk):
    from .models import Task

    task = get_object_or_404(Task.objects.select_related("plan__organisation"), pk=pk)
    plan = task.plan
    if not _can_admin(request.user, plan):
        raise Forbidden("只有政务公开办管理员可以修改任务。")
    errors = {}
    unresolved = {}
    values = {
        "heading": task.heading,
        "text": task.text,
        "responsibility": task.responsibility,
        "rules": "\n".join(ob.phrase for ob in task.obligations.all()),
    }
    if request.method == "POST":
        values = {k: request.POST.get(k, "") for k in values}
        city = plan.organisation.root
        mappings = {}
        for key, value in request.POST.items():
            if key.startswith("map:") and value:
                target = services.parse_mapping_target(value, city)
                if target is not None:
                    mappings[key[4:]] = target
        try:
            actions.update_task(
                task,
                actor=request.user,
                heading=values["heading"],
                text=values["text"],
                responsibility=values["responsibility"],
                rules_text=values["rules"],
                mappings=mappings,
            )
        except Invalid as exc:
            if hasattr(exc, "unresolved"):
                errors["responsibility"] = exc.message
                unresolved = exc.unresolved
            else:
                errors = dict(exc.errors)
        else:
            messages.success(request, "任务已修改。")
            return redirect(reverse("plans:detail", args=[plan.pk]) + f"#task-{task.pk}")
    return render(
        request,
        "plans/task_edit.html",
        {
            "task": task,
            "plan": plan,
            "values": values,
            "errors": errors,
            "unresolved": unresolved,
            "mapping_choices": _mapping_choices(plan.organisation.root) if unresolved else [],
        },
        status=400 if errors else 200,
    )


@login_required
def report_attachment(request, pk):
    from django.http import FileResponse

    from .models import ReportAttachment

    att = get_object_or_404(ReportAttachment.objects.select_related("report__task__plan"), pk=pk)
    report = att.report
    if not permissions.may(
        request.user, "view_internal", report.organisation
    ) and not permissions.may(request.user, "view_internal", report.task.plan.organisation):
        raise Http404
    return FileResponse(att.file.open("rb"), as_attachment=True, filename=att.name)
