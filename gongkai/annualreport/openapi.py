"""The annual-report endpoints in the OpenAPI document (registered from AppConfig.ready())."""

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
from gongkai.rules.annualreport import tables as T

CELLS3 = _obj({k: INT for k in T.ALL_KEYS})
BLOCK4 = _obj({k: INT for k in T.RESULT_KEYS + ["total"]})
DOCS = _obj({"issued": INT, "repealed": INT, "in_force": INT})
DECISIONS = _obj({"decisions": INT})

SCHEMAS = {
    "AnnualReportSummary": _obj(
        {
            "year": INT,
            "title": STR,
            "kind": _s("string", enum=["own", "summary"]),
            "version": INT,
            "published_at": _s("string", format="date-time", nullable=True),
            "url": STR,
            "api_url": STR,
        }
    ),
    "AnnualReportList": _list_of("AnnualReportSummary"),
    "AnnualReport": {
        "allOf": [
            _ref("AnnualReportSummary"),
            _obj(
                {
                    "organisation": _obj({"code": STR, "name": STR}),
                    "table2": _obj(
                        {
                            "regulation": DOCS,
                            "normative": DOCS,
                            "licensing": DECISIONS,
                            "penalty": DECISIONS,
                            "enforcement": DECISIONS,
                            "fees": _obj({"amount": STR}),
                        }
                    ),
                    "table3": _obj({code: CELLS3 for code in T.ROW_CODES}),
                    "table4": _obj({b: BLOCK4 for b, _ in T.REMEDY_BLOCKS}),
                    "checks": {
                        "type": "array",
                        "items": _obj(
                            {"name": STR, "ok": _s("boolean"), "detail": STR, "level": STR}
                        ),
                    },
                    "versions": {
                        "type": "array",
                        "items": _obj(
                            {
                                "version": INT,
                                "published_at": _s("string", format="date-time", nullable=True),
                                "change_note": NSTR,
                            }
                        ),
                    },
                }
            ),
        ]
    },
}
CODE = _param("code", "机构代码", STR, True, "path")
PATHS = {
    "/api/v1/organisations/{code}/annual-reports": _get(
        "机构已发布的政府信息公开工作年度报告（每年最新版本）",
        [CODE] + PAGING,
        "AnnualReportList",
        {**BAD, **NOT_FOUND},
        "listAnnualReports",
    ),
    "/api/v1/organisations/{code}/annual-reports/{year}": _get(
        "一份年度报告的表格（2021年格式行代码为键）、核对结果和版本",
        [
            CODE,
            _param(
                "year",
                "年度",
                _s("integer", minimum=2008, maximum=2100),
                True,
                "path",
                example=2025,
            ),
            _param("version", "版本号（默认最新）", _s("integer", minimum=1)),
        ],
        "AnnualReport",
        {**BAD, **NOT_FOUND},
        "getAnnualReport",
    ),
}


def register():
    from gongkai.portal.openapi import register as add

    add(PATHS, SCHEMAS)
