"""Keeping the index current: queue, drain, rebuild (used by signals, jobs and commands)."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable, Iterator

from django.db import transaction

from gongkai.search.documents import IndexDoc, build_docs, public_item_ids
from gongkai.search.models import IndexQueue

log = logging.getLogger("gongkai.search")
BATCH = 500


def enqueue(item_ids: Iterable[int]) -> None:
    rows = [IndexQueue(item_id=int(pk)) for pk in dict.fromkeys(item_ids) if pk]
    if rows:
        IndexQueue.objects.bulk_create(rows)


def drain(backend=None, limit: int | None = None) -> int:
    """Index every queued item (or drop it from the index); returns how many items.

    Runs under the backend's writer lock so that reading the items and writing the index are
    one step: a slower process can never overwrite a newer entry with an older state.
    """
    from gongkai.search.backends import get_backend

    backend = backend or get_backend()
    done = 0
    with backend.lock():
        while limit is None or done < limit:
            rows = list(IndexQueue.objects.order_by("pk").values_list("pk", "item_id")[:BATCH])
            if not rows:
                break
            ids = list(dict.fromkeys(item_id for _, item_id in rows))
            backend.update(build_docs(ids), ids)
            IndexQueue.objects.filter(pk__in=[pk for pk, _ in rows]).delete()
            done += len(ids)
    return done


def drain_quietly() -> None:
    """Drain after a change; a failure is logged and left to the next drain (cron)."""
    try:
        drain()
    except Exception:  # the change itself is committed; indexing must not break it
        log.exception("search: indexing queue not drained; `gongkai search process` will retry")


def changed(item_ids: Iterable[int]) -> None:
    """Record that items changed: queue now, index right after the surrounding commit."""
    item_ids = [pk for pk in item_ids if pk]
    if not item_ids:
        return
    enqueue(item_ids)
    transaction.on_commit(drain_quietly)


def all_docs(progress=None) -> Iterator[IndexDoc]:
    ids = list(public_item_ids())
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        docs = build_docs(chunk)
        for pk in chunk:
            if pk in docs:
                yield docs[pk]
        if progress:
            progress(min(start + BATCH, len(ids)))


def rebuild(backend=None) -> int:
    """Rebuild the whole index from the catalog, then apply what was queued meanwhile."""
    from gongkai.search.backends import get_backend

    backend = backend or get_backend()
    n = backend.rebuild(all_docs())
    with contextlib.suppress(Exception):
        drain(backend)
    return n


def queue_length() -> int:
    return IndexQueue.objects.count()


def process_queue_job(now) -> str:
    """Index what is queued; after an index-format upgrade, rebuild the whole index first."""
    from gongkai.search.backends import get_backend

    backend = get_backend()
    if backend.needs_rebuild():
        return f"search: index format upgraded, rebuilt with {rebuild(backend)} item(s)"
    n = drain()
    return f"search: {n} queued item(s) indexed"


def changed_docs(kind: str, ids: list[int]) -> None:
    """Queue changed documents of a registered kind (``gongkai.search.registry.changed``)."""
    if kind == "item":
        changed(ids)
        return
    log.debug("search: %s %s queued for the generic index", kind, ids)
