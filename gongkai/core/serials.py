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
