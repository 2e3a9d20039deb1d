"""Feeds per organisation and per column, sitemap.xml and robots.txt."""

from __future__ import annotations

import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def rss_titles(client, url):
    r = client.get(url)
    assert r.status_code == 200 and "rss" in r["Content-Type"]
    root = ET.fromstring(r.content)
    return [i.findtext("title") for i in root.iter("item")], root


def atom_titles(client, url):
    r = client.get(url)
    assert r.status_code == 200 and "atom" in r["Content-Type"]
    root = ET.fromstring(r.content)
    return [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")], root


def test_org_feeds_list_the_organisations_public_items(client, site):
    titles, root = rss_titles(client, f"/org/{site.cz.code}/feed/rss/")
    assert site.monthly.title in titles and site.new_policy.title in titles
    assert site.mz_item.title not in titles
    for hidden in (site.draft, site.withdrawn, site.on_request):
        assert hidden.title not in titles
    assert titles.index(site.monthly.title) < titles.index(site.new_policy.title)  # newest first
    link = next(i for i in root.iter("item") if i.findtext("title") == site.monthly.title)
    assert link.findtext("link").endswith(f"/item/{site.monthly.pk}/")
    assert link.findtext("guid") == site.monthly.index_no
    atom, _ = atom_titles(client, f"/org/{site.cz.code}/feed/atom/")
    assert set(atom) == set(titles)


def test_column_feeds(client, site):
    titles, _ = rss_titles(client, f"/org/{site.cz.code}/gk/c/czsz/feed/rss/")
    assert titles == [site.monthly.title]
    titles, _ = rss_titles(client, f"/org/{site.cz.code}/gk/c/czyjs/feed/rss/")
    assert titles == [site.monthly.title]  # sub-columns included
    atom, _ = atom_titles(client, f"/org/{site.cz.code}/gk/c/normative/feed/atom/")
    assert set(atom) == {site.new_policy.title, site.old_policy.title}
    assert client.get(f"/org/{site.cz.code}/gk/c/nope/feed/rss/").status_code == 404


def test_latest_feed_covers_all_organisations(client, site):
    titles, _ = rss_titles(client, "/feeds/latest/rss/")
    assert site.dy_item.title in titles and site.monthly.title in titles
    atom, _ = atom_titles(client, "/feeds/latest/atom/")
    assert set(atom) == set(titles)


def test_pages_announce_their_feeds(client, site):
    html = client.get(f"/org/{site.cz.code}/gk/c/czsz/").content.decode()
    assert 'type="application/rss+xml"' in html and "/gk/c/czsz/feed/rss/" in html


def test_sitemap_lists_public_pages_only(client, site):
    r = client.get("/sitemap.xml")
    assert r.status_code == 200
    index = ET.fromstring(r.content)
    parts = [s.findtext(f"{SM}loc") for s in index.iter(f"{SM}sitemap")]
    assert any(p.endswith("/sitemap-items.xml") for p in parts)
    locs = []
    for part in parts:
        path = part.replace("http://testserver", "")
        sub = client.get(path)
        assert sub.status_code == 200, path
        locs += [u.findtext(f"{SM}loc") for u in ET.fromstring(sub.content).iter(f"{SM}url")]
    paths = {loc.replace("http://testserver", "") for loc in locs}
    assert f"/item/{site.monthly.pk}/" in paths and f"/item/{site.dy_item.pk}/" in paths
    for hidden in (site.draft, site.withdrawn, site.on_request):
        assert f"/item/{hidden.pk}/" not in paths
    assert f"/org/{site.cz.code}/gk/guide/" in paths
    assert f"/org/{site.cz.code}/gk/c/czsz/" in paths
    assert "/" in paths and "/policies/" in paths
    # every listed page really answers
    for path in list(paths)[:40]:
        assert client.get(path).status_code == 200, path


def test_robots_txt(client, site):
    r = client.get("/robots.txt")
    assert r.status_code == 200 and r["Content-Type"].startswith("text/plain")
    body = r.content.decode()
    assert "Disallow: /admin/" in body and "Disallow: /staff/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body
