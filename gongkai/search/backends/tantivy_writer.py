"""The one-writer lock of a tantivy index folder, and merges that never hold up a publication.

tantivy allows one ``IndexWriter`` per index across all processes, so every writer first takes
``writer.lock`` (fcntl; web workers and cron take turns; readers never lock).

A commit makes its documents searchable at once, but may start merging segments: when a level
of the log-structured index fills up, tantivy merges it into the next, and at 10^6 documents
the top levels take tens of seconds (measured: a publication waited 21.8 s for one, see
docs/search.md). The merges belong to the writer, and a writer dropped before they finish
discards them, so the writer that committed is handed to a background thread, which waits for
its merges and only then releases the lock. The process that published goes on at once; a
drain that finds the lock taken meanwhile waits ``indexing.DRAIN_WAIT`` and otherwise leaves
its change to the next drain.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import threading
import time
from pathlib import Path

log = logging.getLogger("gongkai.search")


class WriterBusy(RuntimeError):
    """Another process holds the index's writer lock past the timeout."""


def _release(fh) -> None:
    fcntl.flock(fh, fcntl.LOCK_UN)
    fh.close()


def _finish_merges(writer, fh) -> None:
    try:
        writer.wait_merging_threads()
    except Exception:
        log.exception("search: merging the index's segments failed (the next commit retries)")
    finally:
        _release(fh)


class WriterLock:
    def __init__(self, root: Path):
        self.root = Path(root)
        self._held = threading.local()
        self._merging: threading.Thread | None = None

    @contextlib.contextmanager
    def hold(self, timeout: float = 30.0):
        """Hold the lock (all processes), waiting up to ``timeout`` seconds; re-entrant within
        a thread (the queue drain holds it around ``update``)."""
        if getattr(self._held, "depth", 0):
            self._held.depth += 1
            try:
                yield
            finally:
                self._held.depth -= 1
            return
        self.root.mkdir(parents=True, exist_ok=True)
        fh = open(self.root / "writer.lock", "a+")  # noqa: SIM115  (closed by _release)
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    fh.close()
                    raise WriterBusy("another process is writing the search index") from None
                time.sleep(0.02)
        self._held.depth, self._held.pending = 1, None
        try:
            yield
        finally:
            self._held.depth = 0
            writer, self._held.pending = self._held.pending, None
            if writer is None:
                _release(fh)
            else:  # not a daemon: a command that ends waits for its merges
                thread = threading.Thread(
                    target=_finish_merges, args=(writer, fh), name="tantivy-merges"
                )
                thread.start()
                self._merging = thread

    def hand_off(self, writer) -> None:
        """``writer`` has committed: wait for its merges behind the lock, not here."""
        self._held.pending = writer

    def finish_pending(self) -> None:
        """Inside ``hold``: wait for a writer handed off earlier in the same block."""
        writer = getattr(self._held, "pending", None)
        if writer is not None:
            self._held.pending = None
            writer.wait_merging_threads()

    def wait_merges(self, timeout: float | None = None) -> bool:
        """Wait for the merges of this process's last commit; True when none is running."""
        thread = self._merging
        if thread is not None:
            thread.join(timeout)
        return thread is None or not thread.is_alive()
