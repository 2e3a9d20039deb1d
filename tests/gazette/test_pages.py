"""Public pages, the item page's note, the API, search registration, proofreading and links."""

import pytest
from django.urls import reverse

from gongkai.core.actors import SYSTEM
from gongkai.gazette import actions
from gongkai.gazette.importing import import_one
from gongkai.gazette.models import Article, ProofTask

from .conftest import make_issue


@pytest.fixture
def issue(gazette, policies):
    return import_one(
        SYSTEM("gazette import"), gazette, "2026-03.pdf", make_issue(3, policies, changed=True)
    ).issue


def test_home_issue_and_article_pages(client, issue, policies):
    code = issue.gazette.organisation.code
    home = client.get(f"/gazette/{code}/").content.decode()
    assert "2026年" in home and "第3期（总第103期）" in home and policies[0].title in home
    page = client.get(f"/gazette/issues/{issue.pk}/").content.decode()
    assert "<caption>目录</caption>" in page and "聊民发〔2026〕3号" in page
    assert reverse("gazette:issue_file", args=[issue.pk]) in page
    pdf = client.get(reverse("gazette:issue_file", args=[issue.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    article = issue.articles.get(item=policies[1])
    body = client.get(f"/gazette/articles/{article.pk}/").content.decode()
    assert "聊城市民政局" in body and "2026年2月26日" in body and "7个工作日" in body
    # the website copy says 10, the gazette 7: one difference, listed
    assert (
        "有 <strong>1</strong> 处不同" in body
        and "<del>10</del>" in body
        and "<ins>7</ins>" in body
    )
    same = issue.articles.get(item=policies[0])
    assert (
        "网站文本与公报标准文本一致" in client.get(f"/gazette/articles/{same.pk}/").content.decode()
    )
    assert client.get("/gazette/nope/").status_code == 404


def test_the_item_page_names_its_gazette_issue_and_pages(client, issue, policies):
    article = issue.articles.get(item=policies[0])
    page = client.get(reverse("portal:item", args=[policies[0].pk])).content.decode()
    assert (
        f"本文件刊登于《聊城市人民政府公报》2026年第3期（总第103期）{article.pages_label}" in page
    )
    assert reverse("gazette:article", args=[article.pk]) in page


def test_api_issue_list_and_detail(client, issue, policies, orgs):
    code = issue.gazette.organisation.code
    data = client.get(f"/api/v1/gazettes/{code}/issues").json()
    assert data["total"] == 1 and data["gazette"]["name"] == "聊城市人民政府公报"
    row = data["results"][0]
    assert (row["year"], row["number"], row["total_number"], row["article_count"]) == (
        2026,
        3,
        103,
        3,
    )
    detail = client.get(row["api_url"]).json()
    linked = [a for a in detail["articles"] if a["catalog_item"]]
    assert [a["catalog_item"]["id"] for a in linked] == [p.pk for p in policies]
    assert detail["articles"][0]["page_start"] == 1
    assert client.get(f"/api/v1/gazettes/{code}/issues?year=2025").json()["total"] == 0
    assert client.get(f"/api/v1/gazettes/{code}/issues?page=0").status_code == 400
    assert client.get("/api/v1/gazettes/nope/issues").status_code == 404
    other = orgs["东营市"].code
    assert client.get(f"/api/v1/gazettes/{other}/issues/{issue.pk}").status_code == 404


def test_api_answers_match_the_openapi_document(client, issue):
    from gongkai.portal.openapi import document
    from tests.portal.test_api_schema import check

    doc = document()
    code = issue.gazette.organisation.code
    for path, url in [
        ("/api/v1/gazettes/{code}/issues", f"/api/v1/gazettes/{code}/issues"),
        ("/api/v1/gazettes/{code}/issues/{id}", f"/api/v1/gazettes/{code}/issues/{issue.pk}"),
    ]:
        op = doc["paths"][path]["get"]
        resp = client.get(url)
        assert resp.status_code == 200, path
        body = resp.json()
        assert body, path
        check(
            body,
            op["responses"]["200"]["content"]["application/json"]["schema"],
            doc,
            path,
        )


def test_articles_are_a_search_kind(issue):
    from gongkai.search import registry

    kind = registry.get("gazette")
    assert kind.label == "政府公报"
    ids = list(kind.public_ids())
    docs = kind.build(ids)
    assert len(docs) == 3
    doc = docs[issue.articles.get(order=2).pk]
    assert doc.kind == "gazette" and doc.doc_number == "聊民发〔2026〕3号"
    assert "7个工作日" in doc.text and doc.url.startswith("/gazette/articles/")


def test_search_finds_gazette_articles_with_their_facet(client, issue):
    from gongkai.search import indexing

    indexing.rebuild()
    article = issue.articles.get(order=2)
    found = client.get("/api/v1/search?q=7个工作日").json()
    urls = [r["url"] for r in found["results"]]
    assert any(u.endswith(f"/gazette/articles/{article.pk}/") for u in urls), urls
    only = client.get("/api/v1/search?q=临时救助&kind=gazette").json()
    assert only["results"] and all("/gazette/articles/" in r["url"] for r in only["results"])
    page = client.get("/search/?q=临时救助").content.decode()
    assert "政府公报" in page  # the facet's label


def test_proofreading_corrects_an_article_and_closes_its_task(client, staff, issue):
    article = issue.articles.get(order=3)
    task = ProofTask.objects.create(issue=issue, article=article, reason="测试：标题存疑")
    client.force_login(staff["lc-admin"])
    url = reverse("gazette:staff_proof", args=[task.pk])
    page = client.get(url).content.decode()
    assert "测试：标题存疑" in page and article.title in page
    assert f"/staff/gazette/issues/{issue.pk}/pages/" in page  # the page image beside the form
    bad = client.post(url, {"title": "", "kind": "other", "page_start": "3", "page_end": "2"})
    assert "标题不能为空" in bad.content.decode() and "结束页不小于起始页" in bad.content.decode()
    task.refresh_from_db()
    assert task.state == ProofTask.OPEN
    r = client.post(url, {"title": "更正后的标题", "doc_number": "聊政字[2026]3号", "kind": "other",
                          "page_start": "2", "page_end": "3", "text": "更正后的全文"})  # fmt: skip
    assert r.status_code == 302
    article.refresh_from_db()
    task.refresh_from_db()
    assert (article.title, article.doc_number, article.page_end) == (
        "更正后的标题",
        "聊政字〔2026〕3号",
        3,
    )
    assert task.state == ProofTask.DONE and task.resolved_by == staff["lc-admin"]
    image = client.get(f"/staff/gazette/issues/{issue.pk}/pages/2.png")
    assert image.status_code in (200, 404)  # 404 only where poppler-utils is missing
    if image.status_code == 200:
        assert image.content.startswith(b"\x89PNG")


def test_auditor_sees_the_queue_but_cannot_correct(client, staff, issue):
    article = issue.articles.get(order=3)
    task = ProofTask.objects.create(issue=issue, article=article, reason="待校对")
    client.force_login(staff["lc-auditor"])
    url = reverse("gazette:staff_proof", args=[task.pk])
    assert "您只有查看权限" in client.get(url).content.decode()
    r = client.post(url, {"title": "x", "kind": "other"})
    assert r.status_code == 403
    for other in ("dy-admin", "lc-editor"):  # another city; a department's editor
        client.force_login(staff[other])
        assert client.get(url).status_code == 403


def test_suggested_links_are_confirmed_or_rejected_by_staff(client, staff, issue, policies):
    article = issue.articles.get(item=policies[0])
    article.link_state = Article.LINK_SUGGESTED
    article.save()
    client.force_login(staff["lc-admin"])
    page = client.get(reverse("gazette:staff_links")).content.decode()
    assert article.title in page
    client.post(reverse("gazette:staff_link_decide", args=[article.pk]), {"decision": "confirm"})
    article.refresh_from_db()
    assert article.linked and article.link_reason.startswith("人工确认")
    with pytest.raises(Exception, match="没有待确认的关联"):
        actions.reject_link(staff["lc-admin"], article)


def test_staff_dashboard_counts_and_missing_list(client, staff, issue, policies):
    client.force_login(staff["lc-admin"])
    page = client.get(reverse("gazette:staff_home")).content.decode()
    assert "聊城市人民政府公报" in page and "2026年缺少第1、2期" in page
    page = client.get(reverse("gazette:staff_missing", args=[issue.gazette.pk])).content.decode()
    assert "没有应登未登的文件" in page


def test_staff_upload_imports_an_issue_and_reports_a_bad_file(client, staff, gazette, policies):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.gazette.models import Issue

    url = reverse("gazette:staff_import", args=[gazette.pk])
    client.force_login(staff["lc-auditor"])
    pdf = make_issue(2, policies)
    assert client.post(url, {"file": SimpleUploadedFile("2026-02.pdf", pdf)}).status_code == 403
    client.force_login(staff["lc-admin"])
    r = client.post(url, {"file": SimpleUploadedFile("2026-02.pdf", pdf)}, follow=True)
    assert "已导入2026年第2期（总第102期）：3 篇文章，关联 2 篇" in r.content.decode()
    r = client.post(url, {"file": SimpleUploadedFile("2026-02.pdf", pdf)}, follow=True)
    assert "已导入过" in r.content.decode() and Issue.objects.count() == 1
    r = client.post(url, {"file": SimpleUploadedFile("坏.pdf", b"%PDF-1.7 broken")}, follow=True)
    assert "“坏.pdf”未导入" in r.content.decode() and Issue.objects.count() == 1
