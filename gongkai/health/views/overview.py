"""网站健康: a city's organisations with traffic lights (staff)."""

from __future__ import annotations

from django.shortcuts import redirect, render

from gongkai.accounts.permissions import can, org_ids_for
from gongkai.core.errors import Forbidden
from gongkai.core.sheets import xlsx_response
from gongkai.orgs.models import Organisation
from gongkai.rules import dates
from gongkai.rules.health import scored
from gongkai.rules.health.indicators import RULE_LABELS, RULES

from ..actions.indicators import office_city
from ..queries import check_city, indicators_for, messages_enabled
from ..reports import findings_sheets
from ..scoring import QUARTER, YEAR, results_scores
from .common import LIGHTS, org_or_404, require_view, staff_only


def _cities(user):
    ids = org_ids_for(user, "view_internal")
    return [
        c for c in Organisation.objects.filter(parent__isnull=True, is_active=True) if c.pk in ids
    ]


@staff_only
def overview(request):
    cities = _cities(request.user)
    if not cities:
        ids = org_ids_for(request.user, "view_internal")
        mine = Organisation.objects.filter(pk__in=ids, is_active=True).order_by("sort_order")
        if not mine:
            raise Forbidden("您没有查看网站健康情况的权限。")
        return redirect("health:org", code=mine[0].code)
    code = request.GET.get("city") or cities[0].code
    city = next((c for c in cities if c.code == code), cities[0])
    as_of = dates.today()
    results = check_city(city, as_of)
    rows = [
        {
            "org": r.organisation,
            "light": r.result.light,
            "light_label": LIGHTS[r.result.light][0],
            "score": r.score,
            "vetoes": r.result.vetoes,
            "counts": [r.result.count(rule) for rule in RULES],
            "predicted": len(r.result.predicted),
        }
        for r in results
    ]
    rows.sort(key=lambda x: ({"red": 0, "amber": 1, "green": 2}[x["light"]], x["org"].sort_order))
    key = QUARTER if request.GET.get("period") == QUARTER else YEAR
    period, city_items, org_items = results_scores(results, as_of, key)
    score_rows = [
        {"org": r.organisation, "groups": scored.by_group(org_items[r.organisation.pk]),
         "total": scored.totals(org_items[r.organisation.pk])}
        for r in results
    ]  # fmt: skip
    totals = {k: sum(1 for r in rows if r["light"] == k) for k in LIGHTS}
    return render(
        request,
        "health/overview.html",
        {
            "city": city,
            "cities": cities,
            "rows": rows,
            "rules": [(rule, RULE_LABELS[rule]) for rule in RULES],
            "totals": totals,
            "lights": LIGHTS,
            "as_of": as_of,
            "indicators": indicators_for(as_of.year),
            "messages_enabled": messages_enabled(),
            "period": period,
            "period_key": key,
            "groups": scored.GROUPS,
            "city_items": city_items,
            "city_groups": scored.by_group(city_items),
            "city_total": scored.totals(city_items),
            "score_rows": score_rows,
            "can_edit_indicators": office_city(request.user) is not None,
        },
    )


@staff_only
def city_xlsx(request, code):
    city = org_or_404(code)
    require_view(request.user, city)
    if not can(request.user, "view_internal", city):
        raise Forbidden("您没有查看该市网站健康情况的权限。")
    as_of = dates.today()
    return xlsx_response(f"{city.name}网站健康问题清单{as_of:%Y%m%d}.xlsx",
                         findings_sheets(check_city(city, as_of)))  # fmt: skip
