"""Attachments of items: add, remove, mask personal data."""

from __future__ import annotations

import contextlib

from django.core.files.base import ContentFile
from django.db import transaction

from gongkai.accounts import permissions
from gongkai.core import files
from gongkai.core.actions import change
from gongkai.core.errors import Invalid
from gongkai.rules import privacy

from ..models import (
    Attachment,
    Item,
    RevisionAttachment,
)
from .common import NO_EDIT, PUBLISH_FIRST_REVISION
from .drafting import create_item
from .revisions import open_revision

NO_UPLOAD = "您没有为该信息上传附件的权限。"

# --------------------------------------------------------------------------- attachments


def _checked(name: str, data: bytes):
    """The one upload check (gongkai.core.files); ``Invalid`` on the "file" field."""
    return files.accept_one((name, data), field="file")


def add_attachment(item: Item, *, actor, name: str, data: bytes):
    """Attach a file to a draft (or, for a published item, to its open revision).

    The type is checked from the content, the size against GONGKAI_MAX_UPLOAD_MB, and the text
    is extracted for search and the privacy guard. A refused file leaves nothing behind.
    """
    with change(actor, "edit", item.organisation, denied=NO_UPLOAD) as ch:
        item = Item.objects.select_for_update().get(pk=item.pk)
        return _attach(ch, item, _checked(name, data))


def add_attachments(item: Item, *, actor, accepted: list[files.Accepted]) -> list:
    """Attach several files checked by ``gongkai.core.files.accept``: all or none."""
    written: list = []
    with _removed_on_failure(written):
        with change(actor, "edit", item.organisation, denied=NO_UPLOAD) as ch:
            item = Item.objects.select_for_update().get(pk=item.pk)
            for one in accepted:
                written.append(_attach(ch, item, one))
    return written


def create_with_attachments(*, organisation, actor, accepted: list[files.Accepted], **fields):
    """A new draft and its first attachments (the create form) in one change: if anything is
    refused, neither the draft nor any file is kept."""
    written: list = []
    with _removed_on_failure(written):
        with change(actor, "edit", organisation, denied=NO_UPLOAD) as ch:
            item = create_item(organisation=organisation, actor=actor, **fields)
            for one in accepted:
                written.append(_attach(ch, item, one))
    return item


@contextlib.contextmanager
def _removed_on_failure(written: list):
    """Files are written before the rows commit: remove them again if the change fails."""
    try:
        yield
    except BaseException:
        for att in written:
            att.file.storage.delete(att.file.name)
        raise


def _attach(ch, item: Item, checked: files.Accepted):
    name = checked.name
    if item.state == Item.STATE_DRAFT:
        att = _store(Attachment, checked, item=item, sort_order=item.attachments.count())
        ch.audit(item, "change", changes={"attachments": ["", f"添加 {name}"]})
        return att
    revision = open_revision(item)
    if revision is None or revision.state != "draft":
        raise Invalid(errors={"file": "只有草稿或修改草稿可以上传附件；" + PUBLISH_FIRST_REVISION})
    att = _store(RevisionAttachment, checked, revision=revision)
    ch.audit(
        item,
        "change",
        changes={"attachments": ["", f"第{revision.number}版添加 {name}"]},
    )
    return att


def _store(model, checked: files.Accepted, **fields):
    """The shared storage rule: ``files.store`` (file named by its hash under the model's
    ``UPLOAD_DIR``, content type, size, sha256 and text in the row)."""
    return files.store(model, checked, **fields)


def remove_attachment(item: Item, attachment_id: int, *, actor) -> None:
    with change(actor, "edit", item.organisation, denied="您没有删除该附件的权限。") as ch:
        item = Item.objects.select_for_update().get(pk=item.pk)
        if item.state == Item.STATE_DRAFT:
            att = item.attachments.get(pk=attachment_id)
            name, stored, storage = att.name, att.file.name, att.file.storage
            att.delete()
            ch.audit(item, "change", changes={"attachments": [name, "已删除"]})
            ch.after_commit(lambda: storage.delete(stored))
            return
        revision = open_revision(item)
        if revision is None or revision.state != "draft":
            raise Invalid(PUBLISH_FIRST_REVISION[:-1] + "再删除附件。")
        pending = revision.new_files.filter(pk=attachment_id).first()
        if pending is not None:
            name, stored, storage = pending.name, pending.file.name, pending.file.storage
            pending.delete()
            ch.audit(
                item,
                "change",
                changes={"attachments": [name, f"第{revision.number}版中删除（新上传未发布）"]},
            )
            ch.after_commit(lambda: storage.delete(stored))
            return
        att = item.attachments.get(pk=attachment_id)
        data = dict(revision.data)
        data["remove_attachments"] = sorted({*data.get("remove_attachments", []), att.pk})
        revision.data = data
        revision.save(update_fields=["data"])
        ch.audit(
            item,
            "change",
            changes={"attachments": [att.name, f"第{revision.number}版中删除"]},
        )


def mask_personal_data(item: Item, *, actor) -> int:
    """The one-click helper: mask every finding in the title, body and maskable attachments
    (xlsx, docx) of a draft/submitted item or of its open revision. Returns how many were masked.
    PDFs and images cannot be rewritten: the guard keeps reporting them until replaced."""
    ability = "edit" if permissions.may(actor, "edit", item.organisation) else "review"
    with change(actor, ability, item.organisation, denied=NO_EDIT) as ch:
        item = Item.objects.select_for_update().get(pk=item.pk)
        return _mask(ch, item)


# Text fields that reach the public and that the helper may rewrite (a 发文字号 is left alone).
MASKED_FIELDS = ["title", "theme", "genre", "keywords", "body"]


def _mask(ch, item: Item) -> int:
    count = 0
    revision = open_revision(item) if item.state == Item.STATE_PUBLISHED else None
    if item.state == Item.STATE_PUBLISHED and revision is None:
        raise Invalid(PUBLISH_FIRST_REVISION)
    if revision is not None:
        data = dict(revision.data)
        for name in MASKED_FIELDS:
            data[name], n = privacy.mask_text(data.get(name, "") or "")
            count += n
        revision.data = data
        revision.save(update_fields=["data"])
        targets = list(revision.new_files.all())
    else:
        if item.state not in (Item.STATE_DRAFT, Item.STATE_SUBMITTED):
            raise Invalid("该状态的信息不能修改。")
        for name in MASKED_FIELDS:
            value, n = privacy.mask_text(getattr(item, name) or "")
            setattr(item, name, value)
            count += n
        item.save()
        targets = list(item.attachments.all())
    for att in targets:
        count += _mask_file(att)
    ch.audit(
        item,
        "change",
        changes={"masked": count},
        reason="一键遮盖个人信息",
    )
    return count


def _mask_file(att) -> int:
    ext = att.name.rsplit(".", 1)[-1].lower() if "." in att.name else ""
    masker = privacy.MASKABLE_EXTENSIONS.get(ext)
    if masker is None or not privacy.scan(att.text):
        return 0
    with att.file.open("rb") as fh:
        data = fh.read()
    new_data, n = masker(data)
    if not n:
        return 0
    checked = _checked(att.name, new_data)
    old_name = att.file.name
    att.file.save(f"{checked.sha256[:16]}.{checked.extension}", ContentFile(new_data), save=False)
    att.size, att.text, att.sha256 = checked.size, checked.text, checked.sha256
    att.content_type = checked.content_type
    att.save()
    transaction.on_commit(lambda: att.file.storage.delete(old_name))
    return n
