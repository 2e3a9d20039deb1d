"""Storing link and attachment checks of public items."""

from __future__ import annotations

from gongkai.core.actions import change
from gongkai.rules import dates

from ..models import LinkCheck


def record_link(actor, *, item, url, ok, status=None, seconds=None, error="") -> LinkCheck:
    """The latest result of one link of ``item``; the day it first failed is kept."""
    with change(actor, "view_internal", item.organisation) as ch:
        link = LinkCheck.objects.filter(url=url[:1000], item_id=item.pk).first()
        before = None if link is None else link.ok
        if link is None:
            link = LinkCheck(url=url[:1000], item_id=item.pk)
        link.organisation = item.organisation
        link.label = item.title[:300]
        link.ok, link.status, link.seconds = ok, status, seconds
        link.error = (error or "")[:300]
        link.checked_at = dates.now()
        if ok:
            link.broken_since = None
        elif link.broken_since is None:
            link.broken_since = dates.today()
        link.save()
        if before != ok:  # only a change of state is worth an audit entry
            ch.audit(link, "transition", from_state="" if before is None else str(before),
                     to_state=str(ok), reason=error or "链接检查")  # fmt: skip
    return link
