"""When a running job of long work has been abandoned by its worker.

A worker marks a job 进行中 when it takes it and records where it runs (``host:pid``) and when it
last showed a sign of life (taking the job, each progress report). If the worker dies (``kill
-9``, an out-of-memory kill, a machine lost) nobody ever marks the job ended: it would stay
进行中 for ever, and the same job could not be started again (one active job per kind,
organisation and parameters). The sweep asks this rule about every running job:

- on the node that runs the job, the answer is exact: the process is gone, so the job is
  abandoned at once;
- on another node the process cannot be asked, so a job whose last sign of life is older than
  ``stale_seconds`` counts as abandoned. Long work reports progress at most every second while
  it works, so a long silence means a lost worker; the limit is a setting
  (``GONGKAI_LONGWORK_STALE_SECONDS``, 1,800 s by default — local practice: long enough for the
  slowest single step of the built-in jobs).

A job with no recorded worker (queued before this rule, or taken by an older worker) is judged
by the time alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable


def worker_label(host: str, pid: int) -> str:
    return f"{host}:{pid}"


def parse_worker(label: str) -> tuple[str, int] | None:
    host, sep, pid = (label or "").rpartition(":")
    if not sep or not host or not (pid.isascii() and pid.isdigit()):
        return None
    return host, int(pid)


def abandoned(
    worker: str,
    alive_at: dt.datetime | None,
    now: dt.datetime,
    *,
    this_host: str,
    pid_alive: Callable[[int], bool],
    stale_seconds: float,
) -> str | None:
    """Why the job counts as abandoned (a zh-hans phrase), or None while it may still run."""
    where = parse_worker(worker)
    if where is not None and where[0] == this_host:
        if pid_alive(where[1]):
            return None
        return f"执行进程 {worker} 已停止"
    if alive_at is None:
        return None
    silent = (now - alive_at).total_seconds()
    if silent > stale_seconds:
        minutes = int(silent // 60)
        return f"执行进程{(' ' + worker) if worker else ''}已 {minutes} 分钟没有进展"
    return None
