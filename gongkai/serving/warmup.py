"""A new worker's first requests, made by the worker itself before it takes a visitor's.

A worker forked by gunicorn holds the application the master loaded, but much of what a page
needs is built on its first use in each process: the compiled templates, the URL resolver's
reverse tables, the database connection and its prepared statements, the search reader and the
Chinese word segmenter's dictionary. Measured at 1,000,000 items (docs/benchmarks.md): a fresh
worker's first item pages took 150–250 ms against 10 ms afterwards; with sync workers one worker
wins most accept() calls of a single client, so the other stays cold for seconds and its
first answers made the single-client p99 of the first page measured after a start, a graceful
reload or a ``max-requests`` recycling.

``gunicorn_hooks.post_worker_init`` calls ``warm`` after the worker loaded the application and
before it accepts connections: GET ``/``, the search page and the first item, column and
organisation pages the home page links to, through the whole WSGI application in-process (no
socket, no access-log line). Only public GETs, which change nothing; a page that fails is
reported on stderr and the worker starts anyway. ``GONGKAI_WARMUP=0`` turns it off.
"""

from __future__ import annotations

import io
import os
import re
import sys
import time
from collections.abc import Callable

SEARCH = "/search/?q=%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80"  # 政务公开
_LINKS = re.compile(r'href="(/(?:item/\d+/|org/[^"/?#]+/gk/c/[^"?#]+/|org/[^"/?#]+/))"')


def enabled() -> bool:
    return os.environ.get("GONGKAI_WARMUP", "1") != "0"


def _host_and_scheme() -> tuple[str, str]:
    """A host this site answers to (the first allowed name) and the scheme visitors use."""
    from django.conf import settings

    host = "localhost"
    for name in settings.ALLOWED_HOSTS:
        if name and name != "*":
            host = name.lstrip(".")
            break
    secure = bool(getattr(settings, "SECURE_PROXY_SSL_HEADER", None))
    return host, "https" if secure else "http"


def get(app: Callable, path: str, host: str, scheme: str) -> tuple[int, bytes]:
    """(status, body) of a GET of ``path`` through the WSGI application ``app``."""
    route, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": route,
        "QUERY_STRING": query,
        "SERVER_NAME": host,
        "SERVER_PORT": "443" if scheme == "https" else "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "HTTP_ACCEPT": "text/html",
        "HTTP_USER_AGENT": "gongkai-warmup",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scheme,
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if scheme == "https":
        environ["HTTP_X_FORWARDED_PROTO"] = "https"
    status: list[str] = []
    chunks = app(environ, lambda s, headers, exc_info=None: status.append(s))
    try:
        body = b"".join(chunks)
    finally:
        if hasattr(chunks, "close"):
            chunks.close()
    return int(status[0].split()[0]) if status else 0, body


def _pick(paths: list[str], n: int) -> list[str]:
    """Up to ``n`` distinct paths, taking item pages, column lists and organisation homes in
    turn, so that each kind of page is warmed."""
    kinds: dict[str, list[str]] = {"item": [], "column": [], "org": []}
    for path in dict.fromkeys(paths):
        kind = "item" if path.startswith("/item/") else "column" if "/gk/c/" in path else "org"
        kinds[kind].append(path)
    picked: list[str] = []
    while len(picked) < n and any(kinds.values()):
        for group in kinds.values():
            if group and len(picked) < n:
                picked.append(group.pop(0))
    return picked


def warm(app: Callable, *, links: int = 6, seconds: float = 10.0) -> list[tuple[str, int]]:
    """Request the home page, the search page and up to ``links`` pages the home page links
    to (an item first, then columns and organisations); returns (path, status) of each. Stops
    after ``seconds``; never raises."""
    host, scheme = _host_and_scheme()
    deadline = time.monotonic() + seconds
    done: list[tuple[str, int]] = []
    queue = ["/", SEARCH]
    while queue and time.monotonic() < deadline:
        path = queue.pop(0)
        try:
            status, body = get(app, path, host, scheme)
        except Exception as exc:  # a broken page must not stop the worker from serving others
            print(f"gongkai warm-up: {path}: {type(exc).__name__}: {exc}", file=sys.stderr)
            status, body = 500, b""
        done.append((path, status))
        if path == "/" and status == 200:
            queue.extend(_pick(_LINKS.findall(body.decode("utf-8", "replace")), links))
    return done
