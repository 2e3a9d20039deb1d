"""Publishing an item in one step (demo loaders, other apps' fixtures)."""

from __future__ import annotations

import datetime as dt

from gongkai.core.actions import change
from gongkai.rules import dates

from ..models import (
    Attachment,
    Item,
)
from .attachments import _checked, _store
from .common import _apply, _set_m2m, clean_fields, user_of
from .review import _publish

# --------------------------------------------------------------------------- loaders


def publish_item_now(
    *,
    organisation,
    title: str,
    body: str,
    entries,
    actor,
    published_at: dt.datetime | None = None,
    attachments: list[tuple[str, bytes]] = (),
    reason: str = "批量导入",
    **fields,
) -> Item:
    """Create and publish an item in one go — for demo loaders, imports and trusted code only.

    ``actor`` is explicit: ``SYSTEM("…")`` for loaders and imports (recorded as 系统（…）), or a
    user, who needs the review ability on ``organisation``. It skips the review steps (no no author/approver separation, no privacy
    guard or interpretation rule) but otherwise behaves like a publication: fields are
    validated and normalised (ValidationError on bad input), the body is sanitised, the index
    number is assigned from the (organisation, year of ``published_at``) counter, a version is
    kept, the audit log gets "create" and "published" entries, and ``item_published`` is sent
    on commit. ``entries``: CatalogEntry objects or ids of ``organisation``; other fields as in
    ``Item`` (``issuers``/``interprets`` as lists, ``validity``, ``replaced_by`` …).
    """
    with change(actor, "review", organisation) as ch:
        return _publish_now(
            ch, organisation, title, body, entries, published_at, attachments, reason, fields
        )


def _publish_now(ch, organisation, title, body, entries, published_at, attachments, reason, fields):
    actor = ch.actor
    validity = fields.pop("validity", "valid")
    replaced_by = fields.pop("replaced_by", None)
    validity_changed_on = fields.pop("validity_changed_on", None)
    no_interpretation_reason = fields.pop("no_interpretation_reason", "")
    data = clean_fields(organisation, {**fields, "title": title, "body": body, "entries": entries})
    item = Item(organisation=organisation, author=user_of(actor), approved_by=user_of(actor))
    _apply(item, data)
    item.validity = validity
    item.replaced_by = replaced_by
    item.validity_changed_on = validity_changed_on
    item.no_interpretation_reason = no_interpretation_reason
    item.state = Item.STATE_APPROVED
    item.approved_at = published_at or dates.now()
    item.save()
    _set_m2m(item, data)
    for i, (name, content) in enumerate(attachments):
        _store(Attachment, _checked(name, content), item=item, sort_order=i)
    ch.audit(item, "create", reason=reason, to_state="approved")
    _publish(ch, item, published_at=published_at)
    return item
