"""Staff form to create and edit a dataset (editors of its organisation).

/staff/opendata/new/ and /staff/opendata/<pk>/edit/: the column picker lists the catalog
columns of the organisations the person edits (a dataset belongs to its column's
organisation); validation is the actions' (schema check included); a bad form is shown again
with what was typed and answered with 400.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from gongkai.accounts import permissions
from gongkai.core.errors import Forbidden, Invalid, field_errors

from . import actions
from .forms import DatasetForm
from .models import Dataset

NO_EDIT = "您没有编辑任何单位数据集的权限（需要信息编辑或公开办管理员角色）。"


def _columns(org_ids, keep=None) -> tuple[list, dict]:
    """[(organisation, [(pk, path label)])] for the picker and {str(pk): entry} (the columns in
    use, and ``keep``, the dataset's own column, even if no longer in use)."""
    from django.db.models import Q

    from gongkai.catalog.models import CatalogEntry

    entries = list(
        CatalogEntry.objects.filter(Q(is_active=True) | Q(pk=keep), organisation_id__in=org_ids)
        .select_related("organisation")
        .order_by("organisation__name", "sort_order", "id")
    )
    by_pk = {e.pk: e for e in entries}

    def label(e):
        names, node = [], e
        while node is not None:
            names.append(node.name)
            node = by_pk.get(node.parent_id)
        return " › ".join(reversed(names))

    groups: dict[int, tuple] = {}
    for e in entries:
        groups.setdefault(e.organisation_id, (e.organisation, []))[1].append((e.pk, label(e)))
    return list(groups.values()), {str(e.pk): e for e in entries}


def _render(request, form: DatasetForm, groups, ds=None, status=200):
    return render(
        request,
        "opendata/staff_form.html",
        {"form": form, "groups": groups, "ds": ds, "v": form.values, "errors": form.errors},
        status=status,
    )


def _submit(request, form: DatasetForm, entries: dict, save):
    """Run ``save(arguments)`` unless the form has problems; the problems otherwise."""
    args = form.arguments(entries)
    if form.errors:
        return None
    try:
        return save(args)
    except Invalid as exc:
        form.errors.update(field_errors(exc))
        return None


def _keep_hidden(before: dict, after: dict) -> dict:
    """What the form does not show (a field's description, required) is kept for the fields
    that keep their name; the result is the schema in its normal form (so an unchanged form
    records no change)."""
    from gongkai.rules.opendata.schema import Schema

    old = Schema.from_dict(before or {})
    new = Schema.from_dict(after)
    for f in new.fields:
        was = old.field(f.name)
        if was is not None:
            f.description, f.required = was.description, was.required
    return new.as_dict()


@login_required
def dataset_new(request):
    org_ids = permissions.org_ids_for(request.user, "edit")
    if not org_ids:
        raise Forbidden(NO_EDIT)
    groups, entries = _columns(org_ids)
    if request.method != "POST":
        return _render(request, DatasetForm.initial(), groups)
    form = DatasetForm.from_post(request.POST)
    if request.POST.get("op") == "more":
        return _render(request, form, groups)

    def save(args):
        entry = args["entry"]
        return actions.create_dataset(request.user, organisation=entry.organisation,
                                      reason="工作人员新建", **args)  # fmt: skip

    ds = _submit(request, form, entries, save)
    if ds is None:
        return _render(request, form, groups, status=400)
    taken = actions.ingest_column(request.user, ds)
    messages.success(
        request,
        f"已新建数据集“{ds.title}”"
        + (f"，并从栏目已发布的信息中取得 {taken} 期数据。" if taken else "。"),
    )
    return redirect("opendata:staff")


@login_required
def dataset_edit(request, pk):
    ds = get_object_or_404(Dataset.objects.select_related("organisation", "entry"), pk=pk)
    permissions.require(request.user, "edit", ds.organisation)
    groups, entries = _columns({ds.organisation_id}, keep=ds.entry_id)
    if request.method != "POST":
        return _render(request, DatasetForm.initial(ds), groups, ds)
    form = DatasetForm.from_post(request.POST)
    if request.POST.get("op") == "more":
        return _render(request, form, groups, ds)

    def save(args):
        reason = (request.POST.get("reason") or "").strip()[:200] or "工作人员修改"
        args["schema"] = _keep_hidden(ds.schema, args["schema"])
        return actions.update_dataset(request.user, ds, reason=reason, **args)

    saved = _submit(request, form, entries, save)
    if saved is None:
        return _render(request, form, groups, ds, status=400)
    if saved.entry_id != ds.entry_id:
        actions.ingest_column(request.user, saved)
    messages.success(request, f"已保存数据集“{saved.title}”。")
    return redirect("opendata:staff")
