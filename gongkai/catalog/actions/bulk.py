"""Publishing many items in one transaction: imports, loaders and the benchmark fill.

``publish_many(rows, actor=…, reason=…)`` applies the rules of a one-step publication to every
row (``publish_item_now`` is the batch of one): the review permission on each organisation of
the batch, every row's fields through ``clean_fields`` (validation, normalisation, the body
sanitised; ``Invalid`` on the first bad row, naming it, and nothing of the batch is stored),
the index numbers from the (organisation, year) counter — reserved once per pair for the batch,
in the order of the rows — a kept version, "create" and "published" audit entries for each
item, the column/issuer/interpretation links, the search change-log rows, and after the commit
``item_published`` for each item (search, page cache, plans, gazette, open data and responses
hear of every item as they do of a single publication).

What a single publication does row by row is done once per batch here: the columns and policies
the rows name are looked up once, the items, links, versions and audit entries are written with
``bulk_create``, the change log gets one insert. The queries of a batch do not grow with its
size (tests/catalog/test_bulk.py counts them), only the signals after the commit are per item.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from gongkai.accounts.permissions import require
from gongkai.core.actions import change
from gongkai.core.errors import Invalid
from gongkai.core.serials import reserve_many
from gongkai.rules import catalog_rules, dates
from gongkai.rules.sanitize import html_to_text

from .. import signals
from ..models import Attachment, CatalogEntry, Item, ItemRevision
from .attachments import _checked, _store
from .common import M2M_FIELDS, _apply, clean_fields, snapshot, user_of

# Keyword arguments of a row that are not content fields (``clean_fields`` does not see them).
_ITEM_ONLY = ("validity", "replaced_by", "validity_changed_on", "no_interpretation_reason")


@dataclass
class _Row:
    item: Item
    data: dict
    when: object
    attachments: list = field(default_factory=list)


def publish_many(rows, *, actor, reason: str = "批量导入") -> list[Item]:
    """Create and publish the items of ``rows`` in one transaction; returns them in order.

    Each row is a dict of the keyword arguments of ``publish_item_now``: ``organisation``,
    ``title``, ``body``, ``entries`` (CatalogEntry objects or ids of that organisation) and
    optionally ``published_at``, ``attachments`` ([(name, bytes)]), ``validity``,
    ``replaced_by``, ``issuers``, ``interprets`` and the other fields of ``Item``. ``actor`` is
    ``SYSTEM("…")`` for imports and loaders, or a user with the review ability on every
    organisation of the batch (else ``Forbidden``, nothing stored)."""
    rows = list(rows)
    if not rows:
        return []
    orgs = list({row["organisation"].pk: row["organisation"] for row in rows}.values())
    with change(actor, "review", orgs[0]) as ch:
        for org in orgs[1:]:
            require(actor, "review", org)
        return _publish_rows(ch, rows, reason)


def _publish_rows(ch, rows: list[dict], reason: str) -> list[Item]:
    known = _lookups(rows)
    now = dates.now()
    prepared = []
    for n, row in enumerate(rows, 1):
        try:
            prepared.append(_prepare(row, ch.actor, known, now))
        except Invalid as exc:
            if len(rows) == 1:
                raise
            raise Invalid(errors={k: f"第{n}条：{v}" for k, v in exc.errors.items()}) from exc
    _number(prepared)
    items = Item.objects.bulk_create([p.item for p in prepared], batch_size=500)
    _link(prepared)
    for p in prepared:
        for i, (name, content) in enumerate(p.attachments):
            _store(Attachment, _checked(name, content), item=p.item, sort_order=i)
    ItemRevision.objects.bulk_create([_revision(p) for p in prepared], batch_size=500)
    ch.audit_many(_audit_rows(prepared, reason))
    from gongkai.search import registry

    registry.changed("item", [item.pk for item in items])
    ch.after_commit(lambda: _announce(items))
    return items


def _lookups(rows: list[dict]) -> dict:
    """The columns and interpreted policies the rows name, read once (for ``clean_fields``)."""
    entry_ids, policy_ids = set(), set()
    for row in rows:
        entry_ids.update(_pks(row.get("entries")))
        policy_ids.update(_pks(row.get("interprets")))
    entries: dict[int, set[int]] = {}
    if entry_ids:
        for org_id, pk in CatalogEntry.objects.filter(pk__in=entry_ids).values_list(
            "organisation_id", "pk"
        ):
            entries.setdefault(org_id, set()).add(pk)
    kinds = {}
    if policy_ids:
        kinds = dict(Item.objects.filter(pk__in=policy_ids).values_list("pk", "kind"))
    return {"entries": entries, "kinds": kinds}


def _pks(values) -> list[int]:
    out = []
    for v in values or []:
        try:
            out.append(v.pk if hasattr(v, "pk") else int(v))
        except (TypeError, ValueError):
            continue  # clean_fields reports it
    return out


def _prepare(row: dict, actor, known: dict, now) -> _Row:
    """One row's item, validated and normalised, not saved yet (the rules of one publication)."""
    fields = dict(row)
    organisation = fields.pop("organisation")
    when = fields.pop("published_at", None) or now
    attachments = list(fields.pop("attachments", ()) or ())
    extra = {name: fields.pop(name) for name in _ITEM_ONLY if name in fields}
    data = clean_fields(organisation, fields, known=known)
    item = Item(organisation=organisation, author=user_of(actor), approved_by=user_of(actor))
    _apply(item, data)
    item.validity = extra.get("validity", "valid")
    item.replaced_by = extra.get("replaced_by")
    item.validity_changed_on = extra.get("validity_changed_on")
    item.no_interpretation_reason = extra.get("no_interpretation_reason", "")
    item.body_text = html_to_text(item.body)  # what Item.save() keeps beside the clean body
    item.state = Item.STATE_PUBLISHED
    item.approved_at = when
    item.published_at = when
    return _Row(item, data, when, attachments)


def _number(prepared: list[_Row]) -> None:
    """Index numbers from the (organisation, year) counters: each pair's numbers reserved at
    once for the batch (``core.serials.reserve_many``) and given in the order of the rows."""
    groups: dict[tuple[int, int], list[_Row]] = {}
    for p in prepared:
        groups.setdefault((p.item.organisation_id, dates.local(p.when).year), []).append(p)
    serials = reserve_many("index_no", {k: len(members) for k, members in groups.items()})
    for (org_id, year), members in groups.items():
        code = members[0].item.organisation.code
        for p, serial in zip(members, serials[(org_id, year)], strict=True):
            p.item.index_no = catalog_rules.format_index_no(code, year, serial)


def _link(prepared: list[_Row]) -> None:
    for name in M2M_FIELDS:
        m2m = Item._meta.get_field(name)
        through = m2m.remote_field.through
        src, dst = f"{m2m.m2m_field_name()}_id", f"{m2m.m2m_reverse_field_name()}_id"
        links = [through(**{src: p.item.pk, dst: pk}) for p in prepared for pk in p.data[name]]
        if links:
            through.objects.bulk_create(links, batch_size=1000)


def _revision(p: _Row) -> ItemRevision:
    data = {**snapshot_fields(p.item), **{n: sorted(p.data[n]) for n in M2M_FIELDS}}
    return ItemRevision(
        item=p.item,
        number=p.item.version,
        state="published",
        data=data,
        author=p.item.author,
        approved_by=p.item.approved_by,
        privacy_override_reason=p.item.privacy_override_reason,
        decided_at=p.when,
    )


def snapshot_fields(item: Item) -> dict:
    """``snapshot`` of an item's scalar fields without reading its links."""
    pk, item.pk = item.pk, None
    try:
        return snapshot(item)
    finally:
        item.pk = pk


def _audit_rows(prepared: list[_Row], reason: str):
    for p in prepared:
        yield p.item, "create", {"reason": reason, "to_state": "approved"}
        changes = {"index_no": p.item.index_no, "published_at": p.item.published_at}
        yield (
            p.item,
            "transition",
            {
                "from_state": "approved",
                "to_state": "published",
                "changes": changes,
            },
        )


def _announce(items: list[Item]) -> None:
    """After the commit: ``item_published`` for each item (``in_batch=True``), then the batch
    form ``items_published`` once (``catalog.signals``: a receiver with per-item queries takes
    the batch instead). What the receivers write for the batch is one transaction (their own actions nest in it),
    and the search index is drained once for the batch, not once per item."""
    from gongkai.search import indexing

    with indexing.one_drain(), transaction.atomic():
        for item in items:
            signals.item_published.send(sender=Item, item=item, in_batch=True)
        signals.items_published.send(sender=Item, items=items)
