"""/staff/work/: one's long jobs with their progress and results, and the buttons that start
the jobs one may start."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import orgs_for
from gongkai.core import files
from gongkai.core.errors import Forbidden, Invalid, field_errors

from . import registry
from .actions import start_job
from .models import Job

REFRESH_SECONDS = 3
PAGE_SIZE = 50


def _orgs(user, entry) -> list:
    qs = orgs_for(user, entry.ability).filter(is_active=True)
    if entry.scope == "city":
        qs = qs.filter(parent__isnull=True)
    if entry.orgs is not None:
        qs = entry.orgs(qs)
    return list(qs.order_by("parent_id", "pk")[:500])


def _value(f, values: dict):
    if f.is_file:  # a browser never fills in a file again
        return ""
    return values.get(f.name, f.default() if f.default else "")


def _offers(user, typed=None, errors=None, failed_kind=""):
    """The start forms: one per kind of work the user may start somewhere."""
    out = []
    for entry in registry.kinds():
        orgs = _orgs(user, entry)
        if not orgs:
            continue
        mine = entry.kind == failed_kind
        values = dict(typed or {}) if mine else {}
        fields = [
            {"f": f, "value": _value(f, values),
             "error": (errors or {}).get(f.name, "") if mine else ""}
            for f in entry.fields
        ]  # fmt: skip
        out.append({
            "entry": entry, "orgs": orgs, "fields": fields,
            "org_value": values.get("organisation", ""),
            "errors": (errors or {}) if mine else {},
        })  # fmt: skip
    return out


def _context(request, *, typed=None, errors=None, failed_kind=""):
    jobs = list(
        Job.objects.filter(actor=request.user)
        .select_related("organisation", "result")
        .order_by("-created_at", "-pk")[:PAGE_SIZE]
    )
    for job in jobs:
        entry = registry.get(job.kind)
        job.detail = entry.describe(job.params) if entry and entry.describe else ""
    offers = _offers(request.user, typed, errors, failed_kind)
    offered = {o["entry"].kind for o in offers}
    return {
        "jobs": jobs,
        "offers": offers,
        # an error of a form the page does not show (a kind this person may not start)
        "page_errors": list((errors or {}).values()) if failed_kind not in offered else [],
        "refresh": REFRESH_SECONDS if any(j.active for j in jobs) else None,
    }


@login_required
def work(request):
    return render(request, "longwork/work.html", _context(request))


@login_required
@require_POST
def start(request, kind):
    entry = registry.get(kind)
    if entry is None:
        raise Http404("没有这种后台任务。")
    typed = ["organisation", *(f.name for f in entry.fields if not f.is_file)]
    data = {k: request.POST.get(k, "") for k in typed}
    uploads = {f.name: request.FILES.get(f.name) for f in entry.file_fields}
    org = None
    raw = data["organisation"]
    if raw.isdigit():
        org = next((o for o in _orgs(request.user, entry) if o.pk == int(raw)), None)
    try:
        if org is None:
            raise Invalid(errors={"organisation": "请选择您有权限的机构。"})
        site = request.build_absolute_uri("/")
        job = start_job(request.user, kind, org, {**data, "_site": site}, uploads=uploads)
    except (Invalid, Forbidden) as exc:
        errors = field_errors(exc) if isinstance(exc, Invalid) else {"__all__": exc.message}
        if "__all__" in errors:
            errors["all"] = errors.pop("__all__")
        ctx = _context(request, typed=data, errors=errors, failed_kind=kind)
        return render(request, "longwork/work.html", ctx, status=400)
    job.refresh_from_db()
    if job.state == Job.DONE:
        flash.success(request, f"“{job.label}”已完成。")
    elif job.state == Job.FAILED:
        flash.error(request, f"“{job.label}”失败：{job.error}")
    else:
        flash.success(request, f"已提交“{job.label}”，完成后可在下方下载结果。")
    return redirect(f"/staff/work/#job-{job.pk}")


@login_required
def result(request, pk):
    job = get_object_or_404(Job.objects.select_related("result"), pk=pk)
    if job.actor_id != request.user.pk and not request.user.is_superuser:
        raise Forbidden("只能下载自己发起的任务的结果。")
    if job.state != Job.DONE or not hasattr(job, "result"):
        raise Http404("该任务没有可下载的结果。")
    return files.response(job.result)
