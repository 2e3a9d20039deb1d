"""Writing the audit log. Every state change in gongkai calls :func:`record` inside the same
transaction as the change itself (the Zulip ``actions`` pattern)."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEntry


def _plain(value):
    """A JSON-safe rendering of a field value."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict:
    """The values of ``obj``'s concrete fields (or just ``fields``) as plain data."""
    names = fields or [f.name for f in obj._meta.concrete_fields if f.name not in ("id",)]
    return {name: _plain(getattr(obj, name, None)) for name in names}


def diff(before: dict, after: dict) -> dict:
    """{field: [before, after]} for the fields whose value differs."""
    keys = list(dict.fromkeys([*before, *after]))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def record(obj: models.Model, action: str, *, actor=None, **fields) -> AuditEntry:
    """Append one entry for ``obj``. Call it inside the transaction that made the change.

    ``actor`` is a user, the SYSTEM actor (recorded as "系统（job）") or an anonymous visitor
    (recorded as "公众"); actions go through ``gongkai.core.actions.change``, which refuses
    ``None``. ``fields``: ``changes``, ``reason``, ``from_state``, ``to_state`` (see ``build``).
    """
    entry = build(obj, action, actor=actor, **fields)
    entry.save()
    return entry


def build(
    obj: models.Model,
    action: str,
    *,
    actor=None,
    changes: dict | None = None,
    reason: str = "",
    from_state: str = "",
    to_state: str = "",
) -> AuditEntry:
    """The entry ``record`` appends, not saved yet (``record_many`` stores a batch of them)."""
    from gongkai.core.actors import label

    name = label(actor)
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEntry(
        actor=actor,
        actor_name=name[:150],
        content_type=ContentType.objects.get_for_model(obj.__class__),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        action=action,
        from_state=from_state or "",
        to_state=to_state or "",
        changes=_plain(changes or {}),
        reason=reason or "",
    )


def record_many(entries: list[AuditEntry]) -> list[AuditEntry]:
    """Append entries made by ``build`` in one insert (a batch action), in their order."""
    return AuditEntry.objects.bulk_create(entries, batch_size=500)


def trail(obj: models.Model):
    """The entries for one object, newest first."""
    return AuditEntry.objects.for_object(obj).select_related("actor")
