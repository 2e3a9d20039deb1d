"""gunicorn's hooks for ``gongkai serve`` (passed as ``-c python:gongkai.serving.gunicorn_hooks``).

The application is loaded once in the master (``--preload``); its modules, settings, URL
patterns and templates, about 100,000 objects, live as long as the workers forked from it.
Python's full garbage collection walks every one of them each time (measured in a worker
serving the item page: a full collection about every 200 requests, up to 59 ms, which is the
single-client p99 of the page). ``gc.freeze()`` right before the workers are forked moves them
out of the collector's sight (as Python's documentation advises for pre-fork servers), so a
worker's collections walk only what its requests made; the memory pages stay shared too.

Each worker then warms itself before it accepts a connection (``post_worker_init``,
``gongkai.serving.warmup``): its first visitors are not the ones who pay for compiling the
templates and opening the database and the search index.
"""

from __future__ import annotations

import gc


def when_ready(server) -> None:
    """After the master loaded the application, before it forks the first worker."""
    gc.collect()
    gc.freeze()


def post_worker_init(worker) -> None:
    """In each new worker (start, graceful reload, max-requests recycling), before it accepts."""
    from . import warmup

    if warmup.enabled():
        app = getattr(worker, "wsgi", None)
        if app is None:
            from gongkai.wsgi import application as app
        warmup.warm(app)
