"""In a real browser: a reader opens the gazette, an issue with its 目录 and PDF, an article."""

import pytest
from django.urls import reverse

from gongkai.core.actors import SYSTEM
from gongkai.gazette.importing import import_one

from .conftest import make_issue

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_reader_opens_an_issue_and_an_article(live_server, page, gazette, policies):
    issue = import_one(
        SYSTEM("gazette import"), gazette, "2026-03.pdf", make_issue(3, policies, changed=True)
    ).issue
    page.goto(f"{live_server.url}/gazette/{gazette.organisation.code}/")
    assert page.locator("h1").inner_text() == "聊城市人民政府公报"
    with page.expect_navigation():
        page.click("text=第3期（总第103期）")
    assert page.locator("h1").inner_text() == "《聊城市人民政府公报》2026年第3期（总第103期）"
    toc = page.locator("table.gz-toc")
    assert toc.locator("caption").inner_text() == "目录"
    assert toc.locator("tbody tr").filter(has_text="聊民发〔2026〕3号").count() == 1
    pdf = page.locator("a", has_text="整期 PDF").get_attribute("href")
    assert page.request.get(live_server.url + pdf).headers["content-type"] == "application/pdf"
    with page.expect_navigation():
        page.click("table.gz-toc >> text=聊城市临时救助实施细则")
    assert page.locator("h1").inner_text() == "聊城市临时救助实施细则"
    meta = page.locator("table.meta-block").inner_text()
    assert "聊城市民政局" in meta and "聊民发〔2026〕3号" in meta and "2026年2月26日" in meta
    assert "7个工作日" in page.locator(".gz-text").inner_text()
    rows = page.locator("table.gz-diff tbody tr")
    assert rows.count() == 1 and "10" in rows.inner_text() and "7" in rows.inner_text()
    # the catalog's page of the same document points to its gazette issue
    page.goto(live_server.url + reverse("portal:item", args=[policies[1].pk]))
    note = page.locator(".ext-note", has_text="政府公报标准文本")
    assert "本文件刊登于《聊城市人民政府公报》2026年第3期（总第103期）第1页" in note.inner_text()
    with page.expect_navigation():
        note.locator("a").click()
    assert page.url.endswith(f"/gazette/articles/{issue.articles.get(item=policies[1]).pk}/")
