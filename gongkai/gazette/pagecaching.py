"""The page cache of the public gazette pages (gongkai.serving.pagecache, docs/deployment.md).

| page | scopes |
|---|---|
| ``/gazette/`` | ``gazettes`` |
| ``/gazette/<code>/`` (years, issues, their first articles), ``/api/v1/gazettes/<code>/issues`` | ``gazette:<code>`` |
| ``/gazette/issues/<pk>/``, ``/api/v1/gazettes/<code>/issues/<pk>`` | ``gazette_issue:<pk>`` |
| ``/gazette/articles/<pk>/`` | ``gazette_article:<pk>`` |

An imported issue bumps its gazette's pages; an article (imported, proofread, linked to or
unlinked from a catalog item) bumps its page, its issue and its gazette, and the item pages it
is or was linked to (their note names the gazette issue); an issue's own change also bumps its
articles' pages (they show its label), a gazette renamed every page of it. A catalog item published, changed or
withdrawn bumps the articles linked to it (the page compares both texts). Page images, OCR text
and proofreading tasks are staff pages only.
"""

from __future__ import annotations

import re

INDEX = "gazettes"
_PAGE = re.compile(
    r"^/gazette/(?:issues/(?P<issue>[0-9]{1,18})/|articles/(?P<article>[0-9]{1,18})/"
    r"|(?P<code>[^/]+)/)?$"
)
_API = re.compile(r"^/api/v1/gazettes/(?P<code>[^/]+)/issues(?:/(?P<issue>[0-9]{1,18}))?$")


def home(code) -> str:
    return f"gazette:{code}"


def issue_page(pk) -> str:
    return f"gazette_issue:{pk}"


def article_page(pk) -> str:
    return f"gazette_article:{pk}"


def page_scopes(path: str) -> list[str] | None:
    m = _PAGE.match(path) or _API.match(path)
    if m is None:
        return None  # the issue's original file
    found = m.groupdict()
    if found.get("issue"):
        return [issue_page(found["issue"])]
    if found.get("article"):
        return [article_page(found["article"])]
    if found.get("code"):
        return [home(found["code"])]
    return [INDEX]


def gazette_scopes(gazette, old=None) -> list[str]:
    from .models import Article, Issue

    scopes = [INDEX, home(gazette.code)]
    if (old or {}).get("name", gazette.name) != gazette.name:  # renamed: every page names it
        issues = Issue.objects.filter(gazette=gazette).values_list("pk", flat=True)
        arts = Article.objects.filter(issue__gazette=gazette).values_list("pk", flat=True)
        scopes += [*(issue_page(pk) for pk in issues), *(article_page(pk) for pk in arts)]
    return scopes


def issue_scopes(issue, old=None) -> list[str]:
    arts = issue.articles.values_list("pk", flat=True) if issue.pk else []
    return [home(issue.gazette.code), issue_page(issue.pk), *(article_page(pk) for pk in arts)]


def article_scopes(article, old=None) -> list[str]:
    from gongkai.serving import pagecache

    issue = article.issue
    scopes = [article_page(article.pk), issue_page(issue.pk), home(issue.gazette.code)]
    for item_id in {article.item_id, (old or {}).get("item")} - {None}:
        scopes.append(pagecache.item_scope(item_id))  # the item page's 政府公报 note
    return scopes


def item_scopes(items) -> list[str]:
    from .models import Article

    linked = Article.objects.filter(item_id__in=[i.pk for i in items])
    return [article_page(pk) for pk in linked.values_list("pk", flat=True)]


def register() -> None:
    from gongkai.serving import pagecache

    from .models import Article, Gazette, Issue, IssueFile

    pagecache.register("/gazette/", page_scopes)
    pagecache.register("/api/v1/gazettes/", page_scopes)
    pagecache.watch(Gazette, gazette_scopes, before=("name",))
    pagecache.watch(Issue, issue_scopes)
    pagecache.watch(IssueFile, lambda f, old: [issue_page(f.issue_id)])
    pagecache.watch(Article, article_scopes, before=("item",))
    pagecache.watch_items(item_scopes, "gazette.pagecaching")
