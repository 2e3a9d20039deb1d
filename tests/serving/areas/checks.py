"""What every cacheable page of an area must show (issue #16), and the objects the area tests
share: an organisation with its legal structure, a catalog item published through the action."""

from __future__ import annotations

from gongkai.catalog import actions as catalog
from gongkai.catalog.models import CatalogEntry
from gongkai.catalog.services import ensure_legal_structure
from gongkai.core.actors import SYSTEM
from gongkai.rules import dates

PUBLIC = "public, max-age=60, s-maxage=1, stale-while-revalidate=300"
ACTOR = SYSTEM("serving tests")
YEAR = dates.today().year - 1
DRAFT = (
    "聊城市财政资金管理办法\n（征求意见稿）\n第一条　为了规范财政资金管理，制定本办法。\n"
    "第二条　本办法适用于本市财政资金的分配和使用。\n第三条　本办法自公布之日起施行。\n"
)


def cacheable(client, *urls) -> str:
    """Each page is public with its validators, answers 304, then is a HIT; the last body."""
    for url in urls:
        r = client.get(url)
        assert r.status_code == 200, url
        assert r["Cache-Control"] == PUBLIC, url
        assert r["ETag"].startswith('"') and "Last-Modified" in r, url
        assert "cookie" not in r.get("Vary", "").lower() and not r.cookies, url
        again = client.get(url, HTTP_IF_NONE_MATCH=r["ETag"])
        assert again.status_code == 304 and again.content == b"", url
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=r["Last-Modified"]).status_code == 304, url
        assert client.get(url)["X-Gongkai-Cache"] == "HIT", url
    return r.content.decode(errors="replace")  # a download is bytes


def refreshed(client, *urls) -> str:
    """The next request of each page is a MISS (rendered again); the last body."""
    for url in urls:
        r = client.get(url)
        assert r["X-Gongkai-Cache"] == "MISS", url
    return r.content.decode(errors="replace")


def hit(client, *urls):
    for url in urls:
        assert client.get(url)["X-Gongkai-Cache"] == "HIT", url


def private(client, *urls):
    for url in urls:
        r = client.get(url)
        assert r.status_code == 200 and r["Cache-Control"] == "private, no-store", url
        assert "X-Gongkai-Cache" not in r, url


def entry(org, slug):
    return CatalogEntry.objects.get(organisation=org, slug=slug)


def catalog_item(org, title, slug, **kw):
    return catalog.publish_item_now(
        organisation=org, actor=ACTOR, title=title, body=kw.pop("body", f"<p>{title}</p>"),
        entries=[entry(org, slug)], **kw,
    )  # fmt: skip


def unit(org, name):
    ensure_legal_structure(found := org("聊城市", name))
    return found
