"""Search backends behind one interface (``base.SearchBackend``), one module per engine.

``settings.GONGKAI_SEARCH_BACKEND`` (env ``GONGKAI_SEARCH_BACKEND``) picks one:

- ``tantivy`` (default): embedded index of character n-grams (1 to 5), no server;
- ``postgres``: bigram arrays with a GIN index inside PostgreSQL (PostgreSQL only);
- ``simple``: substring matching on the database, no index.
"""

from __future__ import annotations

import importlib
import threading

from django.conf import settings

BACKENDS = {
    "simple": "gongkai.search.backends.simple.SimpleBackend",
    "tantivy": "gongkai.search.backends.tantivy.TantivyBackend",
    "postgres": "gongkai.search.backends.postgres.PostgresBackend",
}
DEFAULT = "tantivy"

_lock = threading.Lock()
_instances: dict[tuple, object] = {}


def backend_name() -> str:
    name = (getattr(settings, "GONGKAI_SEARCH_BACKEND", "") or DEFAULT).strip().lower()
    if name not in BACKENDS:
        raise ValueError(
            f"unknown GONGKAI_SEARCH_BACKEND {name!r}; choose one of {', '.join(BACKENDS)}"
        )
    return name


def search_dir():
    """Where index files live: settings.GONGKAI_SEARCH_DIR or DATA_DIR / "search"."""
    from pathlib import Path

    custom = getattr(settings, "GONGKAI_SEARCH_DIR", None)
    return Path(custom) if custom else Path(settings.DATA_DIR) / "search"


def get_backend(name: str | None = None):
    """The configured backend (one instance per process, name and index folder)."""
    name = name or backend_name()
    key = (name, str(search_dir()))
    with _lock:
        if key not in _instances:
            module, _, cls = BACKENDS[name].rpartition(".")
            _instances[key] = getattr(importlib.import_module(module), cls)()
        return _instances[key]


def reset() -> None:
    """Forget the backend instances (tests switching settings)."""
    with _lock:
        _instances.clear()
