"""The 数据开放 endpoints in the OpenAPI document (registered from AppConfig.ready())."""

from gongkai.portal.openapi import (
    BAD,
    INT,
    NOT_FOUND,
    NSTR,
    PAGING,
    STR,
    _get,
    _list_of,
    _obj,
    _param,
    _ref,
    _s,
)

NUM_OR_NULL = {"oneOf": [_s("number"), STR], "nullable": True}
SCHEMAS = {
    "DatasetSummary": _obj(
        {
            "id": INT,
            "slug": STR,
            "title": STR,
            "description": STR,
            "theme": STR,
            "organisation": _ref("OrgRef"),
            "frequency": STR,
            "frequency_label": STR,
            "licence": STR,
            "period_count": INT,
            "first_period": NSTR,
            "last_period": NSTR,
            "url": STR,
            "api_url": STR,
        }
    ),
    "DatasetList": _list_of("DatasetSummary"),
    "DatasetDetail": {
        "allOf": [
            _ref("DatasetSummary"),
            _obj(
                {
                    "contact": STR,
                    "schema": _obj(
                        {
                            "period_field": STR,
                            "area_field": STR,
                            "fields": {
                                "type": "array",
                                "items": _obj(
                                    {"name": STR, "type": STR},
                                ),
                            },
                        }
                    ),
                    "missing_periods": {
                        "type": "array",
                        "items": _obj({"period": STR, "label": STR}),
                    },
                    "corrected_periods": {"type": "array", "items": STR},
                    "periods": {
                        "type": "array",
                        "items": _obj({"period": STR, "label": STR, "version": INT}),
                    },
                    "downloads": _obj({"csv": STR, "xlsx": STR, "json": STR}),
                    "rows_api_url": STR,
                },
                required=["schema", "missing_periods", "periods", "downloads", "rows_api_url"],
            ),
        ]
    },
    "DatasetRow": _obj(
        {
            "period": STR,
            "period_label": STR,
            "area": STR,
            "values": {"type": "object", "additionalProperties": NUM_OR_NULL},
            "version": INT,
        }
    ),
    "DatasetRows": {
        "allOf": [
            _list_of("DatasetRow"),
            _obj({"units": {"type": "object", "additionalProperties": STR}}),
        ]
    },
    "DcatCatalog": {"type": "object", "required": ["@context", "@type", "dcat:dataset"]},
}

ID = _param("id", "数据集编号", INT, True, "path")
ROW_PARAMS = [
    _param(
        "period_from",
        "起始统计期（含），如 2026-01、2026-Q1、2026年3月或期内任一日期",
        _s("string", maxLength=30),
    ),
    _param("period_to", "结束统计期（含）", _s("string", maxLength=30)),
    _param("area", "县市区（分地区的数据集）", _s("string", maxLength=40)),
]
ROWS_PAGING = [
    PAGING[0],
    _param("per_page", "每页条数", _s("integer", minimum=1, maximum=100, default=100)),
]
PATHS = {
    "/api/v1/datasets": _get("数据集列表（数据开放）", PAGING, "DatasetList", BAD, "listDatasets"),
    "/api/v1/datasets/dcat.jsonld": _get(
        "数据开放目录（DCAT，JSON-LD），供上级平台汇聚", [], "DcatCatalog", None, "dcatCatalog"
    ),
    "/api/v1/datasets/{id}": _get(
        "一个数据集：数据结构、各统计期、缺期、更正、下载地址",
        [ID],
        "DatasetDetail",
        NOT_FOUND,
        "getDataset",
    ),
    "/api/v1/datasets/{id}/rows": _get(
        "数据集的数据行（现行版本），按统计期和县市区筛选",
        [ID] + ROW_PARAMS + ROWS_PAGING,
        "DatasetRows",
        {**BAD, **NOT_FOUND},
        "getDatasetRows",
    ),
}
