"""JSON of the gazette: /api/v1/gazettes/<code>/issues (paged) and one issue with its 目录.

``<code>`` is the government's organisation code (a department's code means its government's
gazette). A government that has not yet imported any issue answers an empty list.
"""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse

from gongkai.orgs.models import Organisation
from gongkai.portal.api import _abs, _json, api_view, error, paged
from gongkai.portal.openapi import (
    BAD,
    DATE,
    INT,
    NOT_FOUND,
    PAGING,
    STR,
    _get,
    _list_of,
    _obj,
    _param,
    _ref,
    _s,
)
from gongkai.portal.params import MAX_YEAR, MIN_YEAR, clean_int, clean_paging
from gongkai.portal.queries import item_url, paginate
from gongkai.rules.dates import iso

from .models import Article, Gazette, Issue

NINT = _s("integer", nullable=True)


def _gazette_ref(request, gazette: Gazette | None, org: Organisation) -> dict:
    return {
        "code": org.code,
        "name": gazette.name if gazette else "",
        "url": _abs(request, reverse("gazette:home", args=[org.code])),
        "api_url": _abs(request, reverse("gazette:api_issues", args=[org.code])),
    }


def _issue(request, issue: Issue, count: int | None = None) -> dict:
    code = issue.gazette.organisation.code
    return {
        "id": issue.pk,
        "year": issue.year,
        "number": issue.number,
        "total_number": issue.total_number,
        "label": issue.label,
        "published_on": iso(issue.published_on),
        "url": _abs(request, issue.get_absolute_url()),
        "api_url": _abs(request, reverse("gazette:api_issue", args=[code, issue.pk])),
        "pdf_url": _abs(request, reverse("gazette:issue_file", args=[issue.pk])),
        "article_count": count if count is not None else issue.articles.count(),
    }


def _article(request, a: Article) -> dict:
    item = None
    if a.linked and a.item.is_public:
        item = {
            "id": a.item.pk,
            "title": a.item.title,
            "url": _abs(request, item_url(a.item)),
            "api_url": _abs(request, reverse("portal:api_item", args=[a.item.pk])),
        }
    return {
        "id": a.pk,
        "title": a.title,
        "section": a.section,
        "doc_number": a.doc_number,
        "kind": a.kind,
        "kind_label": a.get_kind_display(),
        "issuer": a.issuer.name if a.issuer else a.issuer_name,
        "signed_on": iso(a.signed_on),
        "page_start": a.page_start,
        "page_end": a.page_end,
        "url": _abs(request, a.get_absolute_url()),
        "catalog_item": item,
    }


def _government(code):
    org = Organisation.objects.filter(code=code, is_active=True).first()
    return org.root if org else None


@api_view
def issue_list(request, code):
    org = _government(code)
    if org is None:
        return error("not_found", "没有这个机构。", 404)
    page, per_page = clean_paging(request.GET)
    year = clean_int(request.GET.get("year"), "year", MIN_YEAR, MAX_YEAR, None)
    gazette = Gazette.objects.filter(organisation=org).first()
    qs = Issue.objects.filter(gazette=gazette).select_related("gazette__organisation")
    if year is not None:
        qs = qs.filter(year=year)
    page_of = paginate(qs.order_by("-year", "-number", "-pk"), page, per_page)
    counts = dict(
        Article.objects.filter(issue__in=page_of.items).values_list("issue").annotate(n=Count("pk"))
    )
    data = paged(page_of, [_issue(request, i, counts.get(i.pk, 0)) for i in page_of.items])
    data["gazette"] = _gazette_ref(request, gazette, org)
    return _json(data)


@api_view
def issue_detail(request, code, pk):
    org = _government(code)
    issue = (
        Issue.objects.filter(pk=pk, gazette__organisation=org)
        .select_related("gazette__organisation")
        .first()
        if org
        else None
    )
    if issue is None:
        return error("not_found", "没有这一期公报。", 404)
    articles = list(issue.articles.select_related("issuer", "item").order_by("order"))
    data = _issue(request, issue, len(articles))
    data["gazette"] = _gazette_ref(request, issue.gazette, org)
    data["articles"] = [_article(request, a) for a in articles]
    return _json(data)


_ISSUE = {
    "id": INT, "year": INT, "number": INT, "total_number": NINT, "label": STR,
    "published_on": DATE, "url": STR, "api_url": STR, "pdf_url": STR, "article_count": INT,
}  # fmt: skip
SCHEMAS = {
    "GazetteRef": _obj({"code": STR, "name": STR, "url": STR, "api_url": STR}),
    "GazetteIssue": _obj(_ISSUE),
    "GazetteArticle": _obj(
        {
            "id": INT,
            "title": STR,
            "section": STR,
            "doc_number": STR,
            "kind": _s("string", enum=[k for k, _ in Article.KIND_CHOICES]),
            "kind_label": STR,
            "issuer": STR,
            "signed_on": DATE,
            "page_start": NINT,
            "page_end": NINT,
            "url": STR,
            "catalog_item": {"allOf": [_ref("ItemLink")], "nullable": True},
        }  # fmt: skip
    ),
    "GazetteIssueList": {
        **_list_of("GazetteIssue"),
    },
    "GazetteIssueDetail": _obj(
        {
            **_ISSUE,
            "gazette": _ref("GazetteRef"),
            "articles": {"type": "array", "items": _ref("GazetteArticle")},
        }
    ),
}
SCHEMAS["GazetteIssueList"]["properties"]["gazette"] = _ref("GazetteRef")
SCHEMAS["GazetteIssueList"]["required"].append("gazette")
CODE = _param("code", "政府的机构代码（部门代码即其所属政府）", STR, True, "path")
PATHS = {
    "/api/v1/gazettes/{code}/issues": _get(
        "政府公报的期次列表（新的在前）",
        [CODE, _param("year", "年份", _s("integer", minimum=MIN_YEAR, maximum=MAX_YEAR))] + PAGING,
        "GazetteIssueList",
        {**BAD, **NOT_FOUND},
        "listGazetteIssues",
    ),
    "/api/v1/gazettes/{code}/issues/{id}": _get(
        "一期政府公报及其目录（文章、文号、页码、对应的公开信息）",
        [CODE, _param("id", "期次编号", INT, True, "path")],
        "GazetteIssueDetail",
        NOT_FOUND,
        "getGazetteIssue",
    ),
}
