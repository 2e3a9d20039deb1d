"""Staff pages of the catalog (/staff/catalog/ …). Every change goes through actions.py."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import may, org_ids_for
from gongkai.audit.actions import trail
from gongkai.core.errors import Forbidden, Invalid
from gongkai.orgs.models import Organisation
from gongkai.rules import catalog_diff, catalog_rules, dates
from gongkai.rules.sanitize import html_to_text

from . import actions, services
from .forms import EntryForm, ItemForm, UploadForm, ValidityForm, apply_errors
from .models import Attachment, CatalogEntry, Item, ItemRevision


def _visible_item(request, pk) -> Item:
    """The item if the user has a role on its organisation, else 404 (drafts stay private)."""
    item = get_object_or_404(Item.objects.select_related("organisation"), pk=pk)
    if not may(request.user, "view_internal", item.organisation):
        raise Http404
    return item


def _error_text(exc: Invalid) -> str:
    if hasattr(exc, "error_dict"):
        return "；".join(m for msgs in exc.message_dict.values() for m in msgs)
    return "；".join(exc.messages)


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
    if org_id.isdigit() and int(org_id) in ids:
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
    form = ItemForm(request.POST or None, org_ids=ids, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            item = actions.create_item(
                organisation=form.cleaned_data["organisation"],
                actor=request.user,
                **form.action_fields(),
            )
        except Invalid as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "草稿已保存。可以上传附件，然后提交审核。")
            return redirect("catalog:item", pk=item.pk)
    return render(request, "catalog/item_form.html", {"form": form, "creating": True})


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


@login_required
@require_POST
def item_action_view(request, pk):
    """One button on the item page (its ``op``): one small function per action below."""
    item = _visible_item(request, pk)
    act = ITEM_ACTS.get(request.POST.get("op", ""))
    if act is None:
        raise Http404
    target = reverse("catalog:item", args=[item.pk])
    try:
        target = act(request, item) or target
    except Invalid as exc:
        messages.error(request, _error_text(exc))
    except (Attachment.DoesNotExist, ValueError):
        messages.error(request, "附件不存在。")
    return redirect(target)


def _act_submit(request, item):
    actions.submit(item, actor=request.user)
    messages.success(request, "已提交审核。")


def _act_recall(request, item):
    actions.return_to_draft(item, actor=request.user, reason=request.POST.get("reason", ""))
    messages.success(request, "已退回草稿。")


def _act_withdraw(request, item):
    actions.withdraw(item, actor=request.user, reason=request.POST.get("reason", ""))
    messages.success(request, "已撤回，门户不再显示该信息。")


def _act_mask(request, item):
    n = actions.mask_personal_data(item, actor=request.user)
    messages.success(request, f"已遮盖 {n} 处个人信息。")
    if request.POST.get("next") == "review":
        return reverse("catalog:review", args=[item.pk])


def _act_upload(request, item):
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        raise Invalid(errors={"file": "请选择要上传的文件。"})
    upload = form.cleaned_data["file"]
    actions.add_attachment(item, actor=request.user, name=upload.name, data=upload.read())
    messages.success(request, f"附件“{upload.name}”已上传。")


def _act_remove_attachment(request, item):
    attachment = int(request.POST.get("attachment", "0"))
    actions.remove_attachment(item, attachment, actor=request.user)
    messages.success(request, "附件已删除。")


def _act_start_revision(request, item):
    actions.start_revision(item, actor=request.user, note=request.POST.get("note", ""))
    return reverse("catalog:edit", args=[item.pk])


def _act_submit_revision(request, item):
    actions.submit_revision(_open(item), actor=request.user)
    messages.success(request, "修改版本已提交审核。")


def _act_discard_revision(request, item):
    actions.discard_revision(_open(item), actor=request.user)
    messages.success(request, "已放弃修改。")


ITEM_ACTS = {
    "submit": _act_submit,
    "recall": _act_recall,
    "withdraw": _act_withdraw,
    "mask": _act_mask,
    "upload": _act_upload,
    "remove_attachment": _act_remove_attachment,
    "start_revision": _act_start_revision,
    "submit_revision": _act_submit_revision,
    "discard_revision": _act_discard_revision,
}


def _open(item: Item) -> ItemRevision:
    revision = actions.open_revision(item)
    if revision is None:
        raise Invalid("没有进行中的修改版本。")
    return revision


@login_required
def queue_view(request):
    ids = org_ids_for(request.user, "review")
    if not ids:
        raise Forbidden("您没有审核权限。")
    items = (
        Item.objects.filter(state=Item.STATE_SUBMITTED, organisation_id__in=ids)
        .select_related("organisation", "author")
        .order_by("submitted_at")
    )
    revisions = (
        ItemRevision.objects.filter(state="submitted", item__organisation_id__in=ids)
        .select_related("item", "item__organisation", "author")
        .order_by("created_at")
    )
    rows = []
    for item in items:
        rows.append({"item": item, "revision": None, "author": item.author,
                     "findings": len(actions.guard_findings(item)),
                     "own": actions.wrote_version(request.user, item)})  # fmt: skip
    for rev in revisions:
        rows.append({"item": rev.item, "revision": rev, "author": rev.author,
                     "findings": len(actions.guard_findings(rev.item, rev)),
                     "own": actions.wrote_version(request.user, rev.item, rev)})  # fmt: skip
    return render(request, "catalog/queue.html", {"rows": rows})


@login_required
def review_view(request, pk):
    item = _visible_item(request, pk)
    if not may(request.user, "review", item.organisation):
        raise Forbidden("您没有审核该信息的权限。")
    revision = actions.open_revision(item) if item.state == Item.STATE_PUBLISHED else None
    if revision is not None and revision.state != "submitted":
        revision = None
    errors: dict = {}
    if request.method == "POST":
        decision = request.POST.get("decision")
        try:
            if decision == "approve":
                publish_at = None
                raw = request.POST.get("publish_at", "").strip()
                if raw:
                    try:
                        publish_at = timezone.make_aware(dt.datetime.fromisoformat(raw))
                    except ValueError:
                        raise Invalid(errors={"publish_at": "定时发布时间格式不正确。"}) from None
                override = request.POST.get("privacy_override_reason", "")
                if revision is not None:
                    actions.approve_revision(
                        revision, actor=request.user, privacy_override_reason=override
                    )
                    messages.success(request, f"第{revision.number}版已审核通过并发布。")
                else:
                    item = actions.approve(
                        item,
                        actor=request.user,
                        publish_at=publish_at,
                        privacy_override_reason=override,
                        no_interpretation_reason=request.POST.get("no_interpretation_reason", ""),
                    )
                    if item.state == Item.STATE_PUBLISHED:
                        messages.success(request, f"已审核通过并发布，索引号 {item.index_no}。")
                    elif item.scheduled_at:
                        when = timezone.localtime(item.scheduled_at).strftime("%Y-%m-%d %H:%M")
                        messages.success(request, f"已审核通过，将于 {when} 发布。")
                    else:
                        messages.success(request, "已审核通过，将与所解读的政策同步发布。")
                return redirect("catalog:item", pk=item.pk)
            if decision == "return":
                reason = request.POST.get("reason", "")
                if revision is not None:
                    actions.reject_revision(revision, actor=request.user, reason=reason)
                else:
                    actions.return_to_draft(item, actor=request.user, reason=reason)
                messages.success(request, "已退回起草人修改。")
                return redirect("catalog:queue")
            raise Invalid("请选择审核结果。")
        except Invalid as exc:
            found = exc.message_dict if hasattr(exc, "error_dict") else {"general": exc.messages}
            errors = {("general" if k == "__all__" else k): v for k, v in found.items()}
        except Forbidden as exc:
            errors = {"general": [str(exc)]}
    context = {
        "item": item,
        "revision": revision,
        "errors": errors,
        "post": request.POST,
        "own": actions.wrote_version(request.user, item, revision),
        "attachments": item.attachments.all(),
        "pending_files": revision.new_files.all() if revision else [],
        "body": _mark_findings(revision.data.get("body", "") if revision else item.body),
    }
    context.update(_content_context(item, revision))
    return render(request, "catalog/review.html", context)


def _mark_findings(body: str) -> str:
    """The (sanitised) body with each unmasked personal number wrapped in <mark>: the guard's
    findings shown in place. Only digit runs are wrapped, so the markup stays valid."""
    from gongkai.rules import privacy

    parts, pos = [], 0
    for f in privacy.scan(body):
        parts += [body[pos : f.start], f'<mark class="finding-value" title="{f.label}">',
                  body[f.start : f.end], "</mark>"]  # fmt: skip
        pos = f.end
    parts.append(body[pos:])
    return "".join(parts)


@login_required
def preview_view(request, pk):
    """The item as the portal will show it (staff only; drafts included)."""
    item = _visible_item(request, pk)
    return render(
        request,
        "catalog/preview.html",
        {
            "item": item,
            "attachments": item.attachments.all(),
            "interpretations": item.interpretations.filter(state=Item.STATE_PUBLISHED),
            "interprets": item.interprets.all(),
            "issuers": item.issuers.all(),
        },
    )


@login_required
def validity_view(request, pk):
    item = _visible_item(request, pk)
    if not may(request.user, "edit", item.organisation):
        raise Forbidden("您没有修改该信息有效性的权限。")
    form = ValidityForm(
        request.POST or None,
        item=item,
        initial={
            "validity": item.validity,
            "expires_on": item.expires_on,
            "replaced_by": item.replaced_by.index_no if item.replaced_by else "",
            "note": item.validity_note,
        },
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            actions.set_validity(
                item,
                actor=request.user,
                validity=d["validity"],
                changed_on=d["changed_on"],
                replaced_by=d["replaced_by"],
                note=d["note"],
                expires_on=d["expires_on"],
            )
        except Invalid as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "有效性已更新。")
            return redirect("catalog:item", pk=item.pk)
    return render(request, "catalog/validity.html", {"form": form, "item": item})


@login_required
def version_view(request, pk, number):
    item = _visible_item(request, pk)
    version = get_object_or_404(ItemRevision, item=item, number=number, state="published")
    previous = (
        item.revisions.filter(state="published", number__lt=number).order_by("-number").first()
    )
    before = previous.data if previous else {}
    return render(
        request,
        "catalog/version.html",
        {
            "item": item,
            "version": version,
            "previous": previous,
            "diff_fields": catalog_diff.field_changes(
                _display(before), _display(version.data), dict(actions.FIELD_LABELS)
            ),
            "diff_lines": catalog_diff.line_changes(
                html_to_text(before.get("body", "")), html_to_text(version.data.get("body", ""))
            ),
        },
    )


@login_required
def attachment_download_view(request, pk):
    att = get_object_or_404(Attachment.objects.select_related("item__organisation"), pk=pk)
    if not may(request.user, "view_internal", att.item.organisation):
        raise Http404
    return FileResponse(att.file.open("rb"), as_attachment=True, filename=att.name)


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
