"""gunicorn's hooks for ``gongkai serve`` (passed as ``-c python:gongkai.serving.gunicorn_hooks``).

The application is loaded once in the master (``--preload``); its modules, settings, URL
patterns and templates, about 100,000 objects, live as long as the workers forked from it.
Python's full garbage collection walks every one of them each time (measured in a worker
serving the item page: a full collection about every 200 requests, up to 59 ms, which is the
single-client p99 of the page). ``gc.freeze()`` right before the workers are forked moves them
out of the collector's sight (as Python's documentation advises for pre-fork servers), so a
worker's collections walk only what its requests made; the memory pages stay shared too.
"""

from __future__ import annotations

import gc


def when_ready(server) -> None:
    """After the master loaded the application, before it forks the first worker."""
    gc.collect()
    gc.freeze()
