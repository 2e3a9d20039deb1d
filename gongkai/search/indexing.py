"""Keeping every index current: log changes, drain them, rebuild (signals, jobs, commands).

A change appends (kind, id) rows to the log inside its own transaction; right after the commit
the process drains the log into its index; ``gongkai jobs run`` (cron, on every node) and a
search that finds its index behind do the same for whatever is left, so a crash between commit
and indexing is healed by the next drain. See ``gongkai.search.follow`` for the cursor.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.db import transaction

from gongkai.search import follow, registry
from gongkai.search.models import IndexQueue
from gongkai.search.registry import SearchDoc

log = logging.getLogger("gongkai.search")
BATCH = 500
# After a change, the drain waits this long for another writer of the index (one merging a
# level of segments takes seconds at 10^6 documents), then leaves the change to the next
# drain (the next search's catch-up, or cron): a publication never waits for a merge.
DRAIN_WAIT = 2.0


def key(kind: str, pk: int) -> str:
    return f"{kind}:{int(pk)}"


def split(k: str) -> tuple[str, int]:
    kind, _, pk = k.rpartition(":")
    return kind, int(pk)


def enqueue(item_ids: Iterable[int], kind: str = "item") -> None:
    rows = [IndexQueue(kind=kind, obj_id=int(pk)) for pk in dict.fromkeys(item_ids) if pk]
    if rows:
        IndexQueue.objects.bulk_create(rows)


def build(keys: Iterable[str]) -> dict[str, SearchDoc]:
    """The documents of these keys that are public now (absent: drop from the index)."""
    by_kind: dict[str, list[int]] = {}
    for k in keys:
        kind, pk = split(k)
        by_kind.setdefault(kind, []).append(pk)
    out: dict[str, SearchDoc] = {}
    for kind, ids in by_kind.items():
        if not registry.is_registered(kind):
            continue  # a kind no longer registered: its documents leave the index
        hidden = registry.superseded(kind, ids)
        for pk, doc in registry.get(kind).build(ids).items():
            if int(pk) in hidden:
                continue  # the same document is found as the kind that stands in for it
            doc.kind, doc.id = kind, int(pk)
            out[doc.key] = doc
    return out


def inline_rebuild_limit() -> int:
    return int(getattr(settings, "GONGKAI_SEARCH_INLINE_REBUILD", 2000))


def _needs_rebuild(backend, cursor) -> bool:
    return cursor is None or cursor.position < follow.floor() or backend.needs_rebuild()


def drain(
    backend=None, limit: int | None = None, build_missing: bool = True, wait: float = 30.0
) -> int:
    """Apply the log to this backend's index; returns how many documents were (re)indexed.

    An index that does not exist yet (a new node), whose format is outdated, or that fell
    below the pruned part of the log is rebuilt from scratch first — unless ``build_missing``
    is false and the site is large (then ``gongkai jobs run`` does it), which keeps a page
    request from rebuilding 100 000 documents. ``wait``: seconds to wait for another writer
    of the index (the backend's busy error after that).
    """
    from gongkai.search.backends import get_backend

    backend = backend or get_backend()
    done = 0
    cursor = None
    while limit is None or done < limit:
        with backend.lock(wait):
            cursor = backend.read_cursor()
            if _needs_rebuild(backend, cursor):
                if not build_missing and count_public() > inline_rebuild_limit():
                    return done
                done += rebuild(backend)
                continue
            rows = follow.pending_rows(cursor, BATCH)
            if not rows:
                after = follow.advance(cursor, [])  # gaps that have settled meanwhile
                if after != cursor:
                    backend.apply({}, [], after)
                    cursor = after
                _report(backend, cursor)
                backend.caught_up_at = cursor  # see drain_quietly
                break
            keys = list(dict.fromkeys(key(kind, pk) for _, kind, pk in rows))
            after = follow.advance(cursor, [r[0] for r in rows])
            backend.apply(build(keys), keys, after)
            cursor = after
            done += len(keys)
            _report(backend, cursor)
            if len(rows) < BATCH:  # the whole log as it was read: caught up (gaps settle later)
                backend.caught_up_at = cursor
                break
    with contextlib.suppress(Exception):
        follow.prune()
    return done


def _report(backend, cursor) -> None:
    """Tell the other nodes where this index stands (inside its lock: never backwards)."""
    if not backend.cursor_in_node:
        follow.report(backend.node_name(), backend.name, cursor)


_batch = threading.local()


@contextlib.contextmanager
def one_drain():
    """The drains asked for inside (the signals of a batch of publications, one per item) run
    once, when the outermost block ends."""
    depth = getattr(_batch, "depth", 0)
    _batch.depth = depth + 1
    try:
        yield
    finally:
        _batch.depth = depth
        if depth == 0 and getattr(_batch, "wanted", False):
            _batch.wanted = False
            drain_quietly()


def drain_quietly() -> None:
    """Drain after a change; a failure is logged and left to the next drain (cron)."""
    if getattr(_batch, "depth", 0):
        _batch.wanted = True  # inside one_drain(): once, at its end
        return
    try:
        from gongkai.search.backends import get_backend

        backend = get_backend()
        # Where this process last found the index caught up with the change log (the index
        # itself may only be further on, never behind): when nothing lies beyond it, one
        # indexed query answers, so the signals of a loader's commit (one per item) cost one
        # drain and cheap checks, not one drain each.
        known = getattr(backend, "caught_up_at", None)
        if known is not None and not follow.lagging(known):
            return
        drain(backend, build_missing=False, wait=DRAIN_WAIT)
    except Exception:  # the change itself is committed; indexing must not break it
        log.exception("search: change log not drained; `gongkai search process` will retry")


_checked: dict[int, float] = {}


def catch_up(backend) -> None:
    """Before a search: if other nodes logged changes this index has not applied, apply them
    (checked at most every ``GONGKAI_SEARCH_FOLLOW_SECONDS``, one indexed query)."""
    interval = float(getattr(settings, "GONGKAI_SEARCH_FOLLOW_SECONDS", 1.0))
    now = time.monotonic()
    if now - _checked.get(id(backend), -1e9) < interval:
        return
    _checked[id(backend)] = now
    try:
        cursor = backend.read_cursor()
        if cursor is not None and follow.lagging(cursor):
            drain(backend, limit=BATCH * 4, build_missing=False, wait=0)
    except Exception:
        log.exception("search: could not follow the change log before a search")


def changed(item_ids: Iterable[int]) -> None:
    """Record that catalog items changed (kind "item")."""
    changed_docs("item", list(item_ids))


def changed_docs(kind: str, ids: list[int]) -> None:
    """Log changed documents of a registered kind now; index them right after the commit."""
    ids = [pk for pk in ids if pk]
    if not ids:
        return
    enqueue(ids, kind)
    transaction.on_commit(drain_quietly)


def count_public() -> int:
    total = 0
    for doctype in registry.kinds():
        ids = doctype.public_ids()
        total += ids.count() if hasattr(ids, "count") and callable(ids.count) else len(list(ids))
    return total


def all_docs(progress=None) -> Iterator[SearchDoc]:
    """Every public document of every registered kind."""
    n = 0
    for doctype in registry.kinds():
        ids = [int(pk) for pk in doctype.public_ids()]
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            docs = build(key(doctype.kind, pk) for pk in chunk)
            for pk in chunk:
                doc = docs.get(key(doctype.kind, pk))
                if doc is not None:
                    yield doc
            n += len(chunk)
            if progress:
                progress(n)


def rebuild(backend=None) -> int:
    """Rebuild the whole index from every registered kind; the log is followed from where
    the rebuild started (so nothing committed meanwhile is lost)."""
    from gongkai.search.backends import get_backend

    backend = backend or get_backend()
    start = follow.starting_cursor()
    n = backend.rebuild(all_docs(), start)
    with backend.lock():
        _report(backend, backend.read_cursor() or start)
    return n


def queue_length(backend=None) -> int:
    """Log rows this backend's index has not applied yet."""
    from gongkai.search.backends import get_backend

    backend = backend or get_backend()
    cursor = backend.read_cursor() or follow.Cursor()
    qs = IndexQueue.objects.filter(pk__gt=cursor.position)
    if cursor.applied:
        qs = qs.exclude(pk__in=cursor.applied)
    return qs.count()


def process_queue_job(now) -> str:
    """Apply the change log to this node's index (building it first if it has none)."""
    from gongkai.search.backends import get_backend

    backend = get_backend()
    cursor = backend.read_cursor()
    if _needs_rebuild(backend, cursor):
        n = rebuild(backend)
        drain(backend)
        return f"search: index built from scratch with {n} document(s)"
    n = drain(backend)
    return f"search: {n} queued document(s) indexed"
