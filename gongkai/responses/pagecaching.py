"""The page cache of the press-conference pages (gongkai.serving.pagecache, docs/deployment.md).

| page | scopes |
|---|---|
| ``/press-conferences/``, ``/api/v1/press-conferences`` | ``press_conferences`` |
| ``/press-conferences/<pk>/`` | ``press_conference:<pk>`` |

A press conference that is published, or was before this save, bumps its page and the list; so
do its speakers and files once it is published. A catalog item published, changed or withdrawn
bumps the published conferences that link it (相关政策及解读 lists the public ones) and the
list (the API lists them). Response
events, their clocks and statements are staff pages only and bump nothing.
"""

from __future__ import annotations

import re

LIST = "press_conferences"
_PAGE = re.compile(r"^/press-conferences/(?:(?P<pk>[0-9]{1,18})/)?$")
_API = re.compile(r"^/api/v1/press-conferences$")


def page(pk) -> str:
    return f"press_conference:{pk}"


def page_scopes(path: str) -> list[str] | None:
    m = _PAGE.match(path) or _API.match(path)
    if m is None:
        return None  # files (downloads are not stored)
    return [page(m["pk"])] if m.groupdict().get("pk") else [LIST]


def conference_scopes(conf, old=None) -> list[str]:
    if conf.published or (old or {}).get("published"):
        return [page(conf.pk), LIST]
    return []


def item_scopes(items) -> list[str]:
    from .models import PressConference

    linked = PressConference.objects.filter(published=True, policies__in=[i.pk for i in items])
    pks = set(linked.values_list("pk", flat=True))
    return [*(page(pk) for pk in pks), *([LIST] if pks else [])]  # the API list shows them too


def register() -> None:
    from gongkai.serving import pagecache

    from .models import ConferenceFile, PressConference, Speaker

    pagecache.register("/press-conferences/", page_scopes)
    pagecache.register("/api/v1/press-conferences", page_scopes)
    pagecache.watch(PressConference, conference_scopes, before=("published",))
    pagecache.watch(Speaker, lambda s, old: conference_scopes(s.conference))
    pagecache.watch(ConferenceFile, lambda f, old: conference_scopes(f.conference))
    pagecache.watch_items(item_scopes, "responses.pagecaching")
