"""DATABASE_REPLICA_URLS: a real streaming replica next to the throwaway primary
(pg_basebackup -R). The portal reads from it; a publication becomes visible there; a browser
that just wrote, staff pages and transactions read the primary. Skipped on SQLite."""

from __future__ import annotations

import time

import pytest
from django.db import connection, connections
from django.db import router as db_router
from django.test.utils import CaptureQueriesContext

from gongkai.serving import router
from gongkai.serving.middleware import PIN_COOKIE

from .conftest import publish

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="replicas need PostgreSQL"),
]


@pytest.fixture
def replica(monkeypatch, settings):
    from gongkai.devtools.pgserver import streaming_replica

    s = connection.settings_dict
    primary = f"postgresql://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
    settings.GONGKAI_PAGE_CACHE = False  # every request renders: the reads are visible
    with streaming_replica(primary) as url:
        conf = dict(connections.settings["default"])
        conf.update(NAME=s["NAME"], PORT=int(url.rsplit(":", 1)[1].split("/")[0]), TEST={})
        # a connection made outside the test case's list of databases (Django allows those)
        connections.settings["replica1"] = conf
        wrapper = connections.create_connection("replica1")
        del connections.settings["replica1"]
        connections["replica1"] = wrapper
        settings.DATABASES = {**settings.DATABASES, "replica1": conf}
        monkeypatch.setattr(db_router, "routers", [router.ReplicaRouter()])
        try:
            yield "replica1"
        finally:
            wrapper.close()
            del connections["replica1"]


def visible_on_replica(alias, model, pk, seconds=10.0) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if model.objects.using(alias).filter(pk=pk).exists():
            return time.monotonic() - started
        time.sleep(0.05)
    raise AssertionError(f"{model.__name__} {pk} not on the replica after {seconds} s")


def test_portal_reads_from_the_replica_and_sees_a_publication(client, catalog, replica):
    from gongkai.catalog.models import Item

    visible_on_replica(replica, Item, catalog.first.pk)
    with connections[replica].cursor() as cur:
        cur.execute("SELECT pg_is_in_recovery()")
        assert cur.fetchone()[0] is True  # a real standby
    with CaptureQueriesContext(connections[replica]) as on_replica:
        r = client.get(f"/item/{catalog.first.pk}/")
    assert r.status_code == 200
    assert any("catalog_item" in q["sql"] for q in on_replica.captured_queries)

    new = publish(catalog.cz, "二〇二四年三月财政收支情况", [catalog.monthly])
    lag = visible_on_replica(replica, Item, new.pk)
    assert lag < 2.0
    with CaptureQueriesContext(connections[replica]) as on_replica:
        page = client.get(f"/org/{catalog.cz.code}/gk/c/{catalog.monthly.slug}/")
    assert "二〇二四年三月财政收支情况" in page.content.decode()
    assert on_replica.captured_queries


def test_writes_and_recent_writers_use_the_primary(client, catalog, replica):
    from gongkai.catalog.models import Item

    visible_on_replica(replica, Item, catalog.first.pk)
    client.cookies[PIN_COOKIE] = "1"  # set by the middleware on a POST
    with CaptureQueriesContext(connections[replica]) as on_replica:
        assert client.get(f"/item/{catalog.first.pk}/").status_code == 200
    assert on_replica.captured_queries == []
    r = client.post("/accounts/login/", {"username": "nobody", "password": "x"})
    assert PIN_COOKIE in r.cookies
    assert db_router.db_for_write(Item) == "default"
    with router.primary():
        assert db_router.db_for_read(Item) == "default"
    token = router.pin_primary.set(False)
    try:
        assert db_router.db_for_read(Item) == "replica1"
    finally:
        router.pin_primary.reset(token)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL planner setting")
def test_postgresql_connections_use_ssd_planner_costs(db):
    """A column list at 1,000,000 items took 150-190 ms with PostgreSQL's spinning-disk costs
    and ~40 ms with these (docs/deployment.md)."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"
