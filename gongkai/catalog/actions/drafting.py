"""Drafting an item: create, update, submit, return to draft."""

from __future__ import annotations

from django.utils import timezone

from gongkai.accounts import permissions
from gongkai.core.actions import change
from gongkai.core.errors import Invalid
from gongkai.rules.sanitize import html_to_text

from ..models import (
    Item,
)
from .common import (
    FIELD_LABELS,
    NO_SUBMIT,
    REASON_TO_RETURN,
    _apply,
    _plain,
    _set_m2m,
    clean_fields,
    snapshot,
    user_of,
)

# --------------------------------------------------------------------------- drafting


def create_item(*, organisation, actor, **fields) -> Item:
    """A new draft of ``organisation`` written by ``actor`` (who needs the edit ability)."""
    with change(actor, "edit", organisation, denied="您没有在该机构起草信息的权限。") as ch:
        data = clean_fields(organisation, fields)
        item = Item(organisation=organisation, author=user_of(actor), state=Item.STATE_DRAFT)
        _apply(item, data)
        item.save()
        _set_m2m(item, data)
        ch.audit(item, "create", changes={"content": _short(data)}, to_state="draft")
        return item


def _short(data: dict) -> dict:
    shown = {k: v for k, v in _plain(data).items() if k != "body"}
    shown["body"] = f"{len(html_to_text(data.get('body', '')))} 字"
    return shown


def update_item(item: Item, *, actor, **fields) -> Item:
    """Change a draft. A published item is not changed here: use ``start_revision``."""
    with change(actor, "edit", item.organisation, denied="您没有编辑该信息的权限。") as ch:
        item = Item.objects.select_for_update().get(pk=item.pk)
        if item.state != Item.STATE_DRAFT:
            raise Invalid("只有草稿可以直接修改；已发布的信息请创建修改版本。")
        before = snapshot(item)
        data = clean_fields(item.organisation, fields, partial_of=before)
        _apply(item, data)
        item.save()
        _set_m2m(item, data)
        changes = _diff(before, snapshot(item))
        if changes:
            ch.audit(item, "change", changes=changes)
        return item


def _diff(before: dict, after: dict) -> dict:
    out = {}
    for k in FIELD_LABELS.keys() | {"body"}:
        if before.get(k) != after.get(k):
            out[k] = ["（正文已修改）", ""] if k == "body" else [before.get(k), after.get(k)]
    return out


def _submit_problems(item: Item, data: dict) -> dict:
    errors = {}
    if not data["entries"]:
        errors["entries"] = "请至少选择一个所属栏目。"
    if data["kind"] == "interpretation" and not data["interprets"]:
        errors["interprets"] = "解读须关联所解读的政策文件。"
    return errors


def submit(item: Item, *, actor) -> Item:
    """draft → submitted (for review)."""
    with change(actor, "edit", item.organisation, denied=NO_SUBMIT) as ch:
        item = Item.objects.select_for_update().get(pk=item.pk)
        if item.state != Item.STATE_DRAFT:
            raise Invalid("只有草稿可以提交审核。")
        data = clean_fields(item.organisation, {}, partial_of=snapshot(item))
        errors = _submit_problems(item, data)
        if errors:
            raise Invalid(errors=errors)
        item.state = Item.STATE_SUBMITTED
        item.submitted_at = timezone.now()
        item.save(update_fields=["state", "submitted_at", "updated_at"])
        ch.audit(item, "transition", from_state="draft", to_state="submitted")
        return item


def return_to_draft(item: Item, *, actor, reason: str) -> Item:
    """submitted/approved → draft: the reviewer sends it back (or the author recalls it)."""
    is_author = item.author_id is not None and item.author_id == getattr(actor, "pk", None)
    reviewer = permissions.may(actor, "review", item.organisation)
    ability = "review" if reviewer or not is_author else "edit"
    with change(actor, ability, item.organisation, denied="您没有退回该信息的权限。") as ch:
        item = Item.objects.select_for_update().get(pk=item.pk)
        if item.state not in (Item.STATE_SUBMITTED, Item.STATE_APPROVED):
            raise Invalid("只有待审核或待发布的信息可以退回。")
        if not (reason or "").strip() and not is_author:
            raise Invalid(errors={"reason": REASON_TO_RETURN})
        old = item.state
        item.state = Item.STATE_DRAFT
        item.scheduled_at = None
        item.approved_by = None
        item.save(update_fields=["state", "scheduled_at", "approved_by", "updated_at"])
        ch.audit(item, "transition", from_state=old, to_state="draft", reason=reason)
        return item
