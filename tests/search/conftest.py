"""Fixtures of the search tests: items published straight into the catalog tables, one
index folder per test, every backend that can run on the current database."""

from __future__ import annotations

import datetime as dt
from html import escape

import pytest
from django.db import connection
from django.utils import timezone


@pytest.fixture
def make_item(orgs, org):
    """make_item(title, body, org_name="市财政局", **fields) → a public Item (not yet indexed)."""
    from gongkai.catalog.models import Item

    counter = {"n": 0}

    def make(title, body="", org_name="市财政局", city="聊城市", **fields):
        counter["n"] += 1
        fields.setdefault("state", Item.STATE_PUBLISHED)
        fields.setdefault("attribute", Item.ATTR_PROACTIVE)
        fields.setdefault(
            "published_at",
            timezone.make_aware(dt.datetime(2024, 1, 1) + dt.timedelta(days=counter["n"])),
        )
        html = "".join(f"<p>{escape(line)}</p>" for line in body.split("\n"))
        return Item.objects.create(
            organisation=org(city, org_name), title=title, body=html, body_text=body, **fields
        )

    return make


def backends_for_db():
    names = ["simple", "tantivy"]
    if connection.vendor == "postgresql":
        names.append("postgres")
    return names


ALL_BACKENDS = ["simple", "tantivy", "postgres"]


@pytest.fixture(params=ALL_BACKENDS)
def backend(request, settings):
    """Each backend in turn, its index rebuilt from the items made before ``index()``."""
    name = request.param
    if name == "postgres" and connection.vendor != "postgresql":
        pytest.skip("the postgres backend needs PostgreSQL (run: python3 run.py test --postgres)")
    settings.GONGKAI_SEARCH_BACKEND = name
    from gongkai.search import backends

    backends.reset()
    return backends.get_backend()
