"""Database router: public reads from a replica, everything else on the primary.

Reads go to a replica (chosen at random per query) unless

- the request is pinned to the primary (``pin_primary``, set by ``middleware.CacheMiddleware``
  for an unsafe request and for a browser that wrote in the last
  ``GONGKAI_REPLICA_PIN_SECONDS`` — so a staff user reads their own write),
- a transaction is open on the primary (reads inside an action see what it wrote),
- the model belongs to an app whose rows must be current everywhere (sessions, the page-cache
  counters, login throttling, the search change log), or
- the code runs outside a request (commands, jobs), or ``primary()`` is active.

Writes and migrations always go to ``default``.
"""

from __future__ import annotations

import contextlib
import contextvars
import random

from django.conf import settings
from django.db import connections

# True outside a request: commands, jobs and shells read the primary. The middleware sets it per
# request.
pin_primary: contextvars.ContextVar[bool] = contextvars.ContextVar("pin_primary", default=True)

_PRIMARY_APPS = {"sessions", "serving", "axes", "search", "auth", "accounts", "contenttypes"}


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


def has_replicas() -> bool:
    return bool(replica_aliases())


@contextlib.contextmanager
def primary():
    token = pin_primary.set(True)
    try:
        yield
    finally:
        pin_primary.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        replicas = replica_aliases()
        if not replicas or pin_primary.get():
            return "default"
        if model._meta.app_label in _PRIMARY_APPS:
            return "default"
        if connections["default"].in_atomic_block:
            return "default"
        return random.choice(replicas)

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # every alias holds the same database

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
