"""The sitemap is kept by the page cache (the portal's own 10-minute cache_page is gone): a
publication appears in it on the next request, while an unchanged sitemap is served from the
cache."""

from __future__ import annotations

import pytest

from gongkai.core.actors import SYSTEM

pytestmark = pytest.mark.django_db
ACTOR = SYSTEM("sitemap tests")


def publish(org, title, entry):
    from gongkai.catalog import actions

    return actions.publish_item_now(
        organisation=org, title=title, body=f"<p>{title}</p>", entries=[entry], actor=ACTOR
    )


def test_a_publication_is_in_the_sitemap_at_once(client, org, django_capture_on_commit_callbacks):
    from gongkai.catalog import actions

    cz = org("聊城市", "市财政局")
    col = actions.save_entry(organisation=cz, actor=ACTOR, slug="sm-col", name="通知公告",
                             section="statutory")  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        first = publish(cz, "关于二〇二六年预算公开的说明", col)

    r = client.get("/sitemap-items.xml")
    assert r.status_code == 200
    assert f"/item/{first.pk}/" in r.content.decode()
    assert r["Cache-Control"].startswith("public, max-age=60")  # the page cache's header
    assert client.get("/sitemap-items.xml")["X-Gongkai-Cache"] == "HIT"

    with django_capture_on_commit_callbacks(execute=True):
        second = publish(cz, "关于二〇二六年政府采购意向的公告", col)
    r = client.get("/sitemap-items.xml")
    assert r["X-Gongkai-Cache"] == "MISS"
    assert f"/item/{second.pk}/" in r.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        actions.withdraw(second, actor=ACTOR, reason="误发")
    assert f"/item/{second.pk}/" not in client.get("/sitemap-items.xml").content.decode()


def test_the_sitemap_index_is_cached_like_the_other_site_pages(client, db):
    r = client.get("/sitemap.xml")
    assert r.status_code == 200
    assert r["X-Gongkai-Cache"] == "MISS"
    assert client.get("/sitemap.xml", HTTP_IF_NONE_MATCH=r["ETag"]).status_code == 304
