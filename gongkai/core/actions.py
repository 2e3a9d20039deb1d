"""The action frame: the one way to write a change in gongkai (docs/architecture.md).

An action is a plain function ``do_<verb>(actor, obj, ..., reason="")`` in its app's
``actions`` package. It opens ``change()``, which

1. refuses a missing actor (a user or ``gongkai.core.actors.SYSTEM``, never ``None``),
2. checks the permission through ``gongkai.accounts.permissions.require`` (403 ``Forbidden``),
3. opens one transaction;

inside it the action validates (raising ``gongkai.core.errors.Invalid``), writes, records the
audit entry with ``ch.audit(...)`` and schedules notices and signals with ``ch.notify(...)`` /
``ch.send(...)``, which run only after the commit. Nothing is saved when anything raises::

    from gongkai.core.actions import change
    from gongkai.core.errors import Invalid

    def do_close(actor, message, *, reason=""):
        with change(actor, "edit", message.organisation) as ch:
            if message.status == "closed":
                raise Invalid("该留言已办结。")
            before = message.status
            message.status = "closed"
            message.save(update_fields=["status"])
            ch.audit(message, "transition", from_state=before, to_state="closed", reason=reason)
            ch.notify("message.closed", to=[message.handler], subject=f"留言已办结：{message}")
        return message

Public actions (a citizen submits a form) pass ``ability=None`` and the anonymous user as actor;
the audit log records them as "公众".
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable

from django.db import transaction

from . import actors
from .notify import notify as _notify


class Change:
    """What an action records while its transaction is open."""

    def __init__(self, actor):
        self.actor = actor
        self.entries: list = []

    def audit(
        self,
        obj,
        action: str,
        *,
        changes: dict | None = None,
        reason: str = "",
        from_state: str = "",
        to_state: str = "",
    ):
        from gongkai.audit.actions import record

        entry = record(
            obj,
            action,
            actor=self.actor,
            changes=changes,
            reason=reason,
            from_state=from_state,
            to_state=to_state,
        )
        self.entries.append(entry)
        return entry

    def audit_many(self, entries: Iterable[tuple]) -> list:
        """``audit`` for a batch: (obj, action, {changes=, reason=, from_state=, to_state=})
        triples, appended in one insert."""
        from gongkai.audit.actions import build, record_many

        rows = [build(obj, action, actor=self.actor, **kw) for obj, action, kw in entries]
        rows = record_many(rows)
        self.entries.extend(rows)
        return rows

    def notify(self, event: str, *, to: Iterable, subject: str, body: str = "", url: str = ""):
        _notify(event, to=to, subject=subject, body=body, url=url)

    def send(self, signal, sender, **kwargs) -> None:
        """Send a Django signal after the commit (other apps react to committed facts only)."""
        transaction.on_commit(lambda: signal.send(sender=sender, **kwargs))

    def after_commit(self, fn: Callable[[], object]) -> None:
        transaction.on_commit(fn)


@contextlib.contextmanager
def change(actor, ability: str | None = None, organisation=None, *, denied: str = ""):
    """Check ``actor`` may ``ability`` on ``organisation``, then open the change's transaction."""
    actors.check(actor)
    if ability is not None:
        from gongkai.accounts.permissions import require

        require(actor, ability, organisation, denied)
    with transaction.atomic():
        yield Change(actor)
