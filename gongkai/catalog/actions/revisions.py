"""New versions of published items: start, edit, submit, reject, discard, approve."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.audit.actions import record

from .. import signals
from ..models import (
    Attachment,
    Item,
    ItemRevision,
)
from .common import _apply, _notify, _plain, _require, _set_m2m, clean_fields, snapshot
from .drafting import _diff, _submit_problems
from .review import guard_findings

# --------------------------------------------------------------------------- revisions


def open_revision(item: Item) -> ItemRevision | None:
    return item.revisions.filter(state__in=["draft", "submitted", "rejected"]).first()


@transaction.atomic
def start_revision(item: Item, *, actor, note: str = "") -> ItemRevision:
    """Open a new version of a published item (or return the open one)."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    _require(actor, "edit", item.organisation, "您没有修改该信息的权限。")
    if item.state != Item.STATE_PUBLISHED:
        raise ValidationError({"__all__": "只有已发布的信息需要创建修改版本。"})
    existing = open_revision(item)
    if existing is not None:
        return existing
    revision = ItemRevision.objects.create(
        item=item,
        number=item.version + 1,
        state="draft",
        data={**snapshot(item), "remove_attachments": []},
        author=actor,
        note=note,
    )
    record(item, "change", actor=actor, reason=f"创建第{revision.number}版修改草稿 {note}".strip())
    return revision


@transaction.atomic
def update_revision(revision: ItemRevision, *, actor, **fields) -> ItemRevision:
    revision = ItemRevision.objects.select_for_update().get(pk=revision.pk)
    item = revision.item
    _require(actor, "edit", item.organisation, "您没有修改该信息的权限。")
    if revision.state not in ("draft", "rejected"):
        raise ValidationError({"__all__": "只有修改草稿可以编辑。"})
    data = clean_fields(item.organisation, fields, partial_of=revision.data)
    data = _plain(data)
    data["remove_attachments"] = revision.data.get("remove_attachments", [])
    revision.data = data
    revision.state = "draft"
    if "note" in fields:
        revision.note = fields["note"]
    revision.save()
    return revision


@transaction.atomic
def submit_revision(revision: ItemRevision, *, actor) -> ItemRevision:
    revision = ItemRevision.objects.select_for_update().get(pk=revision.pk)
    _require(actor, "edit", revision.item.organisation, "您没有提交该信息的权限。")
    if revision.state not in ("draft", "rejected"):
        raise ValidationError({"__all__": "只有修改草稿可以提交审核。"})
    data = clean_fields(revision.item.organisation, {}, partial_of=revision.data)
    errors = _submit_problems(revision.item, data)
    if errors:
        raise ValidationError(errors)
    revision.state = "submitted"
    revision.save(update_fields=["state"])
    record(
        revision.item,
        "transition",
        actor=actor,
        from_state="revision_draft",
        to_state="revision_submitted",
        reason=f"第{revision.number}版提交审核",
    )
    return revision


@transaction.atomic
def reject_revision(revision: ItemRevision, *, actor, reason: str) -> ItemRevision:
    revision = ItemRevision.objects.select_for_update().get(pk=revision.pk)
    _require(actor, "review", revision.item.organisation, "您没有审核该信息的权限。")
    if revision.state != "submitted":
        raise ValidationError({"__all__": "只有待审核的版本可以退回。"})
    if not (reason or "").strip():
        raise ValidationError({"reason": "退回时请说明理由。"})
    revision.state = "rejected"
    revision.save(update_fields=["state"])
    record(
        revision.item,
        "transition",
        actor=actor,
        from_state="revision_submitted",
        to_state="revision_rejected",
        reason=reason,
    )
    return revision


@transaction.atomic
def discard_revision(revision: ItemRevision, *, actor) -> None:
    revision = ItemRevision.objects.select_for_update().get(pk=revision.pk)
    _require(actor, "edit", revision.item.organisation, "您没有修改该信息的权限。")
    if not revision.is_open:
        raise ValidationError({"__all__": "该版本已结束。"})
    revision.state = "discarded"
    revision.save(update_fields=["state"])
    for f in revision.new_files.all():
        f.file.delete(save=False)
        f.delete()
    record(revision.item, "change", actor=actor, reason=f"放弃第{revision.number}版修改")


@transaction.atomic
def approve_revision(revision: ItemRevision, *, actor, privacy_override_reason: str = "") -> Item:
    """Publish an approved new version: its content replaces the item's public content."""
    revision = ItemRevision.objects.select_for_update().get(pk=revision.pk)
    item = Item.objects.select_for_update().get(pk=revision.item_id)
    _require(actor, "review", item.organisation, "您没有审核该信息的权限。")
    if revision.state != "submitted":
        raise ValidationError({"__all__": "只有待审核的版本可以审核通过。"})
    if revision.author_id is not None and actor is not None and revision.author_id == actor.pk:
        raise PermissionDenied("修改人不能审核自己的修改。")
    findings = guard_findings(item, revision)
    override = (privacy_override_reason or "").strip()
    if findings and not override:
        raise ValidationError(
            {
                "privacy_override_reason": f"隐私检查发现 {len(findings)} 处未遮盖的个人信息，"
                "请先一键遮盖，或填写放行理由。"
            }
        )
    before = snapshot(item)
    data = clean_fields(item.organisation, {}, partial_of=revision.data)
    _apply(item, data)
    item.version = revision.number
    item.approved_by = actor
    item.approved_at = timezone.now()
    item.privacy_override_reason = override if findings else ""
    item.save()
    _set_m2m(item, data)
    removed = revision.data.get("remove_attachments", [])
    for att in item.attachments.filter(pk__in=removed):
        att.delete()
    start = item.attachments.count()
    for i, new in enumerate(revision.new_files.all()):
        Attachment.objects.create(
            item=item,
            file=new.file.name,
            name=new.name,
            content_type=new.content_type,
            size=new.size,
            text=new.text,
            sort_order=start + i,
        )
    revision.state = "published"
    revision.approved_by = actor
    revision.decided_at = timezone.now()
    revision.privacy_override_reason = item.privacy_override_reason
    revision.data = snapshot(item)
    revision.save()
    record(
        item,
        "transition",
        actor=actor,
        from_state="revision_submitted",
        to_state="published",
        changes={**_diff(before, revision.data), "version": [revision.number - 1, revision.number]},
        reason=f"隐私检查放行：{override}" if findings else "",
    )
    if item.is_public:
        _notify(signals.item_published, item)
    return item
