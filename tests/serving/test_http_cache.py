"""HTTP caching of public pages: headers, 304, the whole-page cache and its invalidation."""

from __future__ import annotations

import pytest
from django.conf import settings

from .conftest import ACTOR, publish

pytestmark = pytest.mark.django_db


def pages(c):
    cz, slug = c.cz.code, c.monthly.slug
    return {
        "home": "/",
        "search": "/search/?q=财政",
        "library": "/policies/",
        "org index": "/org/",
        "org home": f"/org/{cz}/",
        "gk section": f"/org/{cz}/gk/",
        "column": f"/org/{cz}/gk/c/{slug}/",
        "column feed": f"/org/{cz}/gk/c/{slug}/feed/rss/",
        "item": f"/item/{c.first.pk}/",
        "feed": "/feeds/latest/rss/",
        "atom": "/feeds/latest/atom/",
        "robots": "/robots.txt",
        "api items": "/api/v1/items",
        "api item": f"/api/v1/items/{c.first.pk}",
    }


def test_every_public_page_kind_is_cacheable_and_answers_304(client, catalog):
    for kind, url in pages(catalog).items():
        r = client.get(url)
        assert r.status_code == 200, kind
        assert r["Cache-Control"] == "public, max-age=60, s-maxage=1, stale-while-revalidate=300", (
            kind
        )
        assert r["ETag"].startswith('"'), kind
        assert "Last-Modified" in r, kind
        assert "cookie" not in r.get("Vary", "").lower(), kind
        assert not r.cookies, kind
        # nginx keeps its copy until the end of this second (its s-maxage=1 kept it up to 2 s),
        # and takes the new expiry from a revalidation's 304 too
        assert r["X-Accel-Expires"].startswith("@"), kind
        again = client.get(url, HTTP_IF_NONE_MATCH=r["ETag"])
        assert again.status_code == 304, kind
        assert again.content == b""
        assert again["X-Accel-Expires"].startswith("@"), kind
        since = client.get(url, HTTP_IF_MODIFIED_SINCE=r["Last-Modified"])
        assert since.status_code == 304, kind
        hit = client.get(url)
        assert hit["X-Gongkai-Cache"] == "HIT", kind
        assert hit.content == r.content, kind


def test_cache_control_is_configurable(client, catalog, settings):
    settings.GONGKAI_CACHE_CONTROL = "public, max-age=5"
    r = client.get("/")
    assert r["Cache-Control"] == "public, max-age=5"
    assert "X-Accel-Expires" not in r  # the operator's policy is left to nginx as it is


def test_staff_and_logged_in_pages_are_never_cached(client, catalog, staff):
    r = client.get("/accounts/login/")
    assert r["Cache-Control"] == "private, no-store"  # a form with a CSRF token
    client.force_login(staff["lc-editor"])
    for url in ("/staff/", "/", f"/item/{catalog.first.pk}/"):
        r = client.get(url)
        assert r["Cache-Control"] == "private, no-store", url
        assert "X-Gongkai-Cache" not in r, url
        assert "ETag" not in r or r["Cache-Control"] == "private, no-store"


def test_anonymous_visit_sets_no_session_cookie(client, catalog):
    for url in pages(catalog).values():
        client.get(url)
    assert settings.SESSION_COOKIE_NAME not in client.cookies
    assert settings.CSRF_COOKIE_NAME not in client.cookies


def test_publication_refreshes_exactly_the_pages_that_show_it(
    client, catalog, django_capture_on_commit_callbacks
):
    c = catalog
    watched = {
        "home": "/",
        "org home": f"/org/{c.cz.code}/",
        "column": f"/org/{c.cz.code}/gk/c/{c.monthly.slug}/",
        "parent column": f"/org/{c.cz.code}/gk/c/{c.budget.slug}/",
        "feed": "/feeds/latest/rss/",
    }
    untouched = {
        "other column": f"/org/{c.cz.code}/gk/c/{c.other.slug}/",
        "other org": f"/org/{c.mz.code}/",
        "other item": f"/item/{c.policy.pk}/",
    }
    before = {k: client.get(u) for k, u in {**watched, **untouched}.items()}
    with django_capture_on_commit_callbacks(execute=True):
        publish(c.cz, "二〇二四年二月财政收支情况", [c.monthly])
    for kind, url in watched.items():
        r = client.get(url)
        assert r["X-Gongkai-Cache"] == "MISS", kind
        assert r["ETag"] != before[kind]["ETag"], kind
        assert "二〇二四年二月财政收支情况" in r.content.decode(), kind
        # the old validator no longer matches: a browser holding it gets the new page
        assert client.get(url, HTTP_IF_NONE_MATCH=before[kind]["ETag"]).status_code == 200
    for kind, url in untouched.items():
        assert client.get(url)["X-Gongkai-Cache"] == "HIT", kind


def test_withdrawal_and_edit_refresh_the_item_page(
    client, catalog, django_capture_on_commit_callbacks
):
    from gongkai.catalog import actions

    url = f"/item/{catalog.policy.pk}/"
    column = f"/org/{catalog.cz.code}/gk/c/{catalog.other.slug}/"
    assert client.get(url).status_code == 200
    client.get(column)
    with django_capture_on_commit_callbacks(execute=True):
        actions.set_validity(catalog.policy, actor=ACTOR, validity="repealed", note="已废止")
    r = client.get(url)
    assert r["X-Gongkai-Cache"] == "MISS"
    assert "废止" in r.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        actions.withdraw(catalog.policy, actor=ACTOR, reason="内容有误")
    assert client.get(url).status_code == 410  # 已撤回
    assert catalog.policy.title not in client.get(column).content.decode()


def test_page_cache_can_be_switched_off(client, catalog, settings):
    settings.GONGKAI_PAGE_CACHE = False
    client.get("/")
    r = client.get("/")
    assert r["X-Gongkai-Cache"] == "OFF"
    assert r["Cache-Control"].startswith("public")


def test_healthz(client, catalog):
    r = client.get("/healthz")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok"
    assert body["checks"]["default"]["ok"] and body["checks"]["search"]["ok"]
    assert r["Cache-Control"].startswith("max-age=0") or "no-cache" in r["Cache-Control"]


def test_healthz_fails_when_search_is_down(client, catalog, monkeypatch):
    from gongkai.search import backends

    def broken(*a, **k):
        raise OSError("index gone")

    monkeypatch.setattr(backends, "get_backend", broken)
    r = client.get("/healthz")
    assert r.status_code == 503
    assert r.json()["checks"]["search"]["ok"] is False
