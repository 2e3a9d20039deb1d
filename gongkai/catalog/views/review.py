"""Review, preview, validity, versions and attachment downloads."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from gongkai.accounts.permissions import may, org_ids_for
from gongkai.core.errors import Forbidden, Invalid
from gongkai.rules import catalog_diff
from gongkai.rules.sanitize import html_to_text

from .. import actions
from ..forms import ValidityForm, apply_errors
from ..models import Attachment, Item, ItemRevision
from .common import _mark_findings, _visible_item
from .items import _content_context, _display


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
        # the 发文机关 of what is being approved: the new version's, else the item's own
        "issuers": _issuers(item, revision),
        "pending_files": revision.new_files.all() if revision else [],
        "body": _mark_findings(revision.data.get("body", "") if revision else item.body),
    }
    context.update(_content_context(item, revision))
    return render(request, "catalog/review.html", context)


def _issuers(item, revision):
    from gongkai.orgs.models import Organisation

    if revision is not None and "issuers" in (revision.data or {}):
        ids = revision.data.get("issuers") or []
        return list(Organisation.objects.filter(pk__in=ids).order_by("sort_order"))
    return list(item.issuers.all())


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
