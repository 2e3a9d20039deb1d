"""Links and attachments inside public items: found in the body and the attachment list,
checked in storage (the portal's own files), through the URL resolver (the portal's own pages)
or over HTTP with the polite checker (other sites, or everything when a public base URL is set).
"""

from __future__ import annotations

import time
import urllib.parse

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import Resolver404, resolve

from gongkai.catalog.models import Item

from .crawler import Checker, LinkResult, links_in

LOCAL = "http://gongkai.local"


def base_url() -> str:
    return (getattr(settings, "GONGKAI_HEALTH_BASE_URL", "") or "").rstrip("/")


def item_links(item: Item) -> list[str]:
    """Links of the body (absolute, relative ones against the portal) and the attachments."""
    base = base_url() or LOCAL
    urls = links_in(item.body or "", base + "/")
    for att in item.attachments.all():
        urls.append(base + settings.MEDIA_URL + att.file.name)
    return list(dict.fromkeys(urls))


def _internal(url: str) -> LinkResult:
    path = urllib.parse.unquote(urllib.parse.urlsplit(url).path)
    if path.startswith(settings.MEDIA_URL):
        name = path[len(settings.MEDIA_URL) :]
        ok = bool(name) and default_storage.exists(name)
        return LinkResult(url, ok, 200 if ok else 404, 0.0, "" if ok else "附件文件不存在")
    try:
        resolve(path)
    except Resolver404:
        return LinkResult(url, False, 404, 0.0, "站内页面不存在")
    return LinkResult(url, True, 200, 0.0)


def check_url(url: str, checker: Checker) -> LinkResult:
    if url.startswith(LOCAL):
        return _internal(url)
    return checker.check(url)


def check_items(items, *, actor, max_links: int = 500, max_seconds: float = 300.0) -> dict:
    """Check and store the links of ``items`` (bounded); returns counts."""
    from .actions.links import record_link

    checker = Checker(
        timeout=float(getattr(settings, "GONGKAI_HEALTH_TIMEOUT", 15.0)),
        deadline=time.monotonic() + max_seconds,
    )
    counts = {"links": 0, "broken": 0, "skipped": 0}
    for item in items:
        for url in item_links(item):
            if counts["links"] >= max_links:
                return counts
            res = check_url(url, checker)
            if res.skipped:
                counts["skipped"] += 1
                continue
            counts["links"] += 1
            counts["broken"] += not res.ok
            record_link(actor, item=item, url=url.removeprefix(LOCAL), ok=res.ok,
                        status=res.status, seconds=res.seconds, error=res.error)  # fmt: skip
    return counts
