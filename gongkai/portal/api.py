"""The open read API (/api/v1/): JSON over GET, no login, no state change.

Every list is paged (``page`` 1..10000, ``per_page`` 1..100). A bad parameter answers 400 with
``{"error": {"code": "bad_parameter", "param": ..., "message": <zh-hans>}}``. CORS is off unless
``settings.GONGKAI_API_CORS_ORIGINS`` names origins ("*" or a comma-separated list).
The OpenAPI 3 document describing all of this is ``gongkai.portal.openapi``.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse

from gongkai.catalog.models import CatalogEntry, Item
from gongkai.orgs.models import Organisation

from . import queries
from .params import (
    KINDS,
    MAX_PER_PAGE,
    VALIDITY,
    ParamError,
    clean_org,
    clean_paging,
    parse_item_filters,
)

SECTION_LABELS = dict(CatalogEntry.SECTION_CHOICES)
LEVEL_LABELS = dict(Organisation.LEVEL_CHOICES)


def cors_origins() -> list[str]:
    raw = getattr(settings, "GONGKAI_API_CORS_ORIGINS", "") or ""
    if isinstance(raw, (list, tuple)):
        return [o.strip() for o in raw if o and o.strip()]
    return [o.strip() for o in str(raw).split(",") if o.strip()]


def _json(data, status=200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False}, safe=False)


def error(code: str, message: str, status: int, param: str | None = None) -> JsonResponse:
    body = {"code": code, "message": message}
    if param:
        body["param"] = param
    return _json({"error": body}, status=status)


def api_view(view):
    """GET/HEAD only; ParamError → 400; CORS headers only when configured."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        origins = cors_origins()
        if request.method == "OPTIONS" and origins:
            response = _json({}, status=204)
        elif request.method not in ("GET", "HEAD"):
            response = error("method_not_allowed", "开放接口只读，仅支持 GET 请求。", 405)
            response["Allow"] = "GET, HEAD"
        else:
            try:
                response = view(request, *args, **kwargs)
            except ParamError as err:
                response = error("bad_parameter", err.message, 400, err.param)
        if origins:
            origin = request.headers.get("Origin", "")
            if "*" in origins:
                response["Access-Control-Allow-Origin"] = "*"
            elif origin in origins:
                response["Access-Control-Allow-Origin"] = origin
                response["Vary"] = "Origin"
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["X-Content-Type-Options"] = "nosniff"
        return response

    wrapper.csrf_exempt = True  # read-only; lets OPTIONS/POST reach the 405 answer above
    return wrapper


def _abs(request, path: str) -> str:
    return request.build_absolute_uri(path)


def _date(value):
    return value.isoformat() if value else None


def org_ref(request, org: Organisation) -> dict:
    return {
        "code": org.code,
        "name": org.name,
        "api_url": _abs(request, reverse("portal:api_organisation", args=[org.code])),
    }


def item_summary(request, item: Item) -> dict:
    return {
        "id": item.pk,
        "title": item.title,
        "url": _abs(request, queries.item_url(item)),
        "api_url": _abs(request, reverse("portal:api_item", args=[item.pk])),
        "index_no": item.index_no or "",
        "doc_number": item.doc_number,
        "organisation": org_ref(request, item.organisation),
        "kind": item.kind,
        "kind_label": KINDS.get(item.kind, item.kind),
        "genre": item.genre,
        "theme": item.theme,
        "signed_on": _date(item.signed_on),
        "published_at": _date(item.published_at),
        "validity": item.validity,
        "validity_label": VALIDITY.get(item.validity, item.validity),
    }


def _link(request, item: Item) -> dict:
    return {
        "id": item.pk,
        "title": item.title,
        "url": _abs(request, queries.item_url(item)),
        "api_url": _abs(request, reverse("portal:api_item", args=[item.pk])),
    }


def item_full(request, item: Item) -> dict:
    public = Item.objects.public()
    data = item_summary(request, item)
    replaced = item.replaced_by if item.replaced_by_id and item.replaced_by.is_public else None
    data.update(
        {
            "issuers": [i.name for i in item.issuers.all()],
            "keywords": item.keywords,
            "five_category": item.five_category,
            "effective_on": _date(item.effective_on),
            "expires_on": _date(item.expires_on),
            "validity_changed_on": _date(item.validity_changed_on),
            "replaced_by": _link(request, replaced) if replaced else None,
            "body_html": item.body,
            "body_text": item.body_text,
            "attachments": [
                {
                    "id": a.pk,
                    "name": a.name,
                    "size": a.size,
                    "content_type": a.content_type,
                    "download_url": _abs(request, reverse("portal:download", args=[item.pk, a.pk])),
                }
                for a in item.attachments.all()
            ],
            "interpretations": [_link(request, i) for i in public.filter(interprets=item)],
            "interprets": [_link(request, i) for i in public.filter(interpretations=item)],
            "columns": [
                {"organisation": e.organisation.code, "slug": e.slug, "name": e.name}
                for e in item.entries.filter(is_active=True).select_related("organisation")
            ],
        }
    )
    return data


def paged(page_of, results) -> dict:
    return {
        "total": page_of.total,
        "page": page_of.page,
        "per_page": page_of.per_page,
        "pages": page_of.pages,
        "results": results,
    }


# ----- endpoints ---------------------------------------------------------------------------


@api_view
def index(request):
    names = ["api_openapi", "api_items", "api_search", "api_organisations"]
    return _json(
        {
            "name": f"{settings.GONGKAI_SITE_NAME} 开放接口",
            "version": "v1",
            "endpoints": {
                n.removeprefix("api_"): _abs(request, reverse(f"portal:{n}")) for n in names
            },
        }
    )


@api_view
def openapi_document(request):
    from .openapi import document

    return _json(document(_abs(request, "/")))


@api_view
def item_list(request):
    filters = parse_item_filters(request.GET)
    page_of = queries.paginate(queries.filter_items(filters), filters.page, filters.per_page)
    return _json(paged(page_of, [item_summary(request, i) for i in page_of.items]))


@api_view
def item_detail(request, pk):
    item = Item.objects.select_related("organisation", "replaced_by").filter(pk=pk).first()
    if item is None or not item.is_public:
        if (
            item is not None
            and item.state == Item.STATE_WITHDRAWN
            and item.attribute == Item.ATTR_PROACTIVE
        ):
            return error("gone", "该信息已撤回，不再公开。", 410)
        return error("not_found", "没有这条公开信息。", 404)
    return _json(item_full(request, item))


def facets_json(results) -> dict:
    codes = queries.org_codes(v[0] for v in (results.facets or {}).get("organisation", []))
    out = {}
    for key, values in (results.facets or {}).items():
        rows = []
        for entry in values:
            value = entry[0]
            label = entry[1] if len(entry) >= 3 else str(entry[0])
            row = {"value": value, "label": label, "count": entry[-1]}
            if key == "organisation":
                row["value"] = codes.get(value, "")
            rows.append(row)
        out[key] = rows
    return out


@api_view
def search_view(request):
    from gongkai.search import web
    from gongkai.search.query import SearchInputError

    params = web.parse_search(request.GET)
    if not params.q:
        raise ParamError("q", "请输入检索词。")
    try:
        results = queries.run_search(params)
    except SearchInputError as err:
        raise ParamError(err.field or "q", err.message) from err
    except queries.SearchUnavailable:
        return error("search_unavailable", "检索服务暂时不可用，请稍后再试。", 503)
    page_of = queries.PageOf(
        items=results.hits, total=results.total, page=params.page, per_page=params.per_page
    )
    data = paged(
        page_of,
        [
            {
                "id": h.item_id,
                "kind": h.kind,
                "kind_label": h.kind_label,
                "title_html": h.title_html,
                "snippet_html": h.snippet_html,
                "url": _abs(request, queries.item_url(h.item_id) if h.kind == "item" else h.url),
                "api_url": _abs(request, reverse("portal:api_item", args=[h.item_id]))
                if h.kind == "item"
                else None,
                "score": h.score,
                "published_at": _date(h.published_at),
                "organisation": h.organisation,
                "doc_number": h.doc_number,
                "validity": h.validity,
            }
            for h in results.hits
        ],
    )
    data["q"] = params.q
    data["suggestion"] = results.suggestion
    data["facets"] = facets_json(results)
    return _json(data)


def org_summary(request, org: Organisation, codes: dict) -> dict:
    return {
        "code": org.code,
        "name": org.name,
        "short_name": org.short_name,
        "level": org.level,
        "level_label": LEVEL_LABELS.get(org.level, org.level),
        "parent": codes.get(org.parent_id),
        "city": codes.get(org.city_id),
        "url": _abs(request, reverse("portal:org_home", args=[org.code])),
        "api_url": _abs(request, reverse("portal:api_organisation", args=[org.code])),
    }


def _all_codes() -> dict:
    return dict(Organisation.objects.values_list("pk", "code"))


@api_view
def organisation_list(request):
    page, per_page = clean_paging(request.GET, MAX_PER_PAGE)
    city = clean_org(request.GET.get("city"), "city")
    qs = Organisation.objects.filter(is_active=True).order_by("code")
    if city is not None:
        qs = qs.filter(pk__in=city.descendant_ids())
    page_of = queries.paginate(qs, page, per_page)
    codes = _all_codes()
    return _json(paged(page_of, [org_summary(request, o, codes) for o in page_of.items]))


def _get_org(code):
    return Organisation.objects.filter(code=code, is_active=True).first()


@api_view
def organisation_detail(request, code):
    org = _get_org(code)
    if org is None:
        return error("not_found", "没有这个机构。", 404)
    codes = _all_codes()
    data = org_summary(request, org, codes)
    data.update(
        {
            "address": org.address,
            "postcode": org.postcode,
            "phone": org.phone,
            "fax": org.fax,
            "email": org.email,
            "website": org.website,
            "office_hours": org.office_hours,
            "how_to_apply": org.how_to_apply,
            "functions": org.functions,
            "children": [c.code for c in queries.org_children(org)],
            "catalog_api_url": _abs(request, reverse("portal:api_catalog", args=[org.code])),
            "guide_url": _abs(request, reverse("portal:guide", args=[org.code])),
            "feed_rss_url": _abs(request, reverse("portal:feed_org_rss", args=[org.code])),
            "feed_atom_url": _abs(request, reverse("portal:feed_org_atom", args=[org.code])),
        }
    )
    return _json(data)


def node_json(request, org, node) -> dict:
    e = node.entry
    return {
        "slug": e.slug,
        "name": e.name,
        "kind": e.kind,
        "content": e.content,
        "basis": e.basis,
        "time_limit": e.time_limit,
        "publisher": e.publisher,
        "channels": e.channels,
        "audience": e.audience,
        "mode": e.mode,
        "item_count": node.count,
        "total_item_count": node.total,
        "url": _abs(request, reverse("portal:column", args=[org.code, e.slug])),
        "feed_rss_url": _abs(request, reverse("portal:feed_column_rss", args=[org.code, e.slug])),
        "children": [node_json(request, org, c) for c in node.children],
    }


@api_view
def catalog_tree(request, code):
    org = _get_org(code)
    if org is None:
        return error("not_found", "没有这个机构。", 404)
    tree = queries.catalog_tree(org)
    return _json(
        {
            "organisation": org_ref(request, org),
            "sections": [
                {
                    "key": key,
                    "label": label,
                    "columns": [node_json(request, org, n) for n in tree.get(key, [])],
                }
                for key, label in CatalogEntry.SECTION_CHOICES
            ],
        }
    )


@api_view
def not_found(request, rest=""):
    return error("not_found", "没有这个接口，请查看 /api/v1/openapi.json。", 404)
