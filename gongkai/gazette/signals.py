"""Reacting to the catalog: a newly published policy is linked to its gazette article."""

from __future__ import annotations

import logging

log = logging.getLogger("gongkai.gazette")


def link_published_item(sender, item, **kwargs):
    from gongkai.core.actors import SYSTEM

    from .actions import auto_link_item

    try:
        auto_link_item(SYSTEM("gazette link"), item)
    except Exception:  # a failed link must never break publishing
        log.exception("gazette: linking item %s failed", getattr(item, "pk", None))
