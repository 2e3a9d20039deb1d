"""The PostgreSQL backend asks the catalog whether its table exists once per process, not on
every search (three catalog queries, 2-5 ms of each search at 100,000 items)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL backend"),
    pytest.mark.django_db(transaction=True),  # outside a transaction, as a served request
]


def _catalog_queries(engine, plan) -> list[str]:
    with CaptureQueriesContext(connection) as seen:
        engine.run(plan, facets=False)
    return [q["sql"] for q in seen if "to_regclass" in q["sql"] or "information_schema" in q["sql"]]


def test_the_table_is_checked_once_and_again_after_a_drop():
    from gongkai.search.backends.base import check
    from gongkai.search.backends.postgres import PostgresIndex
    from gongkai.search.query import SearchRequest

    engine = PostgresIndex(table="search_ready_test")
    plan = check(SearchRequest(q="通知"), {})
    try:
        assert _catalog_queries(engine, plan)  # the first search makes the table
        assert _catalog_queries(engine, plan) == []
        engine.drop()
        assert _catalog_queries(engine, plan)  # made again, not a missing relation
    finally:
        engine.drop()
