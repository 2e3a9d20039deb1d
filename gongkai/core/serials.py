"""Serial numbers that are unique and never reused, also under concurrent transactions."""

from django.db import IntegrityError, transaction

from .models import Serial


def next_serial(scope: str, organisation, year: int) -> int:
    """Take the next serial of (scope, organisation, year).

    Must be called inside the transaction that stores the number: the counter row stays locked
    (SELECT ... FOR UPDATE on PostgreSQL; SQLite serialises writers) until that commit, and a
    rollback gives the number back unused.
    """
    return reserve_serials(scope, organisation, year, 1).start


def reserve_serials(scope: str, organisation, year: int, count: int) -> range:
    """Take the next ``count`` serials of (scope, organisation, year) at once (a batch of
    publications): the same counter and lock as ``next_serial``, one row update."""
    if count < 1:
        raise ValueError("count must be at least 1")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_serial() must run inside the transaction that uses the number")
    rows = Serial.objects.select_for_update()
    try:
        serial = rows.get(scope=scope, organisation=organisation, year=year)
    except Serial.DoesNotExist:
        try:
            with transaction.atomic():
                Serial.objects.create(scope=scope, organisation=organisation, year=year, last=0)
        except IntegrityError:
            pass  # a concurrent transaction created it first
        serial = rows.get(scope=scope, organisation=organisation, year=year)
    first = serial.last + 1
    serial.last += count
    serial.save(update_fields=["last"])
    return range(first, serial.last + 1)


def reserve_many(scope: str, counts: dict[tuple[int, int], int]) -> dict[tuple[int, int], range]:
    """``reserve_serials`` for many (organisation id, year) pairs at once: {pair: count} →
    {pair: range}. The counter rows are read and locked in one query (in a fixed order, so
    concurrent batches cannot deadlock), missing ones created, all updated in one statement."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("reserve_many() must run inside the transaction that uses the numbers")
    wanted = {(int(o), int(y)): int(n) for (o, y), n in counts.items() if n > 0}
    if not wanted:
        return {}

    def locked() -> dict[tuple[int, int], Serial]:
        rows = Serial.objects.select_for_update().filter(
            scope=scope,
            organisation_id__in={o for o, _ in wanted},
            year__in={y for _, y in wanted},
        )
        found = {(s.organisation_id, s.year): s for s in rows.order_by("organisation_id", "year")}
        return {k: s for k, s in found.items() if k in wanted}

    rows = locked()
    if len(rows) < len(wanted):
        missing = [Serial(scope=scope, organisation_id=o, year=y, last=0)
                   for o, y in wanted if (o, y) not in rows]  # fmt: skip
        Serial.objects.bulk_create(missing, ignore_conflicts=True)  # a concurrent one may win
        rows = locked()
    out = {}
    for k, serial in rows.items():
        out[k] = range(serial.last + 1, serial.last + wanted[k] + 1)
        serial.last += wanted[k]
    Serial.objects.bulk_update(list(rows.values()), ["last"], batch_size=500)
    return out
