"""Scheduled jobs: what cron runs through ``gongkai jobs run``.

Apps register jobs in their ``AppConfig.ready()``::

    from gongkai.core import jobs
    jobs.register("catalog.expire", expire_items, "items whose expiry date has come become 失效")

A job is a function ``fn(now: datetime) -> str`` returning a one-line summary. Each must be
idempotent: running it twice in a row changes nothing the second time. Cron runs
``gongkai jobs run`` every few minutes (see README.md, docs/deployment.md).

A job never runs twice at once, on one machine or across app nodes: ``gongkai jobs run`` holds
``job_lock(name)`` while the job runs and skips a job whose lock another run holds. On
PostgreSQL the lock is a session advisory lock (``pg_try_advisory_lock``) held by a connection
of its own, released when the job ends or the process dies; on the embedded SQLite database
(one machine by nature) it is an ``fcntl`` lock on ``DATA_DIR/locks/job-<name>.lock``, which the
kernel releases when the process dies.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass


@dataclass
class Job:
    name: str
    fn: Callable[[dt.datetime], str]
    description: str


_jobs: dict[str, Job] = {}


def register(name: str, fn: Callable[[dt.datetime], str], description: str = "") -> None:
    _jobs[name] = Job(name, fn, description)


def all_jobs() -> list[Job]:
    return [_jobs[k] for k in sorted(_jobs)]


def _lock_key(name: str) -> int:
    """A stable signed 64-bit key for the advisory lock of job ``name``."""
    digest = hashlib.sha256(f"gongkai.job:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextlib.contextmanager
def job_lock(name: str) -> Iterator[bool]:
    """Try to take job ``name``'s lock without waiting; yield whether this run holds it."""
    from django.conf import settings
    from django.db import connections

    if connections["default"].vendor == "postgresql":
        yield from _pg_lock(name)
        return
    folder = settings.DATA_DIR / "locks"
    folder.mkdir(exist_ok=True)
    fd = os.open(folder / f"job-{name}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _pg_lock(name: str) -> Iterator[bool]:
    """A session advisory lock on a connection of its own (the job's queries and transactions
    use the usual connection, so a job that commits or fails never drops the lock early)."""
    from django.db import connections

    key = _lock_key(name)
    own = connections.create_connection("default")  # not shared with the job's queries
    try:
        with own.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            held = cursor.fetchone()[0]
        try:
            yield held
        finally:
            if held:
                with own.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
    finally:
        own.close()
