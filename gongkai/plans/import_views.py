"""Staff pages of plans for reading plans in: the import with its preview, and the comparison
of two plans (an imported one or an uploaded file on either side)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from gongkai.accounts import permissions
from gongkai.core.errors import Forbidden, Invalid
from gongkai.rules import dates
from gongkai.rules.planparser import PlanParseError

from . import actions, previews, services
from .views import _mapping_choices, _visible_plans


def _upload_dir() -> Path:
    # outside MEDIA_ROOT: drafts of plans are not for any URL
    d = (
        Path(getattr(settings, "DATA_DIR", None) or Path(settings.MEDIA_ROOT).parent)
        / "plan-uploads"
    )
    d.mkdir(parents=True, exist_ok=True)
    return d


@login_required
def import_view(request):
    admin_orgs = list(
        permissions.orgs_for(request.user, "administer").order_by("sort_order", "code")
    )
    if not admin_orgs:
        raise Forbidden("只有政务公开办管理员可以导入工作要点。")
    ctx = {"orgs": admin_orgs, "year": dates.today().year, "errors": {}}
    if request.method != "POST":
        return render(request, "plans/import.html", ctx)
    org = next((o for o in admin_orgs if str(o.pk) == request.POST.get("org")), None)
    try:
        year = int(request.POST.get("year", ""))
        if not 2000 <= year <= 2100:
            raise ValueError
    except ValueError:
        year = None
    ctx.update(org=org, year=year or request.POST.get("year", ""))
    if org is None:
        ctx["errors"]["org"] = "请选择制定机关。"
    if year is None:
        ctx["errors"]["year"] = "请填写四位年度，如 2026。"
    # the file: a new upload, or the one already previewed (by its digest)
    digest = request.POST.get("digest", "")
    name = request.POST.get("name", "")
    data = None
    upload = request.FILES.get("file")
    if upload is not None:
        data = upload.read()
        name = upload.name
        digest = hashlib.sha256(data).hexdigest()
        (_upload_dir() / digest).write_bytes(data)
    elif (
        digest
        and all(c in "0123456789abcdef" for c in digest)
        and (_upload_dir() / digest).exists()
    ):
        data = (_upload_dir() / digest).read_bytes()
    if data is None:
        ctx["errors"]["file"] = "请选择工作要点文件（.txt、.md、.docx、.xlsx、.csv）。"
    if ctx["errors"]:
        return render(request, "plans/import.html", ctx, status=400)
    try:
        parsed = services.parse_upload(name, data, year=year)
    except PlanParseError as exc:
        ctx["errors"]["file"] = exc.message_zh
        return render(request, "plans/import.html", ctx, status=400)
    city = org.root
    mappings = {}
    for key, value in request.POST.items():
        if key.startswith("map:") and value:
            target = services.parse_mapping_target(value, city)
            if target is not None:
                mappings[key[4:]] = target
    warnings = previews.import_warnings(parsed, org, year)
    key = previews.import_key(org, year, digest)
    # warnings do not block, but the person confirms them for this file, organisation and year
    confirmed = not warnings or request.POST.get("ack") == key
    if request.POST.get("confirm") == "1" and confirmed:
        try:
            plan, created = actions.import_plan(
                parsed,
                organisation=org,
                year=year,
                actor=request.user,
                mappings=mappings,
                source_name=name,
                source_sha256=digest,
            )
        except Invalid as exc:
            ctx["errors"]["mapping"] = exc.message
        else:
            if created:
                messages.success(request, f"已导入“{plan.title}”，共 {plan.tasks.count()} 项任务。")
            else:
                messages.success(request, f"“{plan.title}”已由同一文件导入过，未作任何更改。")
            return redirect("plans:detail", plan.pk)
    cache: dict = {}
    unresolved = services.unresolved_names(parsed, city, cache)
    rows = []
    labels: dict[str, str] = {}
    for t in parsed.tasks:
        units = []
        for u in services.resolve_task_units(t, city, cache):
            if u.written not in labels:
                labels[u.written] = previews.unit_label(u.resolution)
            units.append(
                {"written": u.written, "found": u.resolution.found, "label": labels[u.written]}
            )
        rows.append({"task": t, "units": units, "rules": services.preview_rules(t, year)})
    ctx.update(
        parsed=parsed,
        rows=rows,
        unresolved=unresolved,
        mapping_choices=_mapping_choices(city),
        digest=digest,
        name=name,
        mappings={k: request.POST.get("map:" + k, "") for k in unresolved},
        warnings=warnings,
        ack_key=key,
    )
    return render(request, "plans/import.html", ctx, status=400 if ctx["errors"] else 200)


@login_required
def diff_view(request):
    """Two plans side by side: each side an imported plan or an uploaded file (the province's
    plan, a neighbour's), read with the import's parser and never saved."""
    plans = _visible_plans(request.user)
    if not permissions.is_staff_member(request.user):
        raise Http404
    data = request.POST if request.method == "POST" else request.GET
    sides, errors = {}, {}
    for side in ("a", "b"):
        upload = request.FILES.get(f"{side}_file")
        if upload is not None:
            try:
                plan_dict, city = previews.read_upload(upload)
                label = f"{plan_dict['title']}（上传的文件 {upload.name}，未保存）"
                sides[side] = (plan_dict, city, label, None)
            except PlanParseError as exc:
                errors[side] = f"{upload.name}：{exc.message_zh}"
        elif data.get(side):
            if not str(data.get(side)).isdigit():
                errors[side] = previews.NO_SIDE
                continue
            plan = get_object_or_404(plans, pk=data[side])
            sides[side] = (services.plan_as_dict(plan), plan.organisation.root, plan.title, plan)
        elif request.method == "POST":
            errors[side] = previews.NO_SIDE
    diff = None
    if not errors and len(sides) == 2:
        (da, ca, _, _), (db, cb, _, _) = sides["a"], sides["b"]
        diff = services.compare(da, db, ca or cb, cb or ca)
    label = {k: v[2] for k, v in sides.items()}
    return render(
        request,
        "plans/diff.html",
        {
            "plans": plans,
            "a": sides.get("a", (None,) * 4)[3],
            "b": sides.get("b", (None,) * 4)[3],
            "a_label": label.get("a", ""),
            "b_label": label.get("b", ""),
            "errors": errors,
            "diff": diff,
            "counts": diff.as_dict()["counts"] if diff else None,
        },
        status=400 if errors else 200,
    )
