"""Reacting to the catalog: a newly published policy is linked to its gazette article."""

from __future__ import annotations

import logging

log = logging.getLogger("gongkai.gazette")


def link_published_item(sender, item, **kwargs):
    from gongkai.core.actors import SYSTEM

    from .actions import auto_link_item

    if kwargs.get("in_batch"):
        return  # link_published_items takes the batch
    try:
        auto_link_item(SYSTEM("gazette link"), item)
    except Exception:  # a failed link must never break publishing
        log.exception("gazette: linking item %s failed", getattr(item, "pk", None))


def link_published_items(sender, items=(), **kwargs):
    """The batch form (``catalog.signals.items_published``): only policies are looked at, and
    only in a city whose gazette has an unlinked policy article (one query for the batch)."""
    from .actions.links import POLICY_KINDS
    from .models import Article

    policies = [i for i in items if i.kind in POLICY_KINDS.values() and i.is_public]
    if not policies:
        return
    open_cities = set(
        Article.objects.filter(
            item__isnull=True, kind__in=list(POLICY_KINDS), link_state=Article.LINK_NONE
        ).values_list("issue__gazette__organisation_id", flat=True)
    )
    for item in policies:
        if (item.organisation.city_id or item.organisation_id) in open_cities:
            link_published_item(sender, item)
