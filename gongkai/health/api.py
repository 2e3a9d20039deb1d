"""/api/v1/organisations/<code>/health: the public summary (vetoes and counts, nothing internal:
no message subjects, no staff links, no names)."""

from __future__ import annotations

from gongkai.orgs.models import Organisation
from gongkai.portal.api import _json, api_view, error
from gongkai.rules.health import scored
from gongkai.rules.health.indicators import RULE_LABELS, RULES

from .queries import check_org
from .scoring import scores_json

LIVE_CACHE_CONTROL = "public, max-age=60"


@api_view
def org_health(request, code):
    org = Organisation.objects.filter(code=code, is_active=True).first()
    if org is None:
        return error("not_found", "没有这个机构。", 404)
    r = check_org(org)
    res = r.result
    response = _json(
        {
            "organisation": org.code,
            "name": org.name,
            "as_of": res.as_of.isoformat(),
            "status": res.light,
            "passed": not res.vetoes,
            "score": r.score,
            "vetoes": [
                {"rule": v.rule, "label": v.label, "count": v.count, "threshold": v.threshold}
                for v in res.vetoes
            ],
            "counts": {rule: res.count(rule) for rule in RULES},
            "predicted": len(res.predicted),
            "columns": res.counts.get("columns", 0),
            "scores_period": r.period.as_dict(),
            "scores": scores_json(r.scores),
        }
    )
    # Computed from everything the organisation publishes and answers, as of today: no change
    # announces all of it, so it is not in the page cache; shared caches may keep it a minute.
    response["Cache-Control"] = LIVE_CACHE_CONTROL
    return response


def register_openapi() -> None:
    from gongkai.portal.openapi import NOT_FOUND, _get, _obj, _param, _s, register

    count = _s("integer", minimum=0)
    num = _s("number", nullable=True)
    score_item = _obj(
        {
            "indicator": _s("string", enum=[s.id for s in scored.SPECS]),
            "label": _s("string"),
            "group": _s("string", enum=scored.GROUPS),
            "unit": _s("string", enum=[scored.COUNT, scored.RATE]),
            "value": num,
            "points": num,
            "max": _s("number", minimum=0),
        },
        ["indicator", "label", "group", "unit", "value", "points", "max"],
    )
    register(
        {
            "/api/v1/organisations/{code}/health": _get(
                "机构网站健康概况（按《政府网站与政务新媒体检查指标》单项否决项和问题数）",
                [_param("code", "机构代码", _s("string"), True, "path")],
                "OrgHealth",
                NOT_FOUND,
                "getOrganisationHealth",
            )
        },
        {
            "OrgHealth": _obj(
                {
                    "organisation": _s("string"),
                    "name": _s("string"),
                    "as_of": _s("string", format="date"),
                    "status": _s("string", enum=["green", "amber", "red"]),
                    "passed": _s("boolean"),
                    "score": _s("integer", minimum=0, maximum=100),
                    "vetoes": {
                        "type": "array",
                        "items": _obj(
                            {
                                "rule": _s("string", enum=RULES),
                                "label": _s("string"),
                                "count": count,
                                "threshold": _s("number"),
                            },
                            ["rule", "label", "count", "threshold"],
                        ),
                    },
                    "counts": _obj({rule: count for rule in RULE_LABELS}, list(RULE_LABELS)),
                    "predicted": count,
                    "columns": count,
                    "scores_period": _obj(
                        {
                            "period": _s("string", enum=["year", "quarter"]),
                            "start": _s("string", format="date"),
                            "end": _s("string", format="date"),
                        },
                        ["period", "start", "end"],
                    ),
                    "scores": {"type": "array", "items": score_item},
                },
                ["organisation", "name", "as_of", "status", "passed", "score", "vetoes", "counts"],
            )
        },
    )
