"""Validity of published items (有效/失效/废止) and the expiry job."""

from __future__ import annotations

import datetime as dt

from gongkai.core.actions import change
from gongkai.core.actors import SYSTEM
from gongkai.core.errors import Invalid
from gongkai.rules import dates

from .. import signals
from ..labels import VALIDITY_LABELS
from ..models import (
    Item,
)
from .common import _as_date

# --------------------------------------------------------------------------- validity


def set_validity(
    item: Item,
    *,
    actor,
    validity: str,
    changed_on: dt.date | None = None,
    replaced_by: Item | None = None,
    note: str = "",
    expires_on: dt.date | None | str = "keep",
) -> Item:
    """Mark an item 有效 / 失效 / 废止 / 已修改, with the date and the item that replaces it."""
    with change(actor, "edit", item.organisation, denied="您没有修改该信息有效性的权限。") as ch:
        item = Item.objects.select_for_update().get(pk=item.pk)
        if validity not in VALIDITY_LABELS:
            raise Invalid(errors={"validity": "有效性无效。"})
        if replaced_by is not None:
            if replaced_by.pk == item.pk:
                raise Invalid(errors={"replaced_by": "不能由自身替代。"})
            if validity not in ("repealed", "amended", "expired"):
                raise Invalid(
                    errors={"replaced_by": "只有失效、废止或已修改的信息才能指定替代文件。"}
                )
        if validity == "amended" and replaced_by is None:
            raise Invalid(errors={"replaced_by": "“已修改”须指定修改后的文件。"})
        before = {
            "validity": item.validity,
            "validity_changed_on": item.validity_changed_on,
            "replaced_by": item.replaced_by_id,
            "expires_on": item.expires_on,
        }
        item.validity = validity
        item.validity_changed_on = None if validity == "valid" else (changed_on or dates.today())
        item.replaced_by = replaced_by if validity != "valid" else None
        item.validity_note = (note or "").strip()[:300]
        if expires_on != "keep":
            item.expires_on = _as_date(expires_on)
        item.save()
        after = {
            "validity": item.validity,
            "validity_changed_on": item.validity_changed_on,
            "replaced_by": item.replaced_by_id,
            "expires_on": item.expires_on,
        }
        ch.audit(
            item,
            "change",
            changes={k: [before[k], after[k]] for k in before if before[k] != after[k]},
            reason=note,
        )
        if item.is_public:
            ch.send(signals.item_changed, sender=Item, item=item)
        return item


def expire_due(now: dt.datetime | None = None) -> str:
    """Scheduled job: items whose expiry date has come become 失效 on that day."""
    today = dates.local(now).date() if now else dates.today()
    count = 0
    with change(SYSTEM("catalog expire_due")) as ch:
        for item in Item.objects.select_for_update().filter(
            validity="valid", expires_on__lte=today
        ):
            item.validity = "expired"
            item.validity_changed_on = item.expires_on
            item.save(update_fields=["validity", "validity_changed_on", "updated_at"])
            ch.audit(
                item,
                "change",
                changes={"validity": ["valid", "expired"]},
                reason=f"失效日期 {item.expires_on.isoformat()} 已到，自动标记为失效",
            )
            if item.is_public:
                ch.send(signals.item_changed, sender=Item, item=item)
            count += 1
    return f"{count} item(s) expired"
