"""The portal's policy library (政策文件库) and search page. Read-only, like ``views``."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from gongkai.catalog.models import Item

from . import queries
from .params import (
    KINDS,
    SEARCH_SORTS,
    SORT_LABELS,
    VALIDITY,
    ParamError,
    parse_item_filters,
)
from .views import _query_url, bad_request, pager


def _org_choices():
    """(city, [orgs]) for the organisation menus."""

    def walk(n, depth, out):
        out.append((n["org"], "\u3000" * depth))
        for c in n["children"]:
            walk(c, depth + 1, out)
        return out

    return [(node["org"], walk(node, 0, [])) for node in queries.org_tree()]


@require_safe
def policy_library(request):
    try:
        filters = parse_item_filters(request.GET)
    except ParamError as err:
        return bad_request(request, err, reverse("portal:library"))
    page_of = queries.paginate(
        queries.filter_items(filters, policy_only=True), filters.page, filters.per_page
    )
    path = reverse("portal:library")
    ctx = {
        "filters": filters,
        "page_of": page_of,
        "pager": pager(page_of, lambda n: _query_url(path, filters.query_params(page=n))),
        "org_choices": _org_choices(),
        "years": queries.year_values(),
        "genres": queries.distinct_values("genre"),
        "themes": queries.distinct_values("theme"),
        "validities": VALIDITY.items(),
        "kinds": [(k, KINDS[k]) for k in Item.POLICY_KINDS],
        "sorts": SORT_LABELS.items(),
        "published_sort_url": _query_url(
            path,
            filters.query_params(sort="oldest" if filters.sort == "newest" else "", page=""),
        ),
        "signed_sort_url": _query_url(
            path,
            filters.query_params(
                sort="signed_oldest" if filters.sort == "signed_newest" else "signed_newest",
                page="",
            ),
        ),
        "nav": "library",
        "share_url": request.build_absolute_uri(_query_url(path, filters.query_params(page=""))),
    }
    return render(request, "portal/library.html", ctx)


def facet_rows(results, params) -> list[dict]:
    """Facets from the search interface as links that add or remove one filter."""
    path = reverse("portal:search")
    facets = results.facets or {}
    codes = queries.org_codes(v[0] for v in facets.get("organisation", []))
    spec = [
        ("kind", "文档类型", "kind"),
        ("organisation", "机构", "org"),
        ("year", "年份", "year"),
        ("genre", "体裁", "genre"),
        ("validity", "有效性", "validity"),
        ("category", "信息类别", "category"),
    ]
    current = {
        "org": params.org.code if params.org else "",
        "year": str(params.year or ""),
        "genre": params.genre,
        "validity": params.validity or "",
        "kind": params.kind or "",
        "category": getattr(params, "category", None) or "",
    }
    rows = []
    for key, label, param in spec:
        values = facets.get(key) or []
        if not values:
            continue
        options = []
        for entry in values:
            value = entry[0]
            text = entry[1] if len(entry) >= 3 else str(entry[0])
            count = entry[-1]
            if key == "validity":
                text = VALIDITY.get(str(value), text)
            if key == "category":
                text = KINDS.get(str(value), text)
            value = codes.get(value, "") if param == "org" else str(value)
            if not value:
                continue
            selected = current[param] == value
            url = _query_url(
                path, params.query_params(**{param: "" if selected else value, "page": ""})
            )
            options.append({"label": text, "count": count, "url": url, "selected": selected})
        rows.append({"label": label, "param": param, "options": options})
    return rows


@require_safe
def search_page(request):
    from gongkai.search import web
    from gongkai.search.query import SearchInputError

    path = reverse("portal:search")
    try:
        params = web.parse_search(request.GET)
    except ParamError as err:
        return bad_request(request, err, path)
    ctx = {
        "params": params,
        "results": None,
        "org_choices": _org_choices(),
        "years": queries.year_values(),
        "validities": VALIDITY.items(),
        "doc_kinds": web.kind_choices(),
        "sorts": SEARCH_SORTS.items(),
        "nav": "search",
    }
    if not params.q and not params.has_filters:
        return render(request, "portal/search.html", ctx)
    try:
        results = queries.run_search(params)
    except SearchInputError as err:
        return bad_request(request, ParamError(err.field or "q", err.message), path)
    except queries.SearchUnavailable:
        return render(request, "portal/search_unavailable.html", ctx, status=503)
    page_of = queries.PageOf(
        items=results.hits, total=results.total, page=params.page, per_page=params.per_page
    )
    hits = [
        {
            "hit": h,
            "title_html": queries.marked_html(h.title_html),
            "snippet_html": queries.marked_html(h.snippet_html),
            "url": queries.item_url(h.item_id) if h.kind == "item" else h.url,
            "validity_label": VALIDITY.get(h.validity, h.validity),
        }
        for h in results.hits
    ]
    ctx.update(
        {
            "results": results,
            "hits": hits,
            "hit_start": (params.page - 1) * params.per_page + 1,
            "page_of": page_of,
            "facets": facet_rows(results, params),
            "pager": pager(page_of, lambda n: _query_url(path, params.query_params(page=n))),
            "sort_links": [
                (
                    key,
                    label,
                    _query_url(path, params.query_params(sort=key, page="")),
                    key == params.sort,
                )
                for key, label in SEARCH_SORTS.items()
            ],
            "suggestion_url": _query_url(path, params.query_params(q=results.suggestion, page=""))
            if results.suggestion
            else None,
        }
    )
    return render(request, "portal/search.html", ctx)
