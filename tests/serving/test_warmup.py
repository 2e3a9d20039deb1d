"""Each new worker of `gongkai serve` warms itself before it takes a visitor (gunicorn's
`post_worker_init`): the home page, the search page and the item, column and organisation
pages the home page links to, through the whole application in-process."""

from __future__ import annotations

import re

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings

from gongkai.audit.models import AuditEntry
from gongkai.serving import gunicorn_hooks, warmup
from gongkai.wsgi import application


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """A request through the WSGI handler closes the database connection when it ends (as in
    a worker); the test's transaction needs it open, as Django's test client keeps it."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_warm_up_visits_the_home_page_and_the_pages_it_links_to(catalog):
    entries = AuditEntry.objects.count()
    done = warmup.warm(application)
    paths = [p for p, _ in done]
    assert paths[:2] == ["/", warmup.SEARCH]
    assert all(status == 200 for _, status in done), done
    assert any(re.fullmatch(r"/item/\d+/", p) for p in paths)  # a published item's page
    assert any(re.fullmatch(r"/org/[^/]+/", p) for p in paths)  # an organisation's home
    assert len(paths) <= 2 + 6
    assert AuditEntry.objects.count() == entries  # public GETs change nothing


def test_warm_up_speaks_https_behind_the_proxy_in_production(catalog):
    with override_settings(
        SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
        SECURE_SSL_REDIRECT=True,
        ALLOWED_HOSTS=["gk.example.gov.cn"],
    ):
        done = warmup.warm(application)
    assert done[0] == ("/", 200)  # not the redirect to https a plain request would get
    assert len(done) > 2


def test_a_page_that_fails_does_not_stop_the_worker(db, capsys):
    def broken(environ, start_response):
        raise RuntimeError("数据库不可用")

    assert warmup.warm(broken) == [("/", 500), (warmup.SEARCH, 500)]
    assert "数据库不可用" in capsys.readouterr().err


def test_each_new_worker_warms_itself_unless_turned_off(monkeypatch):
    seen = []
    worker = type("Worker", (), {"wsgi": object()})()
    monkeypatch.setattr(warmup, "warm", lambda app: seen.append(app))
    gunicorn_hooks.post_worker_init(worker)
    assert seen == [worker.wsgi]
    monkeypatch.setenv("GONGKAI_WARMUP", "0")
    gunicorn_hooks.post_worker_init(worker)
    assert seen == [worker.wsgi]
