"""Signal handlers that keep the search index current.

Inside the transaction (``post_save`` & co.) a queue row is written; after the commit the
catalog's ``item_published`` / ``item_unpublished`` / ``item_changed`` (and our own
``on_commit``) drain the queue in this process, so the change is searchable within a second.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save


def _item_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from gongkai.search.indexing import changed

    changed([instance.pk])


def _attachment_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from gongkai.search.indexing import changed

    changed([instance.item_id])


def _m2m(sender, instance, action, reverse=False, pk_set=None, **kwargs):
    if not action.startswith("post_"):
        return
    from gongkai.search.indexing import changed

    if reverse:
        # an organisation's issued items changed, or an item's interpretations
        changed(pk_set or [])
    else:
        changed([instance.pk])


def _org_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from gongkai.catalog.models import Item
    from gongkai.search import aliases
    from gongkai.search.indexing import changed

    aliases.invalidate()
    org_id = getattr(instance, "organisation_id", None) or instance.pk
    ids = list(Item.objects.public().filter(organisation_id=org_id).values_list("pk", flat=True))
    ids += list(Item.objects.public().filter(issuers=org_id).values_list("pk", flat=True))
    changed(ids)


def _catalog_signal(sender, item=None, **kwargs):
    """After the commit of a publication, withdrawal or change: index it now."""
    if item is None or kwargs.get("in_batch"):
        return  # a batch: _catalog_batch
    from gongkai.search.indexing import drain_quietly, enqueue

    enqueue([item.pk])
    drain_quietly()


def _catalog_batch(sender, items=(), **kwargs):
    """The batch form of ``_catalog_signal`` (``catalog.signals.items_published``)."""
    from gongkai.search.indexing import drain_quietly, enqueue

    enqueue([item.pk for item in items])
    drain_quietly()


def connect() -> None:
    from gongkai.catalog import signals as catalog_signals
    from gongkai.catalog.models import Attachment, Item
    from gongkai.orgs.models import OrgAlias, Organisation

    post_save.connect(_item_saved, sender=Item, dispatch_uid="search_item_saved")
    post_delete.connect(_item_saved, sender=Item, dispatch_uid="search_item_deleted")
    post_save.connect(_attachment_changed, sender=Attachment, dispatch_uid="search_att_saved")
    post_delete.connect(_attachment_changed, sender=Attachment, dispatch_uid="search_att_deleted")
    m2m_changed.connect(_m2m, sender=Item.issuers.through, dispatch_uid="search_issuers")
    m2m_changed.connect(_m2m, sender=Item.interprets.through, dispatch_uid="search_interprets")
    post_save.connect(_org_changed, sender=Organisation, dispatch_uid="search_org_saved")
    post_save.connect(_org_changed, sender=OrgAlias, dispatch_uid="search_alias_saved")
    post_delete.connect(_org_changed, sender=OrgAlias, dispatch_uid="search_alias_deleted")
    for sig in (
        catalog_signals.item_published,
        catalog_signals.item_unpublished,
        catalog_signals.item_changed,
    ):
        sig.connect(_catalog_signal, sender=Item, dispatch_uid=f"search_{id(sig)}")
    catalog_signals.items_published.connect(
        _catalog_batch, sender=Item, dispatch_uid="search_batch"
    )
