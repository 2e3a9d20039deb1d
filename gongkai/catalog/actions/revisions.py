"""New versions of published items: start, edit, submit, reject, discard, approve."""

from __future__ import annotations

from gongkai.core.actions import change
from gongkai.core.errors import Forbidden, Invalid
from gongkai.rules import dates

from .. import signals
from ..models import (
    Attachment,
    Item,
    ItemRevision,
)
from .common import (
    NO_EDIT,
    NO_REVIEW,
    NO_SUBMIT,
    REASON_TO_RETURN,
    SELF_APPROVAL,
    _apply,
    _plain,
    _set_m2m,
    clean_fields,
    privacy_block,
    snapshot,
    user_of,
)
from .drafting import _diff, _submit_problems
from .review import content_editors, guard_findings

# --------------------------------------------------------------------------- revisions


def open_revision(item: Item) -> ItemRevision | None:
    return item.revisions.filter(state__in=["draft", "submitted", "rejected"]).first()


def start_revision(item: Item, *, actor, note: str = "") -> ItemRevision:
    """Open a new version of a published item (or return the open one)."""
    with change(actor, "edit", item.organisation, denied=NO_EDIT) as ch:
        item = Item.objects.select_for_update().get(pk=item.pk)
        if item.state != Item.STATE_PUBLISHED:
            raise Invalid("只有已发布的信息需要创建修改版本。")
        existing = open_revision(item)
        if existing is not None:
            return existing
        revision = ItemRevision.objects.create(
            item=item,
            number=item.version + 1,
            state="draft",
            data={**snapshot(item), "remove_attachments": []},
            author=user_of(actor),
            note=note,
        )
        ch.audit(item, "change", reason=f"创建第{revision.number}版修改草稿 {note}".strip())
        return revision


def update_revision(revision: ItemRevision, *, actor, **fields) -> ItemRevision:
    with change(actor, "edit", revision.item.organisation, denied=NO_EDIT) as ch:
        revision = ItemRevision.objects.select_for_update().get(pk=revision.pk)
        item = revision.item
        if revision.state not in ("draft", "rejected"):
            raise Invalid("只有修改草稿可以编辑。")
        before = dict(revision.data)
        data = clean_fields(item.organisation, fields, partial_of=revision.data)
        data = _plain(data)
        data["remove_attachments"] = revision.data.get("remove_attachments", [])
        revision.data = data
        revision.state = "draft"
        if "note" in fields:
            revision.note = fields["note"]
        revision.save()
        changes = _diff(before, data)
        if changes:
            ch.audit(item, "change", changes=changes, reason=f"修改第{revision.number}版草稿")
        return revision


def submit_revision(revision: ItemRevision, *, actor) -> ItemRevision:
    with change(actor, "edit", revision.item.organisation, denied=NO_SUBMIT) as ch:
        revision = ItemRevision.objects.select_for_update().get(pk=revision.pk)
        if revision.state not in ("draft", "rejected"):
            raise Invalid("只有修改草稿可以提交审核。")
        data = clean_fields(revision.item.organisation, {}, partial_of=revision.data)
        errors = _submit_problems(revision.item, data)
        if errors:
            raise Invalid(errors=errors)
        revision.state = "submitted"
        revision.save(update_fields=["state"])
        ch.audit(
            revision.item,
            "transition",
            from_state="revision_draft",
            to_state="revision_submitted",
            reason=f"第{revision.number}版提交审核",
        )
        return revision


def reject_revision(revision: ItemRevision, *, actor, reason: str) -> ItemRevision:
    with change(actor, "review", revision.item.organisation, denied=NO_REVIEW) as ch:
        revision = ItemRevision.objects.select_for_update().get(pk=revision.pk)
        if revision.state != "submitted":
            raise Invalid("只有待审核的版本可以退回。")
        if not (reason or "").strip():
            raise Invalid(errors={"reason": REASON_TO_RETURN})
        revision.state = "rejected"
        revision.save(update_fields=["state"])
        ch.audit(
            revision.item,
            "transition",
            from_state="revision_submitted",
            to_state="revision_rejected",
            reason=reason,
        )
        return revision


def discard_revision(revision: ItemRevision, *, actor) -> None:
    with change(actor, "edit", revision.item.organisation, denied=NO_EDIT) as ch:
        revision = ItemRevision.objects.select_for_update().get(pk=revision.pk)
        if not revision.is_open:
            raise Invalid("该版本已结束。")
        revision.state = "discarded"
        revision.save(update_fields=["state"])
        for f in revision.new_files.all():
            f.file.delete(save=False)
            f.delete()
        ch.audit(revision.item, "change", reason=f"放弃第{revision.number}版修改")


def approve_revision(revision: ItemRevision, *, actor, privacy_override_reason: str = "") -> Item:
    """Publish an approved new version: its content replaces the item's public content."""
    with change(actor, "review", revision.item.organisation, denied=NO_REVIEW) as ch:
        revision = ItemRevision.objects.select_for_update().get(pk=revision.pk)
        item = Item.objects.select_for_update().get(pk=revision.item_id)
        if revision.state != "submitted":
            raise Invalid("只有待审核的版本可以审核通过。")
        editors = content_editors(item, since=revision.created_at)
        if revision.author_id:
            editors.add(revision.author_id)
        if getattr(actor, "pk", None) in editors:
            raise Forbidden(SELF_APPROVAL)
        findings = guard_findings(item, revision)
        override = (privacy_override_reason or "").strip()
        if findings and not override:
            raise Invalid(errors={"privacy_override_reason": privacy_block(len(findings))})
        before = snapshot(item)
        data = clean_fields(item.organisation, {}, partial_of=revision.data)
        _apply(item, data)
        item.version = revision.number
        item.approved_by = user_of(actor)
        item.approved_at = dates.now()
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
                sha256=new.sha256,
                text=new.text,
                uploaded_at=new.uploaded_at,
                sort_order=start + i,
            )
        revision.state = "published"
        revision.approved_by = user_of(actor)
        revision.decided_at = dates.now()
        revision.privacy_override_reason = item.privacy_override_reason
        revision.data = snapshot(item)
        revision.save()
        ch.audit(
            item,
            "transition",
            from_state="revision_submitted",
            to_state="published",
            changes={
                **_diff(before, revision.data),
                "version": [revision.number - 1, revision.number],
            },
            reason=f"隐私检查放行：{override}" if findings else "",
        )
        if item.is_public:
            ch.send(signals.item_published, sender=Item, item=item)
        return item
