"""The page cache of the public message pages (gongkai.serving.pagecache, docs/deployment.md).

| page | scopes |
|---|---|
| ``/messages/``, ``/api/v1/messages`` | ``messages`` |
| ``/messages/<pk>/`` | ``message:<pk>`` |
| ``/messages/stats/`` (and its .xlsx), ``/api/v1/messages/stats`` | ``messages:stats`` |

``/messages/write/`` and ``/messages/status/`` are forms with a CSRF token: never cached. Every
save of a message (a submission, a reply sent, a rating, a closing ...) bumps the statistics,
which count every message; a message that is published, or was before this save (withdrawn from
publication), also bumps its page and the list. Failed status look-ups (queryset updates of the
lock-out counters) are not shown anywhere public and bump nothing.
"""

from __future__ import annotations

import re

LIST = "messages"
STATS = "messages:stats"
_PAGE = re.compile(r"^/messages/(?:(?P<pk>[0-9]{1,18})/|(?P<stats>stats/))?$")
_API = re.compile(r"^/api/v1/messages(?P<stats>/stats)?$")


def page(pk) -> str:
    return f"message:{pk}"


def page_scopes(path: str) -> list[str] | None:
    m = _PAGE.match(path) or _API.match(path)
    if m is None:
        return None  # the write and status forms
    found = m.groupdict()
    if found.get("pk"):
        return [page(found["pk"])]
    return [STATS] if found.get("stats") else [LIST]


def message_scopes(message, old=None) -> list[str]:
    scopes = [STATS]
    if message.published or (old or {}).get("published"):
        scopes += [page(message.pk), LIST]
    return scopes


def register() -> None:
    from gongkai.serving import pagecache

    from .models import Message

    pagecache.register("/messages/", page_scopes)
    pagecache.register("/api/v1/messages", page_scopes)
    pagecache.watch(Message, message_scopes, before=("published",))
