"""Each index follows the change log with its own position (issue 16.5: search on every node).

The log (``IndexQueue``) is append-only; its ids come from the database's sequence, in the
order the rows were *inserted*, not the order their transactions *commit*. A reader that simply
remembered "everything up to the highest id I saw" would skip a row whose transaction began
earlier and committed later. So a cursor is two things:

- ``position``: every row with an id up to it has been applied (or is known never to come);
- ``applied``: the ids above it applied already, out of order.

A gap below an applied id (an id the sequence handed out but no committed row holds) is waited
for for ``GONGKAI_SEARCH_GAP_SECONDS`` (300 s): a transaction still running commits within
that time; past it the id is taken to belong to a rolled-back transaction and skipped. A change
is therefore applied once per index (never twice, never skipped), whatever the commit order.

The cursor is stored *with the index*, in the same commit as the documents it accounts for
(tantivy: a cursor document inside the index; database backends: the ``Node`` row, in the
transaction that writes their document table), so a crash anywhere leaves index and cursor in
agreement. Every node also reports its position in ``Node``; rows every node has passed are
pruned, and the highest pruned id is kept as the ``__pruned__`` floor: a node below the floor
(forgotten, or restored from an old backup) rebuilds its index instead of missing changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

FLOOR = "__pruned__"


@dataclass
class Cursor:
    position: int = 0
    applied: list[int] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"position": self.position, "applied": sorted(self.applied)}

    @classmethod
    def from_json(cls, data: dict | None) -> Cursor | None:
        if not data:
            return None
        return cls(int(data.get("position", 0)), [int(x) for x in data.get("applied", [])])


def gap_seconds() -> float:
    return float(getattr(settings, "GONGKAI_SEARCH_GAP_SECONDS", 300))


def settled(ids: Iterable[int]) -> set[int]:
    """The ids among these whose rows were queued longer than the gap time ago."""
    from gongkai.search.models import IndexQueue

    cutoff = timezone.now() - dt.timedelta(seconds=gap_seconds())
    ids = list(ids)
    if not ids:
        return set()
    return set(
        IndexQueue.objects.filter(pk__in=ids, queued_at__lt=cutoff).values_list("pk", flat=True)
    )


MAX_APPLIED = 5000  # a gap holding back more rows than this is taken as rolled back


def advance(cursor: Cursor, new_ids: Iterable[int]) -> Cursor:
    """The cursor after applying ``new_ids``: contiguous ids and settled gaps move it on."""
    pending = sorted(set(cursor.applied) | set(new_ids))
    pending = [pk for pk in pending if pk > cursor.position]
    if len(pending) > MAX_APPLIED:  # a bulk import behind one gap: keep the cursor small
        cursor = Cursor(pending[len(pending) - MAX_APPLIED - 1], [])
        pending = pending[len(pending) - MAX_APPLIED :]
    position = cursor.position
    old = None
    rest: list[int] = []
    for k, pk in enumerate(pending):
        if pk == position + 1:
            position = pk
            continue
        if old is None:
            old = settled(pending[k:])
        if pk in old:
            position = pk  # the ids below it never became rows (rolled back)
            continue
        rest = pending[k:]
        break
    return Cursor(position, rest)


def floor() -> int:
    from gongkai.search.models import Node

    row = Node.objects.filter(name=FLOOR).values_list("position", flat=True).first()
    return row or 0


def pending_rows(cursor: Cursor, limit: int) -> list[tuple[int, str, int]]:
    """Log rows (id, kind, obj_id) above the cursor not yet applied, oldest first."""
    from gongkai.search.models import IndexQueue

    qs = IndexQueue.objects.filter(pk__gt=cursor.position)
    if cursor.applied:
        qs = qs.exclude(pk__in=cursor.applied)
    return list(qs.order_by("pk").values_list("pk", "kind", "obj_id")[:limit])


def lagging(cursor: Cursor) -> bool:
    from gongkai.search.models import IndexQueue

    qs = IndexQueue.objects.filter(pk__gt=cursor.position)
    if cursor.applied:
        qs = qs.exclude(pk__in=cursor.applied)
    return qs.exists()


def starting_cursor() -> Cursor:
    """Where a new index starts: taken *before* its documents are read, so every change the
    rebuild might not see is still ahead of it."""
    from gongkai.search.models import IndexQueue

    start = floor()
    visible = IndexQueue.objects.filter(pk__gt=start).values_list("pk", flat=True)
    return advance(Cursor(start, []), list(visible))


def report(name: str, backend: str, cursor: Cursor) -> None:
    """Record a node's position (for pruning and ``gongkai search nodes``)."""
    from gongkai.search.models import Node

    Node.objects.update_or_create(
        name=name,
        defaults={
            "backend": backend,
            "position": cursor.position,
            "applied": sorted(cursor.applied),
            "seen_at": timezone.now(),
        },
    )


def prune() -> int:
    """Delete the rows every registered node has passed; returns how many."""
    from django.db.models import Min

    from gongkai.search.models import IndexQueue, Node

    low = Node.objects.exclude(name=FLOOR).aggregate(m=Min("position"))["m"]
    if not low:
        return 0
    deleted, _ = IndexQueue.objects.filter(pk__lte=low).delete()
    if deleted:
        Node.objects.update_or_create(
            name=FLOOR, defaults={"backend": "-", "position": max(low, floor())}
        )
    return deleted


def forget(name: str) -> bool:
    """Unregister a node that is gone for good (its position no longer holds back pruning)."""
    from gongkai.search.models import Node

    return Node.objects.filter(name=name).exclude(name=FLOOR).delete()[0] > 0
