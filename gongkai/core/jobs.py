"""Scheduled jobs: what cron runs through ``gongkai jobs run``.

Apps register jobs in their ``AppConfig.ready()``::

    from gongkai.core import jobs
    jobs.register("catalog.expire", expire_items, "items whose expiry date has come become 失效")

A job is a function ``fn(now: datetime) -> str`` returning a one-line summary. Each must be
idempotent: running it twice in a row changes nothing the second time. Cron runs
``gongkai jobs run`` every few minutes (see README.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
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
