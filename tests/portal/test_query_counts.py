"""The four pages the serving benchmark measures (item, column list, home, search) answer,
uncached, in a fixed number of queries, and none of them asks a question whose cost grows with
the catalog (issue #16: uncached item page p99 < 50 ms at 1,000,000 items)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import aware

pytestmark = pytest.mark.django_db

# Ceilings of the uncached pages (the page cache's scope versions included), the brief caches
# of filter menus warm (years, genres: queries.year_values, distinct_values). The item page:
# 7 of its own (two levels of organisation and column parents come with their rows), plus one
# per note provider of other apps (gongkai.core.extensions: four today), plus the linked items
# when it has interpretation links.
ITEM_PAGE = 11
COLUMN_PAGE = 8
HOME_PAGE = 4
SEARCH_PAGE = 4


@pytest.fixture
def uncached(settings, tmp_path):
    from django.core.cache import cache

    settings.GONGKAI_PAGE_CACHE = False
    settings.GONGKAI_SEARCH_DIR = str(tmp_path / "search")
    cache.clear()


def queries_of(client, url):
    client.get(url)  # the filter menus' brief caches warm, as on a visited site
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
    assert r.status_code == 200, url
    return r.content.decode(), [q["sql"] for q in ctx.captured_queries]


def test_item_page_asks_the_interpretation_links_first(client, site, uncached):
    # an item without interpretations: one look-up in the link table, no item query joined to
    # it (joined, SQLite walked the whole published_at index: 12–14 ms at 42,500 items)
    body, sql = queries_of(client, f"/item/{site.monthly.pk}/")
    assert site.monthly.title in body and "政策解读" not in body
    assert len(sql) <= ITEM_PAGE, "\n".join(sql)
    assert [q for q in sql if "catalog_item_interprets" in q and "JOIN" in q] == []
    # the policy with an interpretation, and the interpretation: the links, each way
    body, sql = queries_of(client, f"/item/{site.new_policy.pk}/")
    assert "政策解读" in body and site.interpretation.title in body
    assert len(sql) <= ITEM_PAGE + 1, "\n".join(sql)  # and the interpretation itself
    body, _ = queries_of(client, f"/item/{site.interpretation.pk}/")
    assert "本文解读的政策文件" in body and site.new_policy.title in body


def test_interpretations_oldest_first_and_explained_policies_newest_first(
    client, site, make, uncached
):
    later = make.item(
        site.cz,
        "低保标准实施办法图解",
        kind="interpretation",
        interpretation_form="text",
        published_at=aware(2023, 5, 10),
    )
    later.interprets.set([site.new_policy, site.old_policy])
    body, _ = queries_of(client, f"/item/{site.new_policy.pk}/")
    section = body.split('id="interp-title"')[1]
    assert section.index(site.interpretation.title) < section.index("低保标准实施办法图解")
    body, _ = queries_of(client, f"/item/{later.pk}/")
    aside = body.split('id="interprets-title"')[1]
    assert aside.index(site.new_policy.title) < aside.index(site.old_policy.title)  # 2023, 2019
    assert "已废止" in body  # the repealed one it explains is named


def test_column_home_and_search_pages_stay_within_their_queries(client, site, uncached, reindex):
    reindex()
    pages = [
        (f"/org/{site.cz.code}/gk/c/czyjs/", COLUMN_PAGE, site.monthly.title),
        ("/", HOME_PAGE, site.monthly.title),
        ("/search/?q=低保", SEARCH_PAGE, site.new_policy.title),
    ]
    for url, ceiling, shown in pages:
        body, sql = queries_of(client, url)
        assert shown in body, url
        assert len(sql) <= ceiling, f"{url}: {len(sql)} queries\n" + "\n".join(sql)
