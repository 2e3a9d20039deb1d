"""Catalog columns: list, edit, import and export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from gongkai.accounts.permissions import may, org_ids_for
from gongkai.core.errors import Forbidden, Invalid
from gongkai.orgs.models import Organisation

from .. import actions, services
from ..forms import EntryForm, UploadForm, apply_errors
from ..models import CatalogEntry

# --------------------------------------------------------------------------- catalog columns


def _admin_org(request) -> tuple[Organisation, list[Organisation]]:
    ids = org_ids_for(request.user, "view_internal")
    if not ids:
        raise Forbidden("您没有任何机构的角色。")
    orgs = list(Organisation.objects.filter(pk__in=ids).order_by("city_id", "sort_order", "code"))
    chosen = request.GET.get("org") or request.POST.get("org") or ""
    org = next((o for o in orgs if str(o.pk) == chosen), None)
    if org is None:
        edit = org_ids_for(request.user, "edit")
        org = next((o for o in orgs if o.pk in edit and o.level == "department"), orgs[0])
    return org, orgs


@login_required
def columns_view(request):
    org, orgs = _admin_org(request)
    may_admin = may(request.user, "administer", org)
    form = None
    if may_admin:
        form = EntryForm(request.POST or None, organisation=org)
        if request.method == "POST":
            if request.POST.get("op") == "init":
                services.ensure_legal_structure(org)
                messages.success(request, "已补齐法定目录结构。")
                return redirect(f"{reverse('catalog:columns')}?org={org.pk}")
            if form.is_valid():
                try:
                    values = {k: v for k, v in form.cleaned_data.items() if k != "parent"}
                    actions.save_entry(
                        organisation=org,
                        actor=request.user,
                        parent=form.cleaned_data["parent"],
                        **values,
                    )
                except Invalid as exc:
                    apply_errors(form, exc)
                else:
                    messages.success(request, "栏目已添加。")
                    return redirect(f"{reverse('catalog:columns')}?org={org.pk}")
    rows = [
        {"entry": e, "depth": d, "indent": d * 1.5, "count": e.items.count()}
        for e, d in services.tree(org, active_only=False)
    ]
    return render(
        request,
        "catalog/columns.html",
        {"org": org, "orgs": orgs, "rows": rows, "form": form, "may_admin": may_admin},
    )


@login_required
def column_edit_view(request, pk):
    entry = get_object_or_404(CatalogEntry.objects.select_related("organisation"), pk=pk)
    if not may(request.user, "administer", entry.organisation):
        raise Forbidden("您没有管理该机构公开目录的权限。")
    form = EntryForm(request.POST or None, instance=entry, organisation=entry.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            values = {k: v for k, v in form.cleaned_data.items() if k != "parent"}
            actions.save_entry(
                organisation=entry.organisation,
                actor=request.user,
                entry=CatalogEntry.objects.get(pk=entry.pk),
                parent=form.cleaned_data["parent"],
                **values,
            )
        except Invalid as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "栏目已保存。")
            return redirect(f"{reverse('catalog:columns')}?org={entry.organisation_id}")
    return render(request, "catalog/column_form.html", {"form": form, "entry": entry})


@login_required
def columns_import_view(request):
    org, orgs = _admin_org(request)
    if not may(request.user, "administer", org):
        raise Forbidden("您没有管理该机构公开目录的权限。")
    result = None
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            created, updated, errors = actions.import_entries(
                organisation=org, actor=request.user, name=upload.name, data=upload.read()
            )
        except Invalid as exc:
            apply_errors(form, exc)
        else:
            result = {"created": created, "updated": updated, "errors": errors}
    return render(
        request,
        "catalog/columns_import.html",
        {"org": org, "orgs": [o for o in orgs if may(request.user, "administer", o)],
         "form": form, "result": result},
    )  # fmt: skip


@login_required
def columns_export_view(request):
    org, _orgs = _admin_org(request)
    fmt = request.GET.get("format", "xlsx")
    if fmt not in ("xlsx", "csv"):
        raise Http404
    data = services.export_file(org, fmt)
    content_type = (
        "text/csv; charset=utf-8"
        if fmt == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(data, content_type=content_type)
    filename = f"catalog-{org.code}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
