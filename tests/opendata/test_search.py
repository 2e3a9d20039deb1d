"""Datasets are found by the site search under the kind 数据开放."""

import datetime as dt

import pytest

pytestmark = pytest.mark.django_db


def test_a_new_dataset_is_found_with_its_kind(finance, column, django_capture_on_commit_callbacks):
    from gongkai.core.actors import SYSTEM
    from gongkai.opendata import actions
    from gongkai.search.query import SearchRequest, search

    from .conftest import FINANCE_SCHEMA

    with django_capture_on_commit_callbacks(execute=True):
        ds = actions.create_dataset(SYSTEM("test"), organisation=finance, entry=column,
                                    slug="lc-finance", title="聊城市一般公共预算收支月度数据",
                                    every="month", first_period=dt.date(2026, 1, 1),
                                    schema=FINANCE_SCHEMA)  # fmt: skip
    res = search(SearchRequest(q="一般公共预算收支月度", kind="dataset"))
    assert [h.key for h in res.hits] == [f"dataset:{ds.pk}"]
    assert res.hits[0].kind_label == "数据开放" and res.hits[0].url == f"/opendata/{ds.pk}/"
