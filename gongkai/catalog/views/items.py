"""Staff pages of items: the list, drafting, editing, the item page."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render

from gongkai.accounts.permissions import may, org_ids_for
from gongkai.audit.actions import trail
from gongkai.core import files
from gongkai.core.errors import Forbidden, Invalid
from gongkai.core.widgets import own_org_ids
from gongkai.orgs.models import Organisation
from gongkai.rules import catalog_diff, catalog_rules, dates
from gongkai.rules.sanitize import html_to_text

from .. import actions, services
from ..forms import ItemForm, UploadForm, apply_errors
from ..models import CatalogEntry, Item, ItemRevision
from .common import _mark_findings, _visible_item


@login_required
def items_view(request):
    ids = org_ids_for(request.user, "view_internal")
    if not ids:
        raise Forbidden("您没有任何机构的角色。")
    qs = Item.objects.filter(organisation_id__in=ids).select_related("organisation")
    state = request.GET.get("state", "")
    if state in dict(Item.STATE_CHOICES):
        qs = qs.filter(state=state)
    if request.GET.get("mine"):
        qs = qs.filter(author=request.user)
    if request.GET.get("expiring"):
        today = dates.today()
        qs = qs.filter(
            state=Item.STATE_PUBLISHED,
            validity="valid",
            expires_on__gte=today,
            expires_on__lte=today + dt.timedelta(days=30),
        )
    org_id = request.GET.get("org", "")
    if org_id.isascii() and org_id.isdigit() and int(org_id) in ids:
        qs = qs.filter(organisation_id=int(org_id))
    q = request.GET.get("q", "").strip()[:100]
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(doc_number__icontains=q) | Q(index_no=q))
    page = Paginator(qs.order_by("-updated_at", "-id"), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "catalog/items.html",
        {
            "page": page,
            "states": Item.STATE_CHOICES,
            "state": state,
            "q": q,
            "can_create": bool(org_ids_for(request.user, "edit")),
            "can_admin": bool(org_ids_for(request.user, "administer")),
            "query": _without_page(request),
            "orgs": Organisation.objects.filter(pk__in=ids).order_by("city_id", "sort_order")
            if len(ids) > 1
            else [],
            "org_id": org_id,
        },
    )


def _without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@login_required
def item_create_view(request):
    ids = org_ids_for(request.user, "edit")
    if not ids:
        raise Forbidden("您没有起草信息的权限。")
    initial = {"attribute": Item.ATTR_PROACTIVE, "kind": request.GET.get("kind", "document")}
    if request.GET.get("org", "").isdigit():
        initial["organisation"] = int(request.GET["org"])
    if request.GET.get("interprets", "").isdigit():
        initial["interprets"] = [int(request.GET["interprets"])]
        initial["kind"] = "interpretation"
        policy = Item.objects.filter(pk=initial["interprets"][0], organisation_id__in=ids).first()
        if policy is not None:
            initial["organisation"] = policy.organisation_id
            initial["title"] = f"《{policy.title}》政策解读"
            column = services.entry(policy.organisation, "interpretation")
            if column is not None:
                initial["entries"] = [column.pk]
    form = ItemForm(
        request.POST or None,
        request.FILES or None,
        org_ids=ids,
        own_ids=own_org_ids(request.user),
        creating=True,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            accepted = files.accept(form.cleaned_data.get("files") or [], field="files")
            item = actions.create_with_attachments(
                organisation=form.cleaned_data["organisation"],
                actor=request.user,
                accepted=accepted,
                **form.action_fields(),
            )
        except Invalid as exc:
            apply_errors(form, exc)
        else:
            if accepted:
                messages.success(request, f"草稿已保存，附件 {len(accepted)} 个已上传。")
            else:
                messages.success(request, "草稿已保存。可以上传附件，然后提交审核。")
            return redirect("catalog:item", pk=item.pk)
    files_again = request.method == "POST" and bool(request.FILES.getlist("files"))
    return render(
        request,
        "catalog/item_form.html",
        {"form": form, "creating": True, "files_again": FILES_AGAIN if files_again else ""},
    )


# A browser never keeps chosen files when a form comes back: say so next to the file input.
FILES_AGAIN = "其他内容已保留；出于浏览器安全限制，请重新选择要上传的附件。"


@login_required
def item_edit_view(request, pk):
    item = _visible_item(request, pk)
    if not may(request.user, "edit", item.organisation):
        raise Forbidden("您没有编辑该信息的权限。")
    revision = None
    if item.state == Item.STATE_PUBLISHED:
        revision = actions.open_revision(item)
        if revision is None:
            messages.error(request, "已发布的信息请先创建修改版本。")
            return redirect("catalog:item", pk=item.pk)
        if revision.state == "submitted":
            messages.error(request, "修改版本正在审核中，不能编辑。")
            return redirect("catalog:item", pk=item.pk)
        initial = dict(revision.data)
    elif item.state == Item.STATE_DRAFT:
        initial = actions.snapshot(item)
    else:
        messages.error(request, "该信息当前不能编辑（待审核或已撤回）。")
        return redirect("catalog:item", pk=item.pk)
    initial["organisation"] = item.organisation_id
    form = ItemForm(
        request.POST or None,
        org_ids={item.organisation_id},
        fixed_org=item.organisation,
        own_ids=own_org_ids(request.user),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if revision is not None:
                actions.update_revision(revision, actor=request.user, **form.action_fields())
            else:
                actions.update_item(item, actor=request.user, **form.action_fields())
        except Invalid as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "已保存。")
            return redirect("catalog:item", pk=item.pk)
    return render(
        request,
        "catalog/item_form.html",
        {"form": form, "item": item, "revision": revision, "creating": False},
    )


def _content_context(item: Item, revision: ItemRevision | None = None) -> dict:
    """Findings, diff and interpretation status as the reviewer sees them."""
    findings = actions.guard_findings(item, revision)
    diff_fields, diff_lines = [], []
    if revision is not None:
        current = actions.snapshot(item)
        labels = dict(actions.FIELD_LABELS)
        diff_fields = catalog_diff.field_changes(_display(current), _display(revision.data), labels)
        diff_lines = catalog_diff.line_changes(
            html_to_text(current.get("body", "")), html_to_text(revision.data.get("body", ""))
        )
    ok, why = actions.interpretation_status(item)
    return {
        "findings": findings,
        "diff_fields": diff_fields,
        "diff_lines": diff_lines,
        "interp_ok": ok,
        "interp_why": why,
    }


def _display(data: dict) -> dict:
    """Revision data with ids turned into names, for the diff."""
    out = dict(data)
    if data.get("entries"):
        out["entries"] = [
            e.path_label() for e in CatalogEntry.objects.filter(pk__in=data["entries"])
        ]
    if data.get("issuers"):
        out["issuers"] = list(
            Organisation.objects.filter(pk__in=data["issuers"]).values_list("name", flat=True)
        )
    if data.get("interprets"):
        out["interprets"] = list(
            Item.objects.filter(pk__in=data["interprets"]).values_list("title", flat=True)
        )
    for key, choices in (
        ("kind", Item.KIND_CHOICES),
        ("attribute", Item.ATTRIBUTE_CHOICES),
        ("five_category", Item.FIVE_CHOICES),
        ("interpretation_form", Item.INTERPRETATION_FORMS),
    ):
        out[key] = dict(choices).get(data.get(key), data.get(key))
    if data.get("attribute_reason"):
        out["attribute_reason"] = catalog_rules.reason_label(data["attribute_reason"])
    return out


@login_required
def item_view(request, pk):
    item = _visible_item(request, pk)
    user = request.user
    revision = actions.open_revision(item)
    may_edit = may(user, "edit", item.organisation)
    may_review = may(user, "review", item.organisation)
    context = {
        "item": item,
        "revision": revision,
        "may_edit": may_edit,
        "may_review": may_review,
        "is_author": item.author_id == user.pk,
        "attachments": item.attachments.all(),
        "pending_files": revision.new_files.all() if revision else [],
        "removed_ids": set(revision.data.get("remove_attachments", [])) if revision else set(),
        "versions": item.revisions.filter(state="published"),
        "entries": item.entries.select_related("parent"),
        "issuers": item.issuers.all(),
        "interpretations": item.interpretations.all(),
        "interprets": item.interprets.all(),
        "replaces": item.replaces.all(),
        "upload_form": UploadForm(),
        "body": _mark_findings(item.body),
        "reason_label": catalog_rules.reason_label(item.attribute_reason)
        if item.attribute_reason
        else "",
        "trail": trail(item)[:30],
        "can_upload": may_edit
        and (
            item.state == Item.STATE_DRAFT or (revision and revision.state in ("draft", "rejected"))
        ),
    }
    context.update(_content_context(item, revision))
    return render(request, "catalog/item.html", context)
