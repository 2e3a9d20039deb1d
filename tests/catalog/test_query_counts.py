"""The hottest pages answer in a number of queries that does not grow with the data shown:
an N+1 regression (a query per item, attachment, column or panel row) fails these tests.

Each page is fetched with few and with many rows; the larger page may not cost more queries
than the smaller one plus a small margin, and neither more than the stated ceiling."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.catalog import actions
from gongkai.core.actors import SYSTEM

pytestmark = pytest.mark.django_db

LOADER = SYSTEM("query-count test")


@pytest.fixture(autouse=True)
def _own_dirs(settings, tmp_path):
    from django.core.cache import cache

    from gongkai.search import backends

    settings.GONGKAI_SEARCH_DIR = str(tmp_path / "search")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    backends.reset()
    cache.clear()
    yield
    backends.reset()


def _publish(finance, column, n, low_income_xlsx=None, start=0):
    items = []
    for i in range(start, start + n):
        items.append(
            actions.publish_item_now(
                organisation=finance,
                title=f"2026年{i % 12 + 1}月财政收支情况（第{i}号）",
                body=f"<p>财政收支情况第{i}号。</p>",
                entries=[column],
                issuers=[finance],
                actor=LOADER,
                genre="报告",
                theme="财政",
                keywords="财政 收支",
            )
        )
    return items


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
    assert r.status_code == 200, url
    return len(ctx.captured_queries)


def _grows(client, url_for, more) -> tuple[int, int]:
    few = _count(client, url_for())
    more()
    many = _count(client, url_for())
    return few, many


def test_column_list(client, finance, column, django_assert_max_num_queries):
    _publish(finance, column, 2)
    url = reverse("portal:column", args=[finance.code, column.slug])
    few, many = _grows(client, lambda: url, lambda: _publish(finance, column, 12, start=2))
    assert many <= few + 2, (few, many)
    with django_assert_max_num_queries(30):
        client.get(url)


def test_item_page(client, finance, column, low_income_xlsx, django_assert_max_num_queries):
    item = _publish(finance, column, 1)[0]
    url = reverse("portal:item", args=[item.pk])
    few = _count(client, url)
    for n in range(6):  # more attachments, issuers and sibling items
        actions.start_revision(item, actor=LOADER)
        actions.add_attachment(item, actor=LOADER, name=f"附件{n}.xlsx", data=low_income_xlsx)
        rev = actions.open_revision(item)
        actions.submit_revision(rev, actor=LOADER)
        actions.approve_revision(rev, actor=LOADER, privacy_override_reason="测试数据")
    _publish(finance, column, 6, start=10)
    many = _count(client, url)
    assert many <= few + 2, (few, many)
    with django_assert_max_num_queries(30):
        client.get(url)


def test_search_page(client, finance, column, django_assert_max_num_queries):
    from gongkai.search import indexing

    _publish(finance, column, 2)
    indexing.rebuild()
    url = reverse("portal:search") + "?q=财政收支"
    few = _count(client, url)
    _publish(finance, column, 15, start=2)
    indexing.rebuild()
    many = _count(client, url)
    assert many <= few + 2, (few, many)
    with django_assert_max_num_queries(30):
        client.get(url)


def test_workbench(
    client, finance, column, staff, make_item, editor, django_assert_max_num_queries
):
    reviewer = staff["lc-reviewer"]
    for _ in range(2):
        actions.submit(make_item(), actor=editor)
    client.force_login(reviewer)
    url = reverse("accounts:workbench")
    few = _count(client, url)
    for _ in range(10):
        actions.submit(make_item(), actor=editor)
    many = _count(client, url)
    assert many <= few + 2, (few, many)
    with django_assert_max_num_queries(60):
        client.get(url)
