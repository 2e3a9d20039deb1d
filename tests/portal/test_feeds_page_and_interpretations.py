"""Issue #18.12: a readable page behind the feed links; a 解读 whose policy is repealed says so."""


def test_feed_links_lead_to_a_readable_page(client, db):
    home = client.get("/").content.decode()
    assert 'href="/feeds/"' in home
    page = client.get("/feeds/")
    body = page.content.decode()
    assert page.status_code == 200 and "怎样订阅" in body and "/feeds/latest/rss/" in body
    assert page["Content-Type"].startswith("text/html")


def test_feed_page_for_an_organisation_lists_its_feed(client, orgs):
    org = orgs["聊城市"]
    body = client.get("/feeds/", {"org": org.code}).content.decode()
    assert f"/org/{org.code}/feed/rss/" in body


def test_interpretation_of_a_repealed_policy_says_so(client, site, settings):
    settings.GONGKAI_PAGE_CACHE = False  # the link is added below without the catalog's actions
    interp = site.interpretation
    assert "本文所解读的政策文件" not in client.get(f"/item/{interp.pk}/").content.decode()
    interp.interprets.add(site.old_policy)  # it also explained the policy since repealed
    body = client.get(f"/item/{interp.pk}/").content.decode()
    assert "本文所解读的政策文件" in body and site.old_policy.title in body and "已废止" in body
