"""In a real browser with the page cache on: the home page is served from the cache, an item is
published, and the visitor sees it on the home page within 2 seconds."""

from __future__ import annotations

import time

import pytest

from .conftest import publish

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_publication_reaches_the_cached_home_page_within_2s(live_server, page, catalog):
    title = "关于二〇二四年城乡居民医保缴费标准的通知"
    first = page.goto(live_server.url + "/")
    assert first.headers["cache-control"].startswith("public")
    stored = page.request.get(live_server.url + "/")  # outside the browser's own cache
    assert stored.headers["x-gongkai-cache"] == "HIT"
    assert title not in page.content()

    publish(catalog.cz, title, [catalog.other])
    started = time.monotonic()
    while title not in page.content():
        assert time.monotonic() - started < 2.0, "not on the home page after 2 s"
        page.reload()  # a reload revalidates (If-None-Match) instead of using the browser's copy
    assert page.locator(f"a:has-text('{title}')").count() >= 1
