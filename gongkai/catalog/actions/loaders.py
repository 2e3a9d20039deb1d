"""Publishing an item in one step (demo loaders, other apps' fixtures): a batch of one."""

from __future__ import annotations

import datetime as dt

from ..models import Item
from .bulk import publish_many

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
    user, who needs the review ability on ``organisation``. It skips the review steps (no
    author/approver separation, no privacy guard or interpretation rule) but otherwise behaves
    like a publication: fields are validated and normalised (``Invalid`` on bad input), the body
    is sanitised, the index number is assigned from the (organisation, year of
    ``published_at``) counter, a version is kept, the audit log gets "create" and "published"
    entries, and ``item_published`` is sent on commit. ``entries``: CatalogEntry objects or ids
    of ``organisation``; other fields as in ``Item`` (``issuers``/``interprets`` as lists,
    ``validity``, ``replaced_by`` …). Many items at once: ``publish_many`` (the same rules).
    """
    row = {"organisation": organisation, "title": title, "body": body, "entries": entries,
           "published_at": published_at, "attachments": attachments, **fields}  # fmt: skip
    return publish_many([row], actor=actor, reason=reason)[0]
