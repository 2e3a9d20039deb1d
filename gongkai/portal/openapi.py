"""The OpenAPI 3.0 document of /api/v1/, written as data.

tests/portal/test_api_schema.py calls every path listed here and checks each answer against the
schema given, so this document and the endpoints in api.py cannot drift apart unnoticed.
"""

from __future__ import annotations

from .params import KINDS, MAX_PAGE, MAX_PER_PAGE, MAX_QUERY_CHARS, SEARCH_SORTS, SORTS, VALIDITY


def _s(type_, **kw):
    return {"type": type_, **kw}


STR = _s("string")
NSTR = _s("string", nullable=True)
INT = _s("integer")
DATE = _s("string", format="date", nullable=True)
DATETIME = _s("string", format="date-time", nullable=True)


def _obj(props: dict, required=None) -> dict:
    return {"type": "object", "properties": props, "required": list(required or props)}


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _list_of(schema_name):
    return _obj(
        {
            "total": INT,
            "page": INT,
            "per_page": INT,
            "pages": INT,
            "results": {"type": "array", "items": _ref(schema_name)},
        }
    )


SCHEMAS = {
    "Error": _obj(
        {"error": _obj({"code": STR, "message": STR, "param": STR}, required=["code", "message"])}
    ),
    "OrgRef": _obj({"code": STR, "name": STR, "api_url": STR}),
    "ItemLink": _obj({"id": INT, "title": STR, "url": STR, "api_url": STR}),
    "ItemSummary": _obj(
        {
            "id": INT,
            "title": STR,
            "url": STR,
            "api_url": STR,
            "index_no": STR,
            "doc_number": STR,
            "organisation": _ref("OrgRef"),
            "kind": _s("string", enum=list(KINDS)),
            "kind_label": STR,
            "genre": STR,
            "theme": STR,
            "signed_on": DATE,
            "published_at": DATETIME,
            "validity": _s("string", enum=list(VALIDITY)),
            "validity_label": STR,
        }
    ),
    "Attachment": _obj(
        {"id": INT, "name": STR, "size": INT, "content_type": STR, "download_url": STR}
    ),
    "ItemDetail": {
        "allOf": [
            _ref("ItemSummary"),
            _obj(
                {
                    "issuers": {"type": "array", "items": STR},
                    "keywords": STR,
                    "five_category": STR,
                    "effective_on": DATE,
                    "expires_on": DATE,
                    "validity_changed_on": DATE,
                    "replaced_by": {"allOf": [_ref("ItemLink")], "nullable": True},
                    "body_html": _s("string", description="已清理的正文 HTML"),
                    "body_text": STR,
                    "attachments": {"type": "array", "items": _ref("Attachment")},
                    "interpretations": {"type": "array", "items": _ref("ItemLink")},
                    "interprets": {"type": "array", "items": _ref("ItemLink")},
                    "columns": {
                        "type": "array",
                        "items": _obj({"organisation": STR, "slug": STR, "name": STR}),
                    },
                }
            ),
        ]
    },
    "ItemList": _list_of("ItemSummary"),
    "SearchHit": _obj(
        {
            "id": _s("integer", description="文档在其类型内的编号"),
            "kind": _s("string", description="文档类型（如 item 政府信息、gazette 政府公报）"),
            "kind_label": STR,
            "title_html": _s("string", description="已转义，命中词以 <mark> 标出"),
            "snippet_html": _s("string", description="已转义，命中词以 <mark> 标出"),
            "url": STR,
            "api_url": _s("string", nullable=True, description="仅政府信息（kind=item）有"),
            "score": _s("number"),
            "published_at": DATETIME,
            "organisation": STR,
            "doc_number": STR,
            "validity": STR,
        }
    ),
    "FacetValue": _obj({"value": {"oneOf": [STR, INT]}, "label": STR, "count": INT}),
    "SearchResults": {
        "allOf": [
            _list_of("SearchHit"),
            _obj(
                {
                    "q": STR,
                    "suggestion": NSTR,
                    "facets": {
                        "type": "object",
                        "additionalProperties": {"type": "array", "items": _ref("FacetValue")},
                    },
                }
            ),
        ]
    },
    "OrgSummary": _obj(
        {
            "code": STR,
            "name": STR,
            "short_name": STR,
            "level": STR,
            "level_label": STR,
            "parent": NSTR,
            "city": NSTR,
            "url": STR,
            "api_url": STR,
        }
    ),
    "OrgList": _list_of("OrgSummary"),
    "OrgDetail": {
        "allOf": [
            _ref("OrgSummary"),
            _obj(
                {
                    "address": STR,
                    "postcode": STR,
                    "phone": STR,
                    "fax": STR,
                    "email": STR,
                    "website": STR,
                    "office_hours": STR,
                    "how_to_apply": STR,
                    "functions": STR,
                    "children": {"type": "array", "items": STR},
                    "catalog_api_url": STR,
                    "guide_url": STR,
                    "feed_rss_url": STR,
                    "feed_atom_url": STR,
                }
            ),
        ]
    },
    "CatalogNode": _obj(
        {
            "slug": STR,
            "name": STR,
            "kind": STR,
            "content": STR,
            "basis": STR,
            "time_limit": STR,
            "publisher": STR,
            "channels": STR,
            "audience": STR,
            "mode": STR,
            "item_count": INT,
            "total_item_count": INT,
            "url": STR,
            "feed_rss_url": STR,
            "children": {"type": "array", "items": _ref("CatalogNode")},
        }
    ),
    "Catalog": _obj(
        {
            "organisation": _ref("OrgRef"),
            "sections": {
                "type": "array",
                "items": _obj(
                    {
                        "key": STR,
                        "label": STR,
                        "columns": {"type": "array", "items": _ref("CatalogNode")},
                    }
                ),
            },
        }
    ),
    "ApiIndex": _obj(
        {"name": STR, "version": STR, "endpoints": {"type": "object", "additionalProperties": STR}}
    ),
}


def _param(name, description, schema, required=False, where="query", example=None):
    p = {
        "name": name,
        "in": where,
        "required": required,
        "description": description,
        "schema": schema,
    }
    if example is not None:
        p["example"] = example
    return p


PAGING = [
    _param("page", "页码", _s("integer", minimum=1, maximum=MAX_PAGE, default=1)),
    _param("per_page", "每页条数", _s("integer", minimum=1, maximum=MAX_PER_PAGE, default=20)),
]
ITEM_FILTERS = [
    _param("org", "机构代码（含下级机构）", STR),
    _param("year", "发布年份", _s("integer", minimum=1949, maximum=2100)),
    _param("genre", "体裁（通知、意见、办法 ……）", _s("string", maxLength=30)),
    _param("theme", "主题分类", _s("string", maxLength=60)),
    _param("validity", "有效性", _s("string", enum=list(VALIDITY))),
    _param("kind", "信息类别", _s("string", enum=list(KINDS))),
    _param("doc_number", "发文字号（包含即可）", _s("string", maxLength=80)),
    _param("title", "标题包含", _s("string", maxLength=100)),
    _param("column", "栏目代码（需同时指定 org；含下级栏目）", _s("string", maxLength=60)),
    _param("sort", "排序", _s("string", enum=list(SORTS), default="newest")),
]
SEARCH_PARAMS = [
    _param(
        "q", "检索词", _s("string", minLength=1, maxLength=MAX_QUERY_CHARS), True, example="低保"
    ),
    _param("org", "机构代码（含下级机构）", STR),
    _param("year", "发布年份", _s("integer", minimum=1949, maximum=2100)),
    _param("genre", "体裁", _s("string", maxLength=30)),
    _param("validity", "有效性", _s("string", enum=list(VALIDITY))),
    _param(
        "kind",
        "文档类型：已登记的文档类型代码，如 item（政府信息）、gazette（政府公报）、"
        "consultation（意见征集）；为兼容旧链接，信息类别代码也按 category 处理",
        _s("string", maxLength=40),
    ),
    _param("category", "信息类别（仅政府信息）", _s("string", enum=list(KINDS))),
    _param("sort", "排序", _s("string", enum=list(SEARCH_SORTS), default="relevance")),
]


def _ok(schema_name, description="成功"):
    return {
        "description": description,
        "content": {"application/json": {"schema": _ref(schema_name)}},
    }


def _err(description):
    return {"description": description, "content": {"application/json": {"schema": _ref("Error")}}}


BAD = {"400": _err("参数有误：error.param 指出哪个参数，error.message 说明原因")}
NOT_FOUND = {"404": _err("不存在")}


def _get(summary, params, ok, extra=None, op_id=""):
    responses = {"200": _ok(ok)}
    responses.update(extra or {})
    return {
        "get": {
            "operationId": op_id,
            "summary": summary,
            "parameters": params,
            "responses": responses,
        }
    }


CODE = _param("code", "机构代码", STR, True, "path")
PATHS = {
    "/api/v1/": _get("接口目录", [], "ApiIndex", op_id="index"),
    "/api/v1/openapi.json": {
        "get": {
            "operationId": "openapi",
            "summary": "本文档（OpenAPI 3）",
            "parameters": [],
            "responses": {
                "200": {
                    "description": "OpenAPI 文档",
                    "content": {
                        "application/json": {
                            "schema": {"type": "object", "required": ["openapi", "paths"]}
                        }
                    },
                }
            },
        }
    },
    "/api/v1/items": _get(
        "公开信息列表（与政策文件库同样的筛选条件）",
        ITEM_FILTERS + PAGING,
        "ItemList",
        BAD,
        "listItems",
    ),
    "/api/v1/items/{id}": _get(
        "一条公开信息（含正文、附件、解读、替代文件）",
        [_param("id", "信息编号", INT, True, "path")],
        "ItemDetail",
        {**NOT_FOUND, "410": _err("已撤回")},
        "getItem",
    ),
    "/api/v1/search": _get(
        "全文检索（与检索页结果相同）",
        SEARCH_PARAMS + PAGING,
        "SearchResults",
        {**BAD, "503": _err("检索服务暂时不可用")},
        "search",
    ),
    "/api/v1/organisations": _get(
        "机构列表",
        [_param("city", "只列出该机构及其下级（机构代码）", STR)]
        + [
            PAGING[0],
            _param(
                "per_page",
                "每页条数",
                _s("integer", minimum=1, maximum=MAX_PER_PAGE, default=MAX_PER_PAGE),
            ),
        ],
        "OrgList",
        BAD,
        "listOrganisations",
    ),
    "/api/v1/organisations/{code}": _get(
        "机构详情（政府信息公开指南所需的联系信息）",
        [CODE],
        "OrgDetail",
        NOT_FOUND,
        "getOrganisation",
    ),
    "/api/v1/organisations/{code}/catalog": _get(
        "机构的公开目录树（按部分分组，含各栏目公开信息数）",
        [CODE],
        "Catalog",
        NOT_FOUND,
        "getCatalog",
    ),
}


_EXTRA_PATHS: dict = {}
_EXTRA_SCHEMAS: dict = {}


def register(paths: dict, schemas: dict | None = None) -> None:
    """Add another app's endpoints to the document (call it in ``AppConfig.ready()``).

    Build the entries with the helpers above (``_get``, ``_param``, ``_obj``, ``_ref``,
    ``_list_of``, ``PAGING``, ``BAD``, ``NOT_FOUND``) so every endpoint reads alike; the
    schema test calls every path of the document, registered ones included.
    """
    _EXTRA_PATHS.update(paths)
    _EXTRA_SCHEMAS.update(schemas or {})


def document(server_url: str = "/") -> dict:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "政务公开平台开放接口",
            "version": "1.0.0",
            "description": (
                f"只读 JSON 接口，无需登录。所有列表分页（page 1–{MAX_PAGE}，per_page 1–{MAX_PER_PAGE}）。"
                "参数有误时返回 400 与中文说明。默认不开放跨域（CORS）。"
            ),
        },
        "servers": [{"url": server_url.rstrip("/") or "/"}],
        "paths": {**PATHS, **_EXTRA_PATHS},
        "components": {"schemas": {**SCHEMAS, **_EXTRA_SCHEMAS}},
    }
